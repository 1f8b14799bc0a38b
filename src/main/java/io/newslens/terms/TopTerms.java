package io.newslens.terms;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A document's most distinctive terms, the rows of the doc_terms table: its content terms ranked by weight tf·idf,
 * highest first, ties by term (in code point order, which is the byte order Spark sorts UTF-8 strings in), the first
 * --top-terms kept. One document at a time from its own term array, so the stage no longer explodes every
 * document's (term, tf) pairs and shuffles them by document to rank them with a window. Plain Java, no Spark.
 *
 * <p>A term's idf is that of its language ({@link TermWeights#idf} over the counted documents); a term no counted
 * document holds (only in an uncounted reprint) has df = 0, and a document without a language, or of a language
 * without counted documents, has n = 0.
 */
final class TopTerms implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One ranked term of a document. */
  record Ranked(String term, long tf, double idf, double weight, int rank) {}

  private final Map<String, Map<String, Double>> idfByLang;
  private final Map<String, Long> docsByLang;

  /**
   * @param idfByLang  per language (never null), per term: its idf
   * @param docsByLang per language: its counted documents (n of an idf with df = 0)
   */
  TopTerms(Map<String, Map<String, Double>> idfByLang, Map<String, Long> docsByLang) {
    this.idfByLang = idfByLang;
    this.docsByLang = docsByLang;
  }

  /** The idf of a term in a document of language {@code lang} (null: no language). */
  double idf(String lang, String term) {
    if (lang == null) return TermWeights.idf(0, 0);
    Map<String, Double> idf = idfByLang.get(lang);
    Double v = idf == null ? null : idf.get(term);
    if (v != null) return v;
    Long n = docsByLang.get(lang);
    return TermWeights.idf(0, n == null ? 0 : n);
  }

  /**
   * The first {@code top} of a document's terms by weight, best first, ranks from 1.
   *
   * @param terms the document's distinct content terms
   * @param tfs   their occurrences, in the same order
   */
  List<Ranked> rank(String lang, List<String> terms, List<Long> tfs, int top) {
    if (terms == null || terms.isEmpty()) return List.of();
    if (tfs == null || tfs.size() != terms.size()) {
      throw new IllegalArgumentException("a document's terms and tfs differ in length: " + terms.size() + " and "
          + (tfs == null ? "null" : tfs.size()));
    }
    int k = terms.size();
    double[] idf = new double[k];
    double[] weight = new double[k];
    Integer[] order = new Integer[k];
    for (int i = 0; i < k; i++) {
      idf[i] = idf(lang, terms.get(i));
      weight[i] = tfs.get(i) * idf[i];
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Double.compare(weight[b], weight[a]);
      return c != 0 ? c : TermCounts.compareCodePoints(terms.get(a), terms.get(b));
    });
    int n = Math.min(top, k);
    List<Ranked> out = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      int i = order[r];
      out.add(new Ranked(terms.get(i), tfs.get(i), idf[i], weight[i], r + 1));
    }
    return out;
  }
}
