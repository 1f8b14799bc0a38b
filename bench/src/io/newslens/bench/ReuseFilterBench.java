package io.newslens.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.newslens.Columns;
import io.newslens.clean.Clean;
import io.newslens.clean.CleanParams;
import io.newslens.reuse.PassageFilter;
import io.newslens.reuse.Reuse;
import io.newslens.reuse.ReuseParams;
import io.newslens.spark.SparkSessions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * What the reuse stage's passage filter ({@link PassageFilter}: enough content words, and a clause unless the
 * passage is long) removes: the corpus is ingested and cleaned as the pipeline does, then reuse runs with the filter
 * off (every aligned passage) and on (the defaults); every passage the filter drops is listed with its reason.
 *
 * <pre>bench/java io.newslens.bench.ReuseFilterBench CORPUS RESULT.json WORK_DIR</pre>
 */
public final class ReuseFilterBench {
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: ReuseFilterBench CORPUS RESULT.json WORK_DIR");
      System.exit(2);
    }
    String input = new File(args[0]).getAbsolutePath();
    Path result = Path.of(args[1]);
    String work = new File(args[2]).getAbsolutePath();
    SparkSession spark = SparkSessions.getOrCreate("local[2]");
    io.newslens.ingest.Ingest.registerUdfs(spark);
    try {
      CleanBench.ingest(spark, input).write().mode(SaveMode.Overwrite).parquet(work + "/documents");
      Clean.Result c = Clean.apply(spark.read().parquet(work + "/documents"), CleanParams.defaults());
      c.documents().write().mode(SaveMode.Overwrite).parquet(work + "/cleaned");
      c.release();
      ReuseParams on = ReuseParams.defaults();
      ReuseParams off = on.withPassageFilter(0, 0);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("input", input);
      out.put("params_on", on.toString());
      out.put("load_average_start", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
          .getSystemLoadAverage());
      Map<String, List<Row>> passages = new LinkedHashMap<>();
      for (Map.Entry<String, ReuseParams> p : Map.of("off", off, "on", on).entrySet()) {
        Reuse.Result r = Reuse.apply(spark.read().parquet(work + "/cleaned"), p.getValue());
        r.passages().write().mode(SaveMode.Overwrite).parquet(work + "/reuse-" + p.getKey());
        r.release();
        passages.put(p.getKey(), spark.read().parquet(work + "/reuse-" + p.getKey())
            .select(Columns.PASSAGE, Columns.MATCHED_WORDS, Columns.SOURCE_A, Columns.SOURCE_B)
            .orderBy(Columns.PASSAGE, Columns.SOURCE_A, Columns.SOURCE_B).collectAsList());
      }
      out.put("passages_filter_off", passages.get("off").size());
      out.put("passages_filter_on", passages.get("on").size());
      Map<String, Integer> byReason = new TreeMap<>();
      List<String> removed = new ArrayList<>();
      List<String> kept = new ArrayList<>();
      for (Row r : passages.get("off")) {
        String why = PassageFilter.rejection(r.getString(0), r.getInt(1), on.minContentWords(), on.nounPhraseWords());
        String line = r.getInt(1) + " words | " + r.getString(0).replace('\n', ' ');
        if (why == null) {
          kept.add(line);
        } else {
          byReason.merge(why, 1, Integer::sum);
          removed.add(why + " | " + line);
        }
      }
      out.put("removed_by_reason", byReason);
      out.put("removed", removed);
      out.put("kept", kept);
      ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      if (result.getParent() != null) Files.createDirectories(result.getParent());
      om.writeValue(result.toFile(), out);
      System.out.println(om.writeValueAsString(out));
    } finally {
      spark.stop();
    }
  }
}
