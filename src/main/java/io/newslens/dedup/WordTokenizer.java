package io.newslens.dedup;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Splits a text into normalized words with their character offsets, so that two copies of an article that differ
 * only in typography (’ vs ', « » vs ", non-breaking spaces, accents written precomposed or combined, case) give
 * the same word sequence.
 *
 * <p>A word is a maximal run of letters and digits (combining marks are kept inside the word and dropped from its
 * normalized form); every other character separates words, so "l’Ukraine" and "l'Ukraine" both give {@code l},
 * {@code ukraine}, and "jeudi.Le" gives {@code jeudi}, {@code le}. Normalization: lower case ({@link Locale#ROOT}),
 * diacritics removed, ligatures œ æ ß expanded. Written by hand because it must return offsets into the original
 * text and run per character at corpus scale; Lucene's analyzers belong to the analyze stage.
 */
public final class WordTokenizer {
  private WordTokenizer() {}

  /** Normalized words and where each one is in the text: {@code text.substring(starts[i], ends[i])}. */
  public record Words(String[] tokens, int[] starts, int[] ends) {
    public int size() {
      return tokens.length;
    }
  }

  private static final int TABLE = 0x300;
  private static final String[] FOLD = new String[TABLE];

  static {
    for (int c = 0; c < TABLE; c++) {
      String s = Normalizer.normalize(String.valueOf((char) c), Normalizer.Form.NFKD);
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (Character.getType(ch) != Character.NON_SPACING_MARK) b.append(ch);
      }
      FOLD[c] = b.toString().toLowerCase(Locale.ROOT);
    }
    FOLD['œ'] = "oe";
    FOLD['Œ'] = "oe";
    FOLD['æ'] = "ae";
    FOLD['Æ'] = "ae";
    FOLD['ß'] = "ss";
  }

  /** The words of {@code text} (empty for null or blank text). */
  public static Words tokenize(String text) {
    if (text == null || text.isEmpty()) return new Words(new String[0], new int[0], new int[0]);
    int cap = Math.max(8, text.length() / 5);
    String[] tokens = new String[cap];
    int[] starts = new int[cap];
    int[] ends = new int[cap];
    int n = 0;
    StringBuilder word = new StringBuilder(32);
    int start = -1;
    int i = 0;
    int len = text.length();
    while (i <= len) {
      int cp = i < len ? text.codePointAt(i) : ' ';
      int width = i < len ? Character.charCount(cp) : 1;
      boolean inWord = Character.isLetterOrDigit(cp)
          || (start >= 0 && (Character.getType(cp) == Character.NON_SPACING_MARK
              || Character.getType(cp) == Character.COMBINING_SPACING_MARK));
      if (inWord) {
        if (start < 0) start = i;
        if (cp < TABLE) {
          word.append(FOLD[cp]);
        } else if (Character.getType(cp) != Character.NON_SPACING_MARK
            && Character.getType(cp) != Character.COMBINING_SPACING_MARK) {
          word.appendCodePoint(Character.toLowerCase(cp));
        }
      } else if (start >= 0) {
        if (n == tokens.length) {
          int c2 = n * 2;
          tokens = Arrays.copyOf(tokens, c2);
          starts = Arrays.copyOf(starts, c2);
          ends = Arrays.copyOf(ends, c2);
        }
        tokens[n] = word.toString();
        starts[n] = start;
        ends[n] = i;
        n++;
        word.setLength(0);
        start = -1;
      }
      i += width;
    }
    return new Words(Arrays.copyOf(tokens, n), Arrays.copyOf(starts, n), Arrays.copyOf(ends, n));
  }
}
