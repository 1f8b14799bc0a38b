package io.newslens.analyze;

import java.text.BreakIterator;
import java.util.Locale;
import java.util.Set;

/**
 * Paragraph and sentence boundaries of a cleaned text. Pure Java, no Spark.
 *
 * <p>A paragraph is a line: the clean stage puts each paragraph of a page on its own line (a blank line between
 * blocks). Sentences are found inside each paragraph with the JDK's {@link BreakIterator} (Unicode UAX #29
 * sentence rules), then a break is undone when the sentence before it ends with an abbreviation or an initial
 * ("M. Macron", "J. Biden", "Mme Borne", "Dr.", "St."), which UAX #29 cannot know. A sentence never crosses a
 * paragraph. Both indexes are 0-based and count over the whole document.
 */
public final class Sentences {
  private Sentences() {}

  /** Abbreviations (lower case, without the final period) after which a period does not end a sentence. */
  static final Set<String> ABBREVIATIONS = Set.of("m", "mm", "mme", "mmes", "mlle", "mlles", "mgr", "dr", "pr",
      "me", "st", "ste", "mr", "mrs", "ms", "jr", "sr", "gen", "gén", "col", "cdt", "lt", "sgt", "av", "bd", "art",
      "no", "n°", "vol", "p", "pp", "cf", "ex", "env", "vs", "fig", "prof", "rev", "gov", "sen", "rep", "hon",
      "inc", "ltd", "corp", "co", "dept", "univ", "approx", "réf", "ref", "chap", "éd", "ed");

  /** For each char position the paragraph index and the sentence index of the text, as two arrays of starts. */
  public record Boundaries(int[] paragraphStarts, int[] sentenceStarts) {}

  /** Paragraph starts and sentence starts (ascending char offsets, the first 0 when the text is non-empty). */
  public static Boundaries of(String text) {
    IntList paragraphs = new IntList();
    IntList sentences = new IntList();
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && text.charAt(i) == '\n') i++;
      if (i >= n) break;
      int end = text.indexOf('\n', i);
      if (end < 0) end = n;
      paragraphs.add(i);
      sentences.add(i);
      String para = text.substring(i, end);
      it.setText(para);
      int prev = 0;
      for (int b = it.next(); b != BreakIterator.DONE && b < para.length(); b = it.next()) {
        if (endsWithAbbreviation(para, prev, b)) continue;
        sentences.add(i + b);
        prev = b;
      }
      i = end;
    }
    return new Boundaries(paragraphs.toArray(), sentences.toArray());
  }

  /** True when the text in [from, to) ends with "&lt;abbreviation&gt;." or "&lt;initial&gt;." plus spaces. */
  static boolean endsWithAbbreviation(String s, int from, int to) {
    int e = to;
    while (e > from && Character.isWhitespace(s.charAt(e - 1))) e--;
    if (e <= from || s.charAt(e - 1) != '.') return false;
    int w = e - 1;
    while (w > from && !Character.isWhitespace(s.charAt(w - 1)) && s.charAt(w - 1) != '(') w--;
    String word = s.substring(w, e - 1);
    if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) return true; // an initial: "J. Biden"
    return ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
  }

  /** A growable int array. */
  static final class IntList {
    private int[] a = new int[16];
    private int n;

    void add(int v) {
      if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2);
      a[n++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
