package io.newslens.stories;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Document frequencies of features among the units, and the number of units per language: what weighting a unit's
 * features needs. Sorted primitive arrays (12 bytes a feature), looked up by binary search; broadcast by the stage.
 * Only features held by at least the minimum number of units are kept (the others weigh nothing). Plain Java.
 */
public final class Frequencies implements Serializable {
  private final long[] ids;
  private final int[] df;
  private final Map<String, Long> units;

  /** @param ids feature ids (any order, distinct), df their frequencies, units the units per language */
  public Frequencies(long[] ids, int[] df, Map<String, Long> units) {
    if (ids.length != df.length) throw new IllegalArgumentException("ids and df differ in length");
    Integer[] order = new Integer[ids.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Long.compare(ids[a], ids[b]));
    this.ids = new long[ids.length];
    this.df = new int[ids.length];
    for (int i = 0; i < order.length; i++) {
      this.ids[i] = ids[order[i]];
      this.df[i] = df[order[i]];
      if (i > 0 && this.ids[i] == this.ids[i - 1]) throw new IllegalArgumentException("feature id twice: " + ids[i]);
    }
    this.units = new TreeMap<>(units);
  }

  /** The units holding the feature; 0 when it is not kept. */
  public long df(long id) {
    int i = Arrays.binarySearch(ids, id);
    return i >= 0 ? df[i] : 0;
  }

  /** The units of a language (0 when none). */
  public long units(String lang) {
    Long n = units.get(lang);
    return n == null ? 0 : n;
  }

  /** Features kept. */
  public int size() {
    return ids.length;
  }
}
