package io.newslens.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.newslens.spark.SparkSessions;
import io.newslens.terms.Terms;
import io.newslens.terms.TermsParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The terms stage alone, on the tables of a finished pipeline run, as the pipeline calls it (default parameters,
 * local[2], each table written to Parquet then counted): wall time per table and in all. With a reference folder
 * (the same tables written by another version of the stage), every table is compared row for row: schemas equal,
 * and {@code exceptAll} empty both ways (so duplicates count too).
 *
 * <p>Args: pipeline-output-folder work-folder result.json [reference-folder]. The pipeline folder holds tokens,
 * documents and duplicate_clusters (a run's output, or its staging folder); the five tables go to work-folder.
 * Also: {@code compare folder-a folder-b} compares the five tables of two folders only.
 */
public final class TermsStageBench {
  private static final List<String> TABLES = List.of("terms", "doc_terms", "collocations", "keyness", "term_trends");

  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSessions.getOrCreate("local[2]");
    try {
      if (args[0].equals("compare")) {
        Map<String, Object> c = compare(spark, args[1], args[2]);
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(c));
        return;
      }
      String in = args[0];
      String work = args[1];
      Path result = Path.of(args[2]);
      Map<String, Object> out = new LinkedHashMap<>();
      long t0 = System.nanoTime();
      Terms.Result r = Terms.apply(spark.read().parquet(in + "/tokens"), spark.read().parquet(in + "/documents"),
          spark.read().parquet(in + "/duplicate_clusters"), TermsParams.defaults());
      List<Dataset<Row>> tables = List.of(r.terms(), r.docTerms(), r.collocations(), r.keyness(), r.termTrends());
      Map<String, Object> times = new LinkedHashMap<>();
      for (int i = 0; i < TABLES.size(); i++) {
        long s = System.nanoTime();
        String path = work + "/" + TABLES.get(i);
        tables.get(i).write().mode(SaveMode.Overwrite).parquet(path);
        long rows = spark.read().parquet(path).count();
        times.put(TABLES.get(i), Map.of("ms", (System.nanoTime() - s) / 1_000_000, "rows", rows));
      }
      out.put("stats", r.stats().toMap());
      r.release();
      out.put("tables", times);
      out.put("stage_ms", (System.nanoTime() - t0) / 1_000_000);
      if (args.length > 3) out.put("compare", compare(spark, work, args[3]));
      Files.writeString(result, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
      System.out.println(Files.readString(result));
    } finally {
      spark.stop();
    }
  }

  /** Per table: rows on each side, whether the schemas are equal, rows only in a, rows only in b. */
  static Map<String, Object> compare(SparkSession spark, String a, String b) {
    Map<String, Object> c = new LinkedHashMap<>();
    for (String t : TABLES) {
      Dataset<Row> x = spark.read().parquet(a + "/" + t);
      Dataset<Row> y = spark.read().parquet(b + "/" + t);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rows_a", x.count());
      m.put("rows_b", y.count());
      m.put("schema_equal", x.schema().equals(y.schema()));
      if (!x.schema().equals(y.schema())) {
        m.put("schema_a", x.schema().treeString());
        m.put("schema_b", y.schema().treeString());
      }
      Dataset<Row> ys = y.select(x.columns()[0], java.util.Arrays.copyOfRange(x.columns(), 1, x.columns().length));
      m.put("only_in_a", x.exceptAll(ys).count());
      m.put("only_in_b", ys.exceptAll(x).count());
      c.put(t, m);
    }
    return c;
  }
}
