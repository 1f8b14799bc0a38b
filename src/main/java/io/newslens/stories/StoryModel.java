package io.newslens.stories;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * The story kernel: stories as centroids, and the rule that places a unit in one. Plain Java; no Spark.
 *
 * <p><b>Representation</b> ({@link StoryRep}): a story's language, time range (first and last publication of its
 * units), number of units and articles, and its centroid: the sum of its units' vectors, kept to the
 * {@code centroidSize} largest components after each addition (ties: smaller feature id), with each feature's
 * display form. Nothing else is needed to place a new unit, so a stored table of these rows and
 * {@link #assign} are the whole "model" (like a fitted Spark ML model and its transform).
 *
 * <p><b>Assignment</b> ({@link #assign}): the candidate stories are those whose centroid holds one of the unit's
 * features, plus those holding a unit it shares a reuse passage with, of its language. A candidate is eligible when
 * the unit is dated and the story has no dated unit, or the unit is undated, or: the unit's time lies within
 * {@code maxGap} of the story's time range and the range with it would span at most {@code maxSpan}. Its score is
 * the cosine of the unit's vector with the centroid, plus {@code reuseBonus} when it holds a reuse partner. The
 * unit joins the best-scoring eligible story (ties: smaller story id) when that score reaches {@code threshold},
 * else it founds a story whose id is its own. Comparing with the centroid, not with the nearest member, and capping
 * the span, is what keeps a long-running theme from chaining into one story.
 *
 * <p><b>Fitting</b> ({@link #fit}): units are placed one by one, dated ones by time then id, undated ones after
 * them by id; the result depends on nothing else. A story's final similarity to each of its units is the cosine
 * with its final centroid (1 for a story of one unit); its cohesion is their mean; its central unit the most
 * similar one (ties, within {@link #TIE}: earlier, then smaller id).
 */
public final class StoryModel {

  /**
   * The placement rules (see the class comment).
   *
   * @param threshold       smallest score that joins a story
   * @param maxGapSeconds   largest distance between a unit's time and a story's time range
   * @param maxSpanSeconds  longest time range of a story
   * @param centroidSize    components kept in a centroid
   * @param reuseBonus      added to the score of a story holding a unit the unit shares a reuse passage with
   */
  public record Rules(double threshold, long maxGapSeconds, long maxSpanSeconds, int centroidSize, double reuseBonus)
      implements Serializable {
    public Rules {
      if (!(threshold > 0 && threshold <= 1)) throw new IllegalArgumentException("threshold in (0, 1] needed");
      if (maxGapSeconds < 0 || maxSpanSeconds < 0) throw new IllegalArgumentException("time limits >= 0 needed");
      if (centroidSize < 1) throw new IllegalArgumentException("centroid size >= 1 needed");
      if (!(reuseBonus >= 0)) throw new IllegalArgumentException("reuse bonus >= 0 needed");
    }
  }

  /**
   * A story's stored representation.
   *
   * @param storyId   its id
   * @param lang      its language
   * @param first     earliest time of its units (epoch seconds), {@link Unit#UNDATED} when none is dated
   * @param last      latest time of its units, {@link Unit#UNDATED} when none is dated
   * @param units     units (duplicate clusters) in it
   * @param articles  articles in it
   * @param features  centroid feature ids, ascending
   * @param sums      centroid components (sums of unit weights), same order
   * @param display   display forms, same order
   */
  public record StoryRep(String storyId, String lang, long first, long last, int units, int articles,
      long[] features, double[] sums, String[] display) implements Serializable {

    /** The centroid's features by decreasing weight (ties: smaller id): the story's top terms. */
    public List<String> topDisplay(int k) {
      Integer[] order = new Integer[features.length];
      for (int i = 0; i < order.length; i++) order[i] = i;
      Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -sums[i]).thenComparingLong(i -> features[i]));
      List<String> out = new ArrayList<>();
      for (int i = 0; i < Math.min(k, order.length); i++) out.add(display[order[i]]);
      return out;
    }
  }

  /** Where {@link #assign} would put a unit: an existing story's id and its score, or a new story (id null). */
  public record Assignment(String storyId, double score) {
    public boolean isNew() {
      return storyId == null;
    }
  }

  /**
   * What {@link #fit} found.
   *
   * @param storyOf    each unit's story id
   * @param similarity each unit's similarity to its story's final centroid
   * @param stories    the stories, by id
   * @param cohesion   each story's mean similarity of its units
   * @param central    each story's central unit
   */
  public record Fit(Map<String, String> storyOf, Map<String, Double> similarity, List<StoryRep> stories,
      Map<String, Double> cohesion, Map<String, String> central) {}

  private final Rules rules;
  private final Map<String, Story> stories = new HashMap<>();
  private final Map<Long, Set<Story>> index = new HashMap<>();
  private final Map<String, String> unitStory = new HashMap<>();

  public StoryModel(Rules rules) {
    this.rules = rules;
  }

  /**
   * A model of stored stories, to place new units in (an incremental run).
   *
   * @param unitStories the story of each stored unit that may be a reuse partner of a new one (may be empty)
   */
  public static StoryModel of(Rules rules, Collection<StoryRep> stored, Map<String, String> unitStories) {
    StoryModel m = new StoryModel(rules);
    for (StoryRep r : stored) {
      Story s = new Story(r.storyId(), r.lang());
      s.first = r.first();
      s.last = r.last();
      s.units = r.units();
      s.articles = r.articles();
      for (int i = 0; i < r.features().length; i++) {
        s.sums.put(r.features()[i], r.sums()[i]);
        s.display.put(r.features()[i], r.display()[i]);
      }
      s.norm();
      m.stories.put(s.id, s);
      m.indexAll(s);
    }
    m.unitStory.putAll(unitStories);
    return m;
  }

  /** Where the unit belongs now (nothing changes). */
  public Assignment assign(Unit u) {
    Set<Story> candidates = new HashSet<>();
    long[] ids = u.vector().ids();
    for (long f : ids) {
      Set<Story> s = index.get(f);
      if (s != null) candidates.addAll(s);
    }
    Set<Story> partnerStories = new HashSet<>();
    for (String p : u.partners()) {
      String sid = unitStory.get(p);
      if (sid != null) partnerStories.add(stories.get(sid));
    }
    candidates.addAll(partnerStories);
    Story best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (Story s : candidates) {
      if (!s.lang.equals(u.lang()) || !eligible(s, u)) continue;
      double score = s.cosine(u.vector()) + (partnerStories.contains(s) ? rules.reuseBonus() : 0);
      if (score > bestScore || (score == bestScore && s.id.compareTo(best.id) < 0)) {
        best = s;
        bestScore = score;
      }
    }
    if (best != null && bestScore >= rules.threshold()) return new Assignment(best.id, bestScore);
    return new Assignment(null, bestScore == Double.NEGATIVE_INFINITY ? 0 : bestScore);
  }

  /** Puts the unit where {@code a} says (a new story takes the unit's id); returns the story id. */
  public String add(Unit u, Assignment a) {
    Story s;
    if (a.isNew()) {
      if (stories.containsKey(u.id())) throw new IllegalStateException("story " + u.id() + " exists already");
      s = new Story(u.id(), u.lang());
      stories.put(s.id, s);
    } else {
      s = stories.get(a.storyId());
      if (s == null) throw new IllegalArgumentException("no story " + a.storyId());
    }
    Set<Long> before = new HashSet<>(s.sums.keySet());
    s.add(u, rules.centroidSize());
    for (long f : before) if (!s.sums.containsKey(f)) unindex(f, s);
    for (long f : s.sums.keySet()) if (!before.contains(f)) index.computeIfAbsent(f, k -> new HashSet<>()).add(s);
    unitStory.put(u.id(), s.id);
    return s.id;
  }

  /** {@link #assign} then {@link #add}. */
  public String place(Unit u) {
    return add(u, assign(u));
  }

  /** The cosine of the unit's vector with a story's current centroid. */
  public double similarity(Unit u, String storyId) {
    return stories.get(storyId).cosine(u.vector());
  }

  public StoryRep rep(String storyId) {
    return stories.get(storyId).rep();
  }

  /** Every story, by id. */
  public List<StoryRep> reps() {
    return new TreeMap<>(stories).values().stream().map(Story::rep).toList();
  }

  /** Fits stories to the units (see the class comment). */
  public static Fit fit(List<Unit> units, Rules rules) {
    List<Unit> order = new ArrayList<>(units);
    order.sort(PLACEMENT_ORDER);
    StoryModel m = new StoryModel(rules);
    // stories whose last time is more than maxGap before the current unit's can take no later dated unit: they
    // leave the index (and come back for the undated units, which ignore time)
    PriorityQueue<Object[]> byLast = new PriorityQueue<>(Comparator.comparingLong(o -> (Long) o[0]));
    boolean undatedPhase = false;
    for (Unit u : order) {
      if (u.dated()) {
        while (!byLast.isEmpty() && u.time() - (Long) byLast.peek()[0] > rules.maxGapSeconds()) {
          Object[] e = byLast.poll();
          Story s = (Story) e[1];
          if (s.last == (Long) e[0]) m.unindexAll(s);
        }
      } else if (!undatedPhase) {
        undatedPhase = true;
        m.index.clear();
        for (Story s : new TreeMap<>(m.stories).values()) m.indexAll(s);
      }
      String sid = m.place(u);
      Story s = m.stories.get(sid);
      if (u.dated() && !undatedPhase) byLast.add(new Object[] {s.last, s});
    }
    Map<String, String> storyOf = new HashMap<>();
    Map<String, Double> similarity = new HashMap<>();
    Map<String, List<Unit>> members = new TreeMap<>();
    for (Unit u : order) {
      String sid = m.unitStory.get(u.id());
      storyOf.put(u.id(), sid);
      members.computeIfAbsent(sid, k -> new ArrayList<>()).add(u);
    }
    Map<String, Double> cohesion = new HashMap<>();
    Map<String, String> central = new HashMap<>();
    for (Map.Entry<String, List<Unit>> e : members.entrySet()) {
      Story s = m.stories.get(e.getKey());
      double sum = 0;
      Unit best = null;
      double bestSim = Double.NEGATIVE_INFINITY;
      for (Unit u : e.getValue()) { // in placement order: earlier first, so ties keep the earlier unit
        double sim = e.getValue().size() == 1 ? 1.0 : s.cosine(u.vector());
        similarity.put(u.id(), sim);
        sum += sim;
        if (sim > bestSim + TIE) {
          best = u;
          bestSim = sim;
        }
      }
      cohesion.put(e.getKey(), sum / e.getValue().size());
      central.put(e.getKey(), best.id());
    }
    return new Fit(storyOf, similarity, m.reps(), cohesion, central);
  }

  /** Similarities closer than this are a tie (two members of a story are equally similar to its centroid). */
  static final double TIE = 1e-9;

  /** Dated units by time then id, undated ones after them by id. */
  public static final Comparator<Unit> PLACEMENT_ORDER = Comparator.comparing(Unit::dated).reversed()
      .thenComparingLong(Unit::time).thenComparing(Unit::id);

  private boolean eligible(Story s, Unit u) {
    return eligible(s.first, s.last, u.time(), rules);
  }

  /**
   * May a story whose articles range from {@code first} to {@code last} take a unit of time {@code t} (epoch
   * seconds, {@link Unit#UNDATED} when unknown)? Within --story-max-gap of the range, and the range with it at most
   * --story-max-span long; an undated story or unit may join any.
   */
  public static boolean eligible(long first, long last, long t, Rules rules) {
    if (t == Unit.UNDATED || first == Unit.UNDATED) return true;
    long gap = t < first ? first - t : t > last ? t - last : 0;
    long span = Math.max(last, t) - Math.min(first, t);
    return gap <= rules.maxGapSeconds() && span <= rules.maxSpanSeconds();
  }

  private void indexAll(Story s) {
    for (long f : s.sums.keySet()) index.computeIfAbsent(f, k -> new HashSet<>()).add(s);
  }

  private void unindexAll(Story s) {
    for (long f : s.sums.keySet()) unindex(f, s);
  }

  private void unindex(long f, Story s) {
    Set<Story> set = index.get(f);
    if (set == null) return;
    set.remove(s);
    if (set.isEmpty()) index.remove(f);
  }

  /** A story being built: its centroid as a map, its time range and sizes. */
  private static final class Story {
    final String id;
    final String lang;
    long first = Unit.UNDATED;
    long last = Unit.UNDATED;
    int units;
    int articles;
    final Map<Long, Double> sums = new HashMap<>();
    final Map<Long, String> display = new HashMap<>();
    double norm;

    Story(String id, String lang) {
      this.id = id;
      this.lang = lang;
    }

    void add(Unit u, int centroidSize) {
      if (u.dated()) {
        first = first == Unit.UNDATED ? u.time() : Math.min(first, u.time());
        last = last == Unit.UNDATED ? u.time() : Math.max(last, u.time());
      }
      units++;
      articles += u.articles();
      UnitVector v = u.vector();
      for (int i = 0; i < v.size(); i++) {
        long f = v.ids()[i];
        double w = v.weights()[i];
        Double old = sums.get(f);
        sums.put(f, old == null ? w : old + w);
        // the display of the member that weighs most in the feature (ties: the smaller string)
        if (old == null || w > weightOfDisplay(f) || (w == weightOfDisplay(f)
            && NULLS_FIRST.compare(v.display()[i], display.get(f)) < 0)) {
          display.put(f, v.display()[i]);
          displayWeight.put(f, w);
        }
      }
      if (sums.size() > centroidSize) {
        Long[] keys = sums.keySet().toArray(new Long[0]);
        Arrays.sort(keys, Comparator.<Long>comparingDouble(k -> -sums.get(k)).thenComparingLong(k -> k));
        for (int i = centroidSize; i < keys.length; i++) {
          sums.remove(keys[i]);
          display.remove(keys[i]);
          displayWeight.remove(keys[i]);
        }
      }
      norm();
    }

    private final Map<Long, Double> displayWeight = new HashMap<>();
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private double weightOfDisplay(long f) {
      Double w = displayWeight.get(f);
      return w == null ? Double.NEGATIVE_INFINITY : w;
    }

    void norm() {
      double s = 0;
      for (double x : sums.values()) s += x * x;
      norm = Math.sqrt(s);
    }

    double cosine(UnitVector v) {
      if (norm == 0) return 0;
      double dot = 0;
      for (int i = 0; i < v.size(); i++) {
        Double w = sums.get(v.ids()[i]);
        if (w != null) dot += w * v.weights()[i];
      }
      return dot / norm;
    }

    StoryRep rep() {
      Long[] keys = sums.keySet().toArray(new Long[0]);
      Arrays.sort(keys);
      long[] f = new long[keys.length];
      double[] w = new double[keys.length];
      String[] d = new String[keys.length];
      for (int i = 0; i < keys.length; i++) {
        f[i] = keys[i];
        w[i] = sums.get(keys[i]);
        d[i] = display.get(keys[i]);
      }
      return new StoryRep(id, lang, first, last, units, articles, f, w, d);
    }
  }
}
