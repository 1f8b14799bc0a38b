package io.newslens.bench;

import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newslens.Columns;
import io.newslens.analyze.Analyze;
import io.newslens.analyze.AnalyzeParams;
import io.newslens.clean.Clean;
import io.newslens.clean.CleanParams;
import io.newslens.ingest.Ingest;
import io.newslens.ingest.IngestParams;
import io.newslens.ingest.Inputs;
import io.newslens.spark.SparkSessions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Clean + analyze against a floor, measured in the same run on local[2].
 *
 * <pre>bench/java io.newslens.bench.CleanBench ORANGESUM.jsonl.gz RESULT.json [ROUNDS]</pre>
 *
 * <ul>
 *   <li>floor: spark.read JSONL, split {@code article} on white space, sum the token counts;</li>
 *   <li>full: Ingest (the .jsonl.gz through io.newslens.ingest) → Clean → Analyze, as the pipeline runs them:
 *       each stage writes its table to a temporary Parquet folder and the next reads it back (documents,
 *       cleaned documents, tokens); the time of each phase is reported too.</li>
 * </ul>
 * Also timed each round, for the fairness of the floor (not in the ratio): the floor given the schema (the floor
 * above infers it, so it decompresses and parses the gzip twice; a .gz is one task either way, for the floor as for
 * ingest), and the same repartitioned after the read (the split on every core). The 1-minute load average is
 * recorded before and after each round.
 *
 * <p>Floor and full alternate for ROUNDS rounds (default 2); the best time of each is kept, after one warm-up
 * round on the same data. Also reports what the clean stage removed on the corpus, by reason.
 */
public final class CleanBench {
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: CleanBench ORANGESUM.jsonl.gz RESULT.json [ROUNDS]");
      System.exit(2);
    }
    String input = new File(args[0]).getAbsolutePath();
    Path result = Path.of(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Path tmp = Files.createTempDirectory("cleanbench");
    SparkSession spark = SparkSessions.getOrCreate("local[2]");
    Ingest.registerUdfs(spark);
    try {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("input", input);
      out.put("master", spark.sparkContext().master());
      out.put("rounds", rounds);

      LongSupplier floor = () -> spark.read().json(input)
          .agg(sum(size(split(col("article"), "\\s+")))).first().getLong(0);
      // two variants of the floor, reported beside it (the ratio keeps the floor above): the floor infers the
      // schema, i.e. reads the gzip twice, in one task each time (gzip does not split); given the schema it reads
      // once; repartitioned after the read, the split runs on both cores
      org.apache.spark.sql.types.StructType schema = spark.read().json(input).schema();
      LongSupplier floorSchema = () -> spark.read().schema(schema).json(input)
          .agg(sum(size(split(col("article"), "\\s+")))).first().getLong(0);
      LongSupplier floorSplit = () -> spark.read().schema(schema).json(input)
          .repartition(spark.sparkContext().defaultParallelism() * 2)
          .agg(sum(size(split(col("article"), "\\s+")))).first().getLong(0);
      String docsDir = tmp.resolve("documents").toString();
      String cleanDir = tmp.resolve("clean").toString();
      String tokDir = tmp.resolve("tokens").toString();
      Map<String, List<Double>> phases = new LinkedHashMap<>();
      LongSupplier full = () -> {
        // as the pipeline runs the stages: each writes Parquet, the next reads it back
        phase(phases, "ingest_write", () -> {
          ingest(spark, input).write().mode(SaveMode.Overwrite).parquet(docsDir);
          return 0;
        });
        phase(phases, "clean_write", () -> {
          Clean.Result c = Clean.apply(spark.read().parquet(docsDir), CleanParams.defaults());
          c.documents().write().mode(SaveMode.Overwrite).parquet(cleanDir);
          c.release();
          return 0;
        });
        phase(phases, "analyze_write", () -> {
          Analyze.apply(spark.read().parquet(cleanDir), AnalyzeParams.defaults()).tokens()
              .write().mode(SaveMode.Overwrite).parquet(tokDir);
          return 0;
        });
        return spark.read().parquet(tokDir).count();
      };

      // warm-up (JIT, Spark codegen, the language model and Lucene analyzers) on the same work
      time(floor);
      time(full);
      phases.clear();
      List<Double> floorTimes = new ArrayList<>();
      List<Double> fullTimes = new ArrayList<>();
      List<Double> floorSchemaTimes = new ArrayList<>();
      List<Double> floorSplitTimes = new ArrayList<>();
      java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      List<Double> load = new ArrayList<>();
      load.add(os.getSystemLoadAverage());
      long floorTokens = 0;
      long fullRows = 0;
      for (int r = 0; r < rounds; r++) {
        double[] f = time(floor);
        floorTimes.add(f[0]);
        floorTokens = (long) f[1];
        double[] g = time(full);
        fullTimes.add(g[0]);
        fullRows = (long) g[1];
        floorSchemaTimes.add(time(floorSchema)[0]);
        floorSplitTimes.add(time(floorSplit)[0]);
        load.add(os.getSystemLoadAverage());
      }
      double bestFloor = floorTimes.stream().min(Double::compare).orElseThrow();
      double bestFull = fullTimes.stream().min(Double::compare).orElseThrow();
      out.put("floor_seconds", floorTimes);
      out.put("full_seconds", fullTimes);
      out.put("floor_best_seconds", bestFloor);
      out.put("full_best_seconds", bestFull);
      out.put("ratio_full_over_floor", bestFull / bestFloor);
      out.put("phase_seconds", phases);
      out.put("floor_given_schema_seconds", floorSchemaTimes);
      out.put("floor_given_schema_repartitioned_seconds", floorSplitTimes);
      out.put("load_average_1min", load);
      out.put("floor_whitespace_tokens", floorTokens);
      out.put("token_rows", fullRows);
      Dataset<Row> tokens = spark.read().parquet(tokDir);
      out.put("tokens", tokens.select(sum(size(col(Columns.TOKENS)))).first().getLong(0));
      out.put("stop_tokens", tokens.select(explode(col(Columns.TOKENS)).as("t"))
          .filter(col("t." + Columns.STOP)).count());

      // what the clean stage did on the corpus
      Dataset<Row> docs = spark.read().parquet(cleanDir);
      Map<String, Long> byReason = new LinkedHashMap<>();
      for (Row r : docs.select(explode(col(Columns.BOILERPLATE)).as("b"))
          .groupBy(col("b." + Columns.REASON)).count().orderBy(col("count").desc(), col(Columns.REASON)).collectAsList()) {
        byReason.put(r.getString(0), r.getLong(1));
      }
      out.put("documents", docs.count());
      out.put("removed_lines_by_reason", byReason);
      out.put("documents_with_removals", docs.filter(size(col(Columns.BOILERPLATE)).gt(0)).count());
      Map<String, Long> langs = new LinkedHashMap<>();
      for (Row r : docs.groupBy(Columns.LANG).count().orderBy(col("count").desc(), col(Columns.LANG)).collectAsList()) {
        langs.put(r.getString(0), r.getLong(1));
      }
      out.put("lang", langs);
      Row chars = docs.agg(sum(length(col(Columns.RAW_TEXT))), sum(col(Columns.CHAR_COUNT))).first();
      out.put("raw_chars", chars.getLong(0));
      out.put("clean_chars", chars.getLong(1));
      List<String> samples = new ArrayList<>();
      for (Row r : docs.select(explode(col(Columns.BOILERPLATE)).as("b"))
          .select(concat_ws(" | ", col("b." + Columns.REASON), col("b." + Columns.REMOVED)).as("s"))
          .distinct().orderBy(col("s")).limit(30).collectAsList()) {
        samples.add(r.getString(0));
      }
      out.put("removed_samples", samples);

      ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode json = om.valueToTree(out);
      if (result.getParent() != null) Files.createDirectories(result.getParent());
      om.writeValue(result.toFile(), json);
      System.out.println(om.writeValueAsString(json));
    } finally {
      spark.stop();
      try (var walk = Files.walk(tmp)) {
        walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  static Dataset<Row> ingest(SparkSession spark, String input) {
    try {
      Inputs.Listing l = Inputs.list(List.of(input), spark.sparkContext().hadoopConfiguration());
      return Ingest.apply(spark, l.files(), IngestParams.defaults()).documents();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void phase(Map<String, List<Double>> phases, String name, LongSupplier job) {
    phases.computeIfAbsent(name, k -> new ArrayList<>()).add(time(job)[0]);
  }

  /** {seconds, value}. */
  static double[] time(LongSupplier job) {
    long t0 = System.nanoTime();
    long v = job.getAsLong();
    return new double[] {(System.nanoTime() - t0) / 1e9, v};
  }
}
