package io.newslens.dedup;

import java.util.Arrays;

/**
 * Word k-shingles as 64-bit hashes, and the exact-duplicate key of a text.
 *
 * <p>A shingle is k consecutive normalized words ({@link WordTokenizer}); its hash mixes the words' hashes in order
 * (a 64-bit FNV-1a of each word, combined by multiply-rotate steps, then the MurmurHash3 finalizer). A text with fewer
 * than k words but at least one gives one shingle (all its words), so short texts still have a set to compare.
 */
public final class Shingler {
  private Shingler() {}

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  /** MurmurHash3's 64-bit finalizer: a bijection that spreads every input bit over the output. */
  public static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  /** 64-bit hash of one word. */
  public static long wordHash(String w) {
    long h = FNV_OFFSET;
    for (int i = 0; i < w.length(); i++) {
      h ^= w.charAt(i);
      h *= FNV_PRIME;
    }
    return fmix64(h);
  }

  /** The 64-bit hash of each word. */
  public static long[] wordHashes(String[] words) {
    long[] wh = new long[words.length];
    for (int i = 0; i < words.length; i++) wh[i] = wordHash(words[i]);
    return wh;
  }

  /**
   * Hash of every window of {@code k} words, in text order (position i covers words i..i+k-1), duplicates kept.
   * Fewer than k words: one hash of all of them; no words: empty.
   */
  public static long[] windowHashes(String[] words, int k) {
    return windowHashes(wordHashes(words), k);
  }

  /** {@link #windowHashes(String[], int)} from the words' hashes. */
  public static long[] windowHashes(long[] wh, int k) {
    if (k < 1) throw new IllegalArgumentException("shingle size must be >= 1, got " + k);
    int n = wh.length;
    if (n == 0) return new long[0];
    int m = Math.max(1, n - k + 1);
    int width = Math.min(k, n);
    long[] out = new long[m];
    for (int i = 0; i < m; i++) {
      long h = width;
      for (int j = 0; j < width; j++) h = Long.rotateLeft((h ^ wh[i + j]) * 0x9E3779B97F4A7C15L, 29);
      out[i] = fmix64(h);
    }
    return out;
  }

  /** The distinct shingle hashes of the words, sorted ascending: the set compared by Jaccard and MinHash. */
  public static long[] shingleSet(String[] words, int k) {
    return shingleSet(wordHashes(words), k);
  }

  /** {@link #shingleSet(String[], int)} from the words' hashes. */
  public static long[] shingleSet(long[] wordHashes, int k) {
    long[] h = windowHashes(wordHashes, k);
    Arrays.sort(h);
    int n = 0;
    for (int i = 0; i < h.length; i++) if (n == 0 || h[i] != h[n - 1]) h[n++] = h[i];
    return Arrays.copyOf(h, n);
  }

  /**
   * Exact-duplicate key: 128 bits (32 hex digits) over the sequence of normalized word hashes, two independent
   * 64-bit chains, so texts that differ only in typography, case, accents and spacing share it. Null when there are
   * no words (empty texts are not duplicates of each other).
   */
  public static String exactKey(String[] words) {
    return exactKey(wordHashes(words));
  }

  /** {@link #exactKey(String[])} from the words' hashes. */
  public static String exactKey(long[] wordHashes) {
    long[] h = exactKeyHashes(wordHashes);
    return h == null ? null : String.format("%016x%016x", h[0], h[1]);
  }

  /** The two 64-bit halves of {@link #exactKey(long[])} (null when there are no words). */
  public static long[] exactKeyHashes(long[] wordHashes) {
    if (wordHashes.length == 0) return null;
    long h1 = 0x243F6A8885A308D3L;
    long h2 = 0x13198A2E03707344L;
    for (long w : wordHashes) {
      h1 = Long.rotateLeft((h1 ^ w) * 0x9E3779B97F4A7C15L, 31);
      h2 = Long.rotateLeft((h2 + w) * 0xC2B2AE3D27D4EB4FL, 27) ^ w;
    }
    h1 = fmix64(h1 ^ wordHashes.length);
    h2 = fmix64(h2 + h1);
    return new long[] {h1, h2};
  }
}
