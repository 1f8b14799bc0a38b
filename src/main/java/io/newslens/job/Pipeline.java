package io.newslens.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.newslens.Columns;
import io.newslens.analyze.Analyze;
import io.newslens.clean.Clean;
import io.newslens.dedup.Dedup;
import io.newslens.output.ParquetTables;
import io.newslens.reuse.Reuse;
import io.newslens.stories.Stories;
import io.newslens.terms.CountMode;
import io.newslens.terms.Terms;
import io.newslens.topics.Topics;
import io.newslens.state.Base;
import io.newslens.state.KeptIds;
import io.newslens.state.Lineage;
import io.newslens.state.State;
import io.newslens.state.StateTables;
import io.newslens.ingest.Ingest;
import io.newslens.ingest.Inputs;
import io.newslens.output.Manifest;
import io.newslens.output.OutputFolder;
import io.newslens.output.Tables;
import io.newslens.spark.SparkSessions;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run body: wires the stages in order. Every stage's tables are written to the staging folder and the next
 * stage reads them back from Parquet (inspectable intermediate tables, bounded memory, honest per-stage timings);
 * the manifest is written last and the folder is then published.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger("newslens");

  /** The manifest's spark.text_chars: the ingested text's length the shuffles are sized on. */
  public static final String TEXT_CHARS = "text_chars";

  /** The ingested documents before cleaning: a work table of the staging folder, removed before publishing. */
  static final String WORK_INGESTED = "work_ingested";

  private final SparkSession spark;
  private final JobConfig cfg;
  private final OutputFolder out;
  private final Map<String, Long> timings = new LinkedHashMap<>();
  private final Map<String, Long> rows = new LinkedHashMap<>();
  private final State state;

  private Pipeline(SparkSession spark, JobConfig cfg, OutputFolder out, int version, boolean keepState) {
    this.spark = spark;
    this.cfg = cfg;
    this.out = out;
    this.state = keepState ? State.of(spark, out, cfg, version) : State.none(spark, out, cfg, version);
  }

  /**
   * What a finished run reports to its caller: the output, its tables' rows, and the records read and kept, with
   * the rejected ones by reason.
   */
  public record Summary(String output, String runId, Map<String, Long> tableRows, long millis, long recordsRead,
      long recordsKept, Map<String, Long> rejectedByReason) {}

  private long recordsRead;
  private long recordsKept;
  private Map<String, Long> rejectedByReason = Map.of();

  /** A run's id: its start time to the second (digits only), a dash and 8 random hex digits. */
  public static String newRunId(Instant started) {
    return started.toString().replaceAll("[^0-9]", "").substring(0, 14) + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The input files of a run; a usage error when the inputs name none. */
  public static Inputs.Listing listInputs(SparkSession spark, JobConfig cfg) throws IOException {
    Inputs.Listing listing = Inputs.list(cfg.inputs(), spark.sparkContext().hadoopConfiguration());
    if (listing.files().isEmpty()) {
      throw new UsageException("no input files under " + String.join(", ", cfg.inputs()));
    }
    return listing;
  }

  /** A full run that keeps the persistent state an update reads. */
  public static Summary run(SparkSession spark, JobConfig cfg) throws IOException {
    return run(spark, cfg, true);
  }

  /**
   * A full run; with {@code keepState} false ({@code run --no-state}) it writes no persistent state, so it is faster
   * and its output cannot be updated.
   */
  public static Summary run(SparkSession spark, JobConfig cfg, boolean keepState) throws IOException {
    return run(spark, cfg, keepState, null);
  }

  /**
   * A refresh ({@code newslens update --refresh}): a full run on {@code cfg}'s inputs (every file the output was made
   * of, and any new ones) published as the next version of the output {@code base} describes, every table
   * recomputed — topics fitted again — and the ids of its clusters and stories kept ({@link KeptIds}).
   */
  public static Summary refresh(SparkSession spark, JobConfig cfg, Base base) throws IOException {
    return run(spark, cfg, true, base);
  }

  private static Summary run(SparkSession spark, JobConfig cfg, boolean keepState, Base base) throws IOException {
    Instant started = Instant.now();
    String runId = newRunId(started);
    Inputs.Listing listing = listInputs(spark, cfg);
    OutputFolder out = OutputFolder.prepare(cfg.output(), spark.sparkContext().hadoopConfiguration(), runId);
    try {
      if (base != null) {
        String now = Base.open(cfg.output(), spark.sparkContext().hadoopConfiguration()).runId();
        if (!now.equals(base.runId())) {
          throw new UsageException("the output " + cfg.output() + " changed while this refresh started (now run "
              + now + "); run it again");
        }
      }
      Pipeline p = new Pipeline(spark, cfg, out, base == null ? 1 : base.version() + 1, keepState);
      Ingest.registerUdfs(spark);
      Manifest manifest = new Manifest(runId, started).versions(Versions.all(spark));
      manifest.params(cfg.given(), cfg.effective()).arguments(cfg.arguments());
      manifest.inputs(cfg.inputs(), listing.files(), listing.totalBytes(), listing.fingerprint(),
          listing.hiddenSkipped());
      p.ingest(listing, manifest);
      p.clean(manifest);
      p.analyze(manifest);
      p.dedup(manifest);
      p.reuse();
      p.stories(manifest);
      p.terms(manifest);
      p.topics(manifest);
      out.deleteStaged(WORK_INGESTED);
      if (base == null) {
        p.state.noAliases();
      } else {
        spark.sparkContext().setJobDescription("newslens: refresh ids");
        manifest.section("refresh", Map.of("ids", KeptIds.apply(spark, out, out.outputPath(), p.state.version())));
        spark.sparkContext().setJobDescription(null);
      }
      p.rows.put(Tables.ID_ALIASES, out.rows(Tables.ID_ALIASES));
      Instant finished = Instant.now();
      long total = Duration.between(started, finished).toMillis();
      manifest.tables(p.rows).timings(p.timings, finished, total);
      manifest.set(Lineage.VERSION_KEY, p.state.version());
      Lineage.Entry entry = new Lineage.Entry(p.state.version(), runId, base == null ? "run" : "refresh", started,
          finished, cfg.inputs(), listing.files().size(), listing.totalBytes(), 0, p.recordsRead, p.recordsKept,
          p.recordsRead - p.recordsKept, 0, p.rejectedByReason);
      manifest.set(Lineage.LINEAGE_KEY, base == null ? Lineage.first(entry) : Lineage.next(base.manifest(), entry));
      manifest.section(StateTables.MANIFEST_KEY, p.state.manifestSection());
      out.writeManifest(manifest.toJson());
      out.publish();
      LOG.info("published {} ({} tables, {} s)", out.outputPath(), p.rows.size(), String.format("%.1f", total / 1e3));
      return new Summary(out.outputPath(), runId, Map.copyOf(p.rows), total, p.recordsRead, p.recordsKept,
          Map.copyOf(p.rejectedByReason));
    } catch (Throwable e) {
      // Throwable, not the exceptions Java sees: Spark's Scala code throws checked ones (SparkException) undeclared,
      // and a run that left without abort() would keep the output's lock held for as long as this JVM lives
      out.abort();
      throw e;
    }
  }

  private void ingest(Inputs.Listing listing, Manifest manifest) {
    stage("ingest", () -> {
      // sized on the files' bytes until the text is read; sized again on the text below
      SparkSessions.sizeShufflePartitions(spark, listing.textEstimate());
      Ingest.Result r = Ingest.apply(spark, listing.files(), cfg.ingest());
      Dataset<Row> raw = r.raw().persist(StorageLevel.MEMORY_AND_DISK());
      long read = raw.count();
      save(WORK_INGESTED, r.documents());
      save(Tables.REJECTED, versioned(r.rejected()));
      state.inputs(listing.files());
      raw.unpersist();
      // one scan of the written documents gives both their number and the text length the shuffles are sized on
      Row docs = read(WORK_INGESTED).agg(count(lit(1)), sum(length(col(Columns.TEXT)))).first();
      long kept = docs.getLong(0);
      Map<String, Long> byReason = new TreeMap<>();
      long rejected = 0;
      for (Row row : read(Tables.REJECTED).groupBy(Columns.REASON).agg(count("*")).collectAsList()) {
        byReason.put(row.getString(0), row.getLong(1));
        rejected += row.getLong(1);
      }
      rows.put(Tables.REJECTED, rejected);
      manifest.records(read, kept, rejected, byReason);
      recordsRead = read;
      recordsKept = kept;
      rejectedByReason = byReason;
      manifest.section("spark", sizeSession(spark, docs.isNullAt(1) ? 0L : docs.getLong(1)));
      if (read != kept + rejected) {
        throw new IllegalStateException("records read (" + read + ") != documents (" + kept + ") + rejected ("
            + rejected + ")");
      }
      return kept + " documents, " + rejected + " rejected of " + read + " records from " + listing.files().size()
          + " files";
    });
  }

  /**
   * Sizes the session to the corpus text ({@link SparkSessions#sizeShufflePartitions}) and returns the manifest's
   * account of it: the text length it was sized on (an update adds its new articles' to it), the shuffle
   * partitions, and whether AQE and code generation are on (both off for a small corpus unless the user set them).
   * A run's {@code spark} section; an update's {@code update.spark}.
   */
  public static Map<String, Object> sizeSession(SparkSession spark, long textChars) {
    int partitions = SparkSessions.sizeShufflePartitions(spark, textChars);
    Map<String, Object> section = new LinkedHashMap<>();
    section.put(TEXT_CHARS, textChars);
    section.put("shuffle_partitions", partitions);
    section.put("adaptive_query_execution", Boolean.parseBoolean(spark.conf().get(SparkSessions.ADAPTIVE, "true")));
    section.put("code_generation", SparkSessions.generatesCode(spark));
    return section;
  }

  /** Sources listed one by one in the manifest's clean section (the rest are summed). */
  static final int MANIFEST_SOURCES = 1000;

  private void clean(Manifest manifest) {
    stage("clean", () -> {
      Clean.Result r = Clean.apply(read(WORK_INGESTED), cfg.clean());
      write(Tables.DOCUMENTS, r.documents());
      r.release();
      Map<String, Object> removed = Clean.removalStats(read(Tables.DOCUMENTS), MANIFEST_SOURCES);
      manifest.section("clean", removed);
      return rows.get(Tables.DOCUMENTS) + " documents cleaned, " + removed.get("lines_removed")
          + " boilerplate lines removed";
    });
  }

  private void analyze(Manifest manifest) {
    stage("analyze", () -> {
      write(Tables.TOKENS, Analyze.apply(read(Tables.DOCUMENTS), cfg.analyze()).tokens());
      manifest.section("analyze", Map.of("added_stop_words", cfg.analyze().stopWords().counts()));
      return rows.get(Tables.TOKENS) + " documents analyzed";
    });
  }

  private void dedup(Manifest manifest) {
    stage("dedup", () -> {
      Dedup.Result r = Dedup.apply(read(Tables.DOCUMENTS), cfg.dedup());
      write(Tables.DUPLICATE_PAIRS, r.pairs());
      write(Tables.DUPLICATE_CLUSTERS, r.clusters());
      state.dedup(read(Tables.DOCUMENTS), r, read(Tables.DUPLICATE_CLUSTERS));
      r.release();
      Row s = read(Tables.DUPLICATE_CLUSTERS).agg(
          countDistinct(col(Columns.CLUSTER_ID)),
          sum(when(col(Columns.CLUSTER_SIZE).gt(1).and(col(Columns.IS_REPRESENTATIVE)), 1L).otherwise(0L)),
          sum(when(col(Columns.CLUSTER_SIZE).gt(1), 1L).otherwise(0L)),
          max(col(Columns.CLUSTER_SIZE))).first();
      Map<String, Object> section = new LinkedHashMap<>();
      section.put("pairs", rows.get(Tables.DUPLICATE_PAIRS));
      section.put("clusters", s.getLong(0));
      section.put("clusters_with_duplicates", s.isNullAt(1) ? 0L : s.getLong(1));
      section.put("documents_in_duplicate_clusters", s.isNullAt(2) ? 0L : s.getLong(2));
      section.put("largest_cluster", s.isNullAt(3) ? 0 : ((Number) s.get(3)).longValue());
      manifest.section("dedup", section);
      return rows.get(Tables.DUPLICATE_PAIRS) + " verified pairs, " + section.get("clusters_with_duplicates")
          + " clusters with duplicates";
    });
  }

  private void reuse() {
    stage("reuse", () -> {
      Reuse.Result r = Reuse.apply(read(Tables.DOCUMENTS), cfg.reuse());
      write(Tables.REUSE_PASSAGES, r.passages());
      r.release();
      state.reuse(read(Tables.DOCUMENTS));
      return rows.get(Tables.REUSE_PASSAGES) + " shared passages";
    });
  }

  private void stories(Manifest manifest) {
    stage("stories", () -> {
      Stories.Result r = Stories.apply(read(Tables.DOCUMENTS), read(Tables.TOKENS), read(Tables.DUPLICATE_CLUSTERS),
          read(Tables.REUSE_PASSAGES), cfg.stories());
      write(Tables.STORIES, r.stories());
      write(Tables.STORY_ARTICLES, r.storyArticles());
      write(Tables.STORY_TRENDS, r.storyTrends());
      state.stories(r);
      r.release();
      Row s = read(Tables.STORIES).agg(sum(when(col(Columns.ARTICLES).gt(1), 1L).otherwise(0L)),
          max(col(Columns.ARTICLES))).first();
      Map<String, Object> section = new LinkedHashMap<>(r.stats().toMap());
      section.put("stories", rows.get(Tables.STORIES));
      section.put("stories_with_several_articles", s.isNullAt(0) ? 0L : s.getLong(0));
      section.put("largest_story", s.isNullAt(1) ? 0L : s.getLong(1));
      manifest.section("stories", section);
      return rows.get(Tables.STORIES) + " stories, " + section.get("stories_with_several_articles")
          + " of several articles";
    });
  }

  /**
   * What the terms and topics stages count: the duplicate clusters' representatives, or with --count-mode story
   * each story's first article (doc_id, is_representative).
   */
  private Dataset<Row> countingUnits() {
    if (cfg.terms().countMode() != CountMode.STORY) return read(Tables.DUPLICATE_CLUSTERS);
    return read(Tables.STORY_ARTICLES).select(col(Columns.DOC_ID),
        col(Columns.RANK_IN_STORY).equalTo(1).as(Columns.IS_REPRESENTATIVE));
  }

  private void terms(Manifest manifest) {
    stage("terms", () -> {
      Terms.Result r = Terms.apply(read(Tables.TOKENS), read(Tables.DOCUMENTS), countingUnits(), cfg.terms(),
          state.kept());
      write(Tables.TERMS, r.terms());
      write(Tables.DOC_TERMS, r.docTerms());
      write(Tables.COLLOCATIONS, r.collocations());
      write(Tables.KEYNESS, r.keyness());
      write(Tables.TERM_TRENDS, r.termTrends());
      manifest.section("terms", Terms.manifestSection(r, read(Tables.TERMS), cfg.terms()));
      state.terms(r);
      r.release();
      return rows.get(Tables.TERMS) + " terms, " + rows.get(Tables.COLLOCATIONS) + " collocations (counting "
          + r.countMode().label() + ")";
    });
  }

  private void topics(Manifest manifest) {
    stage("topics", () -> {
      Topics.Result r = Topics.apply(read(Tables.TOKENS), read(Tables.DOCUMENTS), read(Tables.DUPLICATE_CLUSTERS),
          cfg.terms().countMode() == CountMode.STORY ? countingUnits() : null, cfg.topics());
      write(Tables.TOPICS, r.topics());
      write(Tables.DOC_TOPICS, r.docTopics());
      write(Tables.TOPIC_TRENDS, r.topicTrends());
      state.topics(r, read(Tables.TOKENS));
      r.release();
      if (r.notFitted() != null) {
        manifest.section("topics", Map.of("stats", r.stats(), "skipped", r.notFitted()));
        return "no topics: " + r.notFitted();
      }
      manifest.section("topics", Map.of("stats", r.stats()));
      return r.stats().k() + " topics (" + r.stats().algorithm() + "), mean NPMI@10 "
          + String.format("%.3f", r.stats().meanCoherence());
    });
  }

  /** Runs one stage with its Spark job description, timing and one INFO line. */
  private void stage(String name, Supplier<String> body) {
    spark.sparkContext().setJobDescription("newslens: " + name);
    long t0 = System.nanoTime();
    String what = body.get();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    timings.put(name, ms);
    spark.sparkContext().setJobDescription(null);
    LOG.info("{}: {} ({} s)", name, what, String.format("%.1f", ms / 1e3));
  }

  /**
   * Writes the table and records its row count, read from the written files' Parquet footers: no Spark job (a
   * count of the table read back was one job per table, 18 a run, each a round of task scheduling on a cluster).
   */
  private void write(String table, Dataset<Row> df) {
    save(table, Tables.VERSIONED.contains(table) ? versioned(df) : df);
    rows.put(table, out.rows(table));
  }

  /** The rows of a table of {@link Tables#VERSIONED} carry the version that wrote them. */
  private Dataset<Row> versioned(Dataset<Row> df) {
    return df.withColumn(Columns.VERSION, lit(state.version()));
  }

  private void save(String table, Dataset<Row> df) {
    df.write().mode(SaveMode.Overwrite).parquet(out.table(table));
  }

  private Dataset<Row> read(String table) {
    return ParquetTables.read(spark, out.table(table));
  }

}
