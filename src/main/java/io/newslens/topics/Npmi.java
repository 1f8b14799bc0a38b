package io.newslens.topics;

/**
 * Normalized pointwise mutual information of term pairs from document co-occurrence (Bouma 2009; the topic
 * coherence of Lau, Newman and Baldwin 2014 averaged over the pairs of a topic's top terms). Pure Java, no Spark.
 *
 * <p>With N documents, n_i and n_j documents holding each term and n_ij holding both:
 * {@code npmi = log(p_ij / (p_i p_j)) / -log(p_ij)}, p = n / N; a pair that never co-occurs scores -1, a pair that
 * always co-occurs (p_ij = 1) scores 1.
 */
public final class Npmi {
  private Npmi() {}

  public static double pair(long ni, long nj, long nij, long n) {
    if (n <= 0 || ni <= 0 || nj <= 0) throw new IllegalArgumentException("counts must be positive");
    if (nij > Math.min(ni, nj)) throw new IllegalArgumentException("n_ij > min(n_i, n_j)");
    if (nij == 0) return -1.0;
    if (nij == n) return 1.0;
    double pij = (double) nij / n;
    double pmi = Math.log(pij / (((double) ni / n) * ((double) nj / n)));
    return pmi / -Math.log(pij);
  }

  /**
   * Mean NPMI over all pairs i &lt; j of a topic's top terms.
   *
   * @param df document frequency of each top term
   * @param co {@code co[i][j]} (i &lt; j): documents holding both term i and term j
   * @param n documents in the reference corpus
   */
  public static double mean(long[] df, long[][] co, long n) {
    int m = df.length;
    if (m < 2) return 0.0;
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        sum += pair(df[i], df[j], co[i][j], n);
        pairs++;
      }
    }
    return sum / pairs;
  }
}
