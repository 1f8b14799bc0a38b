package io.newslens.bench;

import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.newslens.Columns;
import io.newslens.analyze.Analyze;
import io.newslens.analyze.AnalyzeParams;
import io.newslens.clean.Clean;
import io.newslens.clean.CleanParams;
import io.newslens.dedup.Dedup;
import io.newslens.dedup.DedupParams;
import io.newslens.dedup.WordTokenizer;
import io.newslens.reuse.Reuse;
import io.newslens.reuse.ReuseParams;
import io.newslens.spark.SparkSessions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The pagetext benchmark: the same articles given once as full page text (menus, tickers, teasers, paywall notices
 * and all) and once as their gold article text, each run through ingest, clean, dedup, reuse and analyze on
 * local[2], with one or more settings of the clean stage side by side in one JVM.
 *
 * <pre>
 * PageTextBench PAGES.jsonl GOLD.jsonl OUT.json WORK_DIR [--second-round-from DATE] [--rounds N]
 *     [--variants source_only,defaults]
 * </pre>
 *
 * <p>PAGES and GOLD hold the same records (id, source, date, url, title) with different text (see
 * {@code bench/pagetext_proxy.py} and {@link SyntheticCorpus}'s page mode); a record whose id ends in {@code -r}
 * is a planted second capture of the record without the suffix. Measured per setting:
 * <ul>
 *   <li>(a) token F1 of the cleaned page text against the gold text (as given, not cleaned): multisets of
 *       {@link WordTokenizer} words, precision = shared / cleaned words, recall = shared / gold words, per page then
 *       averaged (macro) and over all words (micro); over the first captures, the second captures, and the pages
 *       published on or after {@code --second-round-from} (OrangeSum's second fetch round);</li>
 *   <li>(b) near-duplicate pairs on page text against those on gold text: precision = page pairs also found on
 *       gold text / page pairs, recall = gold pairs also found on page text / gold pairs; and the planted pairs
 *       (X, X-r) found on either;</li>
 *   <li>(c) reuse passages on page text and on gold text, and those whose words, stop words aside, are all
 *       capitalized (a name alone: "l'Organisation des Nations unies pour l'alimentation");</li>
 *   <li>(d) the 40 terms of highest document frequency (stop words aside) on cleaned page text and on gold text,
 *       and the page terms that are "menu-like": in more than twice as many cleaned pages as gold texts;</li>
 *   <li>the clean stage's time on the page text (clean + write), the settings alternating for {@code --rounds}
 *       rounds after a warm-up; lines removed by reason.</li>
 * </ul>
 */
public final class PageTextBench {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      System.err.println("usage: PageTextBench PAGES GOLD PLANTED.tsv OUT.json WORK_DIR [--second-round-from DATE] "
          + "[--rounds N] [--variants source_only,defaults]");
      System.exit(2);
    }
    String pages = new File(args[0]).getAbsolutePath();
    String gold = new File(args[1]).getAbsolutePath();
    Map<String, String[]> planted = new HashMap<>();
    for (String line : Files.readAllLines(Path.of(args[2]))) {
      String[] f = line.split("\t");
      if (f.length >= 3 && !f[0].equals("id") && !f[0].equals("doc_id")) planted.put(f[0], f);
    }
    Path out = Path.of(args[3]);
    String work = new File(args[4]).getAbsolutePath();
    String secondRoundFrom = null;
    int rounds = 2;
    List<String> variants = List.of("source_only", "defaults");
    for (int i = 5; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--second-round-from" -> secondRoundFrom = args[i + 1];
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        case "--variants" -> variants = List.of(args[i + 1].split(","));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    SparkSession spark = SparkSessions.getOrCreate("local[2]");
    io.newslens.ingest.Ingest.registerUdfs(spark);
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("pages", pages);
    result.put("gold", gold);
    result.put("master", spark.sparkContext().master());
    result.put("load_average_start", os.getSystemLoadAverage());
    try {
      for (String corpus : List.of("page", "gold")) {
        CleanBench.ingest(spark, corpus.equals("page") ? pages : gold).write().mode(SaveMode.Overwrite)
            .parquet(work + "/" + corpus + "/documents");
      }
      Map<String, String> goldText = new HashMap<>();
      Map<String, String> rawText = new HashMap<>();
      Map<String, String> recordId = new HashMap<>();
      Map<String, String> date = new HashMap<>();
      for (Row r : spark.read().parquet(work + "/gold/documents")
          .select(Columns.DOC_ID, Columns.TEXT, Columns.SOURCE_ID, Columns.PUBLISHED_AT).collectAsList()) {
        goldText.put(r.getString(0), r.getString(1));
        recordId.put(r.getString(0), r.getString(2));
        date.put(r.getString(0), r.isNullAt(3) ? "" : r.getTimestamp(3).toString().substring(0, 10));
      }
      for (Row r : spark.read().parquet(work + "/page/documents").select(Columns.DOC_ID, Columns.TEXT)
          .collectAsList()) {
        rawText.put(r.getString(0), r.getString(1));
      }
      result.put("documents", rawText.size());
      Map<String, Predicate<String>> subsets = new LinkedHashMap<>();
      Predicate<String> copy = id -> planted.containsKey(recordId.get(id))
          && !planted.get(recordId.get(id))[1].equals("story");
      subsets.put("first_captures", copy.negate());
      subsets.put("planted_copies", copy);
      subsets.put("story_members", id -> planted.containsKey(recordId.get(id))
          && planted.get(recordId.get(id))[1].equals("story"));
      if (secondRoundFrom != null) {
        String from = secondRoundFrom;
        subsets.put("published_from_" + from, id -> !copy.test(id) && date.get(id).compareTo(from) >= 0);
      }
      result.put("raw_page_text_f1", f1(rawText, goldText, subsets));

      Map<String, CleanParams> settings = new LinkedHashMap<>();
      for (String v : variants) settings.put(v, setting(v));
      // timing: the settings alternate on the page text, after one warm-up each
      Map<String, List<Double>> seconds = new LinkedHashMap<>();
      for (int r = -1; r < rounds; r++) {
        for (Map.Entry<String, CleanParams> s : settings.entrySet()) {
          long t0 = System.nanoTime();
          Clean.Result c = Clean.apply(spark.read().parquet(work + "/page/documents"), s.getValue());
          c.documents().write().mode(SaveMode.Overwrite).parquet(work + "/page/clean-" + s.getKey());
          c.release();
          double secs = (System.nanoTime() - t0) / 1e9;
          if (r >= 0) seconds.computeIfAbsent(s.getKey(), k -> new ArrayList<>()).add(secs);
        }
      }
      Map<String, Object> bySetting = new LinkedHashMap<>();
      for (Map.Entry<String, CleanParams> s : settings.entrySet()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("params", s.getValue().toString());
        m.put("clean_seconds_page_text", seconds.get(s.getKey()));
        m.putAll(measure(spark, work, s.getKey(), s.getValue(), goldText, recordId, planted, subsets));
        bySetting.put(s.getKey(), m);
      }
      result.put("settings", bySetting);
      result.put("load_average_end", os.getSystemLoadAverage());
      if (out.getParent() != null) Files.createDirectories(out.getParent());
      JSON.writeValue(out.toFile(), result);
      System.out.println(JSON.writeValueAsString(result));
    } finally {
      spark.stop();
    }
  }

  /**
   * The clean settings compared: "source_only" the corpus-wide repetition rule and the patterns (the rules before
   * issue 19, with its new patterns), "window" that plus the windowed rule, "structure" that plus the structural
   * rules (no window), "defaults" everything; "defaults-wN" the defaults with --boilerplate-window-min-docs N,
   * "defaults-dN" with --boilerplate-window-days N.
   */
  static CleanParams setting(String name) {
    CleanParams d = CleanParams.defaults();
    if (name.startsWith("defaults-w")) {
      return d.withWindow(d.windowDays(), d.windowRecords(), Integer.parseInt(name.substring(10)),
          d.windowMinFraction(), d.windowMaxLineChars());
    }
    if (name.startsWith("defaults-d")) {
      return d.withWindow(Integer.parseInt(name.substring(10)), d.windowRecords(), d.windowMinPages(),
          d.windowMinFraction(), d.windowMaxLineChars());
    }
    CleanParams noWindow = d.withWindow(0, 0, d.windowMinPages(), d.windowMinFraction(), d.windowMaxLineChars());
    return switch (name) {
      case "source_only" -> noWindow.withStructure(false);
      case "window" -> d.withStructure(false);
      case "structure" -> noWindow;
      case "defaults" -> d;
      default -> throw new IllegalArgumentException("unknown setting " + name);
    };
  }

  static Map<String, Object> measure(SparkSession spark, String work, String name, CleanParams params,
      Map<String, String> goldText, Map<String, String> recordId, Map<String, String[]> planted,
      Map<String, Predicate<String>> subsets) {
    Map<String, Object> m = new LinkedHashMap<>();
    String goldClean = work + "/gold/clean-" + name;
    Clean.Result c = Clean.apply(spark.read().parquet(work + "/gold/documents"), params);
    c.documents().write().mode(SaveMode.Overwrite).parquet(goldClean);
    c.release();
    Map<String, String> cleaned = new HashMap<>();
    String pageClean = work + "/page/clean-" + name;
    Dataset<Row> pageDocs = spark.read().parquet(pageClean);
    // for inspection: the cleaned page texts and what was removed, as JSON Lines
    pageDocs.select(Columns.SOURCE_ID, Columns.SOURCE, Columns.TEXT, Columns.BOILERPLATE).coalesce(1).write()
        .mode(SaveMode.Overwrite).json(work + "/page/clean-" + name + "-json");
    for (Row r : pageDocs.select(Columns.DOC_ID, Columns.TEXT).collectAsList()) cleaned.put(r.getString(0), r.getString(1));
    m.put("f1", f1(cleaned, goldText, subsets));
    Map<String, Long> byReason = new LinkedHashMap<>();
    for (Row r : pageDocs.select(explode(col(Columns.BOILERPLATE)).as("b")).groupBy(col("b." + Columns.REASON))
        .count().orderBy(col("count").desc(), col(Columns.REASON)).collectAsList()) {
      byReason.put(r.getString(0), r.getLong(1));
    }
    m.put("page_lines_removed_by_reason", byReason);

    // (b) near-duplicate pairs, and the clusters they make
    Map<String, String> pageCluster = new HashMap<>();
    Map<String, String> goldCluster = new HashMap<>();
    Set<String> pagePairs = dedup(spark, pageClean, work + "/page/dedup-" + name, pageCluster);
    Set<String> goldPairs = dedup(spark, goldClean, work + "/gold/dedup-" + name, goldCluster);
    Set<String> both = new HashSet<>(pagePairs);
    both.retainAll(goldPairs);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("pairs_page_text", pagePairs.size());
    d.put("pairs_gold_text", goldPairs.size());
    // a page pair is right when its two articles are duplicates on gold text: the same gold cluster (exact
    // duplicates are reported as a star around the group's smallest id, so equal pair sets are too strict a test)
    int right = 0;
    List<String> falsePairs = new ArrayList<>();
    for (String pr : new java.util.TreeSet<>(pagePairs)) {
      String[] ab = pr.split(" ");
      if (goldCluster.get(ab[0]).equals(goldCluster.get(ab[1]))) right++;
      else if (falsePairs.size() < 10) falsePairs.add(recordId.get(ab[0]) + " ~ " + recordId.get(ab[1]));
    }
    int found = 0;
    List<String> missed = new ArrayList<>();
    for (String pr : new java.util.TreeSet<>(goldPairs)) {
      String[] ab = pr.split(" ");
      if (pageCluster.get(ab[0]).equals(pageCluster.get(ab[1]))) found++;
      else if (missed.size() < 10) missed.add(recordId.get(ab[0]) + " ~ " + recordId.get(ab[1]));
    }
    d.put("precision", pagePairs.isEmpty() ? 1.0 : right / (double) pagePairs.size());
    d.put("recall", goldPairs.isEmpty() ? 1.0 : found / (double) goldPairs.size());
    d.put("pairs_same_on_both", both.size());
    d.put("precision_same_pairs", pagePairs.isEmpty() ? 1.0 : both.size() / (double) pagePairs.size());
    d.put("recall_same_pairs", goldPairs.isEmpty() ? 1.0 : both.size() / (double) goldPairs.size());
    Map<String, String> idOf = new HashMap<>();
    for (Map.Entry<String, String> e : recordId.entrySet()) idOf.put(e.getValue(), e.getKey());
    int plantedPairs = 0;
    int foundPage = 0;
    int foundGold = 0;
    for (Map.Entry<String, String> e : recordId.entrySet()) {
      String[] p = planted.get(e.getValue());
      if (p == null || p[1].equals("story")) continue;
      String original = idOf.get(p[2]);
      if (original == null) continue;
      plantedPairs++;
      if (pageCluster.get(original).equals(pageCluster.get(e.getKey()))) foundPage++;
      if (goldCluster.get(original).equals(goldCluster.get(e.getKey()))) foundGold++;
    }
    d.put("planted_pairs", plantedPairs);
    d.put("planted_in_one_cluster_page_text", foundPage);
    d.put("planted_in_one_cluster_gold_text", foundGold);
    d.put("page_pairs_of_different_gold_clusters_examples", falsePairs);
    d.put("gold_pairs_split_on_page_text_examples", missed);
    m.put("dedup", d);

    // (c) reuse passages
    Map<String, Object> reuse = new LinkedHashMap<>();
    for (String corpus : List.of("page", "gold")) {
      String cleanDir = corpus.equals("page") ? pageClean : goldClean;
      Reuse.Result r = Reuse.apply(spark.read().parquet(cleanDir), ReuseParams.defaults());
      String dir = work + "/" + corpus + "/reuse-" + name;
      r.passages().write().mode(SaveMode.Overwrite).parquet(dir);
      r.release();
      List<String> passages = new ArrayList<>();
      for (Row p : spark.read().parquet(dir).select(Columns.PASSAGE).orderBy(Columns.PASSAGE).collectAsList()) {
        passages.add(p.getString(0));
      }
      List<String> names = passages.stream().filter(PageTextBench::onlyCapitalized).toList();
      reuse.put("passages_" + corpus + "_text", passages.size());
      reuse.put("name_only_" + corpus + "_text", names.size());
      reuse.put("name_only_" + corpus + "_text_examples", names.stream().limit(10).toList());
      reuse.put("passages_" + corpus + "_text_examples", passages.stream().map(s -> abbreviate(s, 140)).limit(15)
          .toList());
    }
    reuse.put("ratio_page_over_gold", (int) reuse.get("passages_gold_text") == 0 ? null
        : (int) reuse.get("passages_page_text") / (double) (int) reuse.get("passages_gold_text"));
    m.put("reuse", reuse);

    // (d) top terms by document frequency
    Map<String, Map<String, Long>> df = new LinkedHashMap<>();
    for (String corpus : List.of("page", "gold")) {
      String cleanDir = corpus.equals("page") ? pageClean : goldClean;
      Dataset<Row> tokens = Analyze.apply(spark.read().parquet(cleanDir), AnalyzeParams.defaults()).tokens();
      String dir = work + "/" + corpus + "/tokens-" + name;
      tokens.write().mode(SaveMode.Overwrite).parquet(dir);
      Map<String, Long> counts = new LinkedHashMap<>();
      for (Row r : spark.read().parquet(dir).select(col(Columns.DOC_ID), explode(col(Columns.TOKENS)).as("t"))
          .filter(not(col("t." + Columns.STOP)))
          .select(col(Columns.DOC_ID), lower(col("t." + Columns.SURFACE)).as("w")).distinct()
          .groupBy("w").count().orderBy(col("count").desc(), col("w")).limit(2000).collectAsList()) {
        counts.put(r.getString(0), r.getLong(1));
      }
      df.put(corpus, counts);
    }
    Map<String, Object> terms = new LinkedHashMap<>();
    terms.put("top_page_text", df.get("page").keySet().stream().limit(40).toList());
    terms.put("top_gold_text", df.get("gold").keySet().stream().limit(40).toList());
    List<String> menu = new ArrayList<>();
    for (Map.Entry<String, Long> e : df.get("page").entrySet().stream().limit(40).toList()) {
      long g = df.get("gold").getOrDefault(e.getKey(), 0L);
      if (e.getValue() > 2 * g) menu.add(e.getKey() + " (" + e.getValue() + " pages, " + g + " gold)");
    }
    terms.put("menu_like_in_top_page_text", menu);
    m.put("terms", terms);
    return m;
  }

  static String abbreviate(String s, int n) {
    String one = s.replace('\n', ' ');
    return one.length() <= n ? one : one.substring(0, n) + "…";
  }

  static String pairKey(String a, String b) {
    return a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
  }

  /**
   * The verified pairs (exact and near) of the dedup stage on a cleaned documents table, as "doc_a doc_b"; fills
   * {@code clusterOf} with each document's cluster id.
   */
  static Set<String> dedup(SparkSession spark, String cleanDir, String outDir, Map<String, String> clusterOf) {
    Dedup.Result r = Dedup.apply(spark.read().parquet(cleanDir), DedupParams.defaults());
    r.pairs().write().mode(SaveMode.Overwrite).parquet(outDir + "/pairs");
    r.clusters().write().mode(SaveMode.Overwrite).parquet(outDir + "/clusters");
    r.release();
    Set<String> s = new HashSet<>();
    for (Row x : spark.read().parquet(outDir + "/pairs").select(Columns.DOC_A, Columns.DOC_B).collectAsList()) {
      s.add(pairKey(x.getString(0), x.getString(1)));
    }
    for (Row x : spark.read().parquet(outDir + "/clusters").select(Columns.DOC_ID, Columns.CLUSTER_ID)
        .collectAsList()) {
      clusterOf.put(x.getString(0), x.getString(1));
    }
    return s;
  }

  private static final Set<String> FUNCTION_WORDS = Set.of("l", "la", "le", "les", "de", "des", "du", "d", "et",
      "pour", "à", "a", "au", "aux", "en", "sur", "dans", "par", "un", "une", "the", "of", "for", "and", "in", "on",
      "to", "an", "s");

  /** Are all the passage's words, function words aside, capitalized? (a name or title alone) */
  static boolean onlyCapitalized(String passage) {
    WordTokenizer.Words w = WordTokenizer.tokenize(passage);
    int content = 0;
    for (int i = 0; i < w.size(); i++) {
      if (FUNCTION_WORDS.contains(w.tokens()[i])) continue;
      content++;
      if (!Character.isUpperCase(passage.charAt(w.starts()[i]))) return false;
    }
    return content > 0;
  }

  /** Token F1 of each text against its gold, macro and micro averaged over each subset. */
  static Map<String, Object> f1(Map<String, String> texts, Map<String, String> gold,
      Map<String, Predicate<String>> subsets) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Predicate<String>> s : subsets.entrySet()) {
      double sumP = 0;
      double sumR = 0;
      double sumF = 0;
      long shared = 0;
      long predicted = 0;
      long truth = 0;
      int n = 0;
      for (Map.Entry<String, String> e : gold.entrySet()) {
        if (!s.getValue().test(e.getKey())) continue;
        Map<String, Integer> g = bag(e.getValue());
        Map<String, Integer> t = bag(texts.getOrDefault(e.getKey(), ""));
        long common = 0;
        long nt = 0;
        long ng = 0;
        for (int c : t.values()) nt += c;
        for (Map.Entry<String, Integer> w : g.entrySet()) {
          ng += w.getValue();
          common += Math.min(w.getValue(), t.getOrDefault(w.getKey(), 0));
        }
        double p = nt == 0 ? (ng == 0 ? 1 : 0) : common / (double) nt;
        double r = ng == 0 ? 1 : common / (double) ng;
        sumP += p;
        sumR += r;
        sumF += p + r == 0 ? 0 : 2 * p * r / (p + r);
        shared += common;
        predicted += nt;
        truth += ng;
        n++;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("pages", n);
      m.put("macro_f1", n == 0 ? null : sumF / n);
      m.put("macro_precision", n == 0 ? null : sumP / n);
      m.put("macro_recall", n == 0 ? null : sumR / n);
      double mp = predicted == 0 ? 0 : shared / (double) predicted;
      double mr = truth == 0 ? 0 : shared / (double) truth;
      m.put("micro_f1", mp + mr == 0 ? 0 : 2 * mp * mr / (mp + mr));
      m.put("micro_precision", mp);
      m.put("micro_recall", mr);
      out.put(s.getKey(), m);
    }
    return out;
  }

  static Map<String, Integer> bag(String text) {
    Map<String, Integer> m = new HashMap<>();
    for (String w : WordTokenizer.tokenize(text).tokens()) m.merge(w.toLowerCase(Locale.ROOT), 1, Integer::sum);
    return m;
  }
}
