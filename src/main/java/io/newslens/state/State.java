package io.newslens.state;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.newslens.dedup.Dedup;
import io.newslens.ingest.InputFile;
import io.newslens.job.JobConfig;
import io.newslens.output.OutputFolder;
import io.newslens.output.ParquetTables;
import io.newslens.output.Tables;
import io.newslens.reuse.Reuse;
import io.newslens.stories.Stories;
import io.newslens.terms.Terms;
import io.newslens.topics.GibbsLda;
import io.newslens.topics.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the persistent state of a full run ({@link StateTables}) into its staging folder, from the tables the
 * stages wrote (and what a stage still holds, e.g. dedup's candidate buckets). The job's data flow
 * ({@code io.newslens.job.Pipeline}) calls one method after each stage; each writes that stage's state tables and
 * keeps their row counts for the manifest.
 */
public final class State {
  private final SparkSession spark;
  private final OutputFolder out;
  private final JobConfig cfg;
  private final int version;
  private final boolean kept;
  private final Map<String, Long> rows = new LinkedHashMap<>();
  private long millis;
  private final Map<String, Long> stageMillis = new LinkedHashMap<>();

  private State(SparkSession spark, OutputFolder out, JobConfig cfg, int version, boolean kept) {
    this.spark = spark;
    this.out = out;
    this.cfg = cfg;
    this.version = version;
    this.kept = kept;
  }

  /** The state writer of a full run writing {@code version} (1, or one more than the output's for a refresh). */
  public static State of(SparkSession spark, OutputFolder out, JobConfig cfg, int version) {
    return new State(spark, out, cfg, version, true);
  }

  /**
   * The state writer of a run that keeps no state ({@code run --no-state}): it writes no state table, only the empty
   * id_aliases table, and its manifest section says so, so that {@link Base#open} refuses to update the output.
   */
  public static State none(SparkSession spark, OutputFolder out, JobConfig cfg, int version) {
    return new State(spark, out, cfg, version, false);
  }

  public int version() {
    return version;
  }

  /** The input files read. */
  public void inputs(List<InputFile> files) {
    timed("inputs", () -> {
      List<Row> r = new ArrayList<>(files.size());
      for (InputFile f : files) r.add(RowFactory.create(f.path(), f.size(), f.modified(), version));
      write(StateTables.INPUTS, spark.createDataFrame(r, StateTables.INPUTS_SCHEMA));
    });
  }

  /** After dedup: the search rows of every document, the candidates' buckets and the cluster ids. */
  public void dedup(Dataset<Row> documents, Dedup.Result result, Dataset<Row> clusters) {
    timed("dedup", () -> {
      write(StateTables.DEDUP_SLOTS, Dedup.slots(documents, cfg.dedup()));
      write(StateTables.DEDUP_CANDIDATES, result.candidateBuckets().withColumn(VERSION, lit(version)));
      write(StateTables.CLUSTER_IDS, clusters.select(col(CLUSTER_ID)).distinct()
          .select(lit(StateTables.DUPLICATE_CLUSTER).as(KIND), col(CLUSTER_ID).as(StateTables.ID),
              lit(version).as(StateTables.SINCE)));
    });
  }

  /** After reuse: the n-gram postings of every document and the n-grams too common to anchor anything. */
  public void reuse(Dataset<Row> documents) {
    timed("reuse", () -> {
      write(StateTables.REUSE_POSTINGS, Reuse.postings(Reuse.keyed(documents), cfg.reuse()));
      write(StateTables.REUSE_COMMON, read(StateTables.REUSE_POSTINGS).groupBy(Reuse.GRAM)
          .agg(count(lit(1)).as(DOCS)).filter(col(DOCS).gt(cfg.reuse().maxDocs()))
          .withColumn(VERSION, lit(version)));
    });
  }

  /**
   * After stories: every story's representation (centroid, time range, sizes) and the feature document frequencies
   * and units per language its units were weighted with — what an update places new articles with. Call before
   * {@code r.release()}.
   */
  public void stories(Stories.Result r) {
    timed("stories", () -> {
      // the representations' columns in the stage's order, named as the state table names them
      write(StateTables.STORY_MODEL, r.representations().toDF(STORY_ID, LANG, FIRST_PUBLISHED, LAST_PUBLISHED, UNITS,
          ARTICLES, FEATURES, WEIGHTS, DISPLAY).withColumn(StateTables.SINCE, lit(version))
          .withColumn(VERSION, lit(version)));
      Dataset<Row> df = r.documentFrequencies(); // its first column is the feature id
      write(StateTables.STORY_DF, df.select(col(df.columns()[0]).as(StateTables.FEATURE), col(LANG), col(DF),
          lit(version).as(VERSION)));
    });
  }

  /**
   * After terms: what the stage counted of each document and its counts summed, before any display form is chosen
   * or phrase filtered (an update adds its changes to them). Call before {@code r.release()}, with a result applied
   * with its state.
   */
  public void terms(Terms.Result r) {
    timed("terms", () -> {
      write(StateTables.TERM_DOCS, r.stateDocuments().withColumn(VERSION, lit(version)));
      write(StateTables.TERM_COUNTS, r.stateCounts().withColumn(VERSION, lit(version)));
    });
  }

  /** Whether this run keeps the state (not {@code run --no-state}). */
  public boolean kept() {
    return kept;
  }

  /**
   * After topics: the fitted Gibbs model (counts, prior, beta) and the share of the corpus's content tokens outside
   * its vocabulary; nothing when the model is MLlib's or none was fitted (an update then fits the topics again).
   */
  public void topics(Topics.Result r, Dataset<Row> tokens) {
    if (!(r.model() instanceof GibbsLda g)) return;
    timed("topics", () -> {
      TopicModelState.write(spark, g.snapshot(), r.vocabulary(), tokens, version,
          out.table(StateTables.TOPIC_MODEL), out.table(StateTables.TOPIC_PRIOR));
      rows.put(StateTables.TOPIC_MODEL, out.rows(StateTables.TOPIC_MODEL));
      rows.put(StateTables.TOPIC_PRIOR, out.rows(StateTables.TOPIC_PRIOR));
    });
  }

  /** The (empty) id_aliases table of a first version. */
  public void noAliases() {
    spark.createDataFrame(List.of(), StateTables.ID_ALIASES_SCHEMA).write().mode(SaveMode.Overwrite)
        .parquet(out.table(Tables.ID_ALIASES));
  }

  /**
   * The manifest section: the state's format, whether it was written ({@link #WRITTEN}: false after
   * {@code --no-state}), its tables' rows and the time spent writing it, in all and per stage.
   */
  public Map<String, Object> manifestSection() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", StateTables.FORMAT);
    m.put(WRITTEN, kept);
    m.put("tables", rows);
    m.put("write_ms", millis);
    m.put("write_ms_by_stage", stageMillis);
    return m;
  }

  private void write(String table, Dataset<Row> df) {
    df.write().mode(SaveMode.Overwrite).parquet(out.table(table));
    rows.put(table, out.rows(table));
  }

  private Dataset<Row> read(String table) {
    return ParquetTables.read(spark, out.table(table));
  }

  /** The manifest's state key that says whether the state tables were written. */
  public static final String WRITTEN = "written";

  private void timed(String stage, Runnable r) {
    if (!kept) return;
    long t0 = System.nanoTime();
    spark.sparkContext().setJobDescription("newslens: state");
    r.run();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    millis += ms;
    stageMillis.merge(stage, ms, Long::sum);
  }
}
