package io.newslens.incremental;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.newslens.output.Tables;
import io.newslens.state.StateTables;
import io.newslens.stories.Frequencies;
import io.newslens.stories.Stories;
import io.newslens.stories.StoriesParams;
import io.newslens.stories.StoryModel;
import io.newslens.stories.StoryModel.StoryRep;
import io.newslens.stories.Unit;
import io.newslens.stories.UnitVector;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The stories stage of an update, at a cost that grows with the new articles: existing stories keep their ids and
 * their old articles ({@link StoryPlacement} says what changes), the new units are weighted with the stored
 * document frequencies plus their own, their candidate stories are the stored ones they could join, and they are
 * placed with the full run's rule.
 *
 * <ol>
 *   <li>the duplicate clusters holding a new or touched article: those with old members grow (their new articles
 *       join the old members' story; several stories become one), the others are new units;</li>
 *   <li>the new units' features: their document frequencies ({@code state/story_df} summed, plus theirs), their
 *       vectors ({@link Stories#unitVector}), their reuse partners;</li>
 *   <li>the stored stories that can matter ({@code state/story_model}): those of the growing clusters and of the
 *       partners, and those a new unit could join ({@link #candidateStories}: eligible in time, and a stored
 *       centroid whose cosine with it reaches --story-threshold, computed in Spark);</li>
 *   <li>placement on the driver ({@link StoryPlacement});</li>
 *   <li>story_articles: new articles' rows, and the rows of touched stories whose story (a merge) or rank changed,
 *       with this version; stories: the touched stories' rows computed again from their members; story_trends
 *       counted again over every article; the state's touched stories and the frequencies' changes.</li>
 * </ol>
 * Old articles' similarity stays the one computed by the version in their row.
 */
final class StoriesDelta {
  /** How far below --story-threshold a cosine summed in another order than StoryModel's still loads its story. */
  private static final double COSINE_MARGIN = 1e-9;
  private StoriesDelta() {}

  private static final String UNIT = "_unit";
  private static final String OLD_STORY = "_old_story";
  private static final String OLD_RANK = "_old_rank";
  private static final String TIME = "_time";
  private static final String IDS = "_ids";

  /** A member of a touched cluster. */
  private record Member(String docId, String unit, long time, String lang, boolean isNew) {}

  /**
   * @param newIds  the documents this update adds
   * @param touched other documents whose duplicate cluster the update changed (dedup's representativeOf keys) or
   *                that were cleaned again
   * @return the manifest's stories section
   */
  static Map<String, Object> apply(Workspace w, Set<String> newIds, Set<String> touched) {
    StoriesParams p = w.cfg.stories();
    Dataset<Row> clusters = w.next.readStaged(Tables.DUPLICATE_CLUSTERS);
    Dataset<Row> docs = w.next.readStaged(Tables.DOCUMENTS);
    Set<String> seeds = new TreeSet<>(newIds);
    seeds.addAll(touched);

    // 1. the touched clusters' members, their old stories and old clusters
    Dataset<Row> touchedClusters = clusters.join(broadcast(w.ids(seeds)), new String[] {DOC_ID}, "left_semi")
        .select(CLUSTER_ID).distinct();
    Map<String, String> unitOf = new TreeMap<>();
    unitOf.putAll(representatives(clusters.join(broadcast(touchedClusters), new String[] {CLUSTER_ID}, "left_semi")));
    for (String d : seeds) unitOf.putIfAbsent(d, d);
    Map<String, Member> members = new TreeMap<>();
    for (Row r : docs.join(broadcast(w.ids(unitOf.keySet())), new String[] {DOC_ID}, "left_semi")
        .select(col(DOC_ID), coalesce(unix_seconds(col(PUBLISHED_AT)), lit(Unit.UNDATED)), col(LANG))
        .collectAsList()) {
      String d = r.getString(0);
      members.put(d, new Member(d, unitOf.get(d), r.getLong(1), r.isNullAt(2) ? "und" : r.getString(2),
          newIds.contains(d)));
    }
    Set<String> old = new TreeSet<>();
    for (Member m : members.values()) if (!m.isNew()) old.add(m.docId());
    Map<String, String> oldStory = new HashMap<>();
    Map<String, Double> oldSimilarity = new HashMap<>();
    for (Row r : w.base(Tables.STORY_ARTICLES).join(broadcast(w.ids(old)), new String[] {DOC_ID}, "left_semi")
        .select(DOC_ID, STORY_ID, SIMILARITY).collectAsList()) {
      oldStory.put(r.getString(0), r.getString(1));
      oldSimilarity.put(r.getString(0), r.getDouble(2));
    }
    Map<String, String> oldUnit = new HashMap<>();
    oldUnit.putAll(representatives(w.base(Tables.DUPLICATE_CLUSTERS).join(broadcast(w.ids(old)),
        new String[] {DOC_ID}, "left_semi")));
    Map<String, List<Member>> byUnit = new TreeMap<>();
    for (Member m : members.values()) byUnit.computeIfAbsent(m.unit(), k -> new ArrayList<>()).add(m);

    List<StoryPlacement.Growth> growths = new ArrayList<>();
    Map<String, String> growthStory = new HashMap<>(); // growing unit → one of its old stories
    Map<String, Double> growthSimilarity = new HashMap<>();
    Map<String, Double> representativeSimilarity = new HashMap<>();
    Map<String, List<Member>> fresh = new TreeMap<>(); // new units
    for (Map.Entry<String, List<Member>> e : byUnit.entrySet()) {
      Set<String> stories = new TreeSet<>();
      Set<String> units = new TreeSet<>();
      int added = 0;
      double similarity = Double.NEGATIVE_INFINITY; // the new articles take their unit's similarity
      for (Member m : e.getValue()) {
        String story = oldStory.get(m.docId());
        if (m.isNew() || story == null) {
          added++;
          continue;
        }
        stories.add(story);
        units.add(oldUnit.getOrDefault(m.docId(), m.docId()));
        double s = oldSimilarity.get(m.docId());
        similarity = m.docId().equals(e.getKey()) ? s : Math.max(similarity, s);
        if (m.docId().equals(e.getKey())) representativeSimilarity.put(e.getKey(), s);
      }
      if (stories.isEmpty()) {
        fresh.put(e.getKey(), e.getValue());
      } else if (added > 0 || stories.size() > 1 || units.size() > 1) {
        growths.add(new StoryPlacement.Growth(stories, members.get(e.getKey()).time(), added, units.size()));
        growthStory.put(e.getKey(), stories.iterator().next());
        growthSimilarity.put(e.getKey(), representativeSimilarity.getOrDefault(e.getKey(), similarity));
      }
    }

    if (fresh.isEmpty() && growths.isEmpty()) { // no story changes: every stories table and state stays as it is
      Map<String, Object> section = new LinkedHashMap<>();
      section.put("new_units", 0);
      section.put("growing_clusters", 0);
      return section;
    }

    // 2. the new units' features, frequencies, vectors and reuse partners
    Dataset<Row> unitTokens = w.save("story_unit_tokens", Stories.tokenArrays(w.next.readStaged(Tables.TOKENS)
        .join(broadcast(w.ids(fresh.keySet())), new String[] {DOC_ID}, "left_semi")));
    StructType idsRow = new StructType().add(DOC_ID, DataTypes.StringType, false)
        .add(LANG, DataTypes.StringType, true).add(IDS, new ArrayType(DataTypes.LongType, false), false);
    Dataset<Row> unitIds = unitTokens.map((MapFunction<Row, Row>) r ->
        RowFactory.create(r.getString(0), r.getString(1), Stories.featureIds(r)), Encoders.row(idsRow));
    String feature = StateTables.FEATURE;
    Dataset<Row> dfDelta = w.save("story_df_delta", unitIds.select(explode(col(IDS)).as(feature))
        .groupBy(feature).agg(count(lit(1)).as(DF)).select(col(feature), lit(null).cast("string").as(LANG), col(DF))
        .unionByName(unitIds.groupBy(LANG).agg(count(lit(1)).as(DF)).select(lit(0L).as(feature), col(LANG),
            col(DF)))
        .select(col(feature), col(LANG), col(DF), lit(w.version).as(VERSION)));
    Dataset<Row> stored = w.base(StateTables.STORY_DF);
    Dataset<Row> wanted = stored.filter(col(LANG).isNotNull())
        .unionByName(stored.filter(col(LANG).isNull()).join(broadcast(dfDelta.filter(col(LANG).isNull())
            .select(feature)), new String[] {feature}, "left_semi"))
        .unionByName(dfDelta);
    Frequencies freq = frequencies(wanted.groupBy(feature, LANG).agg(sum(DF).as(DF)).collectAsList());
    Broadcast<Frequencies> freqB = JavaSparkContext.fromSparkContext(w.spark.sparkContext()).broadcast(freq);
    StructType vectorRow = new StructType().add(DOC_ID, DataTypes.StringType, false)
        .add(LANG, DataTypes.StringType, true)
        .add(IDS, new ArrayType(DataTypes.LongType, false), false)
        .add(WEIGHTS, new ArrayType(DataTypes.DoubleType, false), false)
        .add(DISPLAY, new ArrayType(DataTypes.StringType, true), false);
    Dataset<Row> titles = docs.join(broadcast(w.ids(fresh.keySet())), new String[] {DOC_ID}, "left_semi")
        .select(DOC_ID, TITLE);
    Map<String, UnitVector> vectors = new HashMap<>();
    Map<String, String> langs = new HashMap<>();
    int n = unitTokens.columns().length;
    for (Row r : unitTokens.join(titles, DOC_ID).map((MapFunction<Row, Row>) r -> {
      UnitVector v = Stories.unitVector(r, r.getString(n), freqB.value(), p);
      return RowFactory.create(r.getString(0), r.getString(1), v.ids(), v.weights(), v.display());
    }, Encoders.row(vectorRow)).collectAsList()) {
      vectors.put(r.getString(0), Stories.vector(r, 2));
      if (!r.isNullAt(1)) langs.put(r.getString(0), r.getString(1));
    }
    freqB.destroy();

    // reuse partners of the new units' articles, as units
    Map<String, Set<String>> partners = new HashMap<>();
    Dataset<Row> passages = w.next.readStaged(Tables.REUSE_PASSAGES).select(DOC_A, DOC_B);
    Dataset<Row> newDocs = broadcast(w.ids(newIds));
    List<Row> pairs = passages.join(newDocs.withColumnRenamed(DOC_ID, DOC_A), new String[] {DOC_A}, "left_semi")
        .union(passages.join(newDocs.withColumnRenamed(DOC_ID, DOC_B), new String[] {DOC_B}, "left_semi"))
        .distinct().collectAsList();
    Set<String> partnerDocs = new TreeSet<>();
    for (Row r : pairs) {
      partnerDocs.add(r.getString(0));
      partnerDocs.add(r.getString(1));
    }
    partnerDocs.removeAll(unitOf.keySet());
    unitOf.putAll(representatives(clusters.join(broadcast(w.ids(partnerDocs)), new String[] {DOC_ID},
        "left_semi")));
    for (Row r : pairs) {
      String a = unitOf.getOrDefault(r.getString(0), r.getString(0));
      String b = unitOf.getOrDefault(r.getString(1), r.getString(1));
      if (a.equals(b)) continue;
      partners.computeIfAbsent(a, k -> new TreeSet<>()).add(b);
      partners.computeIfAbsent(b, k -> new TreeSet<>()).add(a);
    }
    // the old units among the new units' partners, with their stories
    Set<String> partnerUnits = new TreeSet<>();
    for (String u : fresh.keySet()) partnerUnits.addAll(partners.getOrDefault(u, Set.of()));
    partnerUnits.removeAll(fresh.keySet());
    Map<String, String> partnerOf = new HashMap<>();
    Set<String> oldPartnerUnits = new TreeSet<>();
    for (String u : partnerUnits) {
      if (growthStory.containsKey(u)) partnerOf.put(u, growthStory.get(u));
      else if (oldStory.containsKey(u)) partnerOf.put(u, oldStory.get(u));
      else oldPartnerUnits.add(u);
    }
    for (Row r : w.base(Tables.STORY_ARTICLES).join(broadcast(w.ids(oldPartnerUnits)), new String[] {DOC_ID},
        "left_semi").select(DOC_ID, STORY_ID).collectAsList()) {
      partnerOf.put(r.getString(0), r.getString(1));
    }

    List<StoryPlacement.NewUnit> units = new ArrayList<>();
    for (Map.Entry<String, List<Member>> e : fresh.entrySet()) {
      Member rep = members.get(e.getKey());
      UnitVector v = vectors.getOrDefault(e.getKey(), UnitVector.EMPTY);
      List<StoryPlacement.Article> articles = new ArrayList<>();
      for (Member m : e.getValue()) articles.add(new StoryPlacement.Article(m.docId(), m.time()));
      Unit u = new Unit(e.getKey(), 0L, langs.getOrDefault(e.getKey(), rep.lang()), rep.time(), e.getValue().size(),
          v, new ArrayList<>(partners.getOrDefault(e.getKey(), Set.of())));
      units.add(new StoryPlacement.NewUnit(u, articles));
    }

    // 3. the stored stories that can matter
    Set<String> load = new TreeSet<>(partnerOf.values());
    for (StoryPlacement.Growth g : growths) load.addAll(g.oldStories());
    Dataset<Row> model = w.base(StateTables.STORY_MODEL);
    Set<String> near = candidateStories(w.spark, model, units.stream().map(StoryPlacement.NewUnit::unit).toList(),
        p.rules());
    long candidates = near.size();
    load.addAll(near);
    Map<String, StoryPlacement.Stored> loaded = new TreeMap<>();
    for (Row r : model.join(broadcast(w.ids(load, STORY_ID)), new String[] {STORY_ID}, "left_semi")
        .select(col(STORY_ID), col(LANG), coalesce(unix_seconds(col(FIRST_PUBLISHED)), lit(Unit.UNDATED)),
            coalesce(unix_seconds(col(LAST_PUBLISHED)), lit(Unit.UNDATED)), col(UNITS), col(ARTICLES),
            col(FEATURES), col(WEIGHTS), col(DISPLAY), col(StateTables.SINCE))
        .collectAsList()) {
      loaded.put(r.getString(0), new StoryPlacement.Stored(rep(r), r.getInt(9)));
    }

    for (String id : load) { // a story whose articles had no tokens has no representation: an empty one
      loaded.computeIfAbsent(id, k -> new StoryPlacement.Stored(new StoryRep(k, "und", Unit.UNDATED, Unit.UNDATED, 1,
          1, new long[0], new double[0], new String[0]), 1));
    }

    // 4. placement
    StoryPlacement.Result placed = StoryPlacement.place(p.rules(), loaded, growths, units, partnerOf, w.version);

    // 5. tables
    List<Row> newRows = new ArrayList<>();
    for (StoryPlacement.NewUnit u : units) {
      String id = u.unit().id();
      for (StoryPlacement.Article a : u.articles()) {
        newRows.add(RowFactory.create(a.docId(), placed.storyOf().get(id), placed.similarity().get(id)));
      }
    }
    for (Map.Entry<String, String> e : growthStory.entrySet()) {
      String story = placed.survivor().getOrDefault(e.getValue(), e.getValue());
      double s = growthSimilarity.get(e.getKey());
      for (Member m : byUnit.get(e.getKey())) {
        if (m.isNew()) newRows.add(RowFactory.create(m.docId(), story, s));
      }
    }
    Set<String> touchedOld = new TreeSet<>(placed.survivor().keySet());
    List<Row> renames = new ArrayList<>();
    placed.survivor().forEach((a, b) -> renames.add(RowFactory.create(a, b)));
    Dataset<Row> rename = w.rows(renames, new StructType().add(OLD_STORY, DataTypes.StringType, false)
        .add(STORY_ID, DataTypes.StringType, false));
    Dataset<Row> oldRows = w.base(Tables.STORY_ARTICLES)
        .join(broadcast(w.ids(touchedOld, STORY_ID)), new String[] {STORY_ID}, "left_semi")
        .select(col(DOC_ID), col(STORY_ID).as(OLD_STORY), col(SIMILARITY), col(RANK_IN_STORY).as(OLD_RANK))
        .join(broadcast(rename), OLD_STORY);
    Dataset<Row> added = w.rows(newRows, new StructType().add(DOC_ID, DataTypes.StringType, false)
            .add(STORY_ID, DataTypes.StringType, false).add(SIMILARITY, DataTypes.DoubleType, false))
        .select(col(DOC_ID), lit(null).cast("string").as(OLD_STORY), col(SIMILARITY), lit(null).cast("int")
            .as(OLD_RANK), col(STORY_ID));
    Dataset<Row> all = oldRows.unionByName(added);
    Dataset<Row> storyMembers = w.save("story_members", all
        .join(docs.select(DOC_ID, SOURCE, TITLE, PUBLISHED_AT), DOC_ID)
        .join(clusters.select(col(DOC_ID), col(REPRESENTATIVE).as(UNIT)), new String[] {DOC_ID}, "left")
        .withColumn(UNIT, coalesce(col(UNIT), col(DOC_ID)))
        .withColumn(RANK_IN_STORY, row_number().over(Window.partitionBy(STORY_ID)
            .orderBy(col(PUBLISHED_AT).asc_nulls_last(), col(DOC_ID).asc()))));

    Column changed = col(OLD_STORY).isNull().or(col(OLD_STORY).notEqual(col(STORY_ID)))
        .or(col(OLD_RANK).notEqual(col(RANK_IN_STORY)));
    Dataset<Row> articleRows = w.save("story_article_rows", storyMembers.filter(changed)
        .select(col(DOC_ID), col(STORY_ID), col(SIMILARITY), col(RANK_IN_STORY), lit(w.version).as(VERSION)));
    Column[] articleOrder = Arrays.stream(w.base(Tables.STORY_ARTICLES).columns()).map(functions::col)
        .toArray(Column[]::new);
    w.next.rewrite(Tables.STORY_ARTICLES, List.of(DOC_ID), articleRows.select(DOC_ID), articleRows
        .select(articleOrder));

    Set<String> rewrittenStories = new TreeSet<>(touchedOld);
    rewrittenStories.addAll(placed.created());
    w.next.rewrite(Tables.STORIES, List.of(STORY_ID), w.ids(rewrittenStories, STORY_ID),
        storyRows(w, storyMembers, placed, p.topTerms()));
    w.next.replace(Tables.STORY_TRENDS, Stories.trendsOf(w.next.readStaged(Tables.STORY_ARTICLES), docs, p));

    // state: the touched stories' representations, the frequencies' changes
    List<Row> reps = new ArrayList<>();
    for (StoryRep r : placed.stories().values()) {
      reps.add(RowFactory.create(r.storyId(), r.lang(), timestamp(r.first()), timestamp(r.last()), r.units(),
          r.articles(), r.features(), r.sums(), r.display(), placed.since().get(r.storyId()), w.version));
    }
    w.next.rewrite(StateTables.STORY_MODEL, List.of(STORY_ID), w.ids(rewrittenStories, STORY_ID),
        w.rows(reps, StateTables.STORY_MODEL_SCHEMA).coalesce(1));
    w.next.append(StateTables.STORY_DF, dfDelta.select(col(feature), col(LANG), col(DF), col(VERSION)).coalesce(1));
    placed.aliases().forEach((a, b) -> w.aliases.add(RowFactory.create(StateTables.STORY, a, b, StateTables.MERGE,
        w.version)));

    Map<String, Object> section = new LinkedHashMap<>();
    section.put("new_units", units.size());
    section.put("growing_clusters", growths.size());
    section.put("candidate_stories", candidates);
    section.put("stories_loaded", loaded.size());
    section.put("stories_touched", touchedOld.size() - placed.aliases().size());
    section.put("stories_created", placed.created().size());
    section.put("stories_merged_away", placed.aliases().size());
    section.put("story_article_rows_written", w.read("story_article_rows").count());
    return section;
  }

  /**
   * The stored stories a new unit can join: those of its language, eligible for it in time
   * ({@link StoryModel#eligible}), whose stored centroid's cosine with its vector reaches --story-threshold. No other
   * stored story can change a placement: a story changes only when a unit joins it, and the first new unit to join
   * one compares with its stored centroid, so a story that reaches the threshold with none of the new units is never
   * joined and never chosen (a story holding a reuse partner, whose score has a bonus, and the stories of growing
   * clusters are loaded by the caller). The stored stories are read in one pass by the tasks, each against the new
   * units indexed by feature ({@link CandidateIndex}, broadcast); only the matching story ids reach the driver.
   * Loading every story sharing a feature within the new units' whole time range instead ran 100,000 synthetic
   * articles dated over six years plus 1,000 out of a 2 GB heap: the stories were nearly all candidates. (A join of
   * the exploded centroids with the units' features, summed per story and unit, took 43 s of a 64 s stories step at
   * 103,000 + 1,000.)
   */
  static Set<String> candidateStories(SparkSession spark, Dataset<Row> model, Collection<Unit> units,
      StoryModel.Rules rules) {
    Set<String> out = new TreeSet<>();
    if (units.isEmpty()) return out;
    Broadcast<CandidateIndex> index = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(new CandidateIndex(units, rules, COSINE_MARGIN));
    try {
      Dataset<String> ids = model.select(col(STORY_ID), col(LANG),
              coalesce(unix_seconds(col(FIRST_PUBLISHED)), lit(Unit.UNDATED)),
              coalesce(unix_seconds(col(LAST_PUBLISHED)), lit(Unit.UNDATED)), col(FEATURES), col(WEIGHTS), col(DISPLAY))
          .mapPartitions((MapPartitionsFunction<Row, String>) it -> {
            CandidateIndex x = index.value();
            double[] dots = x.scratch();
            List<String> found = new ArrayList<>();
            while (it.hasNext()) {
              Row r = it.next();
              if (x.reaches(r.isNullAt(1) ? null : r.getString(1), r.getLong(2), r.getLong(3), Stories.vector(r, 4),
                  dots)) {
                found.add(r.getString(0));
              }
            }
            return found.iterator();
          }, Encoders.STRING());
      out.addAll(ids.collectAsList());
    } finally {
      index.destroy();
    }
    return out;
  }

  /** The stories rows of the touched stories, from their members (as the full run computes them). */
  private static Dataset<Row> storyRows(Workspace w, Dataset<Row> members, StoryPlacement.Result placed,
      int topTerms) {
    List<Row> terms = new ArrayList<>();
    for (StoryRep r : placed.stories().values()) {
      terms.add(RowFactory.create(r.storyId(), r.topDisplay(topTerms).toArray(new String[0])));
    }
    Dataset<Row> top = w.rows(terms, new StructType().add(STORY_ID, DataTypes.StringType, false)
        .add(STORY_TERMS, new ArrayType(DataTypes.StringType, true), false));
    // the central unit: the most similar to the centroid (ties: earlier, then smaller id)
    Dataset<Row> central = members.filter(col(DOC_ID).equalTo(col(UNIT)))
        .withColumn("_n", row_number().over(Window.partitionBy(STORY_ID).orderBy(col(SIMILARITY).desc(),
            col(PUBLISHED_AT).asc_nulls_last(), col(DOC_ID).asc())))
        .groupBy(STORY_ID).agg(max(when(col("_n").equalTo(1), col(TITLE))).as(HEADLINE),
            avg(col(SIMILARITY)).as(COHESION));
    Dataset<Row> rows = members.groupBy(STORY_ID)
        .agg(min(PUBLISHED_AT).as(FIRST_PUBLISHED), max(PUBLISHED_AT).as(LAST_PUBLISHED),
            count(lit(1)).as(ARTICLES), countDistinct(UNIT).as(DISTINCT_ARTICLES), countDistinct(SOURCE).as(SOURCES),
            max(when(col(RANK_IN_STORY).equalTo(1), col(SOURCE))).as(FIRST_SOURCE))
        .join(central, new String[] {STORY_ID}, "left")
        .join(top, new String[] {STORY_ID}, "left")
        .select(col(STORY_ID), col(HEADLINE), col(FIRST_PUBLISHED), col(LAST_PUBLISHED), col(ARTICLES),
            col(DISTINCT_ARTICLES), col(SOURCES), col(FIRST_SOURCE),
            coalesce(col(STORY_TERMS), array().cast("array<string>")).as(STORY_TERMS),
            coalesce(col(COHESION), lit(1.0)).as(COHESION));
    Column[] order = Arrays.stream(w.base(Tables.STORIES).columns()).map(functions::col).toArray(Column[]::new);
    return rows.select(order);
  }

  private static Timestamp timestamp(long seconds) {
    return seconds == Unit.UNDATED ? null : new Timestamp(seconds * 1000);
  }

  /** A stored representation from a row of story_id, lang, first, last (seconds), units, articles, arrays, since. */
  private static StoryRep rep(Row r) {
    UnitVector centroid = Stories.vector(r, 6); // features, sums, display
    return new StoryRep(r.getString(0), r.isNullAt(1) ? "und" : r.getString(1), r.getLong(2), r.getLong(3),
        r.getInt(4), r.getInt(5), centroid.ids(), centroid.weights(), centroid.display());
  }

  /** Frequencies from (feature, lang, df) rows: lang set on a language's count of units. */
  private static Frequencies frequencies(List<Row> rows) {
    List<long[]> features = new ArrayList<>();
    Map<String, Long> units = new TreeMap<>();
    for (Row r : rows) {
      if (!r.isNullAt(1)) units.merge(r.getString(1), r.getLong(2), Long::sum);
      else features.add(new long[] {r.getLong(0), r.getLong(2)});
    }
    long[] ids = new long[features.size()];
    int[] df = new int[features.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = features.get(i)[0];
      df[i] = (int) Math.min(Integer.MAX_VALUE, features.get(i)[1]);
    }
    return new Frequencies(ids, df, units);
  }

  /** doc_id → representative of the duplicate_clusters rows given (a few: the update's articles and their clusters). */
  private static Map<String, String> representatives(Dataset<Row> clusterRows) {
    Map<String, String> out = new HashMap<>();
    for (Row r : clusterRows.select(DOC_ID, REPRESENTATIVE).collectAsList()) out.put(r.getString(0), r.getString(1));
    return out;
  }
}
