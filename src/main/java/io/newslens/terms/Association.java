package io.newslens.terms;

/**
 * Association and keyness measures over a 2×2 contingency table, plain Java so they can be checked by hand.
 *
 * <p>Collocations (a phrase x … y, scored as the pair of its first word x and last word y, the way Gensim's
 * {@code Phrases} scores phrases with connector words inside): c(xy) occurrences of the phrase, c(x) and c(y)
 * occurrences of its end words, N tokens in the language's counted corpus.
 * <pre>
 *                 y          not y
 *   x        O11 = c(xy)   O12 = c(x) − c(xy)
 *   not x    O21 = c(y) − c(xy)   O22 = N − c(x) − c(y) + c(xy)
 * </pre>
 * <ul>
 *   <li><b>PMI</b> (Church &amp; Hanks 1990), base 2: {@code log2( p(xy) / (p(x) p(y)) ) = log2( c(xy)·N / (c(x)·c(y)) )}
 *   with p(·) = c(·)/N.</li>
 *   <li><b>NPMI</b> (Bouma 2009): {@code PMI / −log2 p(xy)}, in [−1, 1]; 1 when p(xy) = 1 (x and y only ever occur
 *   together and fill the corpus), −1 when c(xy) = 0.</li>
 *   <li><b>G²</b>, log-likelihood (Dunning 1993): {@code 2 Σ Oij ln(Oij / Eij)} with Eij = row_i·col_j / N, natural
 *   logarithm, empty cells contributing 0. Always ≥ 0 (it measures association in either direction).</li>
 * </ul>
 *
 * <p>Keyness (a target part of the corpus against the rest, the reference): a occurrences of the term in the target
 * of n1 tokens, b occurrences in the reference of n2 tokens. G² is computed on the table
 * [[a, b], [n1 − a, n2 − b]] (Rayson &amp; Garside 2000). <b>Log ratio</b> (Hardie 2014):
 * {@code log2( (a/n1) / (b/n2) )}, a zero count replaced by 0.5 so the ratio stays finite.
 */
public final class Association {
  private Association() {}

  /** G² = 2 Σ O ln(O/E) of a 2×2 table given by its four cells (all ≥ 0). */
  public static double g2(double o11, double o12, double o21, double o22) {
    if (o11 < 0 || o12 < 0 || o21 < 0 || o22 < 0) {
      throw new IllegalArgumentException("contingency cells must be >= 0: " + o11 + ", " + o12 + ", " + o21 + ", "
          + o22);
    }
    double r1 = o11 + o12;
    double r2 = o21 + o22;
    double c1 = o11 + o21;
    double c2 = o12 + o22;
    double n = r1 + r2;
    if (n == 0) return 0.0;
    double s = term(o11, r1 * c1 / n) + term(o12, r1 * c2 / n) + term(o21, r2 * c1 / n) + term(o22, r2 * c2 / n);
    return Math.max(0.0, 2.0 * s);
  }

  private static double term(double o, double e) {
    return o == 0 ? 0.0 : o * Math.log(o / e);
  }

  /** PMI (base 2) of a pair seen cxy times, its parts cx and cy times, among n tokens. */
  public static double pmi(long cxy, long cx, long cy, long n) {
    checkPair(cxy, cx, cy, n);
    if (cxy == 0) return Double.NEGATIVE_INFINITY;
    return log2((double) cxy * n / ((double) cx * cy));
  }

  /** NPMI (Bouma 2009) of a pair: PMI / −log2 p(xy); −1 when cxy = 0, 1 when p(xy) = 1. */
  public static double npmi(long cxy, long cx, long cy, long n) {
    checkPair(cxy, cx, cy, n);
    if (cxy == 0) return -1.0;
    if (cxy == n) return 1.0;
    return pmi(cxy, cx, cy, n) / -log2((double) cxy / n);
  }

  /** G² of a pair from its counts (the collocation table in the class comment). */
  public static double g2Pair(long cxy, long cx, long cy, long n) {
    checkPair(cxy, cx, cy, n);
    return g2(cxy, cx - cxy, cy - cxy, Math.max(0, n - cx - cy + cxy));
  }

  /** G² of a term seen a times in a target of n1 tokens and b times in a reference of n2 tokens. */
  public static double g2Keyness(long a, long n1, long b, long n2) {
    checkKeyness(a, n1, b, n2);
    return g2(a, b, n1 - a, n2 - b);
  }

  /** Log ratio (Hardie 2014): log2((a/n1)/(b/n2)), a zero count replaced by 0.5. */
  public static double logRatio(long a, long n1, long b, long n2) {
    checkKeyness(a, n1, b, n2);
    if (n1 == 0 || n2 == 0) throw new IllegalArgumentException("log ratio needs two non-empty corpora");
    double fa = a == 0 ? 0.5 : a;
    double fb = b == 0 ? 0.5 : b;
    return log2((fa / n1) / (fb / n2));
  }

  private static void checkPair(long cxy, long cx, long cy, long n) {
    if (cxy < 0 || cxy > cx || cxy > cy || cx > n || cy > n) {
      throw new IllegalArgumentException("need 0 <= cxy <= cx, cy <= n, got cxy=" + cxy + ", cx=" + cx + ", cy="
          + cy + ", n=" + n);
    }
  }

  private static void checkKeyness(long a, long n1, long b, long n2) {
    if (a < 0 || b < 0 || a > n1 || b > n2) {
      throw new IllegalArgumentException("need 0 <= a <= n1 and 0 <= b <= n2, got a=" + a + ", n1=" + n1 + ", b="
          + b + ", n2=" + n2);
    }
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
