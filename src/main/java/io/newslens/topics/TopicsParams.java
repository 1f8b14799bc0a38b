package io.newslens.topics;

import java.io.Serializable;
import java.util.Locale;

/**
 * Topics parameters.
 *
 * @param topics number of topics K when not chosen automatically ({@code --topics})
 * @param autoMin smallest K tried when choosing K by mean NPMI coherence, 0 for a fixed K ({@code --topics-auto})
 * @param autoMax largest K tried ({@code --topics-auto MIN..MAX[:STEP]})
 * @param autoStep step between candidate K ({@code --topics-auto})
 * @param algorithm {@code gibbs} (distributed collapsed Gibbs, the default), {@code online} or {@code em} (Spark
 *     MLlib's LDA optimizers) ({@code --topic-algorithm})
 * @param iterations sampler sweeps (gibbs) or optimizer iterations (online, em) ({@code --topic-iterations})
 * @param minDf a term must occur in at least this many fitted documents ({@code --topic-min-df}, a count)
 * @param maxDfFraction a term must occur in at most this fraction of the fitted documents ({@code --topic-max-df})
 * @param vocabularySize at most this many terms, most frequent first, ties by term ({@code --topic-vocabulary})
 * @param topTerms terms listed per topic in the topics table ({@code --topic-top-terms})
 * @param alphaSum gibbs: initial sum of the (asymmetric, optimized) document-topic prior ({@code --topic-alpha});
 *     online/em keep MLlib's automatic prior
 * @param beta initial topic-word prior (gibbs) ({@code --topic-beta})
 * @param optimizeInterval gibbs: re-estimate alpha (asymmetric) and beta every this many sweeps after burn-in, 0 for
 *     never; both stay at their last values once the estimate of beta would pass {@link GibbsLda#MAX_BETA}
 *     ({@code --topic-optimize-interval})
 * @param burnIn gibbs: sweeps before the first hyperparameter update ({@code --topic-burn-in})
 * @param inferenceIterations gibbs: sweeps when inferring the mixture of a document that was not fitted
 *     ({@code --topic-inference-iterations})
 * @param partitions gibbs: sampler partitions, 0 for {@link #DEFAULT_SAMPLER_PARTITIONS}. The model depends on this
 *     number (each partition samples against the previous sweep's counts) and on nothing else of the cluster: a fixed
 *     default gives the same topics on 1, 2 or 200 cores; raise it on a large cluster for parallelism
 *     ({@code --topic-partitions})
 * @param period trend period: day, week, month or year ({@code --topic-period})
 * @param seed seed of every random draw (the job's {@code --seed})
 * @param localSweeps gibbs: sweeps each sampler partition makes against its own counts between two global
 *     synchronisations of the word-topic counts ({@code --topic-local-sweeps}); 1 is plain AD-LDA
 * @param averageSweeps gibbs: the fitted mixtures are averaged over the last this many sweeps, and the topics' term
 *     weights over the synchronisations within them (never over the burn-in sweeps); 0 takes the last sample
 *     ({@code --topic-average-sweeps})
 * @param fitDocs fit on at most this many representatives, a sample seeded by {@code seed} (the smallest hashes
 *     of (seed, doc_id)); the mixtures of the others are inferred. Bounds the sampler's memory and time whatever
 *     the corpus size ({@code --topic-fit-docs})
 * @param frequentShare a term in more than this share of the fitted documents is too common to be informative and
 *     is left out of the vocabulary, so out of every topic's terms and label (the job's {@code --frequent-share},
 *     which flags the same terms in the terms table); the vocabulary's bound is the smaller of this and
 *     {@code maxDfFraction} from {@link #FREQUENT_MIN_DOCS} fitted documents on
 * @param relevanceLambda λ of the relevance ranking of each topic's terms (Sievert &amp; Shirley 2014) that gives
 *     {@code relevant_terms} and the label ({@code --topic-relevance-lambda}; 1 ranks by probability alone)
 */
public record TopicsParams(int topics, int autoMin, int autoMax, int autoStep, Algorithm algorithm, int iterations,
    int minDf, double maxDfFraction, int vocabularySize, int topTerms, double alphaSum, double beta,
    int optimizeInterval, int burnIn, int inferenceIterations, int partitions, String period, long seed,
    int localSweeps, int averageSweeps, int fitDocs, double frequentShare, double relevanceLambda)
    implements Serializable {

  /** Gibbs sweeps per global synchronisation when none are given. */
  public static final int DEFAULT_LOCAL_SWEEPS = 4;
  /** Final Gibbs sweeps the mixtures are averaged over when none are given. */
  public static final int DEFAULT_AVERAGE_SWEEPS = 50;
  /** Representatives fitted at most when none are given. */
  public static final int DEFAULT_FIT_DOCS = 15_000;

  /** The parameters with the sampler's schedule and the fit sample at their defaults. */
  public TopicsParams(int topics, int autoMin, int autoMax, int autoStep, Algorithm algorithm, int iterations,
      int minDf, double maxDfFraction, int vocabularySize, int topTerms, double alphaSum, double beta,
      int optimizeInterval, int burnIn, int inferenceIterations, int partitions, String period, long seed) {
    this(topics, autoMin, autoMax, autoStep, algorithm, iterations, minDf, maxDfFraction, vocabularySize, topTerms,
        alphaSum, beta, optimizeInterval, burnIn, inferenceIterations, partitions, period, seed, DEFAULT_LOCAL_SWEEPS,
        DEFAULT_AVERAGE_SWEEPS, DEFAULT_FIT_DOCS, io.newslens.terms.TermsParams.DEFAULT_FREQUENT_SHARE,
        DEFAULT_RELEVANCE_LAMBDA);
  }

  /** λ of the relevance ranking when none is given: see README "Readable terms and topics" for the measurements. */
  public static final double DEFAULT_RELEVANCE_LAMBDA = 0.6;

  /** The topic model fitting method. */
  public enum Algorithm {
    GIBBS, ONLINE, EM;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Algorithm parse(String s) {
      for (Algorithm a : values()) if (a.id().equals(s.toLowerCase(Locale.ROOT))) return a;
      throw new IllegalArgumentException("--topic-algorithm must be gibbs, online or em, got " + s);
    }
  }

  /** Sampler partitions when none are given: fixed, so results don't depend on the cores (see partitions). */
  public static final int DEFAULT_SAMPLER_PARTITIONS = 16;

  public TopicsParams {
    if (topics < 2 || topics > 1000) throw new IllegalArgumentException("--topics must be between 2 and 1000, got " + topics);
    if (autoMin != 0 || autoMax != 0) {
      if (autoMin < 2 || autoMax > 1000 || autoMin > autoMax) {
        throw new IllegalArgumentException("--topics-auto needs 2 <= MIN <= MAX <= 1000, got " + autoMin + ".." + autoMax);
      }
      if (autoStep < 1) throw new IllegalArgumentException("--topics-auto STEP must be at least 1, got " + autoStep);
      if ((autoMax - autoMin) / autoStep + 1 > 10) {
        throw new IllegalArgumentException("--topics-auto tries at most 10 values of K, got "
            + ((autoMax - autoMin) / autoStep + 1));
      }
    }
    if (algorithm == null) throw new IllegalArgumentException("--topic-algorithm must be gibbs, online or em");
    if (iterations < 1 || iterations > 100_000) {
      throw new IllegalArgumentException("--topic-iterations must be between 1 and 100000, got " + iterations);
    }
    if (minDf < 1) throw new IllegalArgumentException("--topic-min-df must be at least 1 document, got " + minDf);
    if (!(maxDfFraction > 0 && maxDfFraction <= 1)) {
      throw new IllegalArgumentException("--topic-max-df must be a fraction in (0, 1], got " + maxDfFraction);
    }
    if (vocabularySize < 2 || vocabularySize > 1_000_000) {
      throw new IllegalArgumentException("--topic-vocabulary must be between 2 and 1000000, got " + vocabularySize);
    }
    if (topTerms < 3 || topTerms > 1000) {
      throw new IllegalArgumentException("--topic-top-terms must be between 3 and 1000, got " + topTerms);
    }
    if (!(alphaSum > 0) || Double.isInfinite(alphaSum)) {
      throw new IllegalArgumentException("--topic-alpha must be positive, got " + alphaSum);
    }
    if (!(beta > 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("--topic-beta must be positive, got " + beta);
    if (optimizeInterval < 0) {
      throw new IllegalArgumentException("--topic-optimize-interval must be 0 (never) or positive, got " + optimizeInterval);
    }
    if (burnIn < 0) throw new IllegalArgumentException("--topic-burn-in must be at least 0, got " + burnIn);
    if (inferenceIterations < 1) {
      throw new IllegalArgumentException("--topic-inference-iterations must be at least 1, got " + inferenceIterations);
    }
    if (partitions < 0 || partitions > 100_000) {
      throw new IllegalArgumentException("--topic-partitions must be between 0 (automatic) and 100000, got " + partitions);
    }
    if (localSweeps < 1 || localSweeps > 1000) {
      throw new IllegalArgumentException("--topic-local-sweeps must be between 1 and 1000, got " + localSweeps);
    }
    if (averageSweeps < 0 || averageSweeps > 100_000) {
      throw new IllegalArgumentException("--topic-average-sweeps must be between 0 and 100000, got " + averageSweeps);
    }
    if (fitDocs < 2) throw new IllegalArgumentException("--topic-fit-docs must be at least 2, got " + fitDocs);
    io.newslens.terms.TermsParams.checkFrequentShare(frequentShare);
    if (!(relevanceLambda >= 0 && relevanceLambda <= 1)) {
      throw new IllegalArgumentException("--topic-relevance-lambda must be between 0 and 1, got " + relevanceLambda);
    }
    if (period == null || !java.util.Set.of("day", "week", "month", "year").contains(period)) {
      throw new IllegalArgumentException("--topic-period must be day, week, month or year, got " + period);
    }
  }

  /**
   * Gibbs sweeps when none are given. 300, not MALLET's customary 200: over ten seeds on OrangeSum (K = 20, the
   * benchmark's vocabulary) mean NPMI@10 went from 0.1993 to 0.2010 (+0.0018 paired, se 0.0012; 9 of 10 seeds
   * higher) and 400 sweeps gave no more (0.2011); see bench/results/topics-sweeps-s5.json.
   */
  public static final int DEFAULT_GIBBS_SWEEPS = 300;

  /** Iterations when none are given: {@link #DEFAULT_GIBBS_SWEEPS}, MLlib's own 20 for online and em. */
  public static int defaultIterations(Algorithm a) {
    return a == Algorithm.GIBBS ? DEFAULT_GIBBS_SWEEPS : 20;
  }

  public static TopicsParams defaults() {
    return new TopicsParams(20, 0, 0, 1, Algorithm.GIBBS, DEFAULT_GIBBS_SWEEPS, 5, 0.5, 20_000, 20, 5.0, 0.01, 10, 50, 50, 0,
        "month", 42L);
  }

  public boolean auto() {
    return autoMin != 0;
  }

  /** The candidate numbers of topics: the auto range, or the fixed K. */
  public int[] candidates() {
    if (!auto()) return new int[] {topics};
    int n = (autoMax - autoMin) / autoStep + 1;
    int[] ks = new int[n];
    for (int i = 0; i < n; i++) ks[i] = autoMin + i * autoStep;
    return ks;
  }

  public TopicsParams withTopics(int k) {
    return new TopicsParams(k, 0, 0, 1, algorithm, iterations, minDf, maxDfFraction, vocabularySize, topTerms,
        alphaSum, beta, optimizeInterval, burnIn, inferenceIterations, partitions, period, seed, localSweeps,
        averageSweeps, fitDocs, frequentShare, relevanceLambda);
  }

  public TopicsParams withAlgorithm(Algorithm a, int iters) {
    return new TopicsParams(topics, autoMin, autoMax, autoStep, a, iters, minDf, maxDfFraction, vocabularySize,
        topTerms, alphaSum, beta, optimizeInterval, burnIn, inferenceIterations, partitions, period, seed,
        localSweeps, averageSweeps, fitDocs, frequentShare, relevanceLambda);
  }

  /** These parameters with another Gibbs schedule and fit sample bound. */
  public TopicsParams withSampling(int local, int average, int fit) {
    return new TopicsParams(topics, autoMin, autoMax, autoStep, algorithm, iterations, minDf, maxDfFraction,
        vocabularySize, topTerms, alphaSum, beta, optimizeInterval, burnIn, inferenceIterations, partitions, period,
        seed, local, average, fit, frequentShare, relevanceLambda);
  }

  /** These parameters with another Gibbs sampler partition count (0: the default). */
  public TopicsParams withPartitions(int n) {
    return new TopicsParams(topics, autoMin, autoMax, autoStep, algorithm, iterations, minDf, maxDfFraction,
        vocabularySize, topTerms, alphaSum, beta, optimizeInterval, burnIn, inferenceIterations, n, period, seed,
        localSweeps, averageSweeps, fitDocs, frequentShare, relevanceLambda);
  }

  /** These parameters with another frequent-term share and relevance λ. */
  public TopicsParams withLabels(double share, double lambda) {
    return new TopicsParams(topics, autoMin, autoMax, autoStep, algorithm, iterations, minDf, maxDfFraction,
        vocabularySize, topTerms, alphaSum, beta, optimizeInterval, burnIn, inferenceIterations, partitions, period,
        seed, localSweeps, averageSweeps, fitDocs, share, lambda);
  }

  /**
   * Fitted documents from which the frequent share bounds the vocabulary: in fewer, a share says little (a subject
   * of a 60-article corpus on three subjects is in a third of them; a word in 2 of the 5 seed articles is in 40 %).
   */
  public static final int FREQUENT_MIN_DOCS = 100;

  /**
   * The largest document frequency share of a vocabulary term for {@code fittedDocs} fitted documents: the smaller
   * of --topic-max-df and the frequent share, or --topic-max-df alone under {@link #FREQUENT_MIN_DOCS} documents.
   */
  public double vocabularyMaxShare(long fittedDocs) {
    return fittedDocs >= FREQUENT_MIN_DOCS ? Math.min(maxDfFraction, frequentShare) : maxDfFraction;
  }

  /** These parameters with another random seed. */
  public TopicsParams withSeed(long newSeed) {
    return new TopicsParams(topics, autoMin, autoMax, autoStep, algorithm, iterations, minDf, maxDfFraction,
        vocabularySize, topTerms, alphaSum, beta, optimizeInterval, burnIn, inferenceIterations, partitions, period,
        newSeed, localSweeps, averageSweeps, fitDocs, frequentShare, relevanceLambda);
  }
}
