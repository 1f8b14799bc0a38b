package io.newslens.dedup;

import java.io.Serializable;

/**
 * Banded LSH over MinHash signatures: the signature is cut into {@code bands} bands of {@code rows} rows; two
 * documents become a candidate pair when all rows of at least one band agree. A pair of Jaccard similarity s is a
 * candidate with probability 1 − (1 − s^rows)^bands (the S-curve), whose steepest point is near
 * (1/bands)^(1/rows).
 *
 * <p>{@link #forThreshold} picks bands × rows for a target similarity the way datasketch's MinHashLSH does: among
 * all bands·rows ≤ numHashes, the one minimizing the area of false positives below the target plus the area of false
 * negatives above it (equal weights), integrated numerically.
 */
public record Banding(int bands, int rows) implements Serializable {

  public Banding {
    if (bands < 1 || rows < 1) throw new IllegalArgumentException("bands and rows must be >= 1");
  }

  /** Hashes needed: bands × rows. */
  public int numHashes() {
    return bands * rows;
  }

  /** Probability that a pair of Jaccard similarity s shares at least one band. */
  public double probability(double s) {
    return 1 - Math.pow(1 - Math.pow(s, rows), bands);
  }

  /** The similarity where the S-curve is steepest, about (1/bands)^(1/rows). */
  public double threshold() {
    return Math.pow(1.0 / bands, 1.0 / rows);
  }

  /** A target and a number of hashes. */
  private record Target(double t, int numHashes) {}

  /** Bandings already chosen in this JVM: the search below takes about 10 ms, and every task asks again. */
  private static final java.util.Map<Target, Banding> CHOSEN = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Bands × rows (bands·rows ≤ numHashes) minimizing false-positive area below t plus false-negative area above;
   * searched once per JVM for a given target and number of hashes (DedupParams.banding() asks for it wherever a
   * MinHash family is made, which was once per verified document: 9 ms each).
   */
  public static Banding forThreshold(double t, int numHashes) {
    if (!(t > 0 && t < 1)) throw new IllegalArgumentException("threshold must be in (0, 1), got " + t);
    if (numHashes < 1) throw new IllegalArgumentException("numHashes must be >= 1, got " + numHashes);
    return CHOSEN.computeIfAbsent(new Target(t, numHashes), k -> search(t, numHashes));
  }

  private static Banding search(double t, int numHashes) {
    Banding best = null;
    double bestErr = Double.MAX_VALUE;
    for (int b = 1; b <= numHashes; b++) {
      for (int r = 1; r * b <= numHashes; r++) {
        Banding c = new Banding(b, r);
        double err = c.falsePositiveArea(t) + c.falseNegativeArea(t);
        if (err < bestErr - 1e-12) {
          bestErr = err;
          best = c;
        }
      }
    }
    return best;
  }

  /** ∫_0^t P(s) ds (Simpson's rule, 200 intervals). */
  public double falsePositiveArea(double t) {
    return simpson(0, t, false);
  }

  /** ∫_t^1 (1 − P(s)) ds (Simpson's rule, 200 intervals). */
  public double falseNegativeArea(double t) {
    return simpson(t, 1, true);
  }

  private double simpson(double lo, double hi, boolean complement) {
    int n = 200;
    double h = (hi - lo) / n;
    double sum = 0;
    for (int i = 0; i <= n; i++) {
      double s = lo + i * h;
      double f = complement ? 1 - probability(s) : probability(s);
      sum += f * (i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2));
    }
    return sum * h / 3;
  }

  /**
   * One bucket key per band: the band index and its rows mixed into 64 bits. Two signatures share band i exactly
   * when their i-th keys are equal (up to 64-bit hash collisions).
   */
  public long[] bandKeys(long[] signature) {
    if (signature.length < numHashes()) {
      throw new IllegalArgumentException("signature has " + signature.length + " values, banding needs " + numHashes());
    }
    long[] keys = new long[bands];
    for (int i = 0; i < bands; i++) {
      long h = Shingler.fmix64(i + 0x9E3779B97F4A7C15L);
      for (int j = 0; j < rows; j++) h = Shingler.fmix64(h * 31 + signature[i * rows + j]);
      keys[i] = h;
    }
    return keys;
  }

  /**
   * Candidate pairs of one LSH bucket, as indices into {@code members} (which must be sorted, distinct): all pairs
   * (i, j), i &lt; j, when there are at most {@code maxBucket} members; otherwise each member with the first one and
   * with its predecessor, so a huge bucket gives linear work while its members still end up connected. Each pair is
   * packed as i · 2^32 + j.
   */
  public static long[] bucketPairs(int members, int maxBucket) {
    if (members < 2) return new long[0];
    if (members <= maxBucket) {
      long[] out = new long[members * (members - 1) / 2];
      int n = 0;
      for (int i = 0; i < members; i++) for (int j = i + 1; j < members; j++) out[n++] = ((long) i << 32) | j;
      return out;
    }
    long[] out = new long[2 * members - 3];
    int n = 0;
    for (int j = 1; j < members; j++) {
      out[n++] = j;
      if (j > 1) out[n++] = ((long) (j - 1) << 32) | j;
    }
    return out;
  }
}
