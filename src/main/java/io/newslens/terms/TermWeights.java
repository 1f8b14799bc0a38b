package io.newslens.terms;

/**
 * Document-frequency weights of the terms stage, plain Java so they can be checked by hand.
 *
 * <p><b>idf</b> (smoothed, the formula of Spark MLlib's {@code IDF}):
 * <pre>  idf(t) = ln( (N + 1) / (df(t) + 1) )</pre>
 * where N is the number of counted documents of the term's language and df(t) the number of those documents
 * containing t at least once. The +1 keeps idf finite for a term no counted document holds (df = 0, e.g. a word
 * seen only in a duplicate that was not counted) and makes a term present in every document weigh 0.
 *
 * <p><b>tf-idf</b> of a term in one document: {@code tf × idf}, tf being the raw number of occurrences of the
 * term in that document.
 */
public final class TermWeights {
  private TermWeights() {}

  /** ln((n + 1) / (df + 1)); requires 0 ≤ df ≤ n. */
  public static double idf(long df, long n) {
    if (df < 0 || n < 0 || df > n) {
      throw new IllegalArgumentException("idf needs 0 <= df <= n, got df=" + df + ", n=" + n);
    }
    return Math.log((n + 1.0) / (df + 1.0));
  }
}
