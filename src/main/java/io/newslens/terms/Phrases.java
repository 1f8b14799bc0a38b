package io.newslens.terms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collocation candidates of one document: every run of 2 or 3 consecutive tokens inside one sentence whose first
 * and last tokens are not stop words (stop words may sit inside: "Corée du Nord", "Conseil de sécurité").
 * Written by hand because it is a dozen lines over the analyze stage's own token arrays; Lucene's
 * {@code ShingleFilter} works on a live token stream inside an analyzer and knows neither our sentence indices nor
 * the begin/end-with-a-stop-word rule.
 */
public final class Phrases {
  private Phrases() {}

  /** Shortest and longest phrase, in tokens. */
  public static final int MIN_N = 2;
  public static final int MAX_N = 3;

  /** One occurrence of a candidate phrase: its terms (the key) and the words as written, joined by a space. */
  public record Candidate(List<String> terms, String surface) {}

  /**
   * Candidates in text order (by start token, then length). The four arrays describe the document's tokens in
   * text order and must have the same length.
   */
  public static List<Candidate> candidates(String[] terms, String[] surfaces, int[] sentences, boolean[] stops) {
    int len = terms.length;
    if (surfaces.length != len || sentences.length != len || stops.length != len) {
      throw new IllegalArgumentException("token arrays differ in length");
    }
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; i < len; i++) {
      if (stops[i]) continue;
      for (int n = MIN_N; n <= MAX_N && i + n <= len; n++) {
        int last = i + n - 1;
        if (sentences[last] != sentences[i]) break;
        if (stops[last]) continue;
        StringBuilder surface = new StringBuilder(surfaces[i]);
        for (int k = i + 1; k <= last; k++) surface.append(' ').append(surfaces[k]);
        out.add(new Candidate(List.copyOf(Arrays.asList(terms).subList(i, last + 1)), surface.toString()));
      }
    }
    return out;
  }
}
