package io.newslens.terms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collocation candidates of one document: every run of 2 or 3 consecutive tokens inside one sentence whose first
 * and last tokens are not stop words (stop words may sit inside: "Corée du Nord", "Conseil de sécurité").
 * The surface of an occurrence is the document's text from the first token's start to the last token's end, runs
 * of white space made one space ("invasion de l’Ukraine", elided article included), when the text is known and
 * agrees with every token's offsets; otherwise the tokens' surfaces joined by a space ("invasion de Ukraine").
 * With the text known, a phrase also never crosses punctuation: between two of its tokens there may only be white
 * space, letters (an elided article) and apostrophes or hyphens ("Russie, Chine" is not a candidate).
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
    return candidates(terms, surfaces, sentences, stops, null, null, null);
  }

  /**
   * Candidates with surfaces taken from the text (see the class comment); starts, ends and text may be null.
   */
  public static List<Candidate> candidates(String[] terms, String[] surfaces, int[] sentences, boolean[] stops,
      int[] starts, int[] ends, String text) {
    int len = terms.length;
    if (surfaces.length != len || sentences.length != len || stops.length != len
        || (starts != null && starts.length != len) || (ends != null && ends.length != len)) {
      throw new IllegalArgumentException("token arrays differ in length");
    }
    boolean spans = text != null && starts != null && ends != null && offsetsMatch(surfaces, starts, ends, text);
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; i < len; i++) {
      if (stops[i]) continue;
      for (int n = MIN_N; n <= MAX_N && i + n <= len; n++) {
        int last = i + n - 1;
        if (sentences[last] != sentences[i]) break;
        if (spans && !joins(text, ends[last - 1], starts[last])) break;
        if (stops[last]) continue;
        String surface;
        if (spans) {
          surface = oneSpace(text, starts[i], ends[last]);
        } else {
          StringBuilder joined = new StringBuilder(surfaces[i]);
          for (int k = i + 1; k <= last; k++) joined.append(' ').append(surfaces[k]);
          surface = joined.toString();
        }
        out.add(new Candidate(List.copyOf(Arrays.asList(terms).subList(i, last + 1)), surface));
      }
    }
    return out;
  }

  /** Whether every token's offsets point at its surface in the text (else the text is not the tokens' text). */
  private static boolean offsetsMatch(String[] surfaces, int[] starts, int[] ends, String text) {
    for (int k = 0; k < surfaces.length; k++) {
      if (starts[k] < 0 || ends[k] > text.length() || ends[k] - starts[k] != surfaces[k].length()
          || !text.regionMatches(starts[k], surfaces[k], 0, surfaces[k].length())) {
        return false;
      }
    }
    return true;
  }

  /** Whether text[from, to) may sit inside a phrase: white space, letters, apostrophes, hyphens only. */
  private static boolean joins(String text, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      if (!(Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isLetter(c) || c == '\'' || c == '’'
          || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /**
   * text[from, to) with every run of white space (Java regex {@code \\s}, no-break and narrow no-break spaces) made
   * one space; the substring itself when it holds none but single spaces, as nearly every phrase does.
   */
  static String oneSpace(String text, int from, int to) {
    boolean plain = true;
    for (int k = from; k < to && plain; k++) {
      char c = text.charAt(k);
      if (isWhite(c) && (c != ' ' || (k + 1 < to && isWhite(text.charAt(k + 1))))) plain = false;
    }
    if (plain) return text.substring(from, to);
    StringBuilder b = new StringBuilder(to - from);
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      if (!isWhite(c)) b.append(c);
      else if (k == from || !isWhite(text.charAt(k - 1))) b.append(' '); // the first of a run
    }
    return b.toString();
  }

  /** The characters of the regex class [\\s\\u00A0\\u202F]. */
  private static boolean isWhite(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u00A0'
        || c == '\u202F';
  }
}
