package io.newslens.stories;

import java.util.Arrays;

/**
 * Connected components over 64-bit keys, for the edges the stage streams to the driver: union by size with path
 * halving, keys held in an open-addressing table (about 24 bytes a key, no boxing). Each component is labelled with
 * its smallest key, so the labels depend on the edges only, never on their order. Plain Java; no Spark.
 */
public final class UnionFind {
  private static final long EMPTY = 0L; // slot marker; key 0 is kept aside in zeroIndex
  private long[] keys;
  private int[] slots; // table slot -> index + 1
  private int[] parent = new int[16];
  private int[] size = new int[16];
  private long[] keyOf = new long[16];
  private int n;
  private int zeroIndex = -1;

  public UnionFind() {
    keys = new long[64];
    slots = new int[64];
  }

  /** Keys seen so far. */
  public int size() {
    return n;
  }

  /** Joins the components of a and b (adding the keys if new). */
  public void union(long a, long b) {
    int ra = root(index(a));
    int rb = root(index(b));
    if (ra == rb) return;
    if (size[ra] < size[rb]) {
      int t = ra;
      ra = rb;
      rb = t;
    }
    parent[rb] = ra;
    size[ra] += size[rb];
  }

  /**
   * Every key with its component label (the smallest key of its component): parallel arrays sorted by key, for a
   * binary-search lookup ({@link #label}).
   */
  public long[][] labels() {
    long[] min = new long[n];
    Arrays.fill(min, Long.MAX_VALUE);
    for (int i = 0; i < n; i++) {
      int r = root(i);
      min[r] = Math.min(min[r], keyOf[i]);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (x, y) -> Long.compare(keyOf[x], keyOf[y]));
    long[] k = new long[n];
    long[] label = new long[n];
    for (int i = 0; i < n; i++) {
      k[i] = keyOf[order[i]];
      label[i] = min[root(order[i])];
    }
    return new long[][] {k, label};
  }

  /** The label of key in {@link #labels()}'s arrays, or the key itself when it is in no edge. */
  public static long label(long[][] labels, long key) {
    int i = Arrays.binarySearch(labels[0], key);
    return i >= 0 ? labels[1][i] : key;
  }

  private int root(int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private int index(long key) {
    if (key == EMPTY) {
      if (zeroIndex < 0) zeroIndex = add(key);
      return zeroIndex;
    }
    int mask = keys.length - 1;
    int s = mix(key) & mask;
    while (keys[s] != EMPTY) {
      if (keys[s] == key) return slots[s] - 1;
      s = (s + 1) & mask;
    }
    int i = add(key);
    keys[s] = key;
    slots[s] = i + 1;
    if (2L * n > keys.length) rehash();
    return i;
  }

  private int add(long key) {
    if (n == parent.length) {
      parent = Arrays.copyOf(parent, n * 2);
      size = Arrays.copyOf(size, n * 2);
      keyOf = Arrays.copyOf(keyOf, n * 2);
    }
    parent[n] = n;
    size[n] = 1;
    keyOf[n] = key;
    return n++;
  }

  private void rehash() {
    long[] oldKeys = keys;
    int[] oldSlots = slots;
    keys = new long[oldKeys.length * 2];
    slots = new int[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] == EMPTY) continue;
      int s = mix(oldKeys[j]) & mask;
      while (keys[s] != EMPTY) s = (s + 1) & mask;
      keys[s] = oldKeys[j];
      slots[s] = oldSlots[j];
    }
  }

  private static int mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    return (int) k;
  }
}
