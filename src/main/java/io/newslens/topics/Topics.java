package io.newslens.topics;

import io.newslens.spark.ExactSums;
import io.newslens.spark.Schemas;
import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics stage: a topic model that counts a story once. The model is fitted on one representative per
 * duplicate cluster, at most {@code --topic-fit-docs} of them ({@link Corpus#sample}: seeded, bounded, so the
 * sampler's memory and time do not grow with the corpus); every article still gets a mixture (its representative's
 * when that was fitted, or inferred from its own terms, or the prior mean when it has no vocabulary term).
 *
 * <p>Steps: {@link Corpus#build} (vocabulary over the representatives, bags of term ids) → fit K topics with the
 * chosen algorithm ({@link GibbsLda} by default, or MLlib's online / EM through {@link MllibLda}); with
 * {@code --topics-auto} every candidate K is fitted and the one with the highest mean NPMI@10 kept (ties: smaller K)
 * → {@link Coherence} → the tables below. Fitting runs Spark jobs (it is iterative); the returned tables are lazy
 * over the cached document mixtures.
 *
 * <pre>
 * topics        topic_id int, label string (the top three display terms of relevant_terms, " / "),
 *               terms array&lt;struct&lt;term_id int, term string, display string, weight double&gt;&gt; (P(term|topic), by
 *               weight desc, ties term_id asc), relevant_terms (the same struct, weight still P(term|topic), ranked
 *               by relevance λ·log P(w|k) + (1 − λ)·log(P(w|k)/P(w)), {@link TermRanking}, λ =
 *               --topic-relevance-lambda; ties term_id asc),
 *               share double (mean mixture over stories: one representative per cluster), article_share double
 *               (mean mixture over all articles), dominant_docs long (articles whose dominant topic it is),
 *               coherence double (mean NPMI of the top 10 terms over the fitted documents), alpha double (prior)
 * doc_topics    doc_id string, representative string, is_representative boolean, length int (vocabulary tokens),
 *               mixture array&lt;double&gt; (K values summing to 1), dominant_topic int (ties: smallest id),
 *               dominant_weight double, mixture_source string (fitted | representative | inferred | prior)
 * topic_trends  period date (start of the day / week / month / year of published_at; null when unknown),
 *               source string (null: all sources), topic_id int, docs long (articles), weight double (sum of
 *               their mixture weight for the topic), share double (weight / docs)
 * vocabulary    term_id int, term string, df long, display string
 * </pre>
 */
public final class Topics {
  private static final Logger LOG = LoggerFactory.getLogger("newslens");
  public static final int COHERENCE_TERMS = 10;
  public static final String FITTED = "fitted";
  public static final String REPRESENTATIVE_SOURCE = "representative";
  public static final String INFERRED = "inferred";
  public static final String PRIOR = "prior";

  private Topics() {}

  /**
   * Numbers for the manifest.
   *
   * @param coherenceByK mean NPMI@10 of every K tried (one entry when K was fixed)
   * @param optimisationStoppedAt gibbs: the sweep from which alpha and beta were kept fixed because the estimate of
   *     beta ran past {@link GibbsLda#MAX_BETA}, 0 if they were re-estimated to the end
   */
  public record Stats(int k, boolean auto, Map<Integer, Double> coherenceByK, String algorithm, int iterations,
      int vocabularySize, long docs, long docsFitted, Map<String, Long> mixtureSources, double meanCoherence,
      double alphaSum, double beta, int optimisationStoppedAt, long fitMillis, double frequentShare,
      int frequentTermsExcluded, List<String> frequentTerms, double relevanceLambda) {}

  /** Frequent terms the manifest lists by name, most frequent first (it counts them all). */
  public static final int FREQUENT_TERMS_LISTED = 50;

  /**
   * The stage's tables and numbers. The tables read the cached mixtures, whose lineage holds the fitted model's
   * broadcasts: call {@link #release()} once they are written, not before. {@code model} is null and
   * {@code notFitted} says why when the corpus gives no model (fewer than 2 vocabulary terms, or no document with
   * one): the three topic tables are then empty.
   */
  public record Result(Dataset<Row> topics, Dataset<Row> docTopics, Dataset<Row> topicTrends, Dataset<Row> vocabulary,
      Stats stats, TopicModel model, String notFitted) {

    /** Frees the cached mixtures and the model's broadcasts and cached states. */
    public void release() {
      docTopics.unpersist(false);
      if (model != null) model.release();
    }
  }

  /** The topics table's schema. */
  static final StructType TOPICS_SCHEMA = new StructType().add(TOPIC_ID, "int", false).add(LABEL, "string", false)
      .add(TOP_TERMS, DataTypes.createArrayType(new StructType().add(TERM_ID, "int", false).add(TERM, "string", false)
          .add(DISPLAY, "string", false).add(WEIGHT, "double", false), false), false)
      .add(SHARE, "double", false).add(ARTICLE_SHARE, "double", false).add(DOMINANT_DOCS, "long", false)
      .add(COHERENCE, "double", false).add(ALPHA, "double", false);
  /** The doc_topics table's schema. */
  static final StructType DOC_TOPICS_SCHEMA = new StructType().add(DOC_ID, "string", false)
      .add(REPRESENTATIVE, "string", true).add(IS_REPRESENTATIVE, "boolean", true).add(LENGTH, "int", true)
      .add(MIXTURE, DataTypes.createArrayType(DataTypes.DoubleType, false), true).add(DOMINANT_TOPIC, "int", true)
      .add(DOMINANT_WEIGHT, "double", true).add(MIXTURE_SOURCE, "string", false);
  /** The topic_trends table's schema. */
  static final StructType TRENDS_SCHEMA = new StructType().add(PERIOD, "date", true).add(SOURCE, "string", true)
      .add(TOPIC_ID, "int", true).add(DOCS, "long", false).add(WEIGHT, "double", true).add(SHARE, "double", true);

  /**
   * No model: the corpus is too small or has no content term. Empty topic tables, the vocabulary as built, and
   * stats with K = 0.
   */
  private static Result notFitted(Dataset<Row> documents, Corpus corpus, TopicsParams p, String why, long t0) {
    org.apache.spark.sql.SparkSession spark = documents.sparkSession();
    Dataset<Row> docTopics = spark.createDataFrame(List.of(), DOC_TOPICS_SCHEMA);
    Stats stats = new Stats(0, p.auto(), Map.of(), p.algorithm().name().toLowerCase(java.util.Locale.ROOT), 0,
        corpus.size(), corpus.bags().count(), 0, Map.of(), 0.0, 0.0, 0.0, 0, (System.nanoTime() - t0) / 1_000_000,
        p.vocabularyMaxShare(corpus.fittedDocs()), corpus.frequent().size(),
        corpus.frequent().subList(0, Math.min(FREQUENT_TERMS_LISTED, corpus.frequent().size())), p.relevanceLambda());
    LOG.warn("topics: no model fitted: {}", why);
    return new Result(spark.createDataFrame(List.of(), TOPICS_SCHEMA), docTopics,
        spark.createDataFrame(List.of(), TRENDS_SCHEMA), corpus.vocabulary(), stats, null, why);
  }

  public static Result apply(Dataset<Row> tokens, Dataset<Row> documents, Dataset<Row> clustersOrNull,
      TopicsParams p) {
    return apply(tokens, documents, clustersOrNull, null, p);
  }

  /**
   * As {@link #apply(Dataset, Dataset, Dataset, TopicsParams)}, with topic_trends counting only the articles that
   * {@code trendUnitsOrNull} (doc_id, is_representative) flags, e.g. each story's first article
   * ({@code --count-mode story}); null counts every article.
   */
  public static Result apply(Dataset<Row> tokens, Dataset<Row> documents, Dataset<Row> clustersOrNull,
      Dataset<Row> trendUnitsOrNull, TopicsParams p) {
    if (trendUnitsOrNull != null) require(trendUnitsOrNull, "trend units", DOC_ID, IS_REPRESENTATIVE);
    require(tokens, "tokens", DOC_ID, LANG, TOKENS);
    require(documents, "documents", DOC_ID, SOURCE, PUBLISHED_AT);
    if (clustersOrNull != null) require(clustersOrNull, "clusters", DOC_ID, REPRESENTATIVE, IS_REPRESENTATIVE);
    long t0 = System.nanoTime();
    Corpus corpus = Corpus.build(tokens, documents, clustersOrNull, p);
    if (corpus.size() < 2) {
      return notFitted(documents, corpus, p, "the vocabulary has " + corpus.size() + " term(s) (--topic-min-df "
          + p.minDf() + ", --topic-max-df / --frequent-share " + p.vocabularyMaxShare(corpus.fittedDocs()) + " over "
          + corpus.fittedDocs() + " fitted documents); at least 2 are needed", t0);
    }
    Dataset<Row> withTerms = corpus.fitBags();
    long representatives = withTerms.count();
    if (representatives == 0) return notFitted(documents, corpus, p, "no fitted document has a vocabulary term", t0);
    // a bounded, seeded sample of the representatives (--topic-fit-docs); the others' mixtures are inferred
    Dataset<Row> fitBags = Corpus.sample(withTerms, representatives, p.fitDocs(), p.seed())
        .persist(StorageLevel.MEMORY_AND_DISK());
    long docsFitted = representatives <= p.fitDocs() ? representatives : fitBags.count();

    TopicModel best = null;
    double[] bestCoherence = null;
    double bestMean = Double.NEGATIVE_INFINITY;
    Map<Integer, Double> byK = new TreeMap<>();
    java.util.Set<Integer> tried = new java.util.HashSet<>();
    for (int candidate : p.candidates()) {
      // no more topics than fitted documents: a tiny corpus (the seeds) still gets a meaningful model
      int k = (int) Math.max(2, Math.min(candidate, docsFitted));
      if (!tried.add(k)) continue;
      TopicModel m = fit(fitBags, corpus.size(), k, p);
      double[] c = Coherence.npmi(fitBags, m.topTermIds(), COHERENCE_TERMS);
      double mean = Arrays.stream(c).average().orElse(0);
      byK.put(k, mean);
      LOG.info("topics: {} K={} mean NPMI@{} {}", m.algorithm(), k, COHERENCE_TERMS, String.format("%.4f", mean));
      if (mean > bestMean) {
        if (best != null) best.release();
        best = m;
        bestCoherence = c;
        bestMean = mean;
      } else {
        m.release();
      }
    }
    long fitMillis = (System.nanoTime() - t0) / 1_000_000;

    Dataset<Row> docTopics = docTopics(corpus.bags(), best).persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, Long> sources = new TreeMap<>();
    for (Row r : docTopics.groupBy(MIXTURE_SOURCE).count().collectAsList()) sources.put(r.getString(0), r.getLong(1));
    fitBags.unpersist(false);

    Dataset<Row> topics = topicsTable(documents.sparkSession(), corpus, best, bestCoherence, docTopics, p);
    Dataset<Row> trends = trends(trendUnitsOrNull == null ? docTopics : docTopics.join(trendUnitsOrNull
        .filter(col(IS_REPRESENTATIVE)).select(DOC_ID), DOC_ID, "left_semi"), documents, p.period());
    double[] alpha = best.alpha();
    Stats stats = new Stats(best.k(), p.auto(), byK, best.algorithm(), best.iterations(), corpus.size(),
        corpus.bags().count(), docsFitted, sources, bestMean, Arrays.stream(alpha).sum(),
        best instanceof GibbsLda g ? g.beta() : Double.NaN, best instanceof GibbsLda g ? g.optimisationStoppedAt() : 0,
        fitMillis, p.vocabularyMaxShare(corpus.fittedDocs()), corpus.frequent().size(),
        corpus.frequent().subList(0, Math.min(FREQUENT_TERMS_LISTED, corpus.frequent().size())), p.relevanceLambda());
    LOG.info("topics: K={} ({}), vocabulary {}, {} documents fitted, mixtures {}", stats.k(), stats.algorithm(),
        stats.vocabularySize(), docsFitted, sources);
    return new Result(topics, docTopics, trends, corpus.vocabulary(), stats, best, null);
  }

  /** Fits one model of K topics with the algorithm of {@code p}. */
  public static TopicModel fit(Dataset<Row> fitBags, int vocabularySize, int k, TopicsParams p) {
    return switch (p.algorithm()) {
      case GIBBS -> GibbsLda.fit(fitBags, vocabularySize, k, p);
      case ONLINE, EM -> MllibLda.fit(fitBags, vocabularySize, k, p);
    };
  }

  static Dataset<Row> docTopics(Dataset<Row> bags, TopicModel m) {
    Dataset<Row> fitted = m.fittedMixtures().select(col(DOC_ID).as("rep_id"), col(MIXTURE).as("rep_mixture"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> joined = bags.join(fitted, bags.col(REPRESENTATIVE).equalTo(fitted.col("rep_id")), "left");
    Dataset<Row> copied = joined.filter(col("rep_mixture").isNotNull())
        .select(col(DOC_ID), col(REPRESENTATIVE), col(Corpus.FITTED), col(LENGTH), col("rep_mixture").as(MIXTURE),
            when(col(Corpus.FITTED), lit(FITTED)).otherwise(lit(REPRESENTATIVE_SOURCE)).as(MIXTURE_SOURCE));
    Dataset<Row> missing = joined.filter(col("rep_mixture").isNull());
    Dataset<Row> toInfer = missing.filter(col(LENGTH).gt(0));
    Dataset<Row> inferred = m.infer(toInfer)
        .join(toInfer.select(DOC_ID, REPRESENTATIVE, Corpus.FITTED, LENGTH), DOC_ID)
        .select(col(DOC_ID), col(REPRESENTATIVE), col(Corpus.FITTED), col(LENGTH), col(MIXTURE),
            lit(INFERRED).as(MIXTURE_SOURCE));
    Column priorMixture = array(Arrays.stream(m.priorMixture()).mapToObj(x -> lit(x)).toArray(Column[]::new));
    Dataset<Row> prior = missing.filter(col(LENGTH).equalTo(0))
        .select(col(DOC_ID), col(REPRESENTATIVE), col(Corpus.FITTED), col(LENGTH), priorMixture.as(MIXTURE),
            lit(PRIOR).as(MIXTURE_SOURCE));
    return copied.unionByName(inferred).unionByName(prior)
        .select(col(DOC_ID), col(REPRESENTATIVE), col(Corpus.FITTED).as(IS_REPRESENTATIVE), col(LENGTH),
            col(MIXTURE),
            array_position(col(MIXTURE), array_max(col(MIXTURE))).minus(1).cast("int").as(DOMINANT_TOPIC),
            array_max(col(MIXTURE)).as(DOMINANT_WEIGHT), col(MIXTURE_SOURCE));
  }

  /**
   * Each topic's top terms by relevance (ties by term id), as many as it has by probability: P(w|k) and P(w) from
   * the model's term counts ({@link TopicModel#termCounts()}).
   */
  public static int[][] relevantTermIds(TopicModel m, double lambda) {
    TermRanking.Distributions d = TermRanking.Distributions.of(m.termCounts());
    int[][] out = new int[m.k()][];
    for (int k = 0; k < out.length; k++) {
      out[k] = TermRanking.top(TermRanking.relevance(d.phi()[k], d.p(), lambda), m.topTermIds()[k].length);
    }
    return out;
  }

  private static Dataset<Row> topicsTable(org.apache.spark.sql.SparkSession spark, Corpus corpus, TopicModel m,
      double[] coherence, Dataset<Row> docTopics, TopicsParams p) {
    int[][] ids = m.topTermIds();
    double[][] w = m.topTermWeights();
    int[][] relevant = relevantTermIds(m, p.relevanceLambda());
    double[][] phi = TermRanking.Distributions.of(m.termCounts()).phi();
    Set<Integer> wanted = new HashSet<>();
    for (int[] t : ids) for (int x : t) wanted.add(x);
    for (int[] t : relevant) for (int x : t) wanted.add(x);
    Map<Integer, String> display = new HashMap<>();
    for (Row r : corpus.vocabulary().filter(col(TERM_ID).isin(wanted.toArray())).select(TERM_ID, DISPLAY)
        .collectAsList()) {
      display.put(r.getInt(0), r.getString(1));
    }
    StructType term = new StructType().add(TERM_ID, "int", false).add(TERM, "string", false)
        .add(DISPLAY, "string", false).add(WEIGHT, "double", false);
    StructType schema = new StructType().add(TOPIC_ID, "int", false).add(LABEL, "string", false)
        .add(TOP_TERMS, DataTypes.createArrayType(term, false), false)
        .add(RELEVANT_TERMS, DataTypes.createArrayType(term, false), false).add(COHERENCE, "double", false)
        .add(ALPHA, "double", false);
    double[] alpha = m.alpha();
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < ids.length; k++) {
      List<Row> terms = new ArrayList<>();
      for (int i = 0; i < ids[k].length; i++) {
        String d = display.getOrDefault(ids[k][i], corpus.terms().get(ids[k][i]));
        terms.add(RowFactory.create(ids[k][i], corpus.terms().get(ids[k][i]), d, w[k][i]));
      }
      List<Row> byRelevance = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (int id : relevant[k]) {
        String d = display.getOrDefault(id, corpus.terms().get(id));
        byRelevance.add(RowFactory.create(id, corpus.terms().get(id), d, phi[k][id]));
        if (labels.size() < 3) labels.add(d);
      }
      rows.add(RowFactory.create(k, String.join(" / ", labels), terms, byRelevance, coherence[k], alpha[k]));
    }
    return withShares(spark.createDataFrame(rows, schema), docTopics);
  }

  /**
   * The topics table from its described columns (topic_id, label, terms, relevant_terms, coherence, alpha: what the
   * model says) and the articles' mixtures (share, article_share, dominant_docs: what the corpus says). An update
   * keeps the first and recounts the second over every article.
   */
  public static Dataset<Row> withShares(Dataset<Row> described, Dataset<Row> docTopics) {
    Dataset<Row> weights = docTopics.select(col(IS_REPRESENTATIVE), posexplode(col(MIXTURE)).as(new String[] {TOPIC_ID, WEIGHT}))
        .groupBy(TOPIC_ID)
        .agg(ExactSums.avg(when(col(IS_REPRESENTATIVE), col(WEIGHT))).as(SHARE),
            ExactSums.avg(col(WEIGHT)).as(ARTICLE_SHARE));
    Dataset<Row> dominant = docTopics.groupBy(col(DOMINANT_TOPIC).as(TOPIC_ID)).agg(count("*").as(DOMINANT_DOCS));
    return described.join(weights, TOPIC_ID, "left").join(dominant, TOPIC_ID, "left")
        .select(col(TOPIC_ID), col(LABEL), col(TOP_TERMS), col(RELEVANT_TERMS), coalesce(col(SHARE), lit(0.0)).as(SHARE),
            coalesce(col(ARTICLE_SHARE), lit(0.0)).as(ARTICLE_SHARE),
            coalesce(col(DOMINANT_DOCS), lit(0L)).as(DOMINANT_DOCS), col(COHERENCE), col(ALPHA))
        .orderBy(TOPIC_ID);
  }

  /** topic_trends from the articles' mixtures and their documents rows (source, published_at). */
  public static Dataset<Row> trends(Dataset<Row> docTopics, Dataset<Row> documents, String period) {
    Dataset<Row> exploded = docTopics.select(col(DOC_ID), posexplode(col(MIXTURE)).as(new String[] {TOPIC_ID, WEIGHT}))
        .join(documents.select(col(DOC_ID), col(SOURCE), date_trunc(period, col(PUBLISHED_AT)).cast("date").as(PERIOD)),
            DOC_ID);
    Dataset<Row> bySource = exploded.groupBy(PERIOD, SOURCE, TOPIC_ID)
        .agg(count("*").as(DOCS), ExactSums.sum(col(WEIGHT)).as(WEIGHT));
    Dataset<Row> all = exploded.groupBy(PERIOD, TOPIC_ID)
        .agg(count("*").as(DOCS), ExactSums.sum(col(WEIGHT)).as(WEIGHT))
        .withColumn(SOURCE, lit(null).cast("string"));
    return bySource.unionByName(all)
        .withColumn(SHARE, col(WEIGHT).divide(col(DOCS)))
        .select(col(PERIOD), col(SOURCE), col(TOPIC_ID).cast("int").as(TOPIC_ID), col(DOCS), col(WEIGHT), col(SHARE));
  }

  static void require(Dataset<Row> df, String table, String... columns) {
    List<String> missing = Schemas.missing(df, columns);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("topics: " + table + " lacks column(s) " + missing + "; it has "
          + Arrays.toString(df.columns()));
    }
  }
}
