package io.newslens.bench;

import static io.newslens.Columns.DOC_A;
import static io.newslens.Columns.DOC_B;
import static io.newslens.Columns.DOC_ID;
import static io.newslens.Columns.KIND;
import static io.newslens.Columns.PUBLISHED_AT;
import static io.newslens.Columns.SOURCE;
import static io.newslens.Columns.TEXT;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newslens.bench.DedupBench.Article;
import io.newslens.bench.DedupBench.Truth;
import io.newslens.dedup.Dedup;
import io.newslens.dedup.DedupParams;
import io.newslens.dedup.Shingler;
import io.newslens.dedup.WordTokenizer;
import io.newslens.spark.SparkSessions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Dedup at scale against MLlib: a SyntheticCorpus directory (N articles) plus planted variants of DedupBench's three
 * kinds (reprint, light_edit, trimmed) of a share of its articles, written once as Parquet (doc_id, source,
 * published_at, text), then, in one JVM on local[2] with the pipeline's session settings, (1) the Newslens dedup
 * stage's verified pairs, (2) optionally the same kernels in plain Java, (3) MLlib's MinHashLSH from the same texts
 * (shingle sets of the same kernels as 2^24-slot binary vectors, fit, transform, approxSimilarityJoin) at each
 * "tables:distance" setting given. Each arm reads the Parquet texts and collects its pairs' ids; recall per kind and
 * precision on planted pairs are DedupBench's {@link Truth}. The setting chosen is the first (list them cheapest
 * first) whose recall of every kind reaches Newslens's; the sweep stops there.
 *
 * <p>MLlib runs under a wall-time cap: a timer cancels its Spark job group, and the failure (phase, elapsed time,
 * error) is recorded; so is an OutOfMemoryError, and if the JVM exits during an MLlib run (Spark exits on an
 * executor thread's OutOfMemoryError) a shutdown hook writes the result with the phase it was in. Spark's local
 * directory is WORK_DIR/spark-local; its size is sampled every 3 s (peak per arm), and an MLlib run whose files
 * there pass the disk cap is cancelled the same way (the machine's disk is shared). With a deadline, each MLlib
 * run's cap is cut to end a minute before it (the run's cap_minutes says what it got).
 *
 * <p>Usage: {@code DedupScaleBench SYNTHETIC_DIR WORK_DIR OUT.json [share=0.02] [seed=42] [cap-minutes=60]
 * [mllib-settings=3:0.7] [plain-java=true] [disk-cap-gb=40] [deadline, an ISO instant]}; settings: a comma list of numHashTables:distance-threshold, or none. Spark's event log goes to
 * WORK_DIR-events.
 */
public final class DedupScaleBench {
  private static final String GROUP = "mllib";

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: DedupScaleBench SYNTHETIC_DIR WORK_DIR OUT.json [share] [seed] [cap-minutes] "
          + "[tables:distance,...] [plain-java]");
      System.exit(2);
    }
    Path synthetic = Path.of(args[0]);
    Path work = Path.of(args[1]);
    Path outFile = Path.of(args[2]);
    double share = args.length > 3 ? Double.parseDouble(args[3]) : 0.02;
    long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
    double capMinutes = args.length > 5 ? Double.parseDouble(args[5]) : 60;
    String setting = args.length > 6 ? args[6] : "3:0.7";
    String[] settings = setting.equals("none") ? new String[0] : setting.split(",");
    boolean plainJava = args.length <= 7 || Boolean.parseBoolean(args[7]);
    double diskCapGb = args.length > 8 ? Double.parseDouble(args[8]) : 40;
    // an instant by which the whole run must have written its result: each MLlib run's cap is cut to fit before it
    java.time.Instant deadline = args.length > 9 && !args[9].isEmpty() ? java.time.Instant.parse(args[9]) : null;
    if (!(share > 0 && share < 1)) throw new IllegalArgumentException("share must be in (0, 1): " + share);

    // the default bands x rows (37 x 3), given explicitly: with bands = 0 DedupParams.banding() runs
    // Banding.forThreshold's search on every call, and Dedup.features calls it once per document it shingles
    DedupParams d = DedupParams.defaults();
    DedupParams p = d.withBanding(d.banding().bands(), d.banding().rows());
    ObjectNode out = DedupBench.JSON.createObjectNode();
    out.put("banding_given", "the default " + p.bands() + " x " + p.rows() + " passed explicitly (as --dedup-bands "
        + p.bands() + " --dedup-rows " + p.rows() + " would): with bands 0, Dedup.features derives it per document");
    out.put("corpus", synthetic.toString());
    out.put("plant_share", share);
    out.put("seed", seed);
    out.put("cores", Runtime.getRuntime().availableProcessors());
    out.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
    out.put("master", "local[2]");
    out.put("mllib_cap_minutes", capMinutes);
    if (deadline != null) out.put("deadline", deadline.toString());
    out.put("spark_local_dir_cap_gb", diskCapGb);
    out.putPOJO("params", Map.of("shingle_size", p.shingleSize(), "num_hashes", p.numHashes(),
        "banding", p.banding().bands() + "x" + p.banding().rows(), "min_jaccard", p.minJaccard(),
        "min_containment", p.minContainment(), "min_contained_shingles", p.minContainedShingles(),
        "max_bucket", p.maxBucketSize()));

    // planting: one pass over the synthetic articles in file order; the planted variants and their originals kept
    long t0 = System.nanoTime();
    Planted planted = plant(synthetic, share, seed, plainJava);
    out.put("articles", planted.articles);
    out.put("planted", planted.variants.size());
    out.put("seconds_planting", DedupBench.round((System.nanoTime() - t0) / 1e9));
    Map<String, long[]> sets = new HashMap<>();
    Map<String, String> keys = new HashMap<>();
    Map<String, String> originalOf = new HashMap<>();
    Map<String, String> kindOf = new HashMap<>();
    for (Variant v : planted.variants) {
      originalOf.put(v.article.id(), v.original.id());
      kindOf.put(v.article.id(), v.kind);
      addSet(sets, keys, v.article.id(), v.article.text(), p);
      addSet(sets, keys, v.original.id(), v.original.text(), p);
    }
    Truth truth = new Truth(originalOf, kindOf, sets, keys, p);

    // Spark's scratch space (shuffle files, spills) under WORK_DIR, where its size is watched
    Path localDir = work.resolve("spark-local");
    System.setProperty("spark.local.dir", localDir.toString());
    // Spark's event log (stage and task times) next to WORK_DIR, kept after the run
    Path events = work.resolveSibling(work.getFileName() + "-events");
    Files.createDirectories(events);
    System.setProperty("spark.eventLog.enabled", "true");
    System.setProperty("spark.eventLog.dir", events.toUri().toString());
    SparkSession spark = SparkSessions.getOrCreate("local[2]");
    spark.sparkContext().setLogLevel("WARN");
    Path parquet = work.resolve("documents.parquet");
    try {
      t0 = System.nanoTime();
      List<Row> variantRows = new ArrayList<>();
      for (Variant v : planted.variants) variantRows.addAll(DedupBench.rows(List.of(v.article)));
      StructType schema = new StructType().add(DOC_ID, DataTypes.StringType, false)
          .add(SOURCE, DataTypes.StringType, false).add(PUBLISHED_AT, DataTypes.TimestampType, true)
          .add(TEXT, DataTypes.StringType, true);
      StructType json = new StructType().add("id", DataTypes.StringType).add("date", DataTypes.StringType)
          .add("article", DataTypes.StringType); // given: no pass over the corpus to infer it
      Dataset<Row> originals = spark.read().schema(json).json(synthetic.resolve("part-*.jsonl.gz").toString())
          .select(col("id").as(DOC_ID), lit("synthetic").as(SOURCE), col("date").cast("timestamp").as(PUBLISHED_AT),
              col("article").as(TEXT));
      originals.unionByName(spark.createDataFrame(variantRows, schema)).write().mode(SaveMode.Overwrite)
          .parquet(parquet.toString());
      Dataset<Row> docs = spark.read().parquet(parquet.toString());
      long textChars = docs.select(sum(org.apache.spark.sql.functions.length(col(TEXT)).cast("long"))).first().getLong(0);
      out.put("documents", docs.count());
      out.put("text_chars", textChars);
      out.put("shuffle_partitions", SparkSessions.sizeShufflePartitions(spark, textChars));
      out.put("seconds_writing_parquet", DedupBench.round((System.nanoTime() - t0) / 1e9));
      ObjectNode runs = out.putObject("runs");
      // the truth needs the texts of every partner of a planted document: read back before each arm is scored
      truth.complete = found -> fillTruth(docs, truth, found, p);

      // Newslens: warm-up on a slice, then the verified pairs of every document
      Dedup.pairs(docs.limit(300), p).count();
      spark.catalog().clearCache();
      ObjectNode n = DedupBench.JSON.createObjectNode();
      n.put("load_average_start", ExtractBench.loadAverage());
      double cpu0 = cpuSeconds();
      t0 = System.nanoTime();
      List<Row> pairs;
      try (DiskWatch disk = new DiskWatch(localDir, Long.MAX_VALUE, () -> {})) {
        pairs = Dedup.pairs(docs, p).select(DOC_A, DOC_B, KIND).collectAsList();
        n.put("spark_local_dir_peak_gb", disk.peakGb());
      }
      double newslensSec = (System.nanoTime() - t0) / 1e9;
      n.put("cpu_seconds", DedupBench.round(cpuSeconds() - cpu0));
      n.put("load_average_end", ExtractBench.loadAverage());
      spark.catalog().clearCache();
      n.put("seconds", DedupBench.round(newslensSec));
      n.put("pairs", pairs.size());
      n.put("exact_pairs", pairs.stream().filter(r -> r.getString(2).equals(Dedup.EXACT)).count());
      List<String[]> newslensPairs = DedupBench.idPairs(pairs);
      pairs = null;
      runs.set("newslens_dedup_spark", n);

      if (plainJava) {
        double l0 = ExtractBench.loadAverage();
        double c0 = cpuSeconds();
        ObjectNode j = DedupBench.plainJava(planted.all, p, truth);
        j.put("cpu_seconds_with_scoring", DedupBench.round(cpuSeconds() - c0));
        j.put("load_average_start", l0);
        j.put("load_average_end", ExtractBench.loadAverage());
        runs.set("newslens_kernels_plain_java", j);
      } else {
        runs.put("newslens_kernels_plain_java", "skipped: needs every text in the driver's heap");
      }
      planted.all.clear();
      System.gc(); // lets Spark's cleaner delete the Newslens arm's shuffle files before MLlib's disk is watched

      n.setAll(truth.score(newslensPairs));
      write(outFile, out); // what is known so far, in case the JVM does not come back from MLlib

      Dataset<Row> vectors = vectors(docs);
      mllibWarmUp(vectors.limit(300), seed);
      ArrayNode sweep = out.putArray("mllib_runs");
      ObjectNode chosen = null;
      for (String s : settings) {
        String[] tk = s.split(":");
        int tables = Integer.parseInt(tk[0]);
        double distance = Double.parseDouble(tk[1]);
        double cap = capMinutes;
        if (deadline != null) {
          cap = Math.min(cap, java.time.Duration.between(java.time.Instant.now(), deadline).toSeconds() / 60.0 - 1);
        }
        MllibRun run = new MllibRun(tables, distance, seed, cap, out, sweep, outFile);
        ObjectNode m = run.run(spark, vectors, localDir, (long) (diskCapGb * 1e9));
        if (run.pairs != null) {
          m.setAll(truth.score(run.pairs));
          if (chosen == null && reaches(m, n)) chosen = m;
        }
        write(outFile, out);
        if (chosen != null) break; // the settings after it cost more
      }
      if (chosen != null) {
        out.put("mllib_chosen", chosen.get("setting").asText());
        out.put("mllib_chosen_rule", "the first setting listed (cheapest first) whose recall of every kind reaches "
            + "Newslens's");
        double mSec = chosen.get("seconds").asDouble();
        out.put("speedup_vs_mllib", DedupBench.round(mSec / newslensSec));
        out.put("cpu_speedup_vs_mllib", DedupBench.round(chosen.get("cpu_seconds").asDouble()
            / n.get("cpu_seconds").asDouble()));
      }
    } finally {
      spark.stop();
    }
    write(outFile, out);
    System.out.println(DedupBench.JSON.writeValueAsString(out));
  }

  /** Whether MLlib's recall reaches Newslens's for every kind. */
  static boolean reaches(ObjectNode mllib, ObjectNode newslens) {
    JsonNode want = newslens.get("recall");
    JsonNode got = mllib.get("recall");
    for (String k : DedupBench.KINDS) {
      if (got.path(k).asDouble(0) < want.path(k).asDouble(0)) return false;
    }
    return true;
  }

  private static void addSet(Map<String, long[]> sets, Map<String, String> keys, String id, String text,
      DedupParams p) {
    String[] w = WordTokenizer.tokenize(text).tokens();
    sets.put(id, Shingler.shingleSet(w, p.shingleSize()));
    keys.put(id, Shingler.exactKey(w));
  }

  /** Reads the texts of the partners of planted documents that the truth has no shingle set for yet. */
  private static void fillTruth(Dataset<Row> docs, Truth truth, List<String[]> pairs, DedupParams p) {
    Set<String> need = new HashSet<>();
    for (String[] pr : pairs) {
      boolean a = truth.originalOf.containsKey(pr[0]);
      boolean b = truth.originalOf.containsKey(pr[1]);
      if (a && !truth.sets.containsKey(pr[1])) need.add(pr[1]);
      if (b && !truth.sets.containsKey(pr[0])) need.add(pr[0]);
    }
    if (need.isEmpty()) return;
    for (Row r : docs.filter(col(DOC_ID).isin(need.toArray())).select(DOC_ID, TEXT).collectAsList()) {
      addSet(truth.sets, truth.keys, r.getString(0), r.getString(1) == null ? "" : r.getString(1), p);
    }
  }

  /** The documents as MLlib's binary shingle vectors (the same tokenizer and shingles as Newslens). */
  static Dataset<Row> vectors(Dataset<Row> docs) {
    int k = DedupParams.defaults().shingleSize();
    UserDefinedFunction vec = udf((UDF1<String, Vector>) t -> t == null ? null
        : DedupBench.binaryVector(Shingler.shingleSet(WordTokenizer.wordHashes(t), k)), SQLDataTypes.VectorType());
    return docs.select(col(DOC_ID).as("id"), vec.apply(col(TEXT)).as("features")).filter(col("features").isNotNull());
  }

  private static void mllibWarmUp(Dataset<Row> slice, long seed) {
    MinHashLSHModel model = new MinHashLSH().setNumHashTables(2).setSeed(seed).setInputCol("features")
        .setOutputCol("hashes").fit(slice);
    model.approxSimilarityJoin(slice, slice, 0.7, "distance").count();
  }

  /** One MLlib setting, timed by phase under the wall-time cap. */
  static final class MllibRun {
    final int tables;
    final double distance;
    final long seed;
    final double capMinutes;
    final ObjectNode result = DedupBench.JSON.createObjectNode();
    final Path outFile;
    final ObjectNode root;
    volatile String phase = "starting";
    volatile boolean timedOut;
    volatile boolean diskFull;
    volatile boolean finished;
    long start;
    List<String[]> pairs;

    MllibRun(int tables, double distance, long seed, double capMinutes, ObjectNode root, ArrayNode sweep,
        Path outFile) {
      this.tables = tables;
      this.distance = distance;
      this.seed = seed;
      this.capMinutes = capMinutes;
      this.root = root;
      this.outFile = outFile;
      result.put("setting", tables + ":" + distance);
      result.put("cap_minutes", DedupBench.round(capMinutes));
      result.put("config", tables + " hash tables, distance < " + distance + " (Jaccard > "
          + DedupBench.round(1 - distance) + "), 2^24 hashed shingle slots, vectors built from the texts in Spark");
      sweep.add(result);
    }

    /** A job group cancelled while the driver was between jobs does not stop the next one: checked per phase. */
    private void checkCap() {
      if (timedOut) throw new IllegalStateException("over the cap of " + capMinutes + " minutes");
      if (diskFull) throw new IllegalStateException("over the cap on Spark's local directory");
    }

    ObjectNode run(SparkSession spark, Dataset<Row> vectors, Path localDir, long diskCap) {
      result.put("load_average_start", ExtractBench.loadAverage());
      Thread hook = new Thread(() -> {
        if (finished) return;
        result.put("status", "jvm_exited");
        result.put("failed_in", phase);
        result.put("seconds_until_failure", DedupBench.round((System.nanoTime() - start) / 1e9));
        result.put("load_average_end", ExtractBench.loadAverage());
        try {
          write(outFile, root);
        } catch (Exception e) {
          e.printStackTrace();
        }
      });
      Runtime.getRuntime().addShutdownHook(hook);
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
      spark.sparkContext().setJobGroup(GROUP, "MLlib " + tables + ":" + distance, true);
      start = System.nanoTime();
      double cpu0 = cpuSeconds();
      timer.schedule(() -> {
        timedOut = true;
        spark.sparkContext().cancelJobGroup(GROUP);
      }, (long) (capMinutes * 60_000), TimeUnit.MILLISECONDS);
      Dataset<Row> vec = null;
      Dataset<Row> hashed = null;
      result.put("spark_local_dir_gb_at_start", DedupBench.round(DiskWatch.bytesUnder(localDir) / 1e9));
      DiskWatch disk = new DiskWatch(localDir, diskCap, () -> {
        diskFull = true;
        spark.sparkContext().cancelJobGroup(GROUP);
      });
      try {
        long t0 = System.nanoTime();
        phase = "build_vectors (persist + count)";
        vec = vectors.persist(StorageLevel.MEMORY_AND_DISK());
        result.put("vectors", vec.count());
        result.put("seconds_build_vectors", DedupBench.round((System.nanoTime() - t0) / 1e9));
        t0 = System.nanoTime();
        checkCap();
        phase = "fit_transform (persist + count)";
        MinHashLSHModel model = new MinHashLSH().setNumHashTables(tables).setSeed(seed).setInputCol("features")
            .setOutputCol("hashes").fit(vec);
        hashed = model.transform(vec).persist(StorageLevel.MEMORY_AND_DISK());
        hashed.count();
        result.put("seconds_fit_transform", DedupBench.round((System.nanoTime() - t0) / 1e9));
        t0 = System.nanoTime();
        checkCap();
        phase = "approxSimilarityJoin (collect)";
        List<Row> joined = model.approxSimilarityJoin(hashed, hashed, distance, "distance")
            .select(col("datasetA.id").as("a"), col("datasetB.id").as("b"))
            .filter(col("a").lt(col("b"))).collectAsList();
        result.put("seconds_join", DedupBench.round((System.nanoTime() - t0) / 1e9));
        double total = (System.nanoTime() - start) / 1e9;
        result.put("load_average_end", ExtractBench.loadAverage());
        result.put("seconds", DedupBench.round(total));
        result.put("cpu_seconds", DedupBench.round(cpuSeconds() - cpu0));
        result.put("status", "finished");
        pairs = DedupBench.idPairs(joined);
        result.put("pairs", pairs.size());
        phase = "bucket pairs (after the timing)";
        result.put("bucket_pairs", bucketPairs(hashed));
      } catch (Throwable e) { // a cancelled job group, SparkException or OutOfMemoryError: the failure is the result
        if (e instanceof Error && !(e instanceof OutOfMemoryError)) throw (Error) e;
        result.put("load_average_end", ExtractBench.loadAverage());
        if (!result.has("status")) {
          result.put("status", timedOut ? "over the time cap" : diskFull ? "over the disk cap" : "failed");
          result.put("failed_in", phase);
          result.put("seconds_until_failure", DedupBench.round((System.nanoTime() - start) / 1e9));
          result.put("cpu_seconds_until_failure", DedupBench.round(cpuSeconds() - cpu0));
          result.put("error", String.valueOf(e).lines().findFirst().orElse(""));
        } else {
          result.put("bucket_pairs_error", String.valueOf(e).lines().findFirst().orElse(""));
        }
      } finally {
        finished = true;
        timer.shutdownNow();
        disk.close();
        result.put("spark_local_dir_peak_gb", disk.peakGb());
        spark.sparkContext().clearJobGroup();
        Runtime.getRuntime().removeShutdownHook(hook);
        if (hashed != null) hashed.unpersist();
        if (vec != null) vec.unpersist();
      }
      return result;
    }
  }

  /**
   * Candidate pairs MLlib's OR-only LSH forms before its distance filter: over its tables, the pairs of documents
   * sharing a hash value (a pair counted once per table it shares).
   */
  static long bucketPairs(Dataset<Row> hashed) {
    Dataset<Row> slots = hashed.select(posexplode(col("hashes")).as(new String[] {"table", "h"}))
        .select(col("table"), functions.vector_to_array(col("h"), "float64").getItem(0).as("value"));
    Row r = slots.groupBy("table", "value").count().select(sum(col("count").multiply(col("count").minus(1))
        .divide(2)).cast("long")).first();
    return r.isNullAt(0) ? 0 : r.getLong(0);
  }

  /**
   * Samples the bytes under Spark's local directory (shuffle files, spilled and disk-persisted blocks) every few
   * seconds, keeps the peak, and calls {@code over} once when they pass {@code capBytes}: the machine's disk is shared.
   */
  static final class DiskWatch implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    volatile long peak;
    volatile boolean over;

    DiskWatch(Path dir, long capBytes, Runnable onOver) {
      timer.scheduleAtFixedRate(() -> {
        long b = bytesUnder(dir);
        peak = Math.max(peak, b);
        if (b > capBytes && !over) {
          over = true;
          onOver.run();
        }
      }, 0, 3, TimeUnit.SECONDS);
    }

    double peakGb() {
      return DedupBench.round(peak / 1e9);
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }

    static long bytesUnder(Path dir) {
      if (!Files.exists(dir)) return 0;
      try (Stream<Path> s = Files.walk(dir)) {
        return s.mapToLong(f -> {
          try {
            return Files.isRegularFile(f) ? Files.size(f) : 0;
          } catch (Exception e) {
            return 0; // a file deleted while walking
          }
        }).sum();
      } catch (Exception e) {
        return 0;
      }
    }
  }

  private record Variant(Article article, Article original, String kind) {}

  private record Planted(long articles, List<Variant> variants, List<Article> all) {}

  /**
   * Reads the synthetic articles in file order and plants a variant of each with at least 60 words with probability
   * {@code share}, its kind in turn reprint, light_edit, trimmed (DedupBench's variants; a light edit's three words
   * come from one of the first 1,000 such articles). Keeps every article only when {@code keepAll}.
   */
  static Planted plant(Path dir, double share, long seed, boolean keepAll) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(f -> f.getFileName().toString().matches("part-\\d+\\.jsonl\\.gz")).sorted().toList();
    }
    if (files.isEmpty()) throw new IllegalArgumentException("no part-NNNNN.jsonl.gz files in " + dir);
    Random rnd = new Random(seed);
    List<Article> pool = new ArrayList<>();
    List<Variant> variants = new ArrayList<>();
    List<Article> all = new ArrayList<>();
    long articles = 0;
    for (Path f : files) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(f),
          1 << 16), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          JsonNode o = DedupBench.JSON.readTree(line);
          String d = o.path("date").asText(null);
          Article a = new Article(o.get("id").asText(), 0, d == null ? null : LocalDate.parse(d),
              o.path("article").asText(""));
          articles++;
          if (keepAll) all.add(a);
          if (WordTokenizer.tokenize(a.text()).size() < 60) continue;
          if (pool.size() < 1000) pool.add(a);
          if (rnd.nextDouble() >= share) continue;
          int i = variants.size();
          String kind = DedupBench.KINDS[i % 3];
          String text = switch (kind) {
            case "reprint" -> DedupBench.reprint(a.text(), rnd);
            case "light_edit" -> DedupBench.lightEdit(a.text(), rnd, pool);
            default -> DedupBench.trimmed(a.text());
          };
          Article v = new Article(String.format("planted-%s-%07d", kind, i), -1,
              a.date() == null ? null : a.date().plusDays(1), text);
          variants.add(new Variant(v, a, kind));
          if (keepAll) all.add(v);
        }
      }
    }
    return new Planted(articles, variants, all);
  }

  /** CPU seconds this JVM has used (every thread: the driver's and local[2]'s tasks). */
  static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  static synchronized void write(Path file, ObjectNode out) throws Exception {
    Files.writeString(file, DedupBench.JSON.writeValueAsString(out) + "\n");
  }
}
