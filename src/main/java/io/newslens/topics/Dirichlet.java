package io.newslens.topics;

/**
 * Hyperparameter updates for LDA's Dirichlet priors by Minka's fixed-point iteration over count histograms, the
 * method MALLET's {@code ParallelTopicModel} uses (Wallach, "Structured topic models for language", 2008, ch. 2).
 * Written here because MALLET is only a benchmark dependency and MLlib has no such optimizer for Gibbs counts.
 * Pure Java, no Spark.
 */
public final class Dirichlet {
  private Dirichlet() {}

  /** The smallest alpha_k an update may give: a topic no document uses keeps a (tiny) positive prior. */
  static final double MIN_ALPHA = 1e-6;

  /**
   * One fixed-point update of an asymmetric Dirichlet (the document-topic prior alpha), in place.
   *
   * @param alpha current alpha_k, replaced by the updated values
   * @param topicDocCounts {@code topicDocCounts[k][c]}: number of documents in which topic k holds exactly c tokens
   * @param docLengthCounts {@code docLengthCounts[n]}: number of documents of length n
   * @param shape Gamma prior shape on alpha_k (MALLET: 1.001)
   * @param scale Gamma prior scale (MALLET: 1.0)
   * @param iterations fixed-point iterations
   * @return the new sum of alpha
   */
  public static double learnParameters(double[] alpha, int[][] topicDocCounts, int[] docLengthCounts, double shape,
      double scale, int iterations) {
    double sum = 0;
    for (double a : alpha) sum += a;
    int[] limit = new int[alpha.length];
    for (int k = 0; k < alpha.length; k++) {
      limit[k] = -1;
      for (int c = 0; c < topicDocCounts[k].length; c++) if (topicDocCounts[k][c] > 0) limit[k] = c;
    }
    for (int it = 0; it < iterations; it++) {
      double denominator = 0;
      double digammaDiff = 0;
      for (int n = 1; n < docLengthCounts.length; n++) {
        digammaDiff += 1.0 / (sum + n - 1);
        denominator += docLengthCounts[n] * digammaDiff;
      }
      denominator -= 1.0 / scale;
      // On a tiny corpus the Gamma prior's 1/scale can outweigh the documents' term and the fixed point has no
      // positive solution (MALLET's update then returns negative alphas): keep the current alpha instead.
      if (!(denominator > 0)) break;
      double[] next = new double[alpha.length];
      double newSum = 0;
      for (int k = 0; k < alpha.length; k++) {
        double old = alpha[k];
        double numerator = 0;
        double d = 0;
        for (int c = 1; c <= limit[k]; c++) {
          d += 1.0 / (old + c - 1);
          numerator += topicDocCounts[k][c] * d;
        }
        next[k] = Math.max(MIN_ALPHA, old * (numerator + shape) / denominator);
        newSum += next[k];
      }
      if (!Double.isFinite(newSum)) break;
      System.arraycopy(next, 0, alpha, 0, alpha.length);
      sum = newSum;
    }
    return sum;
  }

  /**
   * The concentration (sum) of a symmetric Dirichlet (the topic-word prior, beta times vocabulary size) by
   * 200 fixed-point iterations, as MALLET's {@code learnSymmetricConcentration}.
   *
   * @param countHistogram {@code countHistogram[c]}: number of (word, topic) cells whose count is exactly c
   * @param topicSizes the token count of every topic (n_k)
   * @param dimensions vocabulary size
   * @param current current concentration (beta * V)
   * @return the new concentration
   */
  public static double learnSymmetricConcentration(int[] countHistogram, int[] topicSizes, int dimensions,
      double current) {
    int largest = 0;
    for (int c = 0; c < countHistogram.length; c++) if (countHistogram[c] > 0) largest = c;
    int[] sizes = topicSizes.clone();
    java.util.Arrays.sort(sizes);
    double value = current;
    for (int it = 0; it < 200; it++) {
      double param = value / dimensions;
      double d = 0;
      double numerator = 0;
      for (int c = 1; c <= largest; c++) {
        d += 1.0 / (param + c - 1);
        numerator += countHistogram[c] * d;
      }
      double denominator = 0;
      double base = digamma(value);
      for (int n : sizes) {
        if (n > 0) denominator += digamma(value + n) - base;
      }
      if (denominator <= 0 || numerator <= 0) break;
      value = param * numerator / denominator;
    }
    return value;
  }

  /** The digamma function (asymptotic series after shifting x to 10 or above); accurate to ~1e-12 for x &gt; 0. */
  public static double digamma(double x) {
    double r = 0;
    while (x < 10) {
      r -= 1 / x;
      x += 1;
    }
    double f = 1 / (x * x);
    return r + Math.log(x) - 0.5 / x
        - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))));
  }
}
