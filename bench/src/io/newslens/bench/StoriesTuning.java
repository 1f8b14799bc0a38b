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
 * edge threshold holds every story the fit would form). Scores each variant on a dev half and a test half of the
 * labels (split by story) and on all of them, picks the variant and the baseline threshold on the dev half, writes JSON.
 *
 * <p>Usage: {@code StoriesTuning TABLES_DIR LABELS_TSV OUT_JSON VARIANT...} with VARIANT {@code name:key=v1|v2,...}
 * (every combination of the values is a variant; {@code baseline:DAYS} is the TF-IDF single-link baseline) over
 * threshold, gap, span, features, title, name, centroid, mindf, tf (log, raw), idf (log, log+1), from, to (from/to:
 * ISO dates bounding the units fitted, to go faster), split and splitmin (bisect every fitted story of at least
 * splitmin units by 2-means while its halves' centroids have a cosine below split: a lever tried, see
 * {@link #split}).
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
        GLOBAL_N.merge(lang, 1L, Long::sum);
        for (UnitVector.Raw x : raw) GLOBAL_DF.merge(x.id(), 1L, Long::sum);
        units.add(new RawUnit(r.getString(0), lang, r.getLong(9), r.getString(8), raw));
      }
      if (new java.io.File(tables + "/story_articles").isDirectory()) {
        for (Row r : spark.read().parquet(tables + "/story_articles").select(DOC_ID, STORY_ID).collectAsList()) {
          if (labels.containsKey(r.getString(0))) stageStories.put(r.getString(0), r.getString(1));
        }
      }
    } finally {
      spark.stop();
    }
    System.err.println("units " + units.size() + ", labelled " + labels.size());
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("load_average_start", StoriesBench.loadAverage());
    out.put("split", "by story: a label is in the dev half when the CRC32 of its name is even, else in the test half");
    Map<String, Object> sizes = new java.util.LinkedHashMap<>();
    for (String half : List.of("dev", "test")) {
      Map<String, String> l = half(labels, half);
      sizes.put(half, Map.of("articles", l.size(), "stories", new java.util.HashSet<>(l.values()).size()));
    }
    out.put("halves", sizes);
    if (stageStories.size() == labels.size()) {
      Map<String, Object> stage = scores(stageStories, labels);
      System.out.println("stage as run (story_articles of TABLES_DIR) dev " + f1(stage, "dev") + " test "
          + f1(stage, "test") + " all " + f1(stage, "all"));
      out.put("stage_as_run", stage);
    }
    List<Map<String, Object>> ours = new ArrayList<>();
    List<Map<String, Object>> baselines = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      if (args[i].startsWith("baseline")) {
        int days = Integer.parseInt(args[i].split(":")[1]);
        Map<String, Object> b = singleLink(units, unitOf, labels, days);
        out.put("baseline_" + days + "_days", b);
        @SuppressWarnings("unchecked")
        Map<String, Object> row = new java.util.LinkedHashMap<>((Map<String, Object>) b.get("best_on_dev"));
        row.put("days", days);
        baselines.add(row);
        continue;
      }
      String[] v = args[i].split(":", 2);
      for (Map<String, String> kv : expand(v[1])) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("variant", v[0]);
        row.put("params", new java.util.TreeMap<>(kv));
        row.putAll(run(units, unitOf, labels, kv));
        System.out.println(v[0] + " " + new java.util.TreeMap<>(kv) + " dev " + f1(row, "dev") + " test "
            + f1(row, "test") + " all " + f1(row, "all"));
        ours.add(row);
      }
    }
    out.put("baseline_best_on_dev", best(baselines));
    out.put("ours_best_on_dev", best(ours));
    out.put("ours", ours);
    out.put("load_average_end", StoriesBench.loadAverage());
    new com.fasterxml.jackson.databind.ObjectMapper().enable(
        com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValue(new java.io.File(args[2]), out);
  }

  /** The half ("dev" or "test") of a story label: by the parity of its name's CRC32, so whole stories stay together. */
  static String halfOf(String label) {
    java.util.zip.CRC32 c = new java.util.zip.CRC32();
    c.update(label.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return c.getValue() % 2 == 0 ? "dev" : "test";
  }

  static Map<String, String> half(Map<String, String> labels, String half) {
    Map<String, String> out = new HashMap<>();
    labels.forEach((doc, l) -> {
      if (half.equals("all") || halfOf(l).equals(half)) out.put(doc, l);
    });
    return out;
  }

  /** Scores of a prediction on the dev half, the test half and all labelled articles. */
  static Map<String, Object> scores(Map<String, String> pred, Map<String, String> labels) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (String h : List.of("dev", "test", "all")) {
      Map<String, String> l = half(labels, h);
      if (!l.isEmpty()) out.put(h, ClusterScores.of(pred, l).toMap());
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static String f1(Map<String, Object> row, String half) {
    if (!row.containsKey(half)) return "-";
    return String.format("%.3f", (double) ((Map<String, Object>) row.get(half)).get("bcubed_f1"));
  }

  /** The row with the best BCubed F1 on the dev half (ties: the earlier row). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> best(List<Map<String, Object>> rows) {
    Map<String, Object> best = null;
    for (Map<String, Object> r : rows) {
      if (!r.containsKey("dev")) continue;
      double f = (double) ((Map<String, Object>) r.get("dev")).get("bcubed_f1");
      if (best == null || f > (double) ((Map<String, Object>) best.get("dev")).get("bcubed_f1")) best = r;
    }
    return best;
  }

  /** {@code k=a|b,m=c} → every combination {k=a,m=c}, {k=b,m=c}, in order. */
  static List<Map<String, String>> expand(String spec) {
    List<Map<String, String>> out = new ArrayList<>(List.of(new java.util.LinkedHashMap<>()));
    for (String part : spec.split(",")) {
      if (part.isBlank()) continue;
      String[] x = part.split("=", 2);
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> m : out) {
        for (String value : (x.length > 1 ? x[1] : "").split("\\|")) {
          Map<String, String> n = new java.util.LinkedHashMap<>(m);
          n.put(x[0], value);
          next.add(n);
        }
      }
      out = next;
    }
    return out;
  }

  static final Map<String, String> idOf = new HashMap<>();
  /** The stories of the labelled articles in TABLES_DIR's story_articles (the stage as the pipeline ran it). */
  static final Map<String, String> stageStories = new HashMap<>();
  /** Document frequency of every feature over all units, and units per language. */
  static final Map<Long, Long> GLOBAL_DF = new HashMap<>();
  static final Map<String, Long> GLOBAL_N = new HashMap<>();

  /**
   * TF-IDF single-link over the whole corpus: plain tf-idf of content terms (global df over the units), every pair
   * of units published within {@code days} of each other, connected components of the pairs at a threshold.
   */
  static Map<String, Object> singleLink(List<RawUnit> units, Map<String, String> unitOf, Map<String, String> labels, int days) {
    Map<Long, Long> df = GLOBAL_DF;
    Map<String, Long> n = GLOBAL_N;
    List<RawUnit> sorted = new ArrayList<>(units);
    sorted.removeIf(u -> u.time() == Unit.UNDATED);
    sorted.sort(java.util.Comparator.comparingLong(RawUnit::time).thenComparing(RawUnit::id));
    List<UnitVector> vs = new ArrayList<>();
    UnitVector.Weights w = new UnitVector.Weights(100_000, 1, 1.0, 1.0, UnitVector.Tf.LOG, UnitVector.Idf.LOG);
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
    List<Map<String, Object>> grid = new ArrayList<>();
    for (int k = 2; k <= 18; k++) {
      double t = k * 0.05;
      io.newslens.stories.UnionFind uf = new io.newslens.stories.UnionFind();
      for (int p = 0; p < pairs.size(); p++) if (sims.get(p) >= t) uf.union(pairs.get(p)[0], pairs.get(p)[1]);
      long[][] l = uf.labels();
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < sorted.size(); i++) index.put(sorted.get(i).id(), i);
      Map<String, String> pred = new HashMap<>();
      for (String doc : labels.keySet()) {
        Integer at = index.get(unitOf.get(doc));
        pred.put(doc, at == null ? "undated-" + doc : Long.toString(io.newslens.stories.UnionFind.label(l, at)));
      }
      Map<String, Object> row = new java.util.LinkedHashMap<>();
      row.put("threshold", Math.round(t * 100) / 100.0);
      row.putAll(scores(pred, labels));
      System.out.println("baseline " + row.get("threshold") + " dev " + f1(row, "dev") + " test " + f1(row, "test")
          + " all " + f1(row, "all"));
      grid.add(row);
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("method", "TF-IDF single-link over the whole corpus: (1 + ln tf) * ln((N+1)/(df+1)) over content terms "
        + "(df over all units), cosine of every pair of units published within " + days + " days, connected "
        + "components of the pairs at or above the threshold (chosen on the dev half)");
    out.put("pairs_compared", compared);
    out.put("best_on_dev", best(grid));
    out.put("grid", grid);
    return out;
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

  static Map<String, Object> run(List<RawUnit> units, Map<String, String> unitOf, Map<String, String> labels,
      Map<String, String> kv) {
    double threshold = Double.parseDouble(kv.getOrDefault("threshold", "0.3"));
    int gap = Integer.parseInt(kv.getOrDefault("gap", "7"));
    int span = Integer.parseInt(kv.getOrDefault("span", "30"));
    int features = Integer.parseInt(kv.getOrDefault("features", "30"));
    double title = Double.parseDouble(kv.getOrDefault("title", "2"));
    double name = Double.parseDouble(kv.getOrDefault("name", "1.5"));
    int centroid = Integer.parseInt(kv.getOrDefault("centroid", "100"));
    int minDf = Integer.parseInt(kv.getOrDefault("mindf", "2"));
    UnitVector.Tf tf = UnitVector.Tf.of(kv.getOrDefault("tf", "log"));
    UnitVector.Idf idf = UnitVector.Idf.of(kv.getOrDefault("idf", "log"));
    long from = kv.containsKey("from") ? java.time.LocalDate.parse(kv.get("from")).toEpochDay() * 86_400 : Long.MIN_VALUE;
    long to = kv.containsKey("to") ? java.time.LocalDate.parse(kv.get("to")).toEpochDay() * 86_400 : Long.MAX_VALUE;
    Map<Long, Long> df = GLOBAL_DF;
    Map<String, Long> n = GLOBAL_N;
    UnitVector.Weights w = new UnitVector.Weights(features, minDf, title, name, tf, idf);
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
        UnitVector v0 = UnitVector.of(mixed, id -> 0, 1, new UnitVector.Weights(100_000, 0, title, name, UnitVector.Tf.LOG, UnitVector.Idf.LOG));
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
    Map<String, String> storyOf = new HashMap<>(f.storyOf());
    if (kv.containsKey("split")) {
      split(fit, storyOf, Double.parseDouble(kv.get("split")), Integer.parseInt(kv.getOrDefault("splitmin", "4")));
    }
    Map<String, String> pred = new HashMap<>();
    for (String doc : labels.keySet()) pred.put(doc, storyOf.get(unitOf.get(doc)));
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
    Map<String, Object> out = scores(pred, labels);
    out.put("units_fitted", fit.size());
    out.put("fit_seconds", secs);
    return out;
  }
  /**
   * Splits low-cohesion stories after the fit: a story of at least {@code min} units is bisected by 2-means over its
   * units' vectors (seeds: the unit least similar to the story's centroid, then the unit least similar to it; at most
   * 20 rounds, ties to the first half) and the split is kept when the halves' centroids have a cosine below
   * {@code maxCos}; kept halves are tried again. Each half takes its earliest unit's id. Measured on the labels, not
   * adopted (README, stories-quality-split*.json).
   */
  static void split(List<Unit> units, Map<String, String> storyOf, double maxCos, int min) {
    Map<String, List<Unit>> members = new java.util.TreeMap<>();
    List<Unit> order = new ArrayList<>(units);
    order.sort(StoryModel.PLACEMENT_ORDER);
    for (Unit u : order) members.computeIfAbsent(storyOf.get(u.id()), k -> new ArrayList<>()).add(u);
    java.util.ArrayDeque<List<Unit>> todo = new java.util.ArrayDeque<>(members.values());
    int splits = 0;
    while (!todo.isEmpty()) {
      List<Unit> m = todo.poll();
      if (m.size() < min) continue;
      Unit a = leastSimilar(m, centroid(m), null);
      UnitVector ca = a.vector();
      UnitVector cb = leastSimilar(m, ca, a).vector();
      List<Unit> halfA = new ArrayList<>();
      List<Unit> halfB = new ArrayList<>();
      for (int round = 0; round < 20; round++) {
        List<Unit> nextA = new ArrayList<>();
        List<Unit> nextB = new ArrayList<>();
        for (Unit u : m) (ca.dot(u.vector()) >= cb.dot(u.vector()) ? nextA : nextB).add(u);
        if (nextA.equals(halfA) && nextB.equals(halfB)) break;
        halfA = nextA;
        halfB = nextB;
        if (halfA.isEmpty() || halfB.isEmpty()) break;
        ca = centroid(halfA);
        cb = centroid(halfB);
      }
      if (halfA.isEmpty() || halfB.isEmpty() || ca.dot(cb) >= maxCos) continue;
      splits++;
      for (List<Unit> half : List.of(halfA, halfB)) {
        for (Unit u : half) storyOf.put(u.id(), half.get(0).id());
        todo.add(half);
      }
    }
    System.out.println("splits " + splits);
  }

  /** The member least similar to {@code c} (ties: the earlier), other than {@code except}. */
  private static Unit leastSimilar(List<Unit> members, UnitVector c, Unit except) {
    Unit worst = null;
    double lowest = Double.POSITIVE_INFINITY;
    for (Unit u : members) {
      double x = u == except ? Double.POSITIVE_INFINITY : c.dot(u.vector());
      if (x < lowest) {
        lowest = x;
        worst = u;
      }
    }
    return worst;
  }

  /** The L2-normalised sum of the members' vectors, in ascending id order as {@link UnitVector#dot} needs. */
  private static UnitVector centroid(List<Unit> members) {
    java.util.TreeMap<Long, Double> sum = new java.util.TreeMap<>();
    for (Unit u : members) {
      for (int i = 0; i < u.vector().size(); i++) sum.merge(u.vector().ids()[i], u.vector().weights()[i], Double::sum);
    }
    double norm = Math.sqrt(sum.values().stream().mapToDouble(x -> x * x).sum());
    long[] ids = new long[sum.size()];
    double[] ws = new double[sum.size()];
    int i = 0;
    for (Map.Entry<Long, Double> e : sum.entrySet()) {
      ids[i] = e.getKey();
      ws[i++] = norm == 0 ? 0 : e.getValue() / norm;
    }
    return new UnitVector(ids, ws, new String[ids.length]);
  }
}
