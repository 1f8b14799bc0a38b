package io.newslens.terms;

/**
 * Gries' deviation of proportions (DP; Gries 2008, "Dispersions and adjusted frequencies in corpora"), the
 * dispersion of a term over the parts of a corpus, here its articles. With part i holding n_i of the corpus's N
 * (content) tokens and f_i of the term's F occurrences:
 * <pre>  DP = ½ Σ_i | f_i/F − n_i/N |  =  Σ_i max(0, f_i/F − n_i/N)</pre>
 * (the two sums are equal because both proportions sum to 1). DP is 0 when the term is spread exactly as the text
 * is and approaches 1 when it sits in one small part of a large corpus: "frequent because three articles repeat it"
 * gives a DP near 1 whatever its count. Only parts holding the term (f_i &gt; 0) add to the second form, which is
 * what makes it computable as a sum over a term's (document, count) pairs once F and N are known.
 *
 * <p>Why DP and not Juilland's D: D assumes parts of equal size (articles are not: 50 to 2,000 words) and with
 * thousands of parts it bunches near 1 (D = 1 − CV/√(n − 1)), so it cannot rank terms; DP takes the parts' sizes
 * into account and keeps its range with any number of parts. Plain Java, no Spark.
 */
public final class Dispersion {
  private Dispersion() {}

  /** One part's share of DP: max(0, f/F − n/N); requires F, N &gt; 0. */
  public static double contribution(long f, long n, long totalF, long totalN) {
    if (totalF <= 0 || totalN <= 0) {
      throw new IllegalArgumentException("DP needs positive totals, got F=" + totalF + ", N=" + totalN);
    }
    return Math.max(0.0, (double) f / totalF - (double) n / totalN);
  }

  /** DP over all parts: f[i] occurrences of the term and n[i] tokens in part i (the reference formula). */
  public static double dp(long[] f, long[] n) {
    if (f.length != n.length) throw new IllegalArgumentException("f and n differ in length");
    long totalF = 0;
    long totalN = 0;
    for (int i = 0; i < f.length; i++) {
      if (f[i] < 0 || n[i] < 0 || f[i] > n[i]) {
        throw new IllegalArgumentException("part " + i + " needs 0 <= f <= n, got f=" + f[i] + ", n=" + n[i]);
      }
      totalF += f[i];
      totalN += n[i];
    }
    double half = 0;
    for (int i = 0; i < f.length; i++) half += Math.abs((double) f[i] / totalF - (double) n[i] / totalN);
    return half / 2;
  }
}
