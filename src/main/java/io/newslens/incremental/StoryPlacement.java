package io.newslens.incremental;

import io.newslens.stories.StoryModel;
import io.newslens.stories.StoryModel.StoryRep;
import io.newslens.stories.Unit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stories of an update, over the stored stories it touches: plain Java, no Spark. Old articles keep their
 * story (issue 21 allows it); what changes:
 * <ol>
 *   <li><b>Growth.</b> A new article that joins an existing duplicate cluster joins its cluster's story (a
 *       cluster is one unit, in one story): the story counts it, and its time range takes the cluster's
 *       representative's time.</li>
 *   <li><b>Merges.</b> When the update's duplicates make one cluster of articles that were in two or more stories,
 *       those stories become one (a unit in one story): the survivor keeps the <b>oldest</b> id (in use since the
 *       earliest version, then the smallest), the others are aliases (kind {@code story}, event {@code merge});
 *       the survivor's centroid is the sum of theirs (kept to the largest components), its time range their
 *       union. Placing a new unit never merges stories: a unit joins one story or founds one.</li>
 *   <li><b>Placement.</b> The new units (clusters of new articles only) are placed one by one in the full run's
 *       order ({@link StoryModel#PLACEMENT_ORDER}) with the full run's rule ({@link StoryModel#assign}) among the
 *       stored stories loaded and the stories founded so far; a unit that joins none founds a story, which takes
 *       the id of a full run: the doc_id of its first article (earliest published, undated last, then smallest
 *       doc_id).</li>
 * </ol>
 * The caller loads every stored story that can matter: those holding an old member of a touched cluster, those
 * holding a reuse partner of a new unit, and those a new unit could join, eligible in time with a stored centroid
 * reaching the threshold with it ({@link StoriesDelta#candidateStories}: a story that reaches it with no new unit is
 * never joined, so it never changes and is never chosen by {@link StoryModel#assign}; the others need not be loaded).
 */
final class StoryPlacement {
  private StoryPlacement() {}

  /** A stored story as loaded: its representation and the version its id is in use since. */
  record Stored(StoryRep rep, int since) {}

  /** An article of a new unit: doc_id and publication time ({@link Unit#UNDATED} when unknown). */
  record Article(String docId, long time) {}

  /** A new unit (a cluster of new articles only) and its articles. */
  record NewUnit(Unit unit, List<Article> articles) {}

  /**
   * An existing duplicate cluster that gains new articles or merges with another.
   *
   * @param oldStories  the stories its old members were in
   * @param unitTime    its representative's time after the update
   * @param newArticles articles it gains
   * @param oldUnits    the old clusters it is made of (units before the update)
   */
  record Growth(Set<String> oldStories, long unitTime, int newArticles, int oldUnits) {}

  /**
   * What changed.
   *
   * @param storyOf    each new unit's story (final ids)
   * @param similarity each new unit's cosine with its story's centroid after the update (1 alone in a story)
   * @param survivor   each old story id touched → its id after the update (itself, or a merge's survivor)
   * @param stories    the touched and founded stories after the update, by id
   * @param since      their since versions
   * @param created    ids founded by this update
   * @param aliases    merged-away id → survivor
   */
  record Result(Map<String, String> storyOf, Map<String, Double> similarity, Map<String, String> survivor,
      Map<String, StoryRep> stories, Map<String, Integer> since, Set<String> created, Map<String, String> aliases) {}

  /**
   * @param stored      the loaded stories, by id
   * @param growths     existing clusters that gain articles or merge
   * @param units       the new units
   * @param partnerOf   old unit id → its story before the update, for each old unit a new unit shares a reuse
   *                    passage with
   * @param version     this update's version (the since of founded stories)
   */
  static Result place(StoryModel.Rules rules, Map<String, Stored> stored, Collection<Growth> growths,
      Collection<NewUnit> units, Map<String, String> partnerOf, int version) {
    // merges: stories that now share a cluster, the oldest id surviving
    Map<String, String> parent = new HashMap<>();
    for (Growth g : growths) {
      String first = null;
      for (String s : new TreeSet<>(g.oldStories())) {
        need(stored, s);
        if (first == null) first = s;
        else union(parent, first, s);
      }
    }
    Comparator<String> oldest = Comparator.<String>comparingInt(id -> stored.get(id).since())
        .thenComparing(Comparator.naturalOrder());
    Map<String, List<String>> groups = new TreeMap<>();
    for (String s : new TreeSet<>(parent.keySet())) groups.computeIfAbsent(find(parent, s), k -> new ArrayList<>()).add(s);
    Map<String, String> survivor = new TreeMap<>();
    Map<String, String> aliases = new TreeMap<>();
    Map<String, StoryRep> reps = new HashMap<>();
    Map<String, Integer> since = new HashMap<>();
    stored.forEach((id, s) -> {
      reps.put(id, s.rep());
      since.put(id, s.since());
    });
    for (List<String> g : groups.values()) {
      String keep = g.stream().min(oldest).orElseThrow();
      List<StoryRep> parts = new ArrayList<>();
      parts.add(reps.get(keep));
      for (String s : g) {
        survivor.put(s, keep);
        if (s.equals(keep)) continue;
        aliases.put(s, keep);
        parts.add(reps.remove(s));
        since.remove(s);
      }
      reps.put(keep, merge(keep, parts, rules.centroidSize()));
    }
    // growth: the cluster's story counts its new articles and its representative's time
    for (Growth g : growths) {
      String s = alias(survivor, g.oldStories().iterator().next());
      survivor.putIfAbsent(s, s);
      StoryRep r = reps.get(s);
      long first = r.first();
      long last = r.last();
      if (g.unitTime() != Unit.UNDATED) {
        first = first == Unit.UNDATED ? g.unitTime() : Math.min(first, g.unitTime());
        last = last == Unit.UNDATED ? g.unitTime() : Math.max(last, g.unitTime());
      }
      int unitsAfter = Math.max(1, r.units() - g.oldUnits() + 1); // its old clusters are one unit now
      reps.put(s, new StoryRep(s, r.lang(), first, last, unitsAfter, r.articles() + g.newArticles(), r.features(),
          r.sums(), r.display()));
    }

    // placement of the new units among the loaded stories and those they found
    Map<String, String> partnerStories = new HashMap<>();
    partnerOf.forEach((u, s) -> {
      if (reps.containsKey(alias(survivor, s))) partnerStories.put(u, alias(survivor, s));
    });
    StoryModel m = StoryModel.of(rules, reps.values(), partnerStories);
    List<NewUnit> order = new ArrayList<>(units);
    order.sort(Comparator.comparing(NewUnit::unit, StoryModel.PLACEMENT_ORDER));
    Map<String, String> internal = new HashMap<>();
    Map<String, List<NewUnit>> founded = new TreeMap<>();
    Set<String> touched = new TreeSet<>(survivor.values());
    for (NewUnit u : order) {
      String s = m.place(u.unit());
      internal.put(u.unit().id(), s);
      touched.add(s);
      if (!reps.containsKey(s)) founded.computeIfAbsent(s, k -> new ArrayList<>()).add(u);
      else survivor.putIfAbsent(s, s);
    }
    // a founded story's id: its first article's doc_id, as in a full run
    Comparator<Article> firstArticle = Comparator.comparing((Article a) -> a.time() == Unit.UNDATED)
        .thenComparingLong(Article::time).thenComparing(Article::docId);
    Map<String, String> finalId = new HashMap<>();
    for (Map.Entry<String, List<NewUnit>> e : founded.entrySet()) {
      String id = e.getValue().stream().flatMap(u -> u.articles().stream()).min(firstArticle).orElseThrow().docId();
      finalId.put(e.getKey(), id);
    }
    Map<String, String> storyOf = new TreeMap<>();
    Map<String, Double> similarity = new TreeMap<>();
    for (NewUnit u : order) {
      String s = internal.get(u.unit().id());
      StoryRep r = m.rep(s);
      storyOf.put(u.unit().id(), finalId.getOrDefault(s, s));
      similarity.put(u.unit().id(), r.units() == 1 ? 1.0 : m.similarity(u.unit(), s));
    }
    Map<String, StoryRep> stories = new TreeMap<>();
    Set<String> created = new TreeSet<>();
    for (String s : touched) {
      StoryRep r = m.rep(s);
      String id = finalId.getOrDefault(s, s);
      if (finalId.containsKey(s)) {
        created.add(id);
        since.put(id, version);
      }
      stories.put(id, new StoryRep(id, r.lang(), r.first(), r.last(), r.units(), r.articles(), r.features(),
          r.sums(), r.display()));
    }
    Map<String, Integer> sinceOut = new TreeMap<>();
    for (String id : stories.keySet()) sinceOut.put(id, Objects.requireNonNull(since.get(id), id));
    return new Result(storyOf, similarity, survivor, stories, sinceOut, created, aliases);
  }

  /**
   * Stories made one: the sums of their centroids kept to the {@code centroidSize} largest (ties: smaller feature
   * id), each feature's display from the story weighing most in it (ties: the first given), the union of their time
   * ranges, their units and articles summed, the first story's language.
   */
  static StoryRep merge(String id, List<StoryRep> parts, int centroidSize) {
    Map<Long, double[]> sums = new HashMap<>(); // feature -> {sum, weight of the display's story}
    Map<Long, String> display = new HashMap<>();
    long first = Unit.UNDATED;
    long last = Unit.UNDATED;
    int units = 0;
    int articles = 0;
    for (StoryRep r : parts) {
      for (int i = 0; i < r.features().length; i++) {
        double[] s = sums.computeIfAbsent(r.features()[i], k -> new double[] {0, Double.NEGATIVE_INFINITY});
        s[0] += r.sums()[i];
        if (r.sums()[i] > s[1]) {
          s[1] = r.sums()[i];
          display.put(r.features()[i], r.display()[i]);
        }
      }
      if (r.first() != Unit.UNDATED) {
        first = first == Unit.UNDATED ? r.first() : Math.min(first, r.first());
        last = last == Unit.UNDATED ? r.last() : Math.max(last, r.last());
      }
      units += r.units();
      articles += r.articles();
    }
    Long[] keys = sums.keySet().toArray(new Long[0]);
    Arrays.sort(keys, Comparator.<Long>comparingDouble(k -> -sums.get(k)[0]).thenComparingLong(k -> k));
    Long[] kept = Arrays.copyOf(keys, Math.min(keys.length, centroidSize));
    Arrays.sort(kept);
    long[] f = new long[kept.length];
    double[] w = new double[kept.length];
    String[] d = new String[kept.length];
    for (int i = 0; i < kept.length; i++) {
      f[i] = kept[i];
      w[i] = sums.get(kept[i])[0];
      d[i] = display.get(kept[i]);
    }
    return new StoryRep(id, parts.get(0).lang(), first, last, units, articles, f, w, d);
  }

  private static void need(Map<String, Stored> stored, String id) {
    if (!stored.containsKey(id)) throw new IllegalArgumentException("story " + id + " is not loaded");
  }

  private static String alias(Map<String, String> survivor, String id) {
    String s = survivor.get(id);
    return s == null ? id : s;
  }

  private static String find(Map<String, String> parent, String x) {
    parent.putIfAbsent(x, x);
    String p = x;
    while (!parent.get(p).equals(p)) p = parent.get(p);
    for (String y = x; !y.equals(p); ) {
      String next = parent.get(y);
      parent.put(y, p);
      y = next;
    }
    return p;
  }

  private static void union(Map<String, String> parent, String a, String b) {
    String ra = find(parent, a);
    String rb = find(parent, b);
    if (!ra.equals(rb)) parent.put(ra.compareTo(rb) < 0 ? rb : ra, ra.compareTo(rb) < 0 ? ra : rb);
  }
}
