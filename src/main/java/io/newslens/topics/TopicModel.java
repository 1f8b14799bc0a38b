package io.newslens.topics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A fitted topic model, whatever the algorithm: the per-topic term weights (top terms only), the document-topic
 * prior, the mixtures of the fitted documents and inference for other documents.
 */
public interface TopicModel {

  /** Number of topics. */
  int k();

  /** Algorithm id: gibbs, online or em. */
  String algorithm();

  /** Iterations run. */
  int iterations();

  /** {@code topTermIds()[k]}: term ids of topic k by weight descending, ties by term id; at least 10 each. */
  int[][] topTermIds();

  /** P(term | topic) of the entries of {@link #topTermIds()}. */
  double[][] topTermWeights();

  /**
   * The topics' (pseudo-)counts of every vocabulary term, K × V: a row normalized is P(term | topic), a column sum
   * over the grand total the term's share of the model's tokens. Used to rank terms other ways than by probability
   * ({@link TermRanking}).
   */
  double[][] termCounts();

  /** The document-topic Dirichlet prior (asymmetric after optimization). */
  double[] alpha();

  /** The mixture of a document without vocabulary terms: the prior mean alpha / sum(alpha). */
  default double[] priorMixture() {
    double[] a = alpha();
    double s = 0;
    for (double x : a) s += x;
    double[] m = new double[a.length];
    for (int i = 0; i < a.length; i++) m[i] = a[i] / s;
    return m;
  }

  /** doc_id, mixture (array&lt;double&gt; summing to 1) of every fitted document with at least one term. */
  Dataset<Row> fittedMixtures();

  /** doc_id, mixture for documents given as bags (doc_id, term_ids, counts, length &gt; 0) that were not fitted. */
  Dataset<Row> infer(Dataset<Row> bags);

  /** Releases cached data. */
  void release();
}
