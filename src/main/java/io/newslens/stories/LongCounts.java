package io.newslens.stories;

import java.util.Arrays;

/**
 * Counts per 64-bit key in an open-addressing table (about 32 bytes a key, no boxing): how one partition sums its
 * documents' feature ids before the shuffle, so the shuffle carries one row per distinct feature and partition
 * instead of one per document and feature. Plain Java.
 */
public final class LongCounts {
  private long[] keys = new long[1024];
  private long[] counts = new long[1024];
  private boolean[] used = new boolean[1024];
  private int size;

  /** Adds n to the key's count. */
  public void add(long key, long n) {
    int mask = keys.length - 1;
    int s = mix(key) & mask;
    while (used[s]) {
      if (keys[s] == key) {
        counts[s] += n;
        return;
      }
      s = (s + 1) & mask;
    }
    used[s] = true;
    keys[s] = key;
    counts[s] = n;
    if (++size * 2 > keys.length) grow();
  }

  /** Distinct keys held. */
  public int size() {
    return size;
  }

  /** Receives a key and its count. */
  @FunctionalInterface
  public interface Sink {
    void accept(long key, long count);
  }

  /** Hands every key and count to {@code out}, in ascending key order, and empties the table. */
  public void drain(Sink out) {
    long[][] kc = drain();
    for (int i = 0; i < kc[0].length; i++) out.accept(kc[0][i], kc[1][i]);
  }

  /** Every key and its count as two parallel arrays, in ascending key order; empties the table. */
  public long[][] drain() {
    long[] k = new long[size];
    int m = 0;
    for (int i = 0; i < keys.length; i++) if (used[i]) k[m++] = keys[i];
    Arrays.sort(k);
    long[] c = new long[m];
    for (int i = 0; i < m; i++) c[i] = count(k[i]);
    clear();
    return new long[][] {k, c};
  }

  private long count(long key) {
    int mask = keys.length - 1;
    int s = mix(key) & mask;
    while (keys[s] != key || !used[s]) s = (s + 1) & mask;
    return counts[s];
  }

  private void clear() {
    keys = new long[1024];
    counts = new long[1024];
    used = new boolean[1024];
    size = 0;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldCounts = counts;
    boolean[] oldUsed = used;
    keys = new long[oldKeys.length * 2];
    counts = new long[oldKeys.length * 2];
    used = new boolean[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (!oldUsed[i]) continue;
      int s = mix(oldKeys[i]) & mask;
      while (used[s]) s = (s + 1) & mask;
      used[s] = true;
      keys[s] = oldKeys[i];
      counts[s] = oldCounts[i];
    }
  }

  private static int mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    return (int) k;
  }
}
