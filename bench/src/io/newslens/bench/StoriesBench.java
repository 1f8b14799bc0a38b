package io.newslens.bench;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.newslens.spark.SparkSessions;
import io.newslens.stories.ClusterScores;
import io.newslens.stories.DocumentFeatures;
import io.newslens.stories.Stories;
import io.newslens.stories.StoriesParams;
import io.newslens.stories.UnionFind;
import io.newslens.stories.UnitVector;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The stories stage against hand-made labels: BCubed and pairwise precision / recall / F1 of the stage run on a
 * whole corpus (scored on the labelled articles: dev half, test half and all), of the stage run on the labelled
 * articles alone, and of a TF-IDF single-link baseline on the labelled articles alone (connected components of the
 * pairs whose cosine of plain tf-idf vectors reaches a threshold; every threshold of a grid is reported and the best
 * is the baseline), all in one run.
 *
 * <p>Usage: {@code StoriesBench TABLES_DIR LABELS_TSV OUT_JSON [VARIANT ...]}. TABLES_DIR holds a pipeline run's
 * documents, tokens, duplicate_clusters and reuse_passages; LABELS_TSV has columns id (the documents' source_id),
 * date, story. A VARIANT is {@code name:key=value,key=value} over the keys threshold, edge, gap, span, features,
 * posted, title, name (default: one variant, the stage's defaults).
 */
public final class StoriesBench {
  public static void main(String[] args) throws IOException {
    String tables = args[0];
    Map<String, String> labelsById = labels(Path.of(args[1]));
    List<String[]> variants = new ArrayList<>();
    for (int i = 3; i < args.length; i++) variants.add(args[i].split(":", 2));
    if (variants.isEmpty()) variants.add(new String[] {"defaults", ""});
    SparkSession spark = SparkSessions.getOrCreate("local[2]");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("load_average_start", loadAverage());
    try {
      Dataset<Row> documents = spark.read().parquet(tables + "/documents").cache();
      Dataset<Row> tokens = spark.read().parquet(tables + "/tokens");
      Dataset<Row> clusters = spark.read().parquet(tables + "/duplicate_clusters");
      Dataset<Row> passages = spark.read().parquet(tables + "/reuse_passages");
      // labels by doc_id
      Map<String, String> labels = new HashMap<>();
      Map<String, String> idOf = new HashMap<>();
      for (Row r : documents.select(SOURCE_ID, DOC_ID).collectAsList()) {
        String story = labelsById.get(r.getString(0));
        if (story != null) {
          labels.put(r.getString(1), story);
          idOf.put(r.getString(1), r.getString(0));
        }
      }
      if (labels.size() != labelsById.size()) {
        throw new IllegalStateException(labelsById.size() + " labelled ids, " + labels.size() + " found");
      }
      out.put("documents", documents.count());
      out.put("labelled", labels.size());
      Dataset<Row> sampleIds = spark.createDataFrame(labels.keySet().stream().map(org.apache.spark.sql.RowFactory::create)
          .toList(), new org.apache.spark.sql.types.StructType().add(DOC_ID, "string"));
      Dataset<Row> sampleDocs = documents.join(sampleIds, DOC_ID).cache();
      Dataset<Row> sampleTokens = tokens.join(sampleIds, DOC_ID).cache();
      Dataset<Row> sampleClusters = Dedupe.restrict(clusters, sampleIds);

      List<Map<String, Object>> runs = new ArrayList<>();
      for (String[] v : variants) {
        String scope = v[1].contains("scope=sample") ? "sample" : v[1].contains("scope=corpus") ? "corpus" : "both";
        StoriesParams p = params(v[1].replaceAll("scope=\\w+,?", ""));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("variant", v[0]);
        run.put("params", p.toString());
        if (!scope.equals("sample")) {
          long t0 = System.nanoTime();
          Stories.Result full = Stories.apply(documents, tokens, clusters, passages, p);
          Map<String, String> storyOf = storyOf(full.storyArticles(), labels);
          run.put("corpus_seconds", (System.nanoTime() - t0) / 1e9);
          run.put("corpus_stats", full.stats().toMap());
          run.put("corpus", StoriesTuning.scores(storyOf, labels)); // dev, test and all halves
          predictions(args[2] + "." + v[0] + ".corpus.tsv", storyOf, idOf, labels);
          full.release();
        }
        if (!scope.equals("corpus")) {
          Stories.Result alone = Stories.apply(sampleDocs, sampleTokens, sampleClusters, passages, p);
          Map<String, String> storyOf = storyOf(alone.storyArticles(), labels);
          run.put("sample", ClusterScores.of(storyOf, labels).toMap());
          predictions(args[2] + "." + v[0] + ".sample.tsv", storyOf, idOf, labels);
          alone.release();
        }
        System.err.println("variant " + v[0] + ": " + run);
        runs.add(run);
      }
      out.put("stories", runs);
      out.put("baseline", baseline(sampleDocs, sampleTokens, labels));
      out.put("load_average_end", loadAverage());
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      json.writeValue(new File(args[2]), out);
    } finally {
      spark.stop();
    }
  }

  /** TF-IDF single-link on the labelled articles: plain tf-idf of content terms, every pair, a grid of thresholds. */
  static Map<String, Object> baseline(Dataset<Row> docs, Dataset<Row> tokens, Map<String, String> labels) {
    Map<String, List<UnitVector.Raw>> raw = new TreeMap<>();
    Map<Long, Long> df = new HashMap<>();
    Map<String, String> langOf = new HashMap<>();
    for (Row r : tokens.select(col(DOC_ID), col(LANG), col(TOKENS).getField(TERM), col(TOKENS).getField(SURFACE),
        col(TOKENS).getField(SENTENCE), col(TOKENS).getField(START), col(TOKENS).getField(END),
        col(TOKENS).getField(STOP)).collectAsList()) {
      List<UnitVector.Raw> fs = new ArrayList<>();
      for (DocumentFeatures.Feature f : Stories.features(r)) {
        if (!f.key().startsWith(DocumentFeatures.TERM_PREFIX)) continue; // plain tf-idf: terms only
        long id = DocumentFeatures.hash(r.getString(1), f.key());
        fs.add(new UnitVector.Raw(id, f.tf(), 0, f.display()));
        df.merge(id, 1L, Long::sum);
      }
      raw.put(r.getString(0), fs);
      langOf.put(r.getString(0), r.getString(1));
    }
    long n = raw.size();
    UnitVector.Weights w = new UnitVector.Weights(100_000, 1, 1.0, 1.0, UnitVector.Tf.LOG, UnitVector.Idf.LOG);
    List<String> ids = new ArrayList<>(raw.keySet());
    List<UnitVector> vs = new ArrayList<>();
    for (String id : ids) vs.add(UnitVector.of(raw.get(id), f -> df.getOrDefault(f, 0L), n, w));
    double[][] sim = new double[ids.size()][ids.size()];
    for (int i = 0; i < ids.size(); i++) for (int j = i + 1; j < ids.size(); j++) sim[i][j] = vs.get(i).dot(vs.get(j));
    List<Map<String, Object>> grid = new ArrayList<>();
    Map<String, Object> best = null;
    double bestF1 = -1;
    for (int k = 2; k <= 18; k++) {
      double t = k * 0.05;
      UnionFind uf = new UnionFind();
      for (int i = 0; i < ids.size(); i++) {
        uf.union(i, i);
        for (int j = i + 1; j < ids.size(); j++) if (sim[i][j] >= t) uf.union(i, j);
      }
      long[][] l = uf.labels();
      Map<String, String> pred = new HashMap<>();
      for (int i = 0; i < ids.size(); i++) pred.put(ids.get(i), Long.toString(UnionFind.label(l, i)));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("threshold", Math.round(t * 100) / 100.0);
      row.putAll(ClusterScores.of(pred, labels).toMap());
      grid.add(row);
      if ((double) row.get("bcubed_f1") > bestF1) {
        bestF1 = (double) row.get("bcubed_f1");
        best = row;
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("method", "connected components of the pairs of labelled articles whose cosine of tf-idf vectors "
        + "((1 + ln tf) * ln((N+1)/(df+1)) over content terms, df over the labelled articles) reaches the threshold");
    out.put("best", best);
    out.put("grid", grid);
    return out;
  }

  /** id (source_id), label, predicted story: for reading the errors. */
  private static void predictions(String file, Map<String, String> storyOf, Map<String, String> idOf,
      Map<String, String> labels) throws IOException {
    List<String> lines = new ArrayList<>(List.of("id\tstory\tpredicted"));
    for (Map.Entry<String, String> e : new TreeMap<>(storyOf).entrySet()) {
      lines.add(idOf.get(e.getKey()) + "\t" + labels.get(e.getKey()) + "\t" + e.getValue());
    }
    Files.write(Path.of(file), lines);
  }

  private static Map<String, String> storyOf(Dataset<Row> storyArticles, Map<String, String> labels) {
    Map<String, String> out = new HashMap<>();
    for (Row r : storyArticles.select(DOC_ID, STORY_ID).collectAsList()) {
      if (labels.containsKey(r.getString(0))) out.put(r.getString(0), r.getString(1));
    }
    return out;
  }

  static StoriesParams params(String spec) {
    StoriesParams d = StoriesParams.defaults();
    Map<String, String> kv = new HashMap<>();
    for (String part : spec.split(",")) {
      if (part.isBlank()) continue;
      String[] x = part.split("=", 2);
      kv.put(x[0].trim(), x[1].trim());
    }
    StoriesParams p = d.withWeights(Integer.parseInt(kv.getOrDefault("features", "" + d.features())),
        Integer.parseInt(kv.getOrDefault("posted", "" + d.postedFeatures())),
        Double.parseDouble(kv.getOrDefault("title", "" + d.titleBoost())),
        Double.parseDouble(kv.getOrDefault("name", "" + d.nameBoost())));
    p = p.withThresholds(Double.parseDouble(kv.getOrDefault("threshold", "" + d.threshold())),
        Double.parseDouble(kv.getOrDefault("edge", "" + d.edgeThreshold())));
    return p.withTime(Integer.parseInt(kv.getOrDefault("gap", "" + d.maxGapDays())),
        Integer.parseInt(kv.getOrDefault("span", "" + d.maxSpanDays())));
  }

  static Map<String, String> labels(Path tsv) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(tsv);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      out.put(f[0], f[2]);
    }
    return out;
  }

  static double loadAverage() throws IOException {
    return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
  }

  /** Tables restricted to a set of doc_ids. */
  static final class Dedupe {
    static Dataset<Row> restrict(Dataset<Row> clusters, Dataset<Row> ids) {
      return clusters.join(ids, DOC_ID);
    }
  }
}
