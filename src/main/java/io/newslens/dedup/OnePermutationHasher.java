package io.newslens.dedup;

import java.io.Serializable;
/**
 * One-permutation MinHash with optimal densification (Shrivastava, "Optimal Densification for Fast and Accurate
 * Minwise Hashing", ICML 2017): one hash evaluation per shingle instead of one per signature position.
 *
 * <ol>
 *   <li>Each shingle hash s is mixed once with the seed: h = fmix64(s XOR fmix64(seed)). Its top 32 bits pick one of
 *       the {@code bins} bins (multiply-shift: bin = (h<sub>hi</sub> · bins) &gt;&gt;&gt; 32), and each bin keeps the
 *       smallest h (signed order) that falls in it.</li>
 *   <li>An empty bin i borrows the value of a non-empty bin chosen by a seeded sequence that depends on i and the
 *       attempt only (so two documents probe the same bins): bin j<sub>a</sub> = pick(fmix64(salt + i·2^32 + a)) for
 *       a = 1, 2, … until one is non-empty.</li>
 * </ol>
 *
 * <p>As with k independent hash functions, the share of positions where two signatures agree estimates the
 * Jaccard similarity of the two sets ({@link MinHasher#estimate}), and the positions can be banded for LSH
 * ({@link Banding#bandKeys}). An empty set has no signature (null).
 */
public final class OnePermutationHasher implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int bins;
  private final long mix;
  private final long salt;

  /** {@code bins} signature positions, hash family chosen by {@code seed}. */
  public OnePermutationHasher(int bins, long seed) {
    if (bins < 1) throw new IllegalArgumentException("bins must be >= 1, got " + bins);
    this.bins = bins;
    this.mix = Shingler.fmix64(seed);
    this.salt = Shingler.fmix64(seed + 0x9E3779B97F4A7C15L);
  }

  public int bins() {
    return bins;
  }

  /** The bin of a 64-bit hash: its top 32 bits scaled to [0, bins). */
  static int bin(long h, int bins) {
    return (int) (((h >>> 32) * bins) >>> 32);
  }

  /** The signature of a set of shingle hashes (duplicates allowed, any order); null for an empty set. */
  public long[] signature(long[] shingles) {
    if (shingles.length == 0) return null;
    long[] sig = new long[bins];
    boolean[] filled = new boolean[bins];
    int nFilled = 0;
    for (long s : shingles) {
      long h = Shingler.fmix64(s ^ mix);
      int b = bin(h, bins);
      if (!filled[b]) {
        filled[b] = true;
        sig[b] = h;
        nFilled++;
      } else if (h < sig[b]) {
        sig[b] = h;
      }
    }
    if (nFilled == bins) return sig;
    long[] dense = sig.clone();
    for (int i = 0; i < bins; i++) {
      if (filled[i]) continue;
      for (long a = 1; ; a++) {
        int j = bin(Shingler.fmix64(salt + ((long) i << 32) + a), bins);
        if (filled[j]) {
          dense[i] = sig[j];
          break;
        }
      }
    }
    return dense;
  }

  /** Which bins a set fills before densification (tests). */
  boolean[] filledBins(long[] shingles) {
    boolean[] filled = new boolean[bins];
    for (long s : shingles) filled[bin(Shingler.fmix64(s ^ mix), bins)] = true;
    return filled;
  }
}
