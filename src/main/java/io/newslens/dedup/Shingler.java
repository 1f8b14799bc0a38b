package io.newslens.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Word k-shingles as 64-bit hashes, and the exact-duplicate key of a text.
 *
 * <p>A shingle is k consecutive normalized words ({@link WordTokenizer}); its hash mixes the words' hashes in order
 * (a 64-bit FNV-1a of each word, then the MurmurHash3 finalizer over the running combination). A text with fewer
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

  /**
   * Hash of every window of {@code k} words, in text order (position i covers words i..i+k-1), duplicates kept.
   * Fewer than k words: one hash of all of them; no words: empty.
   */
  public static long[] windowHashes(String[] words, int k) {
    if (k < 1) throw new IllegalArgumentException("shingle size must be >= 1, got " + k);
    int n = words.length;
    if (n == 0) return new long[0];
    long[] wh = new long[n];
    for (int i = 0; i < n; i++) wh[i] = wordHash(words[i]);
    int m = Math.max(1, n - k + 1);
    int width = Math.min(k, n);
    long[] out = new long[m];
    for (int i = 0; i < m; i++) {
      long h = width;
      for (int j = 0; j < width; j++) h = fmix64(h * 31 + wh[i + j]);
      out[i] = h;
    }
    return out;
  }

  /** The distinct shingle hashes of the words, sorted ascending: the set compared by Jaccard and MinHash. */
  public static long[] shingleSet(String[] words, int k) {
    long[] h = windowHashes(words, k);
    Arrays.sort(h);
    int n = 0;
    for (int i = 0; i < h.length; i++) if (n == 0 || h[i] != h[n - 1]) h[n++] = h[i];
    return Arrays.copyOf(h, n);
  }

  /**
   * Exact-duplicate key: the first 32 hex digits of SHA-256 over the normalized words joined by single spaces,
   * so texts that differ only in typography, case, accents and spacing share it. Null when there are no words
   * (empty texts are not duplicates of each other).
   */
  public static String exactKey(String[] words) {
    if (words.length == 0) return null;
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (int i = 0; i < words.length; i++) {
      if (i > 0) md.update((byte) ' ');
      md.update(words[i].getBytes(StandardCharsets.UTF_8));
    }
    byte[] d = md.digest();
    StringBuilder b = new StringBuilder(32);
    for (int i = 0; i < 16; i++) b.append(String.format("%02x", d[i] & 0xff));
    return b.toString();
  }
}
