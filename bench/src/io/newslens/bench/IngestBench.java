package io.newslens.bench;

import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.newslens.Columns;
import io.newslens.ingest.Ingest;
import io.newslens.ingest.IngestParams;
import io.newslens.ingest.Inputs;
import io.newslens.spark.SparkSessions;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The ingest stage alone on an input, as the pipeline runs it (documents and rejected written to Parquet): wall
 * time, the reading tasks (one per WARC byte range), records by outcome, and the pages' text sizes. What reading a
 * large WARC file costs, apart from the later stages (whose cost depends on the articles, not on their format).
 *
 * <p>Usage: {@code IngestBench INPUT OUT_DIR RESULT_JSON [SPLIT_BYTES]} (SPLIT_BYTES, e.g. {@code 32m}: the WARC
 * range size, {@code spark.sql.files.maxPartitionBytes}; default Spark's 128m).
 */
public final class IngestBench {
  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSessions.getOrCreate("local[2]");
    try {
      String load0 = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim();
      if (args.length > 3) spark.conf().set(Ingest.SPLIT_BYTES_CONF, args[3]);
      long t0 = System.nanoTime();
      Inputs.Listing l = Inputs.list(List.of(args[0]), spark.sparkContext().hadoopConfiguration());
      Ingest.registerUdfs(spark);
      Ingest.Result r = Ingest.apply(spark, l.files(), IngestParams.defaults());
      int tasks = r.raw().rdd().getNumPartitions();
      r.documents().write().mode(SaveMode.Overwrite).parquet(args[1] + "/documents");
      r.rejected().write().mode(SaveMode.Overwrite).parquet(args[1] + "/rejected");
      double seconds = (System.nanoTime() - t0) / 1e9;
      Dataset<Row> docs = spark.read().parquet(args[1] + "/documents");
      Row s = docs.agg(count(lit(1)), sum(col(Columns.EXTRACTION + "." + Columns.PAGE_CHARS)),
          sum(length(col(Columns.TEXT)))).first();
      Map<String, Long> rejected = new TreeMap<>();
      for (Row x : spark.read().parquet(args[1] + "/rejected").groupBy(Columns.REASON).count().collectAsList()) {
        rejected.put(x.getString(0), x.getLong(1));
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("input", args[0]);
      out.put("input_bytes", l.totalBytes());
      out.put("files", l.files().size());
      out.put("reading_tasks", tasks);
      out.put("split_bytes", spark.conf().get(Ingest.SPLIT_BYTES_CONF, "128m"));
      out.put("ingest_seconds", seconds);
      out.put("documents", s.getLong(0));
      out.put("rejected_by_reason", rejected);
      out.put("page_text_chars", s.isNullAt(1) ? 0 : s.getLong(1));
      out.put("documents_per_second", s.getLong(0) / seconds);
      out.put("input_mb_per_second", l.totalBytes() / 1e6 / seconds);
      out.put("heap_max_mb", Runtime.getRuntime().maxMemory() >> 20);
      out.put("peak_heap_used_mb", ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
          .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20);
      out.put("load_average_start", load0);
      out.put("load_average_end", new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg")))
          .trim());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(new File(args[2]), out);
      System.out.println(out);
    } finally {
      spark.stop();
    }
  }
}
