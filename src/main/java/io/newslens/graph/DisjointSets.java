package io.newslens.graph;

import java.util.Arrays;

/**
 * Disjoint sets over the dense indices 0, 1, 2, … in the order they are added: union by size with path halving, so
 * a union or a find costs near-constant amortised time whatever the order of the edges. The core of the
 * connected-components kernels that run on the driver (dedup's clusters over doc_id strings, stories' components over
 * 64-bit unit keys), which keep their own key-to-index tables. Plain Java; no Spark.
 */
public final class DisjointSets {
  private int[] parent = new int[16];
  private int[] size = new int[16];
  private int n;

  /** Indices added so far. */
  public int size() {
    return n;
  }

  /** Adds the next index as a set of its own and returns it. */
  public int add() {
    if (n == parent.length) {
      parent = Arrays.copyOf(parent, 2 * n);
      size = Arrays.copyOf(size, 2 * n);
    }
    parent[n] = n;
    size[n] = 1;
    return n++;
  }

  /** The root of i's set (halving the path on the way). */
  public int find(int i) {
    if (i < 0 || i >= n) throw new IndexOutOfBoundsException("index " + i + " of " + n);
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** Joins the sets of a and b; the larger set's root stays root (the first one's on a tie). */
  public void union(int a, int b) {
    int x = find(a);
    int y = find(b);
    if (x == y) return;
    if (size[x] < size[y]) {
      int t = x;
      x = y;
      y = t;
    }
    parent[y] = x;
    size[x] += size[y];
  }
}
