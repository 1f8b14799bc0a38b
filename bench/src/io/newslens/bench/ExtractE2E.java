package io.newslens.bench;

import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.newslens.Columns;
import io.newslens.spark.SparkSessions;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The whole pipeline on the OrangeSum pages as HTML against the same articles' gold text as JSON Lines: near-duplicate
 * pairs of the HTML run scored against the gold-text run (both mapped to the OrangeSum page id: the HTML file name,
 * the gold record's id), the top terms of each run by document frequency, and the top HTML terms that are boilerplate
 * (their document frequency in the gold run is under half of theirs in the HTML run: words of the page chrome, not
 * of the articles).
 *
 * <p>Usage: {@code ExtractE2E HTML_OUT GOLD_OUT HTML_JOB_JSON GOLD_JOB_JSON RESULT_JSON [TOP]}; the job files are
 * what {@code bench/run} records of each run (wall time, peak RSS, load, stages).
 */
public final class ExtractE2E {
  public static void main(String[] args) throws Exception {
    String htmlOut = args[0];
    String goldOut = args[1];
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    int top = args.length > 5 ? Integer.parseInt(args[5]) : 30;
    SparkSession spark = SparkSessions.getOrCreate("local[2]");
    try {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("what", "whole pipeline on 2,000 OrangeSum pages as HTML vs their gold text as JSON Lines");
      out.put("html_job", json.readTree(new File(args[2])));
      out.put("gold_job", json.readTree(new File(args[3])));

      Map<String, String> htmlIds = pageIds(spark, htmlOut, true);
      Map<String, String> goldIds = pageIds(spark, goldOut, false);
      Set<String> html = pairs(spark, htmlOut, htmlIds);
      Set<String> gold = pairs(spark, goldOut, goldIds);
      Set<String> both = new HashSet<>(html);
      both.retainAll(gold);
      Map<String, Object> dup = new LinkedHashMap<>();
      dup.put("pairs_html", html.size());
      dup.put("pairs_gold", gold.size());
      dup.put("pairs_both", both.size());
      dup.put("precision", html.isEmpty() ? null : (double) both.size() / html.size());
      dup.put("recall", gold.isEmpty() ? null : (double) both.size() / gold.size());
      dup.put("targets", "precision >= 0.99, recall >= 0.97 (with the real extractor)");
      List<String> onlyHtml = html.stream().filter(p -> !gold.contains(p)).sorted().limit(10).toList();
      List<String> onlyGold = gold.stream().filter(p -> !html.contains(p)).sorted().limit(10).toList();
      dup.put("examples_only_html", onlyHtml);
      dup.put("examples_only_gold", onlyGold);
      out.put("near_duplicates", dup);

      Map<String, Long> goldDf = df(spark, goldOut);
      Map<String, Long> htmlDf = df(spark, htmlOut);
      List<Map<String, Object>> htmlTop = topTerms(spark, htmlOut, top, goldDf, "df_gold");
      List<Map<String, Object>> goldTop = topTerms(spark, goldOut, top, htmlDf, "df_html");
      List<String> boilerplate = new ArrayList<>();
      for (Map<String, Object> t : htmlTop) if (Boolean.TRUE.equals(t.get("boilerplate"))) boilerplate.add((String) t.get("display"));
      out.put("top_terms_html", htmlTop);
      out.put("top_terms_gold", goldTop);
      out.put("boilerplate_in_html_top_terms", boilerplate);

      Map<String, Object> text = new LinkedHashMap<>();
      text.put("html", textStats(spark, htmlOut));
      text.put("gold", textStats(spark, goldOut));
      out.put("text", text);
      json.writeValue(new File(args[4]), out);
      System.out.println(json.writeValueAsString(dup));
      System.out.println("boilerplate in the HTML run's top " + top + " terms: " + boilerplate);
    } finally {
      spark.stop();
    }
  }

  /** doc_id → OrangeSum page id: the file name of an HTML page, the record id of a gold line. */
  static Map<String, String> pageIds(SparkSession spark, String out, boolean html) {
    Map<String, String> m = new HashMap<>();
    for (Row r : spark.read().parquet(out + "/documents").select(Columns.DOC_ID, Columns.INPUT_PATH,
        Columns.SOURCE_ID).collectAsList()) {
      String id;
      if (html) {
        String path = r.getString(1);
        String name = path.substring(path.lastIndexOf('/') + 1);
        id = name.substring(0, name.indexOf('.'));
      } else {
        id = r.getString(2);
      }
      m.put(r.getString(0), id);
    }
    return m;
  }

  static Set<String> pairs(SparkSession spark, String out, Map<String, String> ids) {
    Set<String> s = new HashSet<>();
    for (Row r : spark.read().parquet(out + "/duplicate_pairs").select(Columns.DOC_A, Columns.DOC_B)
        .collectAsList()) {
      String a = ids.get(r.getString(0));
      String b = ids.get(r.getString(1));
      s.add(a.compareTo(b) < 0 ? a + "-" + b : b + "-" + a);
    }
    return s;
  }

  static Map<String, Long> df(SparkSession spark, String out) {
    Map<String, Long> m = new HashMap<>();
    for (Row r : spark.read().parquet(out + "/terms").filter(col(Columns.LANG).equalTo("fr"))
        .select(Columns.TERM, Columns.DF).collectAsList()) {
      m.put(r.getString(0), r.getLong(1));
    }
    return m;
  }

  static List<Map<String, Object>> topTerms(SparkSession spark, String out, int n, Map<String, Long> otherDf,
      String otherName) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Row r : spark.read().parquet(out + "/terms").filter(col(Columns.LANG).equalTo("fr"))
        .orderBy(col(Columns.DF).desc(), col(Columns.TERM)).limit(n)
        .select(Columns.TERM, Columns.DISPLAY, Columns.DF, Columns.TF).collectAsList()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("display", r.getString(1));
      t.put("df", r.getLong(2));
      t.put("tf", r.getLong(3));
      long other = otherDf.getOrDefault(r.getString(0), 0L);
      t.put(otherName, other);
      if (otherName.equals("df_gold")) t.put("boilerplate", other < r.getLong(2) / 2.0);
      list.add(t);
    }
    return list;
  }

  static Map<String, Object> textStats(SparkSession spark, String out) {
    Row r = spark.read().parquet(out + "/documents").agg(count(lit(1)), avg(length(col(Columns.TEXT))),
        avg(length(col(Columns.RAW_TEXT))), expr("percentile_approx(length(text), 0.5)")).first();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("documents", r.getLong(0));
    m.put("mean_text_chars", r.isNullAt(1) ? null : r.getDouble(1));
    m.put("mean_raw_text_chars", r.isNullAt(2) ? null : r.getDouble(2));
    m.put("median_text_chars", r.isNullAt(3) ? null : ((Number) r.get(3)).longValue());
    return m;
  }
}
