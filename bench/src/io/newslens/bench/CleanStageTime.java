package io.newslens.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newslens.clean.Clean;
import io.newslens.clean.CleanParams;
import io.newslens.spark.SparkSessions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The clean stage alone, as the pipeline runs it (read the ingested documents, clean, write Parquet), timed over
 * ROUNDS rounds after one warm-up: wall seconds and the process's CPU seconds (all of Spark's local threads; robust
 * on a loaded machine). It calls nothing but {@code Clean.apply(documents, CleanParams.defaults()).documents()}, so
 * the same class file runs against an older build's classes: two builds are compared by running it alternately
 * against each (one JVM per run).
 *
 * <pre>
 * bench/java io.newslens.bench.CleanStageTime DOCUMENTS_PARQUET OUT_DIR [ROUNDS]
 * bench/java io.newslens.bench.CleanStageTime ingest CORPUS DOCUMENTS_PARQUET   (the ingest stage, written once)
 * </pre>
 * Prints one JSON line: wall and CPU seconds per round (ROUNDS 0: the one warm-up round), the load average before
 * and after.
 */
public final class CleanStageTime {
  public static void main(String[] args) throws Exception {
    if (args[0].equals("ingest")) {
      SparkSession spark = SparkSessions.getOrCreate("local[2]");
      io.newslens.ingest.Ingest.registerUdfs(spark);
      try {
        CleanBench.ingest(spark, new java.io.File(args[1]).getAbsolutePath()).write().mode(SaveMode.Overwrite)
            .parquet(args[2]);
      } finally {
        spark.stop();
      }
      return;
    }
    String docs = args[0];
    String out = args[1];
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    SparkSession spark = SparkSessions.getOrCreate("local[2]");
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("load_average_start", os.getSystemLoadAverage());
    List<Double> wall = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    try {
      for (int i = rounds == 0 ? 0 : -1; i < Math.max(rounds, 1); i++) {
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Clean.apply(spark.read().parquet(docs), CleanParams.defaults()).documents()
            .write().mode(SaveMode.Overwrite).parquet(out);
        double w = (System.nanoTime() - t0) / 1e9;
        double c = (os.getProcessCpuTime() - c0) / 1e9;
        spark.catalog().clearCache();
        if (i >= 0 || rounds == 0) {
          wall.add(w);
          cpu.add(c);
        }
      }
    } finally {
      spark.stop();
    }
    r.put("wall_seconds", wall);
    r.put("cpu_seconds", cpu);
    r.put("load_average_end", os.getSystemLoadAverage());
    System.out.println(new ObjectMapper().writeValueAsString(r));
  }
}
