package io.newslens.incremental;

import io.newslens.state.Base;
import io.newslens.state.Lineage;
import io.newslens.state.NextVersion;
import io.newslens.state.StateTables;
import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.newslens.analyze.Analyze;
import io.newslens.ingest.Ingest;
import io.newslens.ingest.InputFile;
import io.newslens.ingest.Inputs;
import io.newslens.job.JobConfig;
import io.newslens.job.Pipeline;
import io.newslens.job.UsageException;
import io.newslens.job.Versions;
import io.newslens.output.Manifest;
import io.newslens.output.OutputFolder;
import io.newslens.output.Tables;
import io.newslens.spark.SparkSessions;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data flow of an update (the counterpart of {@code io.newslens.job.Pipeline} for a full run): adds new input
 * files to an existing output as its next version, at a cost that grows with the new articles, and gives every table
 * of the {@link Tables#ALL} list the content a full run on all inputs would give where that is promised (see the
 * README), with ids that never change.
 *
 * <ol>
 *   <li>inputs: files already read (same path, size and modification time, {@code state/inputs}) are skipped;</li>
 *   <li>ingest the new files; a record whose doc_id the output already holds is skipped (counted);</li>
 *   <li>clean ({@link CleanDelta}): new documents, and old ones holding a line whose boilerplate status flipped
 *       (dirty), cleaned with their sources' repeated lines after the update;</li>
 *   <li>analyze the new and dirty documents;</li>
 *   <li>dedup ({@link DedupDelta}): the buckets they touch paired again, candidates verified, clusters found again
 *       with stable ids;</li>
 *   <li>reuse ({@link ReuseDelta}): their n-grams' postings, the pairs they anchor, the flipped anchors;</li>
 *   <li>stories ({@link StoriesDelta}): the new units placed among the stored stories they can join, existing
 *       story ids kept;</li>
 *   <li>terms and topics ({@link TermsTopicsDelta}): the terms tables from the stored counts and the new and
 *       changed articles' counts; the new and changed articles' topic mixtures inferred with the stored model, the
 *       topics' shares and trends recounted;</li>
 *   <li>the next version staged file by file ({@link NextVersion}), its manifest written last, then published with
 *       the run lock held, as a full run is.</li>
 * </ol>
 */
public final class Update {
  private static final Logger LOG = LoggerFactory.getLogger("newslens");

  /**
   * What an update reports: the output, the version written (the base's when nothing was new), the files added and
   * skipped, the records read, kept, rejected and skipped, the tables' rows.
   */
  public record Summary(String output, String runId, int version, boolean published, long filesAdded,
      long filesSkipped, long recordsRead, long recordsKept, long recordsRejected, long recordsSkipped,
      Map<String, Long> tableRows, long millis) {}

  /**
   * Adds {@code cfg.inputs()} to the output {@code cfg.output()} (whose parameters {@code cfg} must carry).
   *
   * @param baseRunId the run id of the base the parameters were checked against: the update stops if another run
   *     published meanwhile
   */
  public static Summary run(SparkSession spark, JobConfig cfg, String baseRunId) throws IOException {
    Instant started = Instant.now();
    String runId = Pipeline.newRunId(started);
    Inputs.Listing listing = Pipeline.listInputs(spark, cfg);
    OutputFolder out = OutputFolder.prepare(cfg.output(), spark.sparkContext().hadoopConfiguration(), runId);
    try {
      Base base = Base.open(out.outputPath(), spark.sparkContext().hadoopConfiguration());
      if (baseRunId != null && !baseRunId.equals(base.runId())) {
        throw new UsageException("the output " + cfg.output() + " changed while this update started (now run "
            + base.runId() + "); run the update again");
      }
      Update u = new Update(spark, cfg, out, base, runId, started);
      return u.apply(listing);
    } catch (Throwable e) {
      out.abort();
      throw e;
    }
  }

  private final SparkSession spark;
  private final JobConfig cfg;
  private final OutputFolder out;
  private final Base base;
  private final String runId;
  private final Instant started;
  private final Workspace w;
  private final Map<String, Long> timings = new LinkedHashMap<>();
  private final Map<String, Object> stats = new LinkedHashMap<>();
  /** The next version's text length (the ingested text's, as a full run records it). */
  private long textChars;
  private final Map<String, Map<String, Object>> sections = new LinkedHashMap<>();

  private Update(SparkSession spark, JobConfig cfg, OutputFolder out, Base base, String runId, Instant started) {
    this.spark = spark;
    this.cfg = cfg;
    this.out = out;
    this.base = base;
    this.runId = runId;
    this.started = started;
    NextVersion next = new NextVersion(spark, out);
    this.w = new Workspace(spark, cfg, out, next, base.version() + 1);
  }

  private Summary apply(Inputs.Listing listing) throws IOException {
    Ingest.registerUdfs(spark);
    // 1. inputs: a file known with the same size and modification time is not read again
    List<InputFile> added = new ArrayList<>();
    long skippedFiles = 0;
    Map<String, long[]> known = new HashMap<>();
    for (Row r : w.base(StateTables.INPUTS).collectAsList()) {
      known.put(r.getString(0) + '\t' + r.getLong(1) + '\t' + r.getLong(2), new long[] {r.getInt(3)});
    }
    for (InputFile f : listing.files()) {
      if (known.containsKey(f.path() + '\t' + f.size() + '\t' + f.modified())) skippedFiles++;
      else added.add(f);
    }
    if (added.isEmpty()) {
      out.abort(); // nothing to publish: the output stays as it is, the lock is released
      LOG.info("update: all {} input files are already in {} (version {}): nothing to do", skippedFiles,
          out.outputPath(), base.version());
      return new Summary(out.outputPath(), base.runId(), base.version(), false, 0, skippedFiles, 0, 0, 0, 0,
          Map.of(), Duration.between(started, Instant.now()).toMillis());
    }

    // 2. ingest
    long[] records = new long[4]; // read, kept, rejected, skipped
    Map<String, Long> byReason = new TreeMap<>();
    Dataset<Row> fresh = step("ingest", () -> ingest(added, records, byReason));
    Set<String> newIds = new TreeSet<>();
    long freshChars = 0;
    for (Row r : fresh.select(col(DOC_ID), coalesce(length(col(TEXT)), lit(0))).collectAsList()) {
      newIds.add(r.getString(0));
      freshChars += r.getInt(1);
    }
    sizeSession(freshChars);

    // 3. clean, 4. analyze
    CleanDelta.Result cleaned = step("clean", () -> CleanDelta.apply(w, fresh));
    stats.put("clean", cleaned.stats());
    Set<String> dirty = cleaned.dirty();
    Dataset<Row> docs = cleaned.cleaned();
    step("analyze", () -> {
      w.next.rewrite(Tables.DOCUMENTS, List.of(DOC_ID), dirty.isEmpty() ? null : w.ids(dirty), docs);
      Dataset<Row> tokens = Analyze.apply(docs, cfg.analyze()).tokens().withColumn(VERSION, lit(w.version));
      w.next.rewrite(Tables.TOKENS, List.of(DOC_ID), dirty.isEmpty() ? null : w.ids(dirty), w.save("tokens", tokens));
      return null;
    });

    // 5. dedup, 6. reuse
    DedupDelta.Result dedup = step("dedup", () -> DedupDelta.apply(w, docs, newIds, dirty));
    stats.put("dedup", dedup.stats());
    stats.put("reuse", step("reuse", () -> ReuseDelta.apply(w, docs, dirty)));

    // 7. stories, 8. terms, 9. topics
    Set<String> touched = new TreeSet<>(dirty);
    touched.addAll(dedup.representativeOf().keySet());
    sections.put("stories", step("stories", () -> StoriesDelta.apply(w, newIds, touched)));
    sections.put("terms", step("terms", () -> TermsTopicsDelta.terms(w, newIds, dirty)));
    Set<String> changed = TermsTopicsDelta.changed(newIds, dirty, dedup.representativeOf());
    Map<String, Object> baseTopics = new LinkedHashMap<>();
    base.manifest().path("topics").fields().forEachRemaining(e -> baseTopics.put(e.getKey(), e.getValue()));
    baseTopics.remove("update");
    sections.put("topics", step("topics", () -> TermsTopicsDelta.topics(w, changed, baseTopics)));

    // the next version: inputs, every other table carried over, manifest, publish
    if (!w.aliases.isEmpty()) {
      w.next.append(Tables.ID_ALIASES, w.rows(w.aliases, StateTables.ID_ALIASES_SCHEMA).coalesce(1));
    }
    List<Row> inputRows = new ArrayList<>();
    for (InputFile f : added) inputRows.add(RowFactory.create(f.path(), f.size(), f.modified(), w.version));
    w.next.append(StateTables.INPUTS, w.rows(inputRows, StateTables.INPUTS_SCHEMA).coalesce(1));
    w.clear();
    Map<String, Long> rows = w.next.finish();
    Instant finished = Instant.now();
    long total = Duration.between(started, finished).toMillis();
    Manifest m = manifest(listing, added, skippedFiles, records, byReason, rows, finished, total);
    out.writeManifest(m.toJson());
    out.publish();
    LOG.info("published version {} of {} ({} new documents, {} s)", w.version, out.outputPath(), records[1],
        String.format("%.1f", total / 1e3));
    return new Summary(out.outputPath(), runId, w.version, true, added.size(), skippedFiles, records[0], records[1],
        records[2], records[3], rows, total);
  }

  /**
   * Sizes the session's shuffles (and AQE, when left to us) to the next version's text as a full run sizes them to
   * its corpus ({@link SparkSessions#sizeShufflePartitions}): without it every update ran with the defaults of a
   * large corpus, so a small output's update paid AQE's extra jobs and eight shuffle partitions per core that a full
   * run on the same articles does not. The base's text length is its manifest's {@code spark.text_chars} (a scan of
   * its documents for an output written before that was recorded); the next version's is recorded in turn.
   */
  private void sizeSession(long freshChars) {
    JsonNode recorded = base.manifest().path("spark").path(Pipeline.TEXT_CHARS);
    long baseChars;
    if (recorded.isNumber()) {
      baseChars = recorded.asLong();
    } else {
      Row r = w.base(Tables.DOCUMENTS).agg(sum(length(col(TEXT)))).first();
      baseChars = r.isNullAt(0) ? 0L : r.getLong(0);
    }
    textChars = baseChars + freshChars;
    stats.put("spark", Pipeline.sizeSession(spark, textChars));
  }

  /** Reads the new files; writes their rejections; returns the new documents (ids not in the output yet). */
  private Dataset<Row> ingest(List<InputFile> files, long[] records, Map<String, Long> byReason) {
    Ingest.Result r = Ingest.apply(spark, files, cfg.ingest());
    Dataset<Row> raw = r.raw().persist(StorageLevel.MEMORY_AND_DISK());
    records[0] = raw.count();
    Dataset<Row> ingested = w.save("ingested", r.documents());
    Dataset<Row> rejected = w.save("rejected", r.rejected().withColumn(VERSION, lit(w.version)));
    raw.unpersist();
    Dataset<Row> known = w.base(Tables.DOCUMENTS).select(DOC_ID);
    Dataset<Row> fresh = w.save("fresh", ingested.join(known, new String[] {DOC_ID}, "left_anti"));
    long all = ingested.count();
    records[1] = fresh.count();
    records[3] = all - records[1];
    for (Row x : rejected.groupBy(REASON).count().collectAsList()) {
      byReason.put(x.getString(0), x.getLong(1));
      records[2] += x.getLong(1);
    }
    if (records[0] != all + records[2]) {
      throw new IllegalStateException("records read (" + records[0] + ") != documents (" + all + ") + rejected ("
          + records[2] + ")");
    }
    Column[] order = java.util.Arrays.stream(w.base(Tables.REJECTED).columns()).map(functions::col)
        .toArray(Column[]::new);
    w.next.append(Tables.REJECTED, rejected.select(order));
    LOG.info("update: {} new documents, {} rejected, {} skipped (doc_id already in the output) of {} records from "
        + "{} files", records[1], records[2], records[3], records[0], files.size());
    return fresh;
  }

  private Manifest manifest(Inputs.Listing listing, List<InputFile> added, long skippedFiles, long[] records,
      Map<String, Long> byReason, Map<String, Long> rows, Instant finished, long total) {
    Manifest m = new Manifest(runId, started).versions(Versions.all(spark));
    for (String carried : List.of("params", "dedup", "analyze")) {
      if (base.manifest().has(carried)) m.set(carried, base.manifest().get(carried));
    }
    com.fasterxml.jackson.databind.node.ObjectNode sparkSection = base.manifest().path("spark").isObject()
        ? base.manifest().path("spark").deepCopy() : new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    sparkSection.put(Pipeline.TEXT_CHARS, textChars); // what the next update sizes on
    m.set("spark", sparkSection);
    sections.forEach(m::section);
    // the output's inputs and records over every version; this version's in the lineage
    com.fasterxml.jackson.databind.node.ObjectNode input = base.manifest().path("input").deepCopy();
    input.put("files", input.path("files").asLong() + added.size());
    input.put("bytes", input.path("bytes").asLong() + added.stream().mapToLong(InputFile::size).sum());
    m.set("input", input);
    com.fasterxml.jackson.databind.node.ObjectNode rec = base.manifest().path("records").deepCopy();
    rec.put("read", rec.path("read").asLong() + records[0]);
    rec.put("kept", rec.path("kept").asLong() + records[1]);
    rec.put("rejected", rec.path("rejected").asLong() + records[2]);
    rec.put("skipped_known_id", rec.path("skipped_known_id").asLong() + records[3]);
    rec.put("reconciled", rec.path("reconciled").asBoolean(true) && records[0] == records[1] + records[2] + records[3]);
    com.fasterxml.jackson.databind.node.ObjectNode by = rec.with("rejected_by_reason");
    byReason.forEach((k, v) -> by.put(k, by.path(k).asLong() + v));
    m.set("records", rec);
    m.tables(rows).timings(timings, finished, total);
    m.set(Lineage.VERSION_KEY, w.version);
    m.set(Lineage.LINEAGE_KEY, Lineage.next(base.manifest(), new Lineage.Entry(w.version, runId, "update", started,
        finished, cfg.inputs(), added.size(), added.stream().mapToLong(InputFile::size).sum(), skippedFiles,
        records[0], records[1], records[2], records[3], byReason)));
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("format", StateTables.FORMAT);
    state.put("linked_bytes", w.next.linkedBytes());
    state.put("hard_links", w.next.hardLinks());
    Map<String, Object> compacted = new TreeMap<>();
    w.next.compacted().forEach((t, n) -> compacted.put(t, Map.of("small_files", n[0], "merged_into", n[1])));
    state.put("compacted", compacted);
    m.section(StateTables.MANIFEST_KEY, state);
    m.section("update", stats);
    return m;
  }

  /** Runs one step with its Spark job description, timing and one INFO line. */
  private <T> T step(String name, Supplier<T> body) {
    spark.sparkContext().setJobDescription("newslens update: " + name);
    long t0 = System.nanoTime();
    T r = body.get();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    timings.put(name, ms);
    spark.sparkContext().setJobDescription(null);
    LOG.info("update {}: {} s", name, String.format("%.1f", ms / 1e3));
    return r;
  }
}
