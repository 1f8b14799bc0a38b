package io.newslens.bench;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import cc.mallet.topics.ParallelTopicModel;
import cc.mallet.types.Alphabet;
import cc.mallet.types.FeatureSequence;
import cc.mallet.types.IDSorter;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.newslens.analyze.TextAnalyzer;
import io.newslens.analyze.Tokens;
import io.newslens.clean.CleanParams;
import io.newslens.clean.LanguageDetector;
import io.newslens.clean.Normalizer;
import io.newslens.topics.TermRanking;
import io.newslens.topics.Topics;
import io.newslens.spark.SparkSessions;
import io.newslens.topics.Coherence;
import io.newslens.topics.Corpus;
import io.newslens.topics.GibbsLda;
import io.newslens.topics.MllibLda;
import io.newslens.topics.TopicModel;
import io.newslens.topics.TopicsParams;
import io.newslens.topics.TopicsParams.Algorithm;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.storage.StorageLevel;

/**
 * OrangeSum topic models side by side, same run, same machine, same vocabulary and the same term counts:
 * MALLET 2.0.8 ParallelTopicModel, Spark MLlib LDA online (defaults) and EM (iterations capped), and Newslens'
 * distributed Gibbs sampler ({@link GibbsLda}). Each is scored the same way: mean NPMI@10 over the fitted documents
 * ({@link Coherence}), NMI (arithmetic normalization, as scikit-learn's default) between each document's dominant
 * topic and its OrangeSum category, and the number of topics that are the dominant topic of at least 1 % of the
 * documents.
 *
 * <p>Usage: {@code bench/java io.newslens.bench.TopicsBench OUT.json [--input orangesum_fr.jsonl.gz] [--k 20]
 * [--em-iterations 20] [--gibbs-iterations 300 (the pipeline's default)] [--mallet-iterations 200]
 * [--only mallet,online,em,gibbs] [--mallet-seed 42] [--seeds 1,2,3]
 * [--gibbs-variants LOCAL:AVERAGE:FITDOCS[:PARTITIONS],...] [--analyzer newslens|lucene] [--cache DIR]
 * [--mallet-stoplist en] [--mallet-optimize-interval N] [--mallet-threads N] [--frequent-share 0.2]}. The input is JSON Lines with id,
 * title, heading, article, category, date (OrangeSum's fields; bench/english-corpus makes the English corpus in the
 * same form). {@code --analyzer newslens} (the default) tokenizes with the analyze stage's chain for each document's
 * language (detected as the clean stage does), whose stop flags the topics stage honours; {@code lucene} is Lucene's
 * stock FrenchAnalyzer (the earlier results). {@code --mallet-stoplist en} fits MALLET on the same tokens with
 * MALLET's default English stoplist deciding the stop words instead (no corpus-driven exclusion), as a MALLET user
 * would, and scores it on those bags. Every Gibbs run also reports its topics ranked by probability, relevance
 * (λ 0.6 and 0.4) and FREX side by side. {@code --cache DIR} writes the prepared bags there, or reads them when
 * present.
 * Time is wall time of training plus computing every fitted document's mixture (MALLET's are free after
 * training), with the input already cached.
 */
public final class TopicsBench {
  private TopicsBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) throw new IllegalArgumentException("usage: TopicsBench OUT.json [options]");
    String out = args[0];
    Map<String, String> opt = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    String input = opt.getOrDefault("input", "/work/shared/corpora/orangesum/orangesum_fr.jsonl.gz");
    int k = Integer.parseInt(opt.getOrDefault("k", "20"));
    int emIterations = Integer.parseInt(opt.getOrDefault("em-iterations", "20"));
    int gibbsIterations = Integer.parseInt(opt.getOrDefault("gibbs-iterations",
        Integer.toString(TopicsParams.DEFAULT_GIBBS_SWEEPS)));
    int malletIterations = Integer.parseInt(opt.getOrDefault("mallet-iterations", "200"));
    int limit = Integer.parseInt(opt.getOrDefault("docs", "0"));
    List<String> only = Arrays.asList(opt.getOrDefault("only", "mallet,online,em,gibbs").split(","));
    MALLET_OPTIMIZE_INTERVAL = Integer.parseInt(opt.getOrDefault("mallet-optimize-interval", "-1"));
    MALLET_THREADS = Integer.parseInt(opt.getOrDefault("mallet-threads", "2"));

    SparkSession spark = SparkSessions.getOrCreate("local[2]");
    spark.conf().set("spark.sql.shuffle.partitions", "4");
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("corpus", input);
    report.put("k", k);
    report.put("master", spark.sparkContext().master());
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("load_average_at_start", loadAverage());

    long t0 = System.nanoTime();
    TopicsParams base = TopicsParams.defaults().withTopics(k);
    if (opt.containsKey("frequent-share")) {
      // the corpus-driven exclusion at another share (1 keeps every term): what it does to NPMI and NMI
      base = base.withLabels(Double.parseDouble(opt.get("frequent-share")), base.relevanceLambda());
    }
    String cache = opt.get("cache");
    Dataset<Row> documents;
    Dataset<Row> fitBags;
    List<String> terms;
    long nDocs;
    Dataset<Row> malletBags = null;
    List<String> malletTerms = null;
    if (cache != null && new File(cache, "_TERMS").exists()) {
      // a corpus prepared by an earlier run with the same --input, --docs and --analyzer
      documents = spark.read().parquet(cache + "/documents").persist(StorageLevel.MEMORY_AND_DISK());
      fitBags = spark.read().parquet(cache + "/bags").persist(StorageLevel.MEMORY_AND_DISK());
      terms = java.nio.file.Files.readAllLines(new File(cache, "_TERMS").toPath());
      nDocs = documents.count();
      report.put("prepared_corpus", cache);
    } else {
      Dataset<Row> raw = spark.read().json(input);
      if (limit > 0) raw = raw.orderBy("id").limit(limit);
      raw = raw.repartition(2).persist(StorageLevel.MEMORY_AND_DISK());
      documents = raw.select(col("id").cast("string").as(DOC_ID), lit("orangesum").as(SOURCE),
          to_timestamp(col("date")).as(PUBLISHED_AT),
          map(lit("category"), coalesce(col("category"), lit(""))).as(META));
      boolean product = !"lucene".equals(opt.getOrDefault("analyzer", "newslens"));
      Dataset<Row> tokens = (product ? analyze(raw) : tokenize(raw)).persist(StorageLevel.MEMORY_AND_DISK());
      nDocs = tokens.count();
      Corpus corpus = Corpus.build(tokens, documents, null, base);
      fitBags = corpus.fitBags().select(DOC_ID, TERM_IDS, COUNTS, LENGTH).persist(StorageLevel.MEMORY_AND_DISK());
      terms = corpus.terms();
      report.put("frequent_terms_excluded", corpus.frequent());
      if ("en".equals(opt.get("mallet-stoplist"))) {
        // MALLET as its users run it on English: its default stoplist (TokenSequenceRemoveStopwords' 524 words)
        // decides what is a stop word, no corpus-driven exclusion; the same tokens and stems otherwise
        java.util.Set<String> stop = malletEnglishStoplist();
        Dataset<Row> malletTokens = restop(tokens, stop).persist(StorageLevel.MEMORY_AND_DISK());
        Corpus mc = Corpus.build(malletTokens, documents, null, base.withLabels(1.0, base.relevanceLambda()));
        malletBags = mc.fitBags().select(DOC_ID, TERM_IDS, COUNTS, LENGTH).persist(StorageLevel.MEMORY_AND_DISK());
        malletTerms = mc.terms();
        report.put("mallet_corpus", Map.of("stoplist", "MALLET 2.0.8 default English (" + stop.size() + " words)",
            "vocabulary", mc.terms().size(), "max_df_fraction", base.maxDfFraction()));
      }
      if (cache != null) {
        documents.write().mode("overwrite").parquet(cache + "/documents");
        fitBags.write().mode("overwrite").parquet(cache + "/bags");
        java.nio.file.Files.write(new File(cache, "_TERMS").toPath(), terms);
      }
    }
    long nFit = fitBags.count();
    report.put("analyzer", opt.getOrDefault("analyzer", "newslens"));
    report.put("articles", nDocs);
    report.put("articles_with_terms", nFit);
    report.put("vocabulary", Map.of("size", terms.size(), "min_df", base.minDf(), "max_df_fraction",
        base.maxDfFraction(), "max_size", base.vocabularySize(), "frequent_share", base.frequentShare()));
    report.put("prepare_seconds", secs(t0));

    // bench only: the whole corpus on the driver for MALLET and for scoring
    List<Row> bagRows = fitBags.select(DOC_ID, TERM_IDS, COUNTS, LENGTH).orderBy(DOC_ID).collectAsList();
    Map<String, String> category = new HashMap<>();
    for (Row r : documents.select(col(DOC_ID), col(META).getItem("category")).collectAsList()) {
      category.put(r.getString(0), r.getString(1));
    }
    long tokensTotal = bagRows.stream().mapToLong(r -> r.getInt(3)).sum();
    report.put("tokens", tokensTotal);
    System.err.printf("prepared %d articles, %d with terms, V=%d, %d tokens in %.1f s%n", nDocs, nFit, terms.size(),
        tokensTotal, secs(t0));

    List<Map<String, Object>> results = new ArrayList<>();
    report.put("results", results);
    // --seeds 1,2,3: MALLET and every Gibbs variant once per seed, interleaved (seed 1 of each, then seed 2, ...), so
    // the spread of each method is measured under the same load; a summary gives mean, min and max per method
    List<Long> seeds = new ArrayList<>();
    for (String x : opt.getOrDefault("seeds", opt.getOrDefault("mallet-seed", "" + base.seed())).split(",")) {
      seeds.add(Long.parseLong(x.trim()));
    }
    boolean manySeeds = seeds.size() > 1;
    for (long seed : seeds) {
      String suffix = manySeeds ? "-seed" + seed : "";
      if (only.contains("mallet")) {
        Map<String, Object> r = malletBags == null
            ? mallet(bagRows, terms, k, malletIterations, (int) seed, base, fitBags, category)
            : mallet(malletBags.select(DOC_ID, TERM_IDS, COUNTS, LENGTH).orderBy(DOC_ID).collectAsList(), malletTerms,
                k, malletIterations, (int) seed, base, malletBags, category);
        r.put("name", r.get("name") + suffix);
        r.put("seed", seed);
        results.add(r);
        write(out, report);
      }
      if (only.contains("online") && seed == seeds.get(0)) { // MLlib's defaults: once
        results.add(spark("mllib-online-defaults", base.withAlgorithm(Algorithm.ONLINE, 20), terms, fitBags, k,
            category));
        write(out, report);
      }
      if (only.contains("gibbs")) {
        // --gibbs-variants "LOCAL:AVERAGE:FITDOCS[:PARTITIONS],...": several sampler schedules side by side
        // (default: the defaults)
        String variants = opt.getOrDefault("gibbs-variants",
            base.localSweeps() + ":" + base.averageSweeps() + ":" + base.fitDocs());
        for (String v : variants.split(",")) {
          String[] f = v.split(":");
          TopicsParams g = base.withAlgorithm(Algorithm.GIBBS, gibbsIterations).withSampling(Integer.parseInt(f[0]),
              Integer.parseInt(f[1]), Integer.parseInt(f[2]));
          if (f.length > 3) g = g.withPartitions(Integer.parseInt(f[3]));
          if (manySeeds) g = g.withSeed(seed);
          String name = "newslens-gibbs-local" + f[0] + "-average" + f[1] + "-fit" + f[2]
              + (f.length > 3 ? "-partitions" + f[3] : "") + suffix;
          Map<String, Object> r = spark(name, g, terms, fitBags, k, category);
          r.put("seed", g.seed());
          results.add(r);
          write(out, report);
        }
      }
    }
    if (manySeeds) report.put("summary", summary(results));
    if (only.contains("em")) {
      results.add(spark("mllib-em-" + emIterations + "-iterations", base.withAlgorithm(Algorithm.EM, emIterations),
          terms, fitBags, k, category));
      write(out, report);
    }
    report.put("load_average_at_end", loadAverage());
    write(out, report);
    System.err.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
    spark.stop();
  }

  /** Per method (the result name without its seed): runs, and mean / min / max of time, NPMI, NMI, topics used. */
  static Map<String, Object> summary(List<Map<String, Object>> results) {
    Map<String, List<Map<String, Object>>> byMethod = new LinkedHashMap<>();
    for (Map<String, Object> r : results) {
      if (r.containsKey("failed")) continue;
      byMethod.computeIfAbsent(((String) r.get("name")).replaceFirst("-seed\\d+$", ""), x -> new ArrayList<>()).add(r);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<Map<String, Object>>> e : byMethod.entrySet()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("runs", e.getValue().size());
      for (String key : List.of("seconds", "mean_npmi_at_10", "nmi_dominant_vs_category",
          "topics_dominant_in_at_least_1pct")) {
        double[] v = e.getValue().stream().mapToDouble(r -> ((Number) r.get(key)).doubleValue()).toArray();
        m.put(key, Map.of("mean", Math.round(Arrays.stream(v).average().orElse(Double.NaN) * 1e4) / 1e4,
            "min", Arrays.stream(v).min().orElse(Double.NaN), "max", Arrays.stream(v).max().orElse(Double.NaN)));
      }
      out.put(e.getKey(), m);
    }
    return out;
  }

  /**
   * {@code --mallet-optimize-interval N}: MALLET's hyperparameter optimisation interval, -1 (default) for the Gibbs
   * parameters' own. 0 is MALLET's command-line default, and the way round 2.0.8's optimizeBeta index error
   * (mimno/Mallet#98), which the Brown corpus's long documents hit with every seed tried.
   */
  static int MALLET_OPTIMIZE_INTERVAL = -1;

  /**
   * {@code --mallet-threads N} (2): MALLET's sampler threads. On the Brown corpus 2.0.8's two threads threw
   * "sampling error" index exceptions in its workers and returned a broken model (NMI 0.02); one thread does not.
   */
  static int MALLET_THREADS = 2;

  static Map<String, Object> mallet(List<Row> bags, List<String> terms, int k, int iterations, int malletSeed,
      TopicsParams p,
      Dataset<Row> fitBags, Map<String, String> category) throws IOException {
    Alphabet alphabet = new Alphabet();
    for (String t : terms) alphabet.lookupIndex(t, true);
    InstanceList instances = new InstanceList(alphabet, null);
    List<String> ids = new ArrayList<>();
    for (Row r : bags) {
      List<Integer> ti = r.getList(1);
      List<Integer> tc = r.getList(2);
      FeatureSequence fs = new FeatureSequence(alphabet, r.getInt(3));
      for (int i = 0; i < ti.size(); i++) for (int j = 0; j < tc.get(i); j++) fs.add(ti.get(i).intValue());
      instances.add(new Instance(fs, null, r.getString(0), null));
      ids.add(r.getString(0));
    }
    ParallelTopicModel.logger.setLevel(java.util.logging.Level.WARNING);
    long t0 = System.nanoTime();
    ParallelTopicModel m = new ParallelTopicModel(k, p.alphaSum(), p.beta());
    m.setRandomSeed(malletSeed);
    m.setNumThreads(MALLET_THREADS);
    m.setNumIterations(iterations);
    m.setOptimizeInterval(MALLET_OPTIMIZE_INTERVAL >= 0 ? MALLET_OPTIMIZE_INTERVAL : p.optimizeInterval());
    m.setBurninPeriod(p.burnIn());
    m.setTopicDisplay(100_000, 10);
    m.addInstances(instances);
    try {
      m.estimate();
    } catch (ArrayIndexOutOfBoundsException e) {
      // MALLET 2.0.8's optimizeBeta can index past its histogram (mimno/Mallet#98); report it, don't hide it
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", "mallet-2.0.8");
      r.put("failed", e.toString());
      r.put("seconds_until_failure", Math.round(secs(t0) * 10) / 10.0);
      System.err.println("mallet failed: " + e);
      return r;
    }
    double seconds = secs(t0);
    int[] dominant = new int[ids.size()];
    for (int d = 0; d < ids.size(); d++) dominant[d] = argmax(m.getTopicProbabilities(d));
    List<TreeSet<IDSorter>> sorted = m.getSortedWords();
    int[][] top = new int[k][10];
    for (int t = 0; t < k; t++) {
      Iterator<IDSorter> it = sorted.get(t).iterator();
      for (int i = 0; i < 10 && it.hasNext(); i++) top[t][i] = it.next().getID();
    }
    Map<String, Object> r = score("mallet-2.0.8", seconds, iterations, top, ids, dominant, fitBags, category, k,
        terms);
    r.put("settings", "ParallelTopicModel(K, alphaSum " + p.alphaSum() + ", beta " + p.beta() + "), seed " + malletSeed
        + ", " + MALLET_THREADS + " threads, " + iterations + " iterations, optimize interval "
        + (MALLET_OPTIMIZE_INTERVAL >= 0 ? MALLET_OPTIMIZE_INTERVAL : p.optimizeInterval()) + ", burn-in " + p.burnIn());
    r.put("alpha_sum", Arrays.stream(m.alpha).sum());
    r.put("beta", m.beta);
    return r;
  }

  static Map<String, Object> spark(String name, TopicsParams p, List<String> terms, Dataset<Row> fitBags, int k,
      Map<String, String> category) {
    System.err.printf("%s: fitting...%n", name);
    long t0 = System.nanoTime();
    long all = fitBags.count();
    Dataset<Row> sample = Corpus.sample(fitBags, all, p.fitDocs(), p.seed()).persist(StorageLevel.MEMORY_AND_DISK());
    long fitted = sample.count();
    TopicModel m = p.algorithm() == Algorithm.GIBBS ? GibbsLda.fit(sample, terms.size(), k, p)
        : MllibLda.fit(sample, terms.size(), k, p);
    Dataset<Row> mixtures = m.fittedMixtures();
    // as the stage does: the documents left out of the fit sample get inferred mixtures
    if (fitted < all) mixtures = mixtures.unionByName(m.infer(fitBags.join(sample.select(DOC_ID), DOC_ID, "left_anti")));
    List<Row> mix = mixtures.select(col(DOC_ID),
        array_position(col(MIXTURE), array_max(col(MIXTURE))).minus(1).cast("int")).collectAsList();
    double seconds = secs(t0);
    List<String> ids = new ArrayList<>();
    int[] dominant = new int[mix.size()];
    for (int i = 0; i < mix.size(); i++) {
      ids.add(mix.get(i).getString(0));
      dominant[i] = mix.get(i).getInt(1);
    }
    Map<String, Object> r = score(name, seconds, m.iterations(), m.topTermIds(), ids, dominant, fitBags, category, k,
        terms);
    r.put("rankings", rankings(m, fitBags, terms));
    r.put("settings", p.algorithm().id() + ", " + m.iterations() + " iterations"
        + (p.algorithm() == Algorithm.GIBBS ? ", " + (p.partitions() > 0 ? p.partitions() : TopicsParams.DEFAULT_SAMPLER_PARTITIONS)
            + " partitions, optimize interval " + p.optimizeInterval() + ", burn-in " + p.burnIn()
            + ", local sweeps " + p.localSweeps() + ", averaged over the last " + p.averageSweeps() + " sweeps"
            : ", other parameters at MLlib defaults")
        + ", fitted on " + fitted + " of " + all + " documents (the rest inferred)");
    r.put("docs_fitted", fitted);
    r.put("alpha_sum", Arrays.stream(m.alpha()).sum());
    if (m instanceof GibbsLda g) r.put("beta", g.beta());
    m.release();
    sample.unpersist(false);
    return r;
  }

  static Map<String, Object> score(String name, double seconds, int iterations, int[][] top, List<String> ids,
      int[] dominant, Dataset<Row> fitBags, Map<String, String> category, int k, List<String> terms) {
    double[] npmi = Coherence.npmi(fitBags, top, 10);
    int[] sizes = new int[k];
    for (int d : dominant) sizes[d]++;
    int atLeast1pct = 0;
    int empty = 0;
    for (int s : sizes) {
      if (s >= 0.01 * dominant.length) atLeast1pct++;
      if (s == 0) empty++;
    }
    String[] cats = new String[ids.size()];
    for (int i = 0; i < cats.length; i++) cats[i] = category.get(ids.get(i));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", name);
    r.put("seconds", Math.round(seconds * 10) / 10.0);
    r.put("iterations", iterations);
    r.put("mean_npmi_at_10", round4(Arrays.stream(npmi).average().orElse(0)));
    r.put("nmi_dominant_vs_category", round4(nmi(dominant, cats)));
    r.put("topics_dominant_in_at_least_1pct", atLeast1pct);
    r.put("topics_never_dominant", empty);
    r.put("largest_topic_docs", Arrays.stream(sizes).max().getAsInt());
    r.put("dominant_sizes", sizes);
    List<String> labels = new ArrayList<>();
    for (int t = 0; t < k; t++) {
      labels.add(terms.get(top[t][0]) + " / " + terms.get(top[t][1]) + " / " + terms.get(top[t][2]) + "  (npmi "
          + String.format("%.3f", npmi[t]) + ", " + sizes[t] + " docs)");
    }
    r.put("topics", labels);
    System.err.printf("%s: %.1f s, NPMI %.4f, NMI %.4f, %d topics >= 1%%%n", name, seconds,
        Arrays.stream(npmi).average().orElse(0), nmi(dominant, cats), atLeast1pct);
    return r;
  }

  /**
   * The topics' top terms ranked three ways, each scored the same: mean NPMI@10 of its top 10, distinct words among
   * the K × 3 label words, mean document share of the label words (how generic a label is), the labels.
   */
  static Map<String, Object> rankings(TopicModel m, Dataset<Row> fitBags, List<String> terms) {
    TermRanking.Distributions d = TermRanking.Distributions.of(m.termCounts());
    long docs = fitBags.count();
    long[] df = new long[terms.size()];
    for (Row r : fitBags.select(explode(col(TERM_IDS)).as("t")).groupBy("t").count().collectAsList()) {
      df[r.getInt(0)] = r.getLong(1);
    }
    Map<String, int[][]> byName = new LinkedHashMap<>();
    byName.put("probability", m.topTermIds());
    for (double lambda : new double[] {0.6, 0.4}) byName.put("relevance-" + lambda, Topics.relevantTermIds(m, lambda));
    int[][] frex = new int[m.k()][];
    for (int t = 0; t < frex.length; t++) frex[t] = TermRanking.top(TermRanking.frex(d.phi(), t, 0.5), 10);
    byName.put("frex-0.5", frex);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, int[][]> e : byName.entrySet()) {
      int[][] ids = e.getValue();
      double[] npmi = Coherence.npmi(fitBags, ids, 10);
      java.util.Set<Integer> distinct = new java.util.HashSet<>();
      double shareSum = 0;
      List<String> labels = new ArrayList<>();
      for (int[] t : ids) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          distinct.add(t[i]);
          shareSum += (double) df[t[i]] / docs;
          l.add(terms.get(t[i]));
        }
        labels.add(String.join(" / ", l));
      }
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("mean_npmi_at_10", round4(Arrays.stream(npmi).average().orElse(0)));
      x.put("distinct_label_words", distinct.size());
      x.put("label_words", 3 * ids.length);
      x.put("mean_label_word_doc_share", round4(shareSum / (3 * ids.length)));
      x.put("labels", labels);
      out.put(e.getKey(), x);
    }
    return out;
  }

  /** MALLET 2.0.8's default English stoplist, as its TokenSequenceRemoveStopwords pipe applies it. */
  static java.util.Set<String> malletEnglishStoplist() {
    cc.mallet.pipe.TokenSequenceRemoveStopwords pipe = new cc.mallet.pipe.TokenSequenceRemoveStopwords(false, false);
    try {
      java.lang.reflect.Field f = cc.mallet.pipe.TokenSequenceRemoveStopwords.class.getDeclaredField("stoplist");
      f.setAccessible(true);
      @SuppressWarnings("unchecked")
      java.util.Set<Object> s = (java.util.Set<Object>) f.get(pipe);
      java.util.Set<String> out = new java.util.TreeSet<>();
      for (Object o : s) out.add(o.toString());
      return out;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("MALLET's stoplist is not where 2.0.8 keeps it", e);
    }
  }

  /** The tokens with their stop flag replaced: a stop word is one whose folded lower-case surface is listed. */
  static Dataset<Row> restop(Dataset<Row> tokens, java.util.Set<String> stop) {
    return tokens.map((org.apache.spark.api.java.function.MapFunction<Row, Row>) r -> {
      List<Row> ts = new ArrayList<>();
      for (Row t : r.<Row>getList(2)) {
        String w = Normalizer.fold(t.getString(1)).toLowerCase(java.util.Locale.ROOT);
        ts.add(RowFactory.create(t.getString(0), t.getString(1), t.getInt(2), t.getInt(3), t.getInt(4), t.getInt(5),
            stop.contains(w)));
      }
      return RowFactory.create(r.getString(0), r.getString(1), scala.jdk.javaapi.CollectionConverters.asScala(ts)
          .toSeq());
    }, ExpressionEncoder.apply(Tokens.SCHEMA));
  }

  /** NMI with arithmetic-mean normalization: 2 I(X;Y) / (H(X) + H(Y)). */
  static double nmi(int[] x, String[] y) {
    int n = x.length;
    Map<Integer, Integer> cx = new HashMap<>();
    Map<String, Integer> cy = new HashMap<>();
    Map<String, Integer> cxy = new HashMap<>();
    for (int i = 0; i < n; i++) {
      cx.merge(x[i], 1, Integer::sum);
      cy.merge(y[i], 1, Integer::sum);
      cxy.merge(x[i] + "\u0000" + y[i], 1, Integer::sum);
    }
    double hx = entropy(cx.values(), n);
    double hy = entropy(cy.values(), n);
    double mi = 0;
    for (Map.Entry<String, Integer> e : cxy.entrySet()) {
      String[] parts = e.getKey().split("\u0000", -1);
      double pxy = (double) e.getValue() / n;
      double px = (double) cx.get(Integer.parseInt(parts[0])) / n;
      double py = (double) cy.get(parts[1]) / n;
      mi += pxy * Math.log(pxy / (px * py));
    }
    return hx + hy == 0 ? 1.0 : 2 * mi / (hx + hy);
  }

  static double entropy(java.util.Collection<Integer> counts, int n) {
    double h = 0;
    for (int c : counts) {
      double p = (double) c / n;
      h -= p * Math.log(p);
    }
    return h;
  }

  /**
   * Title + heading + article through the analyze stage's chain for each document's language ({@link TextAnalyzer}:
   * stop words flagged, light stemming), the language detected as the clean stage detects it
   * ({@link LanguageDetector} with the clean stage's defaults), into the tokens schema; what the pipeline's topics
   * stage sees, less the rest of the clean stage.
   */
  static Dataset<Row> analyze(Dataset<Row> raw) {
    Dataset<Row> texts = raw.select(col("id").cast("string"),
        concat_ws("\n", coalesce(col("title"), lit("")), coalesce(col("heading"), lit("")),
            coalesce(col("article"), lit(""))));
    CleanParams c = CleanParams.defaults();
    return texts.map((org.apache.spark.api.java.function.MapFunction<Row, Row>) r -> {
      String lang = LanguageDetector.detect(r.getString(1), c.langSampleChars(), c.langMinLetters(),
          c.langMinConfidence()).lang();
      TextAnalyzer.Analyzed a = TextAnalyzer.analyze(r.getString(1), lang, true, Integer.MAX_VALUE);
      List<Row> ts = new ArrayList<>(a.tokens().size());
      for (TextAnalyzer.Token t : a.tokens()) {
        ts.add(RowFactory.create(t.term(), t.surface(), t.sentence(), t.paragraph(), t.start(), t.end(), t.stop()));
      }
      return RowFactory.create(r.getString(0), a.lang(), scala.jdk.javaapi.CollectionConverters.asScala(ts).toSeq());
    }, ExpressionEncoder.apply(Tokens.SCHEMA));
  }

  /** OrangeSum title + heading + article through Lucene's FrenchAnalyzer into the tokens schema (stop = false). */
  static Dataset<Row> tokenize(Dataset<Row> raw) {
    Dataset<Row> texts = raw.select(col("id").cast("string"),
        concat_ws("\n", coalesce(col("title"), lit("")), coalesce(col("heading"), lit("")),
            coalesce(col("article"), lit(""))));
    return texts.mapPartitions((org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>) rows -> {
      Analyzer analyzer = new FrenchAnalyzer();
      List<Row> out = new ArrayList<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        String text = r.getString(1);
        List<Row> ts = new ArrayList<>();
        try (TokenStream s = analyzer.tokenStream("text", new StringReader(text))) {
          CharTermAttribute term = s.addAttribute(CharTermAttribute.class);
          OffsetAttribute off = s.addAttribute(OffsetAttribute.class);
          s.reset();
          while (s.incrementToken()) {
            ts.add(RowFactory.create(term.toString(), text.substring(off.startOffset(), off.endOffset()), 0, 0,
                off.startOffset(), off.endOffset(), false));
          }
          s.end();
        }
        out.add(RowFactory.create(r.getString(0), "fr", scala.jdk.javaapi.CollectionConverters.asScala(ts).toSeq()));
      }
      analyzer.close();
      return out.iterator();
    }, ExpressionEncoder.apply(Tokens.SCHEMA));
  }

  static int argmax(double[] v) {
    int b = 0;
    for (int i = 1; i < v.length; i++) if (v[i] > v[b]) b = i;
    return b;
  }

  static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  static double round4(double x) {
    return Math.round(x * 10000) / 10000.0;
  }

  static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  static void write(String out, Map<String, Object> report) throws IOException {
    File f = new File(out);
    if (f.getParentFile() != null) f.getParentFile().mkdirs();
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(f, report);
  }
}
