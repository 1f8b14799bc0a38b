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
  /** Below U+0300: is the character part of a word? */
  private static final boolean[] WORD = new boolean[TABLE];

  static {
    for (int c = 0; c < TABLE; c++) {
      WORD[c] = Character.isLetterOrDigit(c);
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

  private static boolean isMark(int cp) {
    int t = Character.getType(cp);
    return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK;
  }

  /**
   * Receives a text's words as {@link #scan} finds them: the UTF-16 units of each normalized word in order, then the
   * word's end with its offsets into the text.
   */
  private interface WordSink {
    void unit(char c);

    void end(int start, int end);
  }

  /**
   * The one scan behind {@link #tokenize} and {@link #wordHashes}: walks {@code text} (not null) and hands every
   * word to {@code sink}, folded as the class Javadoc says.
   */
  private static void scan(String text, WordSink sink) {
    int start = -1;
    int i = 0;
    int len = text.length();
    while (i <= len) {
      boolean inWord;
      int width = 1;
      if (i == len) {
        inWord = false;
      } else {
        char ch = text.charAt(i);
        if (ch < TABLE) {
          inWord = WORD[ch];
          if (inWord) {
            String f = FOLD[ch];
            for (int k = 0; k < f.length(); k++) sink.unit(f.charAt(k));
          }
        } else {
          int cp = text.codePointAt(i);
          width = Character.charCount(cp);
          boolean mark = isMark(cp);
          inWord = Character.isLetterOrDigit(cp) || (start >= 0 && mark);
          if (inWord && !mark) {
            int lc = Character.toLowerCase(cp);
            if (Character.isBmpCodePoint(lc)) {
              sink.unit((char) lc);
            } else {
              sink.unit(Character.highSurrogate(lc));
              sink.unit(Character.lowSurrogate(lc));
            }
          }
        }
      }
      if (inWord) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        sink.end(start, i);
        start = -1;
      }
      i += width;
    }
  }

  /** The words of {@code text} (empty for null or blank text). */
  public static Words tokenize(String text) {
    if (text == null || text.isEmpty()) return new Words(new String[0], new int[0], new int[0]);
    int cap = Math.max(8, text.length() / 5);
    var sink = new WordSink() {
      String[] tokens = new String[cap];
      int[] starts = new int[cap];
      int[] ends = new int[cap];
      int n;
      char[] word = new char[64];
      int wlen;

      @Override
      public void unit(char c) {
        if (wlen == word.length) word = Arrays.copyOf(word, word.length * 2);
        word[wlen++] = c;
      }

      @Override
      public void end(int start, int end) {
        if (n == tokens.length) {
          tokens = Arrays.copyOf(tokens, n * 2);
          starts = Arrays.copyOf(starts, n * 2);
          ends = Arrays.copyOf(ends, n * 2);
        }
        tokens[n] = new String(word, 0, wlen);
        starts[n] = start;
        ends[n] = end;
        n++;
        wlen = 0;
      }
    };
    scan(text, sink);
    int n = sink.n;
    return new Words(Arrays.copyOf(sink.tokens, n), Arrays.copyOf(sink.starts, n), Arrays.copyOf(sink.ends, n));
  }

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  /**
   * The 64-bit hash of every word of {@code text}, in order: the same values as
   * {@code Shingler.wordHashes(tokenize(text).tokens())}, computed in one pass without building the words (FNV-1a
   * over the normalized word's UTF-16 units as they are produced, then {@link Shingler#fmix64}).
   */
  public static long[] wordHashes(String text) {
    if (text == null || text.isEmpty()) return new long[0];
    var sink = new WordSink() {
      long[] out = new long[Math.max(8, text.length() / 5)];
      int n;
      long h = FNV_OFFSET;

      @Override
      public void unit(char c) {
        h = (h ^ c) * FNV_PRIME;
      }

      @Override
      public void end(int start, int end) {
        if (n == out.length) out = Arrays.copyOf(out, n * 2);
        out[n++] = Shingler.fmix64(h);
        h = FNV_OFFSET;
      }
    };
    scan(text, sink);
    return Arrays.copyOf(sink.out, sink.n);
  }
}
