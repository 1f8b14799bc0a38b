package io.newslens.cli;

import io.newslens.topics.TopicsParams;
import io.newslens.topics.TopicsParams.Algorithm;
import picocli.CommandLine.Option;

/** Options of the topics stage (a picocli mixin); {@link #toParams()} validates them into {@link TopicsParams}. */
public class TopicsOptions {

  @Option(names = "--topics", paramLabel = "K", defaultValue = "" + 20,
      description = "Number of topics. Default: ${DEFAULT-VALUE}")
  int topics;

  @Option(names = "--topics-auto", paramLabel = "MIN..MAX[:STEP]",
      description = "Choose K in this range (at most 10 values) by mean NPMI@10 coherence; overrides --topics.")
  String auto;

  @Option(names = "--topic-algorithm", paramLabel = "ALG", defaultValue = "gibbs",
      description = "gibbs (distributed collapsed Gibbs sampling), online or em (Spark MLlib). Default: ${DEFAULT-VALUE}")
  String algorithm;

  @Option(names = "--topic-iterations", paramLabel = "N",
      description = "Gibbs sweeps or MLlib iterations. Default: 300 for gibbs, 20 for online and em")
  Integer iterations;

  @Option(names = "--topic-min-df", paramLabel = "N", defaultValue = "" + 5,
      description = "Keep terms found in at least N fitted documents. Default: ${DEFAULT-VALUE}")
  int minDf;

  @Option(names = "--topic-max-df", paramLabel = "FRACTION", defaultValue = "" + 0.5,
      description = "Keep terms found in at most this fraction of fitted documents. Default: ${DEFAULT-VALUE}")
  double maxDf;

  @Option(names = "--topic-vocabulary", paramLabel = "N", defaultValue = "" + 20_000,
      description = "Keep at most N terms, most frequent first (ties by term). Default: ${DEFAULT-VALUE}")
  int vocabulary;

  @Option(names = "--topic-top-terms", paramLabel = "N", defaultValue = "" + 20,
      description = "Terms listed per topic. Default: ${DEFAULT-VALUE}")
  int topTerms;

  @Option(names = "--topic-alpha", paramLabel = "SUM", defaultValue = "" + 5.0,
      description = "gibbs: initial sum of the document-topic prior (then optimized). Default: ${DEFAULT-VALUE}")
  double alpha;

  @Option(names = "--topic-beta", paramLabel = "B", defaultValue = "" + 0.01,
      description = "gibbs: initial topic-word prior (then optimized). Default: ${DEFAULT-VALUE}")
  double beta;

  @Option(names = "--topic-optimize-interval", paramLabel = "N", defaultValue = "" + 10,
      description = "gibbs: re-estimate the priors every N sweeps after burn-in (0: never); they stay at their last "
          + "values once the estimate of beta would pass 1 (too few repeated words). Default: ${DEFAULT-VALUE}")
  int optimizeInterval;

  @Option(names = "--topic-burn-in", paramLabel = "N", defaultValue = "" + 50,
      description = "gibbs: sweeps before the first prior update. Default: ${DEFAULT-VALUE}")
  int burnIn;

  @Option(names = "--topic-inference-iterations", paramLabel = "N", defaultValue = "" + 50,
      description = "gibbs: sweeps to infer the mixture of an article that was not fitted. Default: ${DEFAULT-VALUE}")
  int inferenceIterations;

  @Option(names = "--topic-partitions", paramLabel = "N", defaultValue = "0",
      description = "gibbs: sampler partitions (0: " + io.newslens.topics.TopicsParams.DEFAULT_SAMPLER_PARTITIONS
          + ", whatever the cores, so results do not depend on them). Default: ${DEFAULT-VALUE}")
  int partitions;

  @Option(names = "--topic-local-sweeps", paramLabel = "N", defaultValue = "" + TopicsParams.DEFAULT_LOCAL_SWEEPS,
      description = "gibbs: sweeps each sampler partition makes on its own counts between two global"
          + " synchronisations (1: plain AD-LDA; more: fewer Spark jobs, staler counts). Default: ${DEFAULT-VALUE}")
  int localSweeps;

  @Option(names = "--topic-average-sweeps", paramLabel = "N", defaultValue = "" + TopicsParams.DEFAULT_AVERAGE_SWEEPS,
      description = "gibbs: average the fitted mixtures (and topic term weights) over the last N sweeps"
          + " after burn-in (0: the last sample). Default: ${DEFAULT-VALUE}")
  int averageSweeps;

  @Option(names = "--topic-fit-docs", paramLabel = "N", defaultValue = "" + TopicsParams.DEFAULT_FIT_DOCS,
      description = "Fit the model on at most N representatives (a sample seeded by --seed); the mixtures of"
          + " the others are inferred. Bounds the fit's memory and time. Default: ${DEFAULT-VALUE}")
  int fitDocs;

  @Option(names = "--topic-relevance-lambda", paramLabel = "L",
      defaultValue = "" + TopicsParams.DEFAULT_RELEVANCE_LAMBDA,
      description = "Rank each topic's relevant_terms and label by relevance, L·log P(w|k) + (1-L)·log(P(w|k)/P(w)) "
          + "(Sievert & Shirley); 1 ranks by probability, as the terms column does. Default: ${DEFAULT-VALUE}")
  double relevanceLambda;

  @Option(names = "--topic-period", paramLabel = "UNIT", defaultValue = "month",
      description = "Period of topic_trends: day, week, month or year. Default: ${DEFAULT-VALUE}")
  String period;


  /** The validated parameters; {@code seed} is the job's {@code --seed}. */
  public TopicsParams toParams(long seed) {
    Algorithm alg = Algorithm.parse(algorithm);
    int min = 0;
    int max = 0;
    int step = 1;
    if (auto != null) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\.\\.(\\d+)(?::(\\d+))?").matcher(auto.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException("--topics-auto must look like MIN..MAX or MIN..MAX:STEP, got " + auto);
      }
      min = Integer.parseInt(m.group(1));
      max = Integer.parseInt(m.group(2));
      step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
    }
    int k = auto != null ? min : topics;
    return new TopicsParams(k, min, max, step, alg,
        iterations != null ? iterations : TopicsParams.defaultIterations(alg), minDf, maxDf, vocabulary, topTerms,
        alpha, beta, optimizeInterval, burnIn, inferenceIterations, partitions, period, seed, localSweeps,
        averageSweeps, fitDocs, io.newslens.terms.TermsParams.DEFAULT_FREQUENT_SHARE, relevanceLambda);
  }

}
