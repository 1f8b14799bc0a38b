package io.newslens.stories;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.newslens.spark.DriverTables;
import io.newslens.spark.Schemas;
import io.newslens.spark.SortedRuns;
import io.newslens.terms.Terms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The stories stage: the same event across outlets and days, in different words. Every article gets exactly one
 * story (an article alone is its own story).
 *
 * <ol>
 *   <li><b>Units.</b> A duplicate cluster enters as one unit, through its representative; an article in no
 *       cluster is its own unit.</li>
 *   <li><b>Vectors</b> ({@link DocumentFeatures}, {@link UnitVector}): each unit's content terms and proper names
 *       from its tokens, weighted by tf-idf over the units of its language, title and name features boosted, the
 *       strongest {@code --story-features} kept. Two passes over the tokens: the document frequencies (features
 *       held by at least {@code --story-min-df} units, collected to the driver and broadcast), then the vectors,
 *       whose strongest {@code --story-features} + 10 features meet the units' titles and times in one join.</li>
 *   <li><b>Candidates</b> ({@link PostingPairs}): never all pairs. Each unit posts its
 *       {@code --story-posted-features} strongest features; one shuffle sorts the postings by feature, then time;
 *       within a feature, a unit is paired with the units before it within {@code --story-max-gap} days (all of
 *       them up to {@code --story-max-posting}, else the {@code --story-neighbours} latest). A pair's products
 *       summed over its shared features is its cosine over the posted features; pairs reaching
 *       {@code --story-edge-threshold}, and the units sharing a reuse passage, are the edges.</li>
 *   <li><b>Components</b> ({@link UnionFind}): the edges are streamed to the driver and joined into connected
 *       components there (about 24 bytes per unit in an edge); a component's label is its smallest unit key.</li>
 *   <li><b>Stories</b> ({@link StoryModel#fit}): each component's units are placed in time order, each joining the
 *       story whose centroid it is most similar to (from {@code --story-threshold}, within the time limits) or
 *       founding one. The components are spread over partitions; a unit in no edge is a story of its own without
 *       a shuffle.</li>
 * </ol>
 *
 * <p><b>Ids.</b> story_id is the doc_id of the story's first article: earliest published_at (undated last), then
 * smallest doc_id — derived from the members, never a row number. {@link Result#representations} holds what
 * placing a new article in an existing story needs (a story's centroid, time range and sizes:
 * {@link StoryModel.StoryRep}), and {@link Result#documentFrequencies} what weighting it needs.
 *
 * <pre>
 * stories         story_id, headline (title of the story's central unit: the one most similar to its centroid),
 *                 first_published, last_published (timestamps, null when no article is dated), articles,
 *                 distinct_articles (units: a duplicate cluster counts once), sources (distinct), first_source
 *                 (source of the first article), top_terms (display forms of the centroid's strongest features),
 *                 cohesion (mean cosine of its units with its centroid; 1 for one unit)
 * story_articles  doc_id, story_id, similarity (cosine of its unit with the story's centroid), rank_in_story
 *                 (1 = the first article, by published_at then doc_id)
 * story_trends    period (label; null: undated articles), period_start, source (null: all sources), stories (with
 *                 an article of the source in the period), stories_first (whose first article it is), articles
 * </pre>
 * Deterministic: components and placements depend on the data only, so local[1] and local[2] give the same stories.
 */
public final class Stories {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("newslens");

  private Stories() {}

  public static final List<String> STORY_COLUMNS = List.of(STORY_ID, HEADLINE, FIRST_PUBLISHED, LAST_PUBLISHED,
      ARTICLES, DISTINCT_ARTICLES, SOURCES, FIRST_SOURCE, STORY_TERMS, COHESION);
  public static final List<String> ARTICLE_COLUMNS = List.of(DOC_ID, STORY_ID, SIMILARITY, RANK_IN_STORY);
  public static final List<String> TREND_COLUMNS = List.of(PERIOD, PERIOD_START, SOURCE, STORIES, STORIES_FIRST,
      ARTICLES);

  // working columns
  private static final String UNIT = "_unit";
  private static final String SIZE = "_size";
  private static final String KEY = "_key";
  private static final String TIME = "_time";
  private static final String FEATURE = "_feature";
  private static final String DOC_LANG = "_doc_lang";
  private static final String IDS = "_ids";
  private static final String TFS = "_tfs";
  private static final String FLAGS = "_flags";
  private static final String WEIGHTS = "_weights";
  private static final String SHOWN = "_display";
  private static final String PARTNERS = "_partners";
  private static final String COMPONENT = "_component";
  private static final String DOT = "_dot";
  private static final String STORY = "_story";
  private static final String CENTRAL = "_central";

  /** Distinct features a partition counts before it hands its counts to the shuffle. */
  static final int MAX_PARTITION_COUNTS = 1 << 18;

  /** Features a unit keeps before its title is known (the title boost may reorder them). */
  static final int TITLE_MARGIN = 10;

  /**
   * Counts for the manifest.
   *
   * @param units              units (articles with tokens, a duplicate cluster counting once)
   * @param vocabulary         features held by at least --story-min-df units
   * @param candidatePairs     distinct unit pairs from the postings
   * @param edges              pairs at or above the edge threshold, plus reuse pairs
   * @param components         connected components of two units or more
   * @param largestComponent   units in the largest one
   */
  public record Stats(long units, long vocabulary, long candidatePairs, long edges, long components,
      long largestComponent) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("units", units);
      m.put("vocabulary", vocabulary);
      m.put("candidate_pairs", candidatePairs);
      m.put("edges", edges);
      m.put("components", components);
      m.put("largest_component", largestComponent);
      return m;
    }
  }

  /**
   * The stage's tables (lazy over what {@link #apply} persisted: call {@link #release} once they are written).
   *
   * @param representations   story_id, lang, first_published, last_published, units, articles, features
   *                          (array&lt;long&gt;, ascending), weights (the centroid's sums), display: one row per story,
   *                          what {@link StoryModel#of} loads to place new articles
   * @param documentFrequencies feature (long; 0 with lang set: the language's number of units), lang, df
   */
  public record Result(Dataset<Row> stories, Dataset<Row> storyArticles, Dataset<Row> storyTrends,
      Dataset<Row> representations, Dataset<Row> documentFrequencies, Stats stats, List<Dataset<Row>> cached) {
    public void release() {
      for (Dataset<Row> d : cached) d.unpersist(false);
    }
  }

  /**
   * @param documents      doc_id, source, title, published_at
   * @param tokens         doc_id, lang, tokens (the analyze stage's table)
   * @param clustersOrNull doc_id, representative, cluster_size (dedup's duplicate_clusters), or null
   * @param passagesOrNull doc_a, doc_b (reuse_passages), or null
   */
  public static Result apply(Dataset<Row> documents, Dataset<Row> tokens, Dataset<Row> clustersOrNull,
      Dataset<Row> passagesOrNull, StoriesParams p) {
    Schemas.require(documents, "stories: documents lacks column(s)", DOC_ID, SOURCE, TITLE, PUBLISHED_AT);
    Schemas.require(tokens, "stories: tokens lacks column(s)", DOC_ID, LANG, TOKENS);
    if (clustersOrNull != null) {
      Schemas.require(clustersOrNull, "stories: clusters lack column(s)", DOC_ID, REPRESENTATIVE, CLUSTER_SIZE);
    }
    if (passagesOrNull != null) Schemas.require(passagesOrNull, "stories: passages lack column(s)", DOC_A, DOC_B);
    SparkSession spark = documents.sparkSession();
    StorageLevel level = StorageLevel.MEMORY_AND_DISK();
    List<Dataset<Row>> cached = new ArrayList<>();

    // every article with its unit: the representative of its duplicate cluster, or itself
    Dataset<Row> articles = documents.select(col(DOC_ID), col(SOURCE), col(TITLE), col(PUBLISHED_AT));
    if (clustersOrNull != null) {
      articles = articles.join(clustersOrNull.select(col(DOC_ID), col(REPRESENTATIVE), col(CLUSTER_SIZE)), DOC_ID,
              "left")
          .withColumn(UNIT, coalesce(col(REPRESENTATIVE), col(DOC_ID)))
          .withColumn(SIZE, coalesce(col(CLUSTER_SIZE), lit(1)))
          .drop(REPRESENTATIVE, CLUSTER_SIZE);
    } else {
      articles = articles.withColumn(UNIT, col(DOC_ID)).withColumn(SIZE, lit(1));
    }
    articles = articles.persist(level);
    cached.add(articles);
    // the tokens of units only: a reprint's words would count its story's features twice
    Dataset<Row> others = articles.filter(col(UNIT).notEqual(col(DOC_ID))).select(DOC_ID);
    Column toks = col(TOKENS);
    Dataset<Row> unitTokens = tokens.select(col(DOC_ID), col(LANG), toks.getField(TERM).as("t"),
            toks.getField(SURFACE).as("s"), toks.getField(SENTENCE).as("n"), toks.getField(START).as("a"),
            toks.getField(END).as("b"), toks.getField(STOP).as("x"))
        .join(broadcast(others), new String[] {DOC_ID}, "left_anti");

    // pass 1: document frequencies per feature, and per language its number of units (feature 0), counted per
    // partition (one row per distinct feature and partition reaches the shuffle)
    StructType dfRow = new StructType().add(FEATURE, DataTypes.LongType, false).add(DOC_LANG, DataTypes.StringType,
        true).add(DF, DataTypes.LongType, false);
    Dataset<Row> df = unitTokens.mapPartitions((MapPartitionsFunction<Row, Row>) FeatureCounts::new,
            Encoders.row(dfRow))
        .groupBy(FEATURE, DOC_LANG).agg(sum(DF).as(DF))
        .filter(col(DF).geq(p.minDf()).or(col(DOC_LANG).isNotNull()))
        .withColumnRenamed(DOC_LANG, LANG)
        .persist(level);
    cached.add(df);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    long t0 = System.nanoTime();
    Broadcast<Frequencies> freqB = jsc.broadcast(frequencies(df));
    phase("document frequencies", t0);

    // pass 2: each unit's strongest features before the title boost, then its title and time, then its vector
    StructType pre = new StructType()
        .add(DOC_ID, DataTypes.StringType, false)
        .add(LANG, DataTypes.StringType, false)
        .add(IDS, new ArrayType(DataTypes.LongType, false), false)
        .add(TFS, new ArrayType(DataTypes.IntegerType, false), false)
        .add(FLAGS, new ArrayType(DataTypes.IntegerType, false), false)
        .add(SHOWN, new ArrayType(DataTypes.StringType, true), false);
    UnitVector.Weights loose = looseWeights(p);
    Dataset<Row> preVectors = unitTokens.map((MapFunction<Row, Row>) r -> {
      String lang = r.getString(1);
      Frequencies f = freqB.value();
      List<UnitVector.Raw> raw = new ArrayList<>();
      for (DocumentFeatures.Feature x : features(r)) {
        raw.add(new UnitVector.Raw(DocumentFeatures.hash(lang, x.key()), x.tf(), x.flags(), x.display()));
      }
      // weighted before the title is known: --story-features + TITLE_MARGIN kept, the title may reorder them
      UnitVector v = UnitVector.of(raw, f::df, f.units(lang), loose);
      Map<Long, UnitVector.Raw> byId = new java.util.HashMap<>();
      for (UnitVector.Raw x : raw) byId.put(x.id(), x);
      long[] ids = new long[v.size()];
      int[] tfs = new int[v.size()];
      int[] flags = new int[v.size()];
      for (int i = 0; i < v.size(); i++) {
        UnitVector.Raw x = byId.get(v.ids()[i]);
        ids[i] = x.id();
        tfs[i] = x.tf();
        flags[i] = x.flags();
      }
      return RowFactory.create(r.getString(0), lang, ids, tfs, flags, v.display());
    }, Encoders.row(pre));

    Dataset<Row> partners = partners(articles, passagesOrNull);
    UnitVector.Weights weights = p.weights();
    StructType unitSchema = new StructType()
        .add(DOC_ID, DataTypes.StringType, false)
        .add(KEY, DataTypes.LongType, false)
        .add(LANG, DataTypes.StringType, false)
        .add(TIME, DataTypes.LongType, false)
        .add(SIZE, DataTypes.IntegerType, false)
        .add(IDS, new ArrayType(DataTypes.LongType, false), false)
        .add(WEIGHTS, new ArrayType(DataTypes.DoubleType, false), false)
        .add(SHOWN, new ArrayType(DataTypes.StringType, true), false)
        .add(PARTNERS, new ArrayType(DataTypes.StringType, false), false);
    Dataset<Row> units = preVectors
        .join(articles.filter(col(UNIT).equalTo(col(DOC_ID))).select(DOC_ID, TITLE, PUBLISHED_AT, SIZE), DOC_ID)
        .join(partners, new String[] {DOC_ID}, "left")
        .select(col(DOC_ID), xxhash64(col(DOC_ID)).as(KEY), col(LANG),
            coalesce(unix_seconds(col(PUBLISHED_AT)), lit(Unit.UNDATED)).as(TIME), col(SIZE), col(IDS), col(TFS),
            col(FLAGS), col(SHOWN), col(TITLE), coalesce(col(PARTNERS), array().cast("array<string>")).as(PARTNERS))
        .map((MapFunction<Row, Row>) r -> {
          Frequencies f = freqB.value();
          String lang = r.getString(2);
          Set<String> title = DocumentFeatures.titleWords(r.getString(9));
          List<Long> ids = r.getList(5);
          List<Integer> tfs = r.getList(6);
          List<Integer> flags = r.getList(7);
          List<String> shown = r.getList(8);
          List<UnitVector.Raw> raw = new ArrayList<>(ids.size());
          for (int i = 0; i < ids.size(); i++) {
            int fl = flags.get(i) | (DocumentFeatures.inTitle(shown.get(i), title) ? DocumentFeatures.IN_TITLE : 0);
            raw.add(new UnitVector.Raw(ids.get(i), tfs.get(i), fl, shown.get(i)));
          }
          UnitVector v = UnitVector.of(raw, f::df, f.units(lang), weights);
          return RowFactory.create(r.getString(0), r.getLong(1), lang, r.getLong(3), r.getInt(4), v.ids(),
              v.weights(), v.display(), r.getList(10).toArray(new String[0]));
        }, Encoders.row(unitSchema))
        .persist(level);
    cached.add(units);
    long unitCount = units.count();
    phase("unit vectors", t0);

    // candidates: postings of each unit's strongest features, paired within the time gap, summed per pair
    int posted = p.postedFeatures();
    StructType postingRow = new StructType().add(FEATURE, DataTypes.LongType, false)
        .add(TIME, DataTypes.LongType, false).add(KEY, DataTypes.LongType, false)
        .add(WEIGHT, DataTypes.DoubleType, false);
    StructType pairRow = new StructType().add(DOC_A, DataTypes.LongType, false).add(DOC_B, DataTypes.LongType, false)
        .add(DOT, DataTypes.DoubleType, false);
    long window = p.maxGapDays() * 86_400L;
    int maxAll = p.maxPosting();
    int neighbours = p.neighbours();
    Dataset<Row> pairs = units.flatMap((FlatMapFunction<Row, Row>) r -> {
          UnitVector v = vector(r, 5);
          List<Row> out = new ArrayList<>(posted);
          for (int i : v.strongest(posted)) out.add(RowFactory.create(v.ids()[i], r.getLong(3), r.getLong(1),
              v.weights()[i]));
          return out.iterator();
        }, Encoders.row(postingRow))
        .repartition(col(FEATURE)).sortWithinPartitions(col(FEATURE), col(TIME), col(KEY))
        .mapPartitions((MapPartitionsFunction<Row, Row>) it -> new PostingRuns(it, window, maxAll, neighbours),
            Encoders.row(pairRow))
        .groupBy(DOC_A, DOC_B).agg(sum(DOT).as(DOT))
        .persist(level);
    cached.add(pairs);
    long pairCount = pairs.count();
    phase("candidate pairs", t0);
    Dataset<Row> reuseEdges = units.select(col(KEY).as(DOC_A), explode(col(PARTNERS)).as(UNIT))
        .join(units.select(col(DOC_ID).as(UNIT), col(KEY).as(DOC_B)), UNIT)
        .filter(col(DOC_A).lt(col(DOC_B))).select(DOC_A, DOC_B);
    Dataset<Row> edges = pairs.filter(col(DOT).geq(p.edgeThreshold())).select(DOC_A, DOC_B).union(reuseEdges);

    // components, on the driver
    UnionFind uf = new UnionFind();
    long edgeCount = 0;
    for (Iterator<Row> it = DriverTables.stream(edges, pairCount); it.hasNext(); edgeCount++) {
      Row e = it.next();
      uf.union(e.getLong(0), e.getLong(1));
    }
    long[][] labels = uf.labels();
    phase("components", t0);
    Broadcast<long[][]> labelsB = jsc.broadcast(labels);
    UserDefinedFunction component = udf((UDF1<Long, Long>) k -> UnionFind.label(labelsB.value(), k),
        DataTypes.LongType);
    UserDefinedFunction inEdge = udf((UDF1<Long, Boolean>) k -> Arrays.binarySearch(labelsB.value()[0], k) >= 0,
        DataTypes.BooleanType);

    // stories: units in no edge alone, the others component by component
    StoryModel.Rules rules = p.rules();
    int topTerms = p.topTerms();
    StructType unitComponent = new StructType().add(COMPONENT, DataTypes.LongType, false);
    for (var f : unitSchema.fields()) unitComponent = unitComponent.add(f);
    Dataset<Row> alone = units.filter(not(inEdge.apply(col(KEY))))
        .flatMap((FlatMapFunction<Row, Row>) r -> fitted(List.of(unit(r, 0)), rules, topTerms).iterator(),
            Encoders.row(OUT));
    Dataset<Row> together = units.filter(inEdge.apply(col(KEY)))
        .select(component.apply(col(KEY)).as(COMPONENT), col("*"))
        .repartition(col(COMPONENT)).sortWithinPartitions(col(COMPONENT))
        .mapPartitions((MapPartitionsFunction<Row, Row>) it -> new ComponentRuns(it, rules, topTerms),
            Encoders.row(OUT));
    Dataset<Row> placed = alone.union(together).persist(level);
    cached.add(placed);
    placed.count();
    phase("stories placed", t0);

    Dataset<Row> unitStory = placed.filter(col(KIND_COL).equalTo(UNIT_ROW))
        .select(col(DOC_ID).as(UNIT), col(STORY), col(SIMILARITY));
    Dataset<Row> storyRows = placed.filter(col(KIND_COL).equalTo(STORY_ROW)).drop(KIND_COL, DOC_ID, SIMILARITY);

    // every article in the story of its unit (an article whose unit has no tokens is its own story)
    WindowSpec byStory = Window.partitionBy(STORY)
        .orderBy(col(PUBLISHED_AT).asc_nulls_last(), col(DOC_ID).asc());
    WindowSpec wholeStory = byStory.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    Dataset<Row> members = articles.join(unitStory, new String[] {UNIT}, "left")
        .withColumn(STORY, coalesce(col(STORY), col(UNIT)))
        .withColumn(SIMILARITY, coalesce(col(SIMILARITY), lit(1.0)))
        .withColumn(RANK_IN_STORY, row_number().over(byStory))
        .withColumn(STORY_ID, first(col(DOC_ID)).over(wholeStory))
        .withColumn(FIRST_SOURCE, first(col(SOURCE)).over(wholeStory))
        .persist(level);
    cached.add(members);

    Dataset<Row> storyArticles = members.select(columns(ARTICLE_COLUMNS));
    Dataset<Row> titles = articles.select(col(DOC_ID).as(CENTRAL), col(TITLE).as(HEADLINE));
    Dataset<Row> stories = members.groupBy(STORY, STORY_ID, FIRST_SOURCE)
        .agg(min(PUBLISHED_AT).as(FIRST_PUBLISHED), max(PUBLISHED_AT).as(LAST_PUBLISHED),
            count(lit(1)).as(ARTICLES), countDistinct(UNIT).as(DISTINCT_ARTICLES),
            countDistinct(SOURCE).as(SOURCES))
        .join(storyRows.select(STORY, CENTRAL, COHESION, STORY_TERMS), new String[] {STORY}, "left")
        .withColumn(CENTRAL, coalesce(col(CENTRAL), col(STORY)))
        .join(titles, new String[] {CENTRAL}, "left")
        .select(col(STORY_ID), col(HEADLINE), col(FIRST_PUBLISHED), col(LAST_PUBLISHED), col(ARTICLES),
            col(DISTINCT_ARTICLES), col(SOURCES), col(FIRST_SOURCE),
            coalesce(col(STORY_TERMS), array().cast("array<string>")).as(STORY_TERMS),
            coalesce(col(COHESION), lit(1.0)).as(COHESION));

    Dataset<Row> representations = storyRows
        .join(members.select(STORY, STORY_ID).distinct(), STORY)
        .select(col(STORY_ID), col(LANG),
            when(col(FIRST).equalTo(Unit.UNDATED), lit(null)).otherwise(timestamp_seconds(col(FIRST)))
                .as(FIRST_PUBLISHED),
            when(col(LAST).equalTo(Unit.UNDATED), lit(null)).otherwise(timestamp_seconds(col(LAST)))
                .as(LAST_PUBLISHED),
            col(UNITS), col(ARTICLES), col(FEATURES), col(SUMS).as(WEIGHTS), col(SHOWN).as(DISPLAY));

    Dataset<Row> trends = trends(members, p);
    Stats stats = stats(unitCount, freqB.value().size(), pairCount, edgeCount, labels);
    LOG.info("stories: {} units, {} features, {} candidate pairs, {} edges, {} components (largest {})",
        stats.units(), stats.vocabulary(), stats.candidatePairs(), stats.edges(), stats.components(),
        stats.largestComponent());
    return new Result(stories, storyArticles, trends, representations, df, stats, List.copyOf(cached));
  }

  private static Stats stats(long units, long vocabulary, long pairs, long edges, long[][] labels) {
    Map<Long, Integer> sizes = new java.util.HashMap<>();
    for (long l : labels[1]) sizes.merge(l, 1, Integer::sum);
    int largest = sizes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    return new Stats(units, vocabulary, pairs, edges, sizes.size(), largest);
  }

  /** Logs the time since t0 a phase ended at (DEBUG). */
  private static void phase(String name, long t0) {
    LOG.debug("stories: {} done at {} s", name, String.format("%.1f", (System.nanoTime() - t0) / 1e9));
  }

  // ---- rows of the kernel's output ------------------------------------------------------------------------------
  private static final String KIND_COL = "_kind";
  private static final String FIRST = "_first";
  private static final String LAST = "_last";
  private static final String SUMS = "_sums";
  static final int UNIT_ROW = 0;
  static final int STORY_ROW = 1;

  /**
   * What the kernel yields: a unit row (kind 0: doc_id = the unit, its story and similarity) or a story row (kind 1:
   * its central unit, cohesion, language, time range, sizes, centroid and top terms).
   */
  static final StructType OUT = new StructType()
      .add(KIND_COL, DataTypes.IntegerType, false)
      .add(DOC_ID, DataTypes.StringType, true)
      .add(STORY, DataTypes.StringType, false)
      .add(SIMILARITY, DataTypes.DoubleType, true)
      .add(CENTRAL, DataTypes.StringType, true)
      .add(COHESION, DataTypes.DoubleType, true)
      .add(LANG, DataTypes.StringType, true)
      .add(FIRST, DataTypes.LongType, true)
      .add(LAST, DataTypes.LongType, true)
      .add(UNITS, DataTypes.IntegerType, true)
      .add(ARTICLES, DataTypes.IntegerType, true)
      .add(FEATURES, new ArrayType(DataTypes.LongType, false), true)
      .add(SUMS, new ArrayType(DataTypes.DoubleType, false), true)
      .add(SHOWN, new ArrayType(DataTypes.StringType, true), true)
      .add(STORY_TERMS, new ArrayType(DataTypes.StringType, true), true);

  /** The kernel's rows for one component's units. */
  static List<Row> fitted(List<Unit> units, StoryModel.Rules rules, int topTerms) {
    StoryModel.Fit fit = StoryModel.fit(units, rules);
    List<Row> out = new ArrayList<>(units.size() + fit.stories().size());
    for (Unit u : units) {
      out.add(RowFactory.create(UNIT_ROW, u.id(), fit.storyOf().get(u.id()), fit.similarity().get(u.id()), null, null,
          null, null, null, null, null, null, null, null, null));
    }
    for (StoryModel.StoryRep s : fit.stories()) {
      out.add(RowFactory.create(STORY_ROW, null, s.storyId(), null, fit.central().get(s.storyId()),
          fit.cohesion().get(s.storyId()), s.lang(), s.first(), s.last(), s.units(), s.articles(), s.features(),
          s.sums(), s.display(), s.topDisplay(topTerms).toArray(new String[0])));
    }
    return out;
  }

  /** A unit from a row of the units table, whose columns start at {@code at}. */
  static Unit unit(Row r, int at) {
    return new Unit(r.getString(at), r.getLong(at + 1), r.getString(at + 2), r.getLong(at + 3), r.getInt(at + 4),
        vector(r, at + 5), r.getList(at + 8));
  }

  /** The vector of a units-table row (ids, weights, display from column {@code at}). */
  public static UnitVector vector(Row r, int at) {
    List<Long> ids = r.getList(at);
    List<Double> ws = r.getList(at + 1);
    List<String> shown = r.getList(at + 2);
    long[] i = new long[ids.size()];
    double[] w = new double[ids.size()];
    for (int k = 0; k < i.length; k++) {
      i[k] = ids.get(k);
      w[k] = ws.get(k);
    }
    return new UnitVector(i, w, shown.toArray(new String[0]));
  }

  /**
   * A document's features ({@link DocumentFeatures#of}) from a row of doc_id, lang and its tokens' terms, surfaces,
   * sentences, starts, ends and stops as arrays.
   */
  public static List<DocumentFeatures.Feature> features(Row r) {
    List<String> terms = r.getList(2);
    int n = terms.size();
    String[] t = terms.toArray(new String[0]);
    String[] s = r.<String>getList(3).toArray(new String[0]);
    int[] sentence = ints(r.getList(4));
    int[] start = ints(r.getList(5));
    int[] end = ints(r.getList(6));
    List<Boolean> stops = r.getList(7);
    boolean[] x = new boolean[n];
    for (int i = 0; i < n; i++) x[i] = stops.get(i);
    return DocumentFeatures.of(t, s, sentence, start, end, x);
  }

  /**
   * The tokens table as the rows {@link #features}, {@link #featureIds} and {@link #unitVector} read: doc_id, lang
   * and the tokens' terms, surfaces, sentences, starts, ends and stops as arrays (an incremental update's units).
   */
  public static Dataset<Row> tokenArrays(Dataset<Row> tokens) {
    Column toks = col(TOKENS);
    return tokens.select(col(DOC_ID), col(LANG), toks.getField(TERM).as("t"), toks.getField(SURFACE).as("s"),
        toks.getField(SENTENCE).as("n"), toks.getField(START).as("a"), toks.getField(END).as("b"),
        toks.getField(STOP).as("x"));
  }

  /** The distinct feature ids of a {@link #tokenArrays} row, ascending (what a unit adds to the frequencies). */
  public static long[] featureIds(Row r) {
    return ids(r);
  }

  /**
   * The vector of one unit weighted with the given frequencies, as {@link #apply} weights a unit: its strongest
   * --story-features + {@link #TITLE_MARGIN} features before the title is known, then with the title flags its
   * strongest --story-features. For an incremental update, whose new units are weighted with the stored
   * frequencies plus their own.
   *
   * @param r a {@link #tokenArrays} row
   */
  public static UnitVector unitVector(Row r, String title, Frequencies f, StoriesParams p) {
    String lang = r.getString(1);
    List<UnitVector.Raw> raw = new ArrayList<>();
    for (DocumentFeatures.Feature x : features(r)) {
      raw.add(new UnitVector.Raw(DocumentFeatures.hash(lang, x.key()), x.tf(), x.flags(), x.display()));
    }
    UnitVector loose = UnitVector.of(raw, f::df, f.units(lang), looseWeights(p));
    Map<Long, UnitVector.Raw> byId = new java.util.HashMap<>();
    for (UnitVector.Raw x : raw) byId.put(x.id(), x);
    Set<String> words = DocumentFeatures.titleWords(title);
    List<UnitVector.Raw> kept = new ArrayList<>(loose.size());
    for (long id : loose.ids()) {
      UnitVector.Raw x = byId.get(id);
      int fl = x.flags() | (DocumentFeatures.inTitle(x.display(), words) ? DocumentFeatures.IN_TITLE : 0);
      kept.add(new UnitVector.Raw(x.id(), x.tf(), fl, x.display()));
    }
    return UnitVector.of(kept, f::df, f.units(lang), p.weights());
  }

  /**
   * story_trends from story_articles (doc_id, story_id, rank_in_story) and documents (doc_id, source,
   * published_at): what an incremental update counts again over every article.
   */
  public static Dataset<Row> trendsOf(Dataset<Row> storyArticles, Dataset<Row> documents, StoriesParams p) {
    return trends(storyArticles.select(DOC_ID, STORY_ID, RANK_IN_STORY)
        .join(documents.select(DOC_ID, SOURCE, PUBLISHED_AT), DOC_ID), p);
  }

  /** The distinct feature ids of a row like {@link #features}'s ({@link DocumentFeatures#ids}). */
  static long[] ids(Row r) {
    List<Boolean> stops = r.getList(7);
    boolean[] x = new boolean[stops.size()];
    for (int i = 0; i < x.length; i++) x[i] = stops.get(i);
    return DocumentFeatures.ids(r.getString(1), r.<String>getList(2).toArray(new String[0]),
        r.<String>getList(3).toArray(new String[0]), ints(r.getList(4)), ints(r.getList(5)), ints(r.getList(6)), x);
  }

  private static int[] ints(List<Integer> l) {
    int[] out = new int[l.size()];
    for (int i = 0; i < out.length; i++) out[i] = l.get(i);
    return out;
  }

  /** The weights of a unit's features before its title is known: {@link #TITLE_MARGIN} more features kept. */
  private static UnitVector.Weights looseWeights(StoriesParams p) {
    return new UnitVector.Weights(p.features() + TITLE_MARGIN, p.minDf(), p.titleBoost(), p.nameBoost(), p.tf(),
        p.idf());
  }

  /** The document frequencies of {@code df} (feature, lang, df), streamed to the driver into sorted arrays. */
  private static Frequencies frequencies(Dataset<Row> df) {
    long[] ids = new long[1024];
    int[] counts = new int[1024];
    int n = 0;
    Map<String, Long> units = new java.util.TreeMap<>();
    for (Iterator<Row> it = DriverTables.stream(df, df.count()); it.hasNext(); ) {
      Row r = it.next();
      if (!r.isNullAt(1)) {
        units.put(r.getString(1), r.getLong(2));
        continue;
      }
      if (n == ids.length) {
        ids = Arrays.copyOf(ids, n * 2);
        counts = Arrays.copyOf(counts, n * 2);
      }
      ids[n] = r.getLong(0);
      counts[n++] = (int) Math.min(Integer.MAX_VALUE, r.getLong(2));
    }
    return new Frequencies(Arrays.copyOf(ids, n), Arrays.copyOf(counts, n), units);
  }

  /** doc_id (a unit), _partners: the units it shares a reuse passage with (none: no row). */
  private static Dataset<Row> partners(Dataset<Row> articles, Dataset<Row> passagesOrNull) {
    StructType schema = new StructType().add(DOC_ID, DataTypes.StringType, false)
        .add(PARTNERS, new ArrayType(DataTypes.StringType, false), false);
    if (passagesOrNull == null) {
      return articles.sparkSession().createDataFrame(List.of(), schema);
    }
    Dataset<Row> unitOf = articles.select(col(DOC_ID), col(UNIT));
    Dataset<Row> pairs = passagesOrNull.select(DOC_A, DOC_B)
        .join(unitOf.toDF(DOC_A, "_ua"), DOC_A)
        .join(unitOf.toDF(DOC_B, "_ub"), DOC_B)
        .filter(col("_ua").notEqual(col("_ub")))
        .select("_ua", "_ub");
    return pairs.union(pairs.select("_ub", "_ua"))
        .groupBy(col("_ua").as(DOC_ID))
        .agg(sort_array(collect_set(col("_ub"))).as(PARTNERS));
  }

  /** story_trends from the members (one row per article with its story, rank, source and date). */
  private static Dataset<Row> trends(Dataset<Row> members, StoriesParams p) {
    Dataset<Row> m = members
        .withColumn(PERIOD_START, Terms.periodStart(col(PUBLISHED_AT), p.period()))
        .withColumn(PERIOD, Terms.periodLabel(col(PERIOD_START), p.period()));
    Column firstHere = when(col(RANK_IN_STORY).equalTo(1), col(STORY_ID));
    Column[] counts = {countDistinct(col(STORY_ID)).as(STORIES), countDistinct(firstHere).as(STORIES_FIRST),
        count(lit(1)).as(ARTICLES)};
    Dataset<Row> bySource = m.groupBy(PERIOD, PERIOD_START, SOURCE).agg(counts[0], counts[1], counts[2]);
    Dataset<Row> all = m.groupBy(PERIOD, PERIOD_START).agg(counts[0], counts[1], counts[2])
        .withColumn(SOURCE, lit(null).cast("string"));
    return bySource.unionByName(all).select(columns(TREND_COLUMNS));
  }

  /**
   * Reads a partition of tokens rows and yields (feature, null, units holding it) rows summed over the partition,
   * at most {@link #MAX_PARTITION_COUNTS} keys held at a time, then (0, lang, units of that language) rows.
   */
  private static final class FeatureCounts implements Iterator<Row> {
    private final Iterator<Row> in;
    private final LongCounts counts = new LongCounts();
    private final Map<String, Long> perLang = new java.util.TreeMap<>();
    private long[][] drained = {new long[0], new long[0]};
    private int next;
    private Iterator<Map.Entry<String, Long>> langs;

    FeatureCounts(Iterator<Row> in) {
      this.in = in;
    }

    @Override
    public boolean hasNext() {
      while (next == drained[0].length) {
        if (!in.hasNext()) {
          if (counts.size() > 0) {
            refill();
            continue;
          }
          if (langs == null) langs = perLang.entrySet().iterator();
          return langs.hasNext();
        }
        while (in.hasNext() && counts.size() < MAX_PARTITION_COUNTS) {
          Row r = in.next();
          perLang.merge(r.getString(1), 1L, Long::sum);
          for (long id : ids(r)) counts.add(id, 1);
        }
        refill();
      }
      return true;
    }

    private void refill() {
      drained = counts.drain();
      next = 0;
    }

    @Override
    public Row next() {
      if (!hasNext()) throw new java.util.NoSuchElementException();
      if (next < drained[0].length) {
        Row r = RowFactory.create(drained[0][next], null, drained[1][next]);
        next++;
        return r;
      }
      Map.Entry<String, Long> e = langs.next();
      return RowFactory.create(0L, e.getKey(), e.getValue());
    }
  }

  /** Reads postings sorted by feature, then time, then unit key, and yields each feature's pairs. */
  private static final class PostingRuns extends SortedRuns {
    private final PostingPairs pairs;

    PostingRuns(Iterator<Row> in, long window, int maxAll, int neighbours) {
      super(in);
      this.pairs = new PostingPairs(window, maxAll, neighbours);
    }

    @Override
    protected void run(long feature) {
      pairs.reset();
      for (Row r; (r = take(feature)) != null; ) {
        pairs.add(new PostingPairs.Member(r.getLong(2), r.getLong(1), r.getDouble(3)),
            (a, b, dot) -> emit(RowFactory.create(a, b, dot)));
      }
    }
  }

  /** Reads units sorted by component and fits each component's stories. */
  private static final class ComponentRuns extends SortedRuns {
    private final StoryModel.Rules rules;
    private final int topTerms;

    ComponentRuns(Iterator<Row> in, StoryModel.Rules rules, int topTerms) {
      super(in);
      this.rules = rules;
      this.topTerms = topTerms;
    }

    @Override
    protected void run(long component) {
      List<Unit> units = new ArrayList<>();
      for (Row r; (r = take(component)) != null; ) units.add(unit(r, 1));
      for (Row r : fitted(units, rules, topTerms)) emit(r);
    }
  }

  private static Column[] columns(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}
