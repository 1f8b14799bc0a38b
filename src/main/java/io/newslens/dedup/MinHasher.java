package io.newslens.dedup;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * MinHash signatures from the universal family h_i(x) = (a_i·x + b_i) mod p with the Mersenne prime p = 2^61 − 1,
 * a_i in [1, p) and b_i in [0, p) drawn from a seeded {@link SplittableRandom} (the same family Spark MLlib's
 * MinHashLSH uses, with a larger prime so 64-bit shingle hashes keep their spread). Shingle hashes are first reduced
 * mod p. The fraction of equal positions of two signatures estimates the Jaccard similarity of the two sets.
 *
 * <p>Written by hand because MLlib's MinHashLSH works on sparse vectors over a fixed index space and offers only
 * OR-amplified hash tables, not AND/OR bands.
 */
public final class MinHasher implements Serializable {
  private static final long serialVersionUID = 1L;

  /** 2^61 − 1. */
  public static final long P = (1L << 61) - 1;

  private final long[] a;
  private final long[] b;

  /** {@code numHashes} functions drawn from {@code seed}. */
  public MinHasher(int numHashes, long seed) {
    if (numHashes < 1) throw new IllegalArgumentException("numHashes must be >= 1, got " + numHashes);
    SplittableRandom r = new SplittableRandom(seed);
    a = new long[numHashes];
    b = new long[numHashes];
    for (int i = 0; i < numHashes; i++) {
      a[i] = 1 + r.nextLong(P - 1);
      b[i] = r.nextLong(P);
    }
  }

  /** Explicit coefficients (tests, reproducing another implementation). */
  public MinHasher(long[] a, long[] b) {
    if (a.length == 0 || a.length != b.length) throw new IllegalArgumentException("a and b must have one length");
    for (int i = 0; i < a.length; i++) {
      if (a[i] < 1 || a[i] >= P || b[i] < 0 || b[i] >= P) {
        throw new IllegalArgumentException("coefficients must satisfy 1 <= a < p, 0 <= b < p");
      }
    }
    this.a = a.clone();
    this.b = b.clone();
  }

  public int numHashes() {
    return a.length;
  }

  /** x mod p for any 64-bit x read as unsigned. */
  static long reduce(long x) {
    long r = (x & P) + (x >>> 61);
    return r >= P ? r - P : r;
  }

  /** (a·x + b) mod p for a, x, b in [0, p). */
  static long hash(long a, long x, long b) {
    long lo = a * x;
    long hi = Math.multiplyHigh(a, x);
    long r = (lo & P) + ((lo >>> 61) | (hi << 3));
    r = (r & P) + (r >>> 61);
    r += b;
    r = (r & P) + (r >>> 61);
    return r >= P ? r - P : r;
  }

  /** The signature of a shingle set: for each function, the minimum over the set. Empty set: all p. */
  public long[] signature(long[] shingles) {
    int n = a.length;
    long[] sig = new long[n];
    java.util.Arrays.fill(sig, P);
    for (long s : shingles) {
      long x = reduce(s);
      for (int i = 0; i < n; i++) {
        long h = hash(a[i], x, b[i]);
        if (h < sig[i]) sig[i] = h;
      }
    }
    return sig;
  }

  /** Fraction of positions where two signatures agree: the MinHash estimate of Jaccard similarity. */
  public static double estimate(long[] s1, long[] s2) {
    if (s1.length != s2.length || s1.length == 0) throw new IllegalArgumentException("signatures differ in length");
    int eq = 0;
    for (int i = 0; i < s1.length; i++) if (s1[i] == s2[i]) eq++;
    return (double) eq / s1.length;
  }
}
