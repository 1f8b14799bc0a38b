package io.newslens.dedup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connected components of a graph given as edges between string ids, in one pass: union by size with path
 * halving, then every id labelled with the smallest id (in String order) of its component. Pure Java: the dedup
 * stage runs it on the driver when the verified pairs are few enough, instead of GraphX's Pregel supersteps (one
 * Spark job each, a dozen for chains of reprints).
 */
public final class UnionFind {
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> ids = new ArrayList<>();
  private int[] parent = new int[16];
  private int[] size = new int[16];

  /** The slot of an id, added as its own component when new. */
  public int add(String id) {
    Integer i = index.get(id);
    if (i != null) return i;
    int n = ids.size();
    if (n == parent.length) {
      parent = java.util.Arrays.copyOf(parent, 2 * n);
      size = java.util.Arrays.copyOf(size, 2 * n);
    }
    parent[n] = n;
    size[n] = 1;
    ids.add(id);
    index.put(id, n);
    return n;
  }

  /** Joins the components of a and b. */
  public void union(String a, String b) {
    int x = find(add(a));
    int y = find(add(b));
    if (x == y) return;
    if (size[x] < size[y]) {
      int t = x;
      x = y;
      y = t;
    }
    parent[y] = x;
    size[x] += size[y];
  }

  private int find(int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** Ids added so far. */
  public int size() {
    return ids.size();
  }

  /** Every id added, in the order first seen, with the smallest id of its component. */
  public Map<String, String> smallestMembers() {
    String[] smallest = new String[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      int r = find(i);
      if (smallest[r] == null || ids.get(i).compareTo(smallest[r]) < 0) smallest[r] = ids.get(i);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) out.put(ids.get(i), smallest[find(i)]);
    return out;
  }
}
