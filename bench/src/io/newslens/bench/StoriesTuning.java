package io.newslens.bench;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.newslens.spark.SparkSessions;
import io.newslens.stories.ClusterScores;
import io.newslens.stories.DocumentFeatures;
import io.newslens.stories.Stories;
import io.newslens.stories.StoryModel;
import io.newslens.stories.Unit;
import io.newslens.stories.UnitVector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Explores the story kernel's parameters on a whole corpus without Spark in the loop: every unit's raw features
 * are computed once (Spark) and collected; then each variant weighs them and fits the stories of all units in one
 * {@link StoryModel#fit} on the driver (the stage fits per connected component of candidate pairs, which with a low
 * edge threshold holds every story the fit would form). Prints the BCubed scores of each variant on the labels.
 *
 * <p>Usage: {@code StoriesTuning TABLES_DIR LABELS_TSV VARIANT...} with VARIANT {@code name:key=value,...} over
 * threshold, gap, span, features, title, name, centroid, decay, from, to (from/to: ISO dates bounding the units
 * fitted, to go faster).
 */
public final class StoriesTuning {
  record RawUnit(String id, String lang, long time, String title, List<UnitVector.Raw> raw) {}

  public static void main(String[] args) throws IOException {
    String tables = args[0];
    Map<String, String> labelsById = StoriesBench.labels(Path.of(args[1]));
    SparkSession spark = SparkSessions.getOrCreate("local[2]");
    List<RawUnit> units = new ArrayList<>();
    Map<String, String> unitOf = new HashMap<>();
    Map<String, String> labels = new HashMap<>();
    try {
      Dataset<Row> docs = spark.read().parquet(tables + "/documents");
      Dataset<Row> clusters = spark.read().parquet(tables + "/duplicate_clusters");
      Dataset<Row> tokens = spark.read().parquet(tables + "/tokens");
      for (Row r : docs.join(clusters, DOC_ID).select(DOC_ID, SOURCE_ID, REPRESENTATIVE).collectAsList()) {
        unitOf.put(r.getString(0), r.getString(2));
        String label = labelsById.get(r.getString(1));
        if (label != null) {
          labels.put(r.getString(0), label);
          idOf.put(r.getString(0), r.getString(1));
        }
      }
      Column t = col(TOKENS);
      Dataset<Row> reps = tokens.select(col(DOC_ID), col(LANG), t.getField(TERM), t.getField(SURFACE),
              t.getField(SENTENCE), t.getField(START), t.getField(END), t.getField(STOP))
          .join(clusters.filter(col(IS_REPRESENTATIVE)).select(DOC_ID), DOC_ID)
          .join(docs.select(col(DOC_ID), col(TITLE), coalesce(unix_seconds(col(PUBLISHED_AT)), lit(Unit.UNDATED))
              .as("time")), DOC_ID);
      for (java.util.Iterator<Row> it = reps.toLocalIterator(); it.hasNext(); ) {
        Row r = it.next();
        String lang = r.getString(1);
        List<UnitVector.Raw> raw = new ArrayList<>();
        for (DocumentFeatures.Feature f : Stories.features(r)) {
          raw.add(new UnitVector.Raw(DocumentFeatures.hash(lang, f.key()), f.tf(), f.flags(), f.display()));
        }
        units.add(new RawUnit(r.getString(0), lang, r.getLong(9), r.getString(8), raw));
      }
    } finally {
      spark.stop();
    }
    System.err.println("units " + units.size() + ", labelled " + labels.size());
    for (int i = 2; i < args.length; i++) {
      if (args[i].startsWith("baseline")) {
        singleLink(units, unitOf, labels, Integer.parseInt(args[i].split(":")[1]));
        continue;
      }
      String[] v = args[i].split(":", 2);
      Map<String, String> kv = new HashMap<>();
      for (String part : v[1].split(",")) {
        if (part.isBlank()) continue;
        String[] x = part.split("=", 2);
        kv.put(x[0], x[1]);
      }
      System.out.println(v[0] + " " + run(units, unitOf, labels, kv));
    }
  }

  static final Map<String, String> idOf = new HashMap<>();

  /**
   * TF-IDF single-link over the whole corpus: plain tf-idf of content terms (global df over the units), every pair
   * of units published within {@code days} of each other, connected components of the pairs at a threshold.
   */
  static void singleLink(List<RawUnit> units, Map<String, String> unitOf, Map<String, String> labels, int days) {
    Map<Long, Long> df = new HashMap<>();
    Map<String, Long> n = new HashMap<>();
    for (RawUnit u : units) {
      n.merge(u.lang(), 1L, Long::sum);
      for (UnitVector.Raw r : u.raw()) df.merge(r.id(), 1L, Long::sum);
    }
    List<RawUnit> sorted = new ArrayList<>(units);
    sorted.removeIf(u -> u.time() == Unit.UNDATED);
    sorted.sort(java.util.Comparator.comparingLong(RawUnit::time).thenComparing(RawUnit::id));
    List<UnitVector> vs = new ArrayList<>();
    UnitVector.Weights w = new UnitVector.Weights(100_000, 1, 1.0, 1.0);
    for (RawUnit u : sorted) {
      List<UnitVector.Raw> terms = new ArrayList<>();
      for (UnitVector.Raw r : u.raw()) {
        if (!isName(r)) terms.add(new UnitVector.Raw(r.id(), r.tf(), 0, r.display()));
      }
      vs.add(UnitVector.of(terms, id -> df.getOrDefault(id, 0L), n.get(u.lang()), w));
    }
    long t0 = System.nanoTime();
    List<long[]> pairs = new ArrayList<>();
    List<Double> sims = new ArrayList<>();
    long compared = 0;
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size() && sorted.get(j).time() - sorted.get(i).time() <= days * 86_400L; j++) {
        compared++;
        double c = vs.get(i).dot(vs.get(j));
        if (c >= 0.1) {
          pairs.add(new long[] {i, j});
          sims.add(c);
        }
      }
    }
    System.out.printf("baseline: %d pairs compared, %d at >= 0.1, %.1f s%n", compared, pairs.size(),
        (System.nanoTime() - t0) / 1e9);
    for (int k = 2; k <= 18; k++) {
      double t = k * 0.05;
      io.newslens.stories.UnionFind uf = new io.newslens.stories.UnionFind();
      for (int p = 0; p < pairs.size(); p++) if (sims.get(p) >= t) uf.union(pairs.get(p)[0], pairs.get(p)[1]);
      long[][] l = uf.labels();
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < sorted.size(); i++) index.put(sorted.get(i).id(), i);
      Map<String, String> pred = new HashMap<>();
      for (String doc : labels.keySet()) {
        pred.put(doc, Long.toString(io.newslens.stories.UnionFind.label(l, index.get(unitOf.get(doc)))));
      }
      ClusterScores.Scores s = ClusterScores.of(pred, labels);
      System.out.printf("baseline %.2f F1 %.3f P %.3f R %.3f | pairs P %.3f R %.3f%n", t, s.bcubedF1(),
          s.bcubedPrecision(), s.bcubedRecall(), s.pairPrecision(), s.pairRecall());
    }
  }

  /** Names were hashed with the name prefix: their display holds a space. */
  static boolean isName(UnitVector.Raw r) {
    return r.display() != null && r.display().contains(" ");
  }

  static UnitVector top(long[] ids, double[] ws, String[] display, int k) {
    Integer[] order = new Integer[ids.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    java.util.Arrays.sort(order, (a, b) -> ws[a] != ws[b] ? Double.compare(ws[b], ws[a]) : Long.compare(ids[a], ids[b]));
    int m = Math.min(k, order.length);
    Integer[] kept = java.util.Arrays.copyOf(order, m);
    java.util.Arrays.sort(kept, (a, b) -> Long.compare(ids[a], ids[b]));
    long[] i2 = new long[m];
    double[] w2 = new double[m];
    String[] d2 = new String[m];
    double norm = 0;
    for (int i = 0; i < m; i++) norm += ws[kept[i]] * ws[kept[i]];
    norm = Math.sqrt(norm);
    for (int i = 0; i < m; i++) {
      i2[i] = ids[kept[i]];
      w2[i] = norm == 0 ? 0 : ws[kept[i]] / norm;
      d2[i] = display[kept[i]];
    }
    return new UnitVector(i2, w2, d2);
  }

  /** Values of a sorted list within [lo, hi]. */
  static long count(List<Integer> sorted, int lo, int hi) {
    return lowerBound(sorted, hi + 1) - lowerBound(sorted, lo);
  }

  static int lowerBound(List<Integer> l, int x) {
    int a = 0;
    int b = l.size();
    while (a < b) {
      int m = (a + b) >>> 1;
      if (l.get(m) < x) a = m + 1; else b = m;
    }
    return a;
  }

  static String run(List<RawUnit> units, Map<String, String> unitOf, Map<String, String> labels,
      Map<String, String> kv) {
    double threshold = Double.parseDouble(kv.getOrDefault("threshold", "0.3"));
    int gap = Integer.parseInt(kv.getOrDefault("gap", "7"));
    int span = Integer.parseInt(kv.getOrDefault("span", "30"));
    int features = Integer.parseInt(kv.getOrDefault("features", "30"));
    double title = Double.parseDouble(kv.getOrDefault("title", "2"));
    double name = Double.parseDouble(kv.getOrDefault("name", "1.5"));
    int centroid = Integer.parseInt(kv.getOrDefault("centroid", "100"));
    int minDf = Integer.parseInt(kv.getOrDefault("mindf", "2"));
    long from = kv.containsKey("from") ? java.time.LocalDate.parse(kv.get("from")).toEpochDay() * 86_400 : Long.MIN_VALUE;
    long to = kv.containsKey("to") ? java.time.LocalDate.parse(kv.get("to")).toEpochDay() * 86_400 : Long.MAX_VALUE;
    Map<Long, Long> df = new HashMap<>();
    Map<String, Long> n = new HashMap<>();
    for (RawUnit u : units) {
      n.merge(u.lang(), 1L, Long::sum);
      for (UnitVector.Raw r : u.raw()) df.merge(r.id(), 1L, Long::sum);
    }
    UnitVector.Weights w = new UnitVector.Weights(features, minDf, title, name);
    // local document frequencies: per feature, the days of its units (sorted), and the units per day
    int window = Integer.parseInt(kv.getOrDefault("local", "0"));
    Map<Long, List<Integer>> daysOf = new HashMap<>();
    List<Integer> allDays = new ArrayList<>();
    if (window > 0) {
      for (RawUnit u : units) {
        if (u.time() == Unit.UNDATED) continue;
        int d = (int) Math.floorDiv(u.time(), 86_400L);
        allDays.add(d);
        for (UnitVector.Raw r : u.raw()) daysOf.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(d);
      }
      for (List<Integer> l : daysOf.values()) java.util.Collections.sort(l);
      java.util.Collections.sort(allDays);
    }
    List<Unit> fit = new ArrayList<>();
    for (RawUnit u : units) {
      if (u.time() != Unit.UNDATED && (u.time() < from || u.time() >= to)) continue;
      if (window > 0 && u.time() != Unit.UNDATED) {
        int d = (int) Math.floorDiv(u.time(), 86_400L);
        boolean weekly = kv.containsKey("weeks");
        long big = Long.parseLong(kv.getOrDefault("big", "0"));
        int lo = weekly ? (Math.floorDiv(d, 7) - 1) * 7 : d - window;
        int hi = weekly ? (Math.floorDiv(d, 7) + 2) * 7 - 1 : d + window;
        long nLocal = count(allDays, lo, hi);
        java.util.function.LongUnaryOperator localDf = id -> {
          List<Integer> l = daysOf.get(id);
          long g = df.getOrDefault(id, 0L);
          if (g < minDf) return 0;
          if (g < big) return g;
          return Math.max(minDf, count(l, lo, hi));
        };
        Set<String> words = DocumentFeatures.titleWords(u.title());
        List<UnitVector.Raw> raw = new ArrayList<>();
        for (UnitVector.Raw r : u.raw()) {
          int flags = r.flags() | (DocumentFeatures.inTitle(r.display(), words) ? DocumentFeatures.IN_TITLE : 0);
          raw.add(new UnitVector.Raw(r.id(), r.tf(), flags, r.display()));
        }
        double mix = Double.parseDouble(kv.getOrDefault("mix", "1"));
        boolean binary = kv.containsKey("binary");
        long nAll = n.get(u.lang());
        List<UnitVector.Raw> mixed = new ArrayList<>();
        Map<Long, Double> scale = new HashMap<>();
        for (UnitVector.Raw r : raw) {
          long g = df.getOrDefault(r.id(), 0L);
          long l = localDf.applyAsLong(r.id());
          if (g < minDf) continue;
          double ig = io.newslens.terms.TermWeights.idf(g, nAll);
          double il = io.newslens.terms.TermWeights.idf(Math.min(l, nLocal), nLocal);
          scale.put(r.id(), Math.pow(ig, 1 - mix) * Math.pow(il, mix));
          mixed.add(binary ? new UnitVector.Raw(r.id(), 1, r.flags(), r.display()) : r);
        }
        // weigh with idf 1 (df chosen so that ln((n+1)/(df+1)) = 1 is impossible in integers): scale by hand
        UnitVector v0 = UnitVector.of(mixed, id -> 0, 1, new UnitVector.Weights(100_000, 0, title, name));
        long[] ids = v0.ids();
        double[] ws = new double[ids.length];
        for (int i = 0; i < ids.length; i++) ws[i] = v0.weights()[i] * scale.get(ids[i]);
        UnitVector v = top(ids, ws, v0.display(), features);
        fit.add(new Unit(u.id(), u.id().hashCode(), u.lang(), u.time(), 1, v, List.of()));
        continue;
      }
      Set<String> words = DocumentFeatures.titleWords(u.title());
      List<UnitVector.Raw> raw = new ArrayList<>();
      for (UnitVector.Raw r : u.raw()) {
        int flags = r.flags() | (DocumentFeatures.inTitle(r.display(), words) ? DocumentFeatures.IN_TITLE : 0);
        raw.add(new UnitVector.Raw(r.id(), r.tf(), flags, r.display()));
      }
      UnitVector v = UnitVector.of(raw, id -> df.getOrDefault(id, 0L), n.get(u.lang()), w);
      fit.add(new Unit(u.id(), u.id().hashCode(), u.lang(), u.time(), 1, v, List.of()));
    }
    long t0 = System.nanoTime();
    StoryModel.Fit f = StoryModel.fit(fit, new StoryModel.Rules(threshold, gap * 86_400L, span * 86_400L, centroid,
        0.2));
    double secs = (System.nanoTime() - t0) / 1e9;
    Map<String, String> pred = new HashMap<>();
    for (String doc : labels.keySet()) pred.put(doc, f.storyOf().get(unitOf.get(doc)));
    ClusterScores.Scores s = ClusterScores.of(pred, labels);
    if (kv.containsKey("dump")) {
      List<String> lines = new ArrayList<>(List.of("id\tstory\tpredicted"));
      for (Map.Entry<String, String> e : pred.entrySet()) {
        lines.add(idOf.get(e.getKey()) + "\t" + labels.get(e.getKey()) + "\t" + e.getValue());
      }
      try {
        java.nio.file.Files.write(Path.of(kv.get("dump")), lines);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return String.format("F1 %.3f P %.3f R %.3f | pairs P %.3f R %.3f | clusters %d | units %d, %.1f s", s.bcubedF1(),
        s.bcubedPrecision(), s.bcubedRecall(), s.pairPrecision(), s.pairRecall(), s.clusters(), fit.size(), secs);
  }
}
