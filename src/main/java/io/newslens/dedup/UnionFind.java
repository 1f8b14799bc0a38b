package io.newslens.dedup;

import io.newslens.graph.DisjointSets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connected components of a graph given as edges between string ids, in one pass ({@link DisjointSets}), then every
 * id labelled with the smallest id (in String order) of its component. Pure Java: the dedup stage runs it on the
 * driver when the verified pairs are few enough, instead of GraphX's Pregel supersteps (one Spark job each, a dozen
 * for chains of reprints).
 */
public final class UnionFind {
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> ids = new ArrayList<>();
  private final DisjointSets sets = new DisjointSets();

  /** The slot of an id, added as its own component when new. */
  public int add(String id) {
    Integer i = index.get(id);
    if (i != null) return i;
    int n = sets.add();
    ids.add(id);
    index.put(id, n);
    return n;
  }

  /** Joins the components of a and b. */
  public void union(String a, String b) {
    sets.union(add(a), add(b));
  }

  /** Ids added so far. */
  public int size() {
    return ids.size();
  }

  /** Every id added, in the order first seen, with the smallest id of its component. */
  public Map<String, String> smallestMembers() {
    String[] smallest = new String[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      int r = sets.find(i);
      if (smallest[r] == null || ids.get(i).compareTo(smallest[r]) < 0) smallest[r] = ids.get(i);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) out.put(ids.get(i), smallest[sets.find(i)]);
    return out;
  }
}
