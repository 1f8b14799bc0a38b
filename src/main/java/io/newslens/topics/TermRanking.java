package io.newslens.topics;

import java.util.Arrays;

/**
 * Ways to rank a topic's terms, from the topic-term distributions phi (phi[k][w] = P(w | k)) and the terms' corpus
 * shares p (p[w] = P(w), their share of the fitted tokens). Plain Java, no Spark; every ranking breaks ties by
 * term id.
 *
 * <ul>
 *   <li><b>probability</b>: phi[k][w] alone, which puts the corpus's common words first in many topics;
 *   <li><b>relevance</b> (Sievert &amp; Shirley 2014, LDAvis): λ·log phi[k][w] + (1 − λ)·log(phi[k][w] / p[w]); λ = 1
 *       is the probability ranking, λ = 0 the lift, which favours rare words; LDAvis's user study found λ ≈ 0.6 best;
 *   <li><b>FREX</b> (Bischof &amp; Airoldi 2012, stm's {@code calcfrex}): the weighted harmonic mean of a term's
 *       empirical CDF ranks within the topic by exclusivity (phi[k][w] / Σ_j phi[j][w]) and by frequency
 *       (phi[k][w]): 1 / (ω / ecdf_excl + (1 − ω) / ecdf_freq).
 * </ul>
 */
public final class TermRanking {
  private TermRanking() {}

  /** Sievert &amp; Shirley's relevance of a term of probability {@code phi} in the topic and {@code p} overall. */
  public static double relevance(double phi, double p, double lambda) {
    return lambda * Math.log(phi) + (1 - lambda) * Math.log(phi / p);
  }

  /** Relevance of every term in topic k. */
  public static double[] relevance(double[] phiK, double[] p, double lambda) {
    double[] r = new double[phiK.length];
    for (int w = 0; w < r.length; w++) r[w] = relevance(phiK[w], p[w], lambda);
    return r;
  }

  /** FREX of every term in topic k with weight {@code omega} on exclusivity (stm's default 0.5). */
  public static double[] frex(double[][] phi, int k, double omega) {
    int v = phi[k].length;
    double[] excl = new double[v];
    for (int w = 0; w < v; w++) {
      double s = 0;
      for (double[] topic : phi) s += topic[w];
      excl[w] = phi[k][w] / s;
    }
    double[] fe = ecdf(excl);
    double[] ff = ecdf(phi[k]);
    double[] out = new double[v];
    for (int w = 0; w < v; w++) out[w] = 1 / (omega / fe[w] + (1 - omega) / ff[w]);
    return out;
  }

  /** The empirical CDF of each value among all: the share of values &lt;= it. */
  static double[] ecdf(double[] x) {
    double[] sorted = x.clone();
    Arrays.sort(sorted);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      // the index after the last value <= x[i]
      int lo = 0;
      int hi = sorted.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (sorted[mid] <= x[i]) lo = mid + 1;
        else hi = mid;
      }
      out[i] = (double) lo / x.length;
    }
    return out;
  }

  /** The ids of the {@code n} highest scores, highest first, ties by smaller id. */
  public static int[] top(double[] score, int n) {
    Integer[] order = new Integer[score.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> {
      int c = Double.compare(score[b], score[a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int m = Math.min(n, order.length);
    int[] out = new int[m];
    for (int i = 0; i < m; i++) out[i] = order[i];
    return out;
  }

  /**
   * P(w | k) and P(w) from topic-term (pseudo-)counts c (K × V): phi[k][w] = c[k][w] / Σ_w c[k][w], p[w] = Σ_k
   * c[k][w] / Σ c, the term's share of the model's tokens.
   */
  public record Distributions(double[][] phi, double[] p) {
    public static Distributions of(double[][] counts) {
      int kk = counts.length;
      int v = kk == 0 ? 0 : counts[0].length;
      double[][] phi = new double[kk][v];
      double[] p = new double[v];
      double total = 0;
      for (int k = 0; k < kk; k++) {
        double s = 0;
        for (int w = 0; w < v; w++) s += counts[k][w];
        for (int w = 0; w < v; w++) {
          phi[k][w] = counts[k][w] / s;
          p[w] += counts[k][w];
        }
        total += s;
      }
      for (int w = 0; w < v; w++) p[w] /= total;
      return new Distributions(phi, p);
    }
  }
}
