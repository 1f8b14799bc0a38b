package io.newslens.stories;

import java.io.Serializable;
import java.util.List;

/**
 * What the story kernel sees of one unit: a duplicate cluster (or an article in none), entering as one.
 *
 * @param id        the unit's id: its representative's doc_id
 * @param key       a 64-bit key of the id (xxhash64 in the stage), used by candidate pairs and components
 * @param lang      language of its features
 * @param time      publication time of the representative (epoch seconds), {@link #UNDATED} when unknown
 * @param articles  articles in the unit (the duplicate cluster's size)
 * @param vector    its weighted features ({@link UnitVector})
 * @param partners  ids of units it shares a reuse passage with
 */
public record Unit(String id, long key, String lang, long time, int articles, UnitVector vector, List<String> partners)
    implements Serializable {

  /** The time of an undated unit. */
  public static final long UNDATED = Long.MIN_VALUE;

  public Unit {
    if (id == null) throw new IllegalArgumentException("a unit needs an id");
    if (articles < 1) throw new IllegalArgumentException("a unit holds at least one article, got " + articles);
    partners = partners == null ? List.of() : List.copyOf(partners);
  }

  public boolean dated() {
    return time != UNDATED;
  }
}
