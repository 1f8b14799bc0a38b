package io.newslens.stories;

import io.newslens.graph.DisjointSets;
import java.util.Arrays;

/**
 * Connected components over 64-bit keys, for the edges the stage streams to the driver ({@link DisjointSets}), keys
 * held in an open-addressing table (about 24 bytes a key, no boxing). Each component is labelled with
 * its smallest key, so the labels depend on the edges only, never on their order. Plain Java; no Spark.
 */
public final class UnionFind {
  private static final long EMPTY = 0L; // slot marker; key 0 is kept aside in zeroIndex
  private long[] keys;
  private int[] slots; // table slot -> index + 1
  private final DisjointSets sets = new DisjointSets();
  private long[] keyOf = new long[16];
  private int zeroIndex = -1;

  public UnionFind() {
    keys = new long[64];
    slots = new int[64];
  }

  /** Keys seen so far. */
  public int size() {
    return sets.size();
  }

  /** Joins the components of a and b (adding the keys if new). */
  public void union(long a, long b) {
    sets.union(index(a), index(b));
  }

  /**
   * Every key with its component label (the smallest key of its component): parallel arrays sorted by key, for a
   * binary-search lookup ({@link #label}).
   */
  public long[][] labels() {
    int n = sets.size();
    long[] min = new long[n];
    Arrays.fill(min, Long.MAX_VALUE);
    for (int i = 0; i < n; i++) {
      int r = sets.find(i);
      min[r] = Math.min(min[r], keyOf[i]);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (x, y) -> Long.compare(keyOf[x], keyOf[y]));
    long[] k = new long[n];
    long[] label = new long[n];
    for (int i = 0; i < n; i++) {
      k[i] = keyOf[order[i]];
      label[i] = min[sets.find(order[i])];
    }
    return new long[][] {k, label};
  }

  /** The label of key in {@link #labels()}'s arrays, or the key itself when it is in no edge. */
  public static long label(long[][] labels, long key) {
    int i = Arrays.binarySearch(labels[0], key);
    return i >= 0 ? labels[1][i] : key;
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
    if (2L * sets.size() > keys.length) rehash();
    return i;
  }

  private int add(long key) {
    int i = sets.add();
    if (i == keyOf.length) keyOf = Arrays.copyOf(keyOf, 2 * i);
    keyOf[i] = key;
    return i;
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
