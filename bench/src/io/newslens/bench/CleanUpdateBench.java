package io.newslens.bench;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.newslens.clean.Clean;
import io.newslens.clean.CleanParams;
import io.newslens.spark.SparkSessions;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The clean step of an update, two ways side by side in one JVM on local[2]: "recount and clean all" (the way before
 * {@link Clean#addTo}: {@link Clean#apply} on every document as read, all of them written, joined back to the stored
 * ones to find the changed) and "addition" ({@link Clean#addTo}: every document's lines counted, only the added
 * documents and the old ones holding a flipped line cleaned and written). Both give the changed old documents; the
 * bench checks they are the same and that the rows written for them and the added ones are equal.
 *
 * <pre>bench/java io.newslens.bench.CleanUpdateBench BASE_OUTPUT UPDATED_OUTPUT RESULT.json [ROUNDS]</pre>
 *
 * BASE_OUTPUT is a full run's output (its documents are the old ones); UPDATED_OUTPUT an update of it, whose documents
 * of version 2 (as read again, {@link Clean#uncleaned}) are the added ones. Wall time and the process's CPU time
 * (every Spark thread: the driver runs the tasks) of each way, alternating for ROUNDS rounds (default 2), with the
 * 1-minute load average; the best round of each is kept.
 */
public final class CleanUpdateBench {
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: CleanUpdateBench BASE_OUTPUT UPDATED_OUTPUT RESULT.json [ROUNDS]");
      System.exit(2);
    }
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    SparkSession spark = SparkSessions.getOrCreate("local[2]");
    Path tmp = Files.createTempDirectory("cleanupdate");
    CleanParams p = CleanParams.defaults();
    Dataset<Row> stored = spark.read().parquet(args[0] + "/documents").drop(VERSION);
    Dataset<Row> added = Clean.uncleaned(spark.read().parquet(args[1] + "/documents")
        .filter(col(VERSION).equalTo(lit(2)))).drop(VERSION);
    long old = stored.count();
    long fresh = added.count();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("old_documents", old);
    out.put("added_documents", fresh);
    List<Map<String, Object>> runs = new ArrayList<>();
    List<Row> first = null;
    for (int round = 0; round < rounds; round++) {
      for (String way : List.of("recount_and_clean_all", "addition")) {
        String dir = tmp.resolve(way + round).toString();
        double load0 = ExtractBench.loadAverage();
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        List<Row> written = way.equals("addition") ? addition(stored, added, p, dir) : all(stored, added, p, dir);
        long wall = (System.nanoTime() - t0) / 1_000_000;
        long cpuMs = (cpu() - cpu0) / 1_000_000;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("way", way);
        r.put("round", round);
        r.put("wall_ms", wall);
        r.put("cpu_ms", cpuMs);
        r.put("rows_written", written.size());
        r.put("load_average_start", load0);
        r.put("load_average_end", ExtractBench.loadAverage());
        runs.add(r);
        System.err.println(r);
        if (first == null) first = written;
        else if (!first.equals(written)) throw new IllegalStateException(way + " wrote other rows than the first way");
      }
    }
    out.put("runs", runs);
    for (String way : List.of("recount_and_clean_all", "addition")) {
      out.put(way + "_best_wall_ms", runs.stream().filter(r -> r.get("way").equals(way))
          .mapToLong(r -> (Long) r.get("wall_ms")).min().orElse(-1));
      out.put(way + "_best_cpu_ms", runs.stream().filter(r -> r.get("way").equals(way))
          .mapToLong(r -> (Long) r.get("cpu_ms")).min().orElse(-1));
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(args[2]).toFile(), out);
    spark.stop();
  }

  /** The way before: everything cleaned again and written, joined back to find the changed old documents. */
  static List<Row> all(Dataset<Row> stored, Dataset<Row> added, CleanParams p, String dir) {
    Clean.Result r = Clean.apply(Clean.uncleaned(stored).unionByName(added), p);
    r.documents().write().mode(SaveMode.Overwrite).parquet(dir + "/cleaned_all");
    r.release();
    Dataset<Row> everything = stored.sparkSession().read().parquet(dir + "/cleaned_all");
    Column same = col(TEXT).eqNullSafe(col("_text")).and(col(BOILERPLATE).eqNullSafe(col("_boilerplate")))
        .and(col(LANG).eqNullSafe(col("_lang"))).and(col(LANG_CONFIDENCE).eqNullSafe(col("_conf")))
        .and(col(CHAR_COUNT).eqNullSafe(col("_chars")));
    Dataset<Row> changed = everything.join(stored.select(col(DOC_ID), col(TEXT).as("_text"),
            col(BOILERPLATE).as("_boilerplate"), col(LANG).as("_lang"), col(LANG_CONFIDENCE).as("_conf"),
            col(CHAR_COUNT).as("_chars")), DOC_ID)
        .filter(not(same)).select(DOC_ID);
    Dataset<Row> wanted = added.select(DOC_ID).unionByName(changed);
    everything.join(wanted, new String[] {DOC_ID}, "left_semi").write().mode(SaveMode.Overwrite)
        .parquet(dir + "/cleaned");
    return sorted(stored.sparkSession().read().parquet(dir + "/cleaned"));
  }

  /** {@link Clean#addTo}: the added documents and the changed old ones written. */
  static List<Row> addition(Dataset<Row> stored, Dataset<Row> added, CleanParams p, String dir) {
    Clean.Addition a = Clean.addTo(stored, added, p);
    a.documents().write().mode(SaveMode.Overwrite).parquet(dir + "/cleaned");
    a.flips().count();
    a.release();
    return sorted(stored.sparkSession().read().parquet(dir + "/cleaned"));
  }

  static List<Row> sorted(Dataset<Row> d) {
    String[] cols = d.columns();
    java.util.Arrays.sort(cols);
    return d.select(java.util.Arrays.stream(cols).map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
        .orderBy(DOC_ID).collectAsList();
  }

  static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
