package io.newslens.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stable ids for clusters an update changes (duplicate clusters; stories follow the same rules). Pure Java.
 *
 * <p>A cluster's id is one of its members' doc_id, and the member whose doc_id is the id never leaves it (it is
 * the <i>id document</i>). Given the new clusters of the documents an update touched (new documents and the members
 * of every old cluster that gained, lost or changed a member), each new cluster gets:
 * <ul>
 *   <li>when it holds the id documents of old clusters: the <b>oldest</b> of those ids — the one that has been in use
 *       since the earliest version, then the smallest — so an existing id never changes; the other ids are retired
 *       with an alias row (event {@code merge}, old id → survivor);</li>
 *   <li>otherwise (new documents only, or members that left their old cluster without its id document): the id a
 *       full run gives, its smallest doc_id, in use from this version;</li>
 *   <li>members that came from an old cluster whose id stayed elsewhere (the cluster <b>split</b>) are recorded with
 *       an alias row (event {@code split}, old id → the id they now have).</li>
 * </ul>
 */
public final class ClusterIds {
  private ClusterIds() {}

  /** An alias row: old_id, new_id, event. */
  public record Alias(String oldId, String newId, String event) {}

  /**
   * @param ids each touched document's cluster id after the update
   * @param aliases retired and split ids, ordered by old id then new id
   * @param retired ids no longer in use
   * @param created ids in use from this version (new clusters)
   */
  public record Result(Map<String, String> ids, List<Alias> aliases, Set<String> retired, Set<String> created) {}

  /**
   * @param clusters the new clusters (members), covering every touched document
   * @param oldIds each old touched document's cluster id before the update (new documents are absent)
   * @param since the version each old id has been in use since (every value of {@code oldIds})
   */
  public static Result assign(Collection<? extends Collection<String>> clusters, Map<String, String> oldIds,
      Map<String, Integer> since) {
    Map<String, Collection<String>> byFreshId = new java.util.LinkedHashMap<>();
    for (Collection<String> members : clusters) byFreshId.put(new TreeSet<>(members).first(), members);
    return assign(byFreshId, oldIds, since);
  }

  /**
   * As above, each new cluster given under the id it gets when it holds no old id document (a refresh names a story
   * by its first article, not its smallest doc_id).
   *
   * @param clusters fresh id → the new cluster's members
   */
  public static Result assign(Map<String, ? extends Collection<String>> clusters, Map<String, String> oldIds,
      Map<String, Integer> since) {
    Map<String, String> out = new HashMap<>();
    List<Alias> aliases = new ArrayList<>();
    Set<String> retired = new TreeSet<>();
    Set<String> created = new TreeSet<>();
    Comparator<String> oldest = Comparator.<String>comparingInt(id -> Objects.requireNonNull(since.get(id),
        () -> "no version for id " + id)).thenComparing(Comparator.naturalOrder());
    for (Map.Entry<String, ? extends Collection<String>> cluster : clusters.entrySet()) {
      TreeSet<String> sorted = new TreeSet<>(cluster.getValue());
      Set<String> from = new TreeSet<>(); // old ids of the members
      Set<String> claimed = new TreeSet<>(); // old ids whose id document is here
      for (String d : sorted) {
        String old = oldIds.get(d);
        if (old == null) continue;
        from.add(old);
        if (sorted.contains(old)) claimed.add(old);
      }
      String id;
      if (claimed.isEmpty()) {
        id = cluster.getKey();
        created.add(id);
      } else {
        id = claimed.stream().min(oldest).orElseThrow();
        for (String x : claimed) {
          if (!x.equals(id)) {
            aliases.add(new Alias(x, id, StateTables.MERGE));
            retired.add(x);
          }
        }
      }
      for (String x : from) if (!claimed.contains(x)) aliases.add(new Alias(x, id, StateTables.SPLIT));
      for (String d : sorted) out.put(d, id);
    }
    aliases.sort(Comparator.comparing(Alias::oldId).thenComparing(Alias::newId));
    return new Result(out, aliases, retired, created);
  }
}
