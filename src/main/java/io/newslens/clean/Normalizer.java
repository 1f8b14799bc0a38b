package io.newslens.clean;

import java.text.Normalizer.Form;
import java.util.Locale;

/**
 * Line-level text normalization of the clean stage. Pure Java, no Spark.
 *
 * <p>{@link #line} turns one raw line into its cleaned form, in this order:
 * <ol>
 *   <li>Unicode NFC;</li>
 *   <li>non-breaking, narrow and other Unicode spaces and tabs become a plain space; zero-width characters, the BOM
 *       and other control characters are dropped;</li>
 *   <li>a leading bullet (•, ◦, ▪, ‣, ●, ■, ►, …) is removed;</li>
 *   <li>glued sentences are separated: "jeudi.Le gouvernement" becomes "jeudi. Le gouvernement" (a sentence end
 *       after a lower-case letter, digit, % or closing quote, directly followed by an upper-case letter or an
 *       opening quote and an upper-case letter);</li>
 *   <li>runs of white space become one space, and the line is stripped.</li>
 * </ol>
 * Typographic apostrophes and quotes stay as written; {@link #key} folds them (and case, and white space) to
 * compare lines across documents. Written by hand because it is a handful of character rules that no library
 * bundles in this combination; {@link java.text.Normalizer} does the NFC part.
 */
public final class Normalizer {
  private Normalizer() {}

  /** The cleaned form of one line (no line breaks inside). */
  public static String line(String raw) {
    String s = java.text.Normalizer.isNormalized(raw, Form.NFC) ? raw : java.text.Normalizer.normalize(raw, Form.NFC);
    StringBuilder b = new StringBuilder(s.length() + 8);
    int n = s.length();
    boolean lastSpace = true; // strips leading space
    boolean atStart = true;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        if (!lastSpace) b.append(' ');
        lastSpace = true;
        continue;
      }
      if (isDropped(c)) continue;
      if (atStart && isBullet(c)) continue; // a leading bullet, possibly after spaces
      atStart = false;
      b.append(c);
      lastSpace = false;
      if (isSentenceEnd(c) && i + 1 < n && glued(s, i)) {
        b.append(' ');
        lastSpace = true;
      }
    }
    int len = b.length();
    while (len > 0 && b.charAt(len - 1) == ' ') len--;
    b.setLength(len);
    return b.toString();
  }

  /** True when the sentence end at {@code i} is glued to the next sentence ("jeudi.Le", "dit».Il", "?R:"). */
  static boolean glued(String s, int i) {
    if (i == 0) return false;
    char prev = s.charAt(i - 1);
    boolean prevOk = Character.isLowerCase(prev) || Character.isDigit(prev) || prev == '%' || prev == ')'
        || prev == '"' || prev == '»' || prev == '”' || prev == '\'' || prev == '’';
    if (!prevOk) return false;
    char next = s.charAt(i + 1);
    if (Character.isUpperCase(next)) return true;
    if ((next == '"' || next == '«' || next == '“') && i + 2 < s.length()) {
      char after = s.charAt(i + 2);
      return Character.isUpperCase(after) || (after == ' ' && next == '«');
    }
    return false;
  }

  static boolean isSentenceEnd(char c) {
    return c == '.' || c == '!' || c == '?' || c == '…';
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\u00A0' || c == '\u202F' || c == '\u2007' || c == '\u205F'
        || c == '\u3000' || c == '\u1680' || (c >= '\u2000' && c <= '\u200A') || c == '\u2028' || c == '\u2029'
        || c == '\u000B' || c == '\u000C' || c == '\u0085';
  }

  static boolean isDropped(char c) {
    return c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF' || c == '\u00AD'
        || (c < 0x20 && c != '\n') || c == 0x7F;
  }

  static boolean isBullet(char c) {
    return c == '•' || c == '◦' || c == '▪' || c == '▫' || c == '‣' || c == '⁃' || c == '●' || c == '○'
        || c == '■' || c == '□' || c == '►' || c == '▸' || c == '➢' || c == '✓' || c == '✔' || c == '·';
  }

  /**
   * The comparison form of a cleaned line: lower case (Locale.ROOT), typographic apostrophes and quotes folded
   * to ' and ", dashes to -. Two lines with the same key count as the same line across documents.
   */
  public static String key(String cleanedLine) {
    return fold(cleanedLine).toLowerCase(Locale.ROOT);
  }

  /** Folds typographic apostrophes, quotes and dashes to ASCII, one char for one char (offsets don't move). */
  public static String fold(String s) {
    char[] out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char f = foldChar(c);
      if (f != c) {
        if (out == null) out = s.toCharArray();
        out[i] = f;
      }
    }
    return out == null ? s : new String(out);
  }

  /** The ASCII form of a typographic apostrophe, quote or dash; any other char unchanged. */
  public static char foldChar(char c) {
    switch (c) {
      case '\u2019': case '\u2018': case '\u02BC': case '\u2032': case '\u00B4': case '\u0060': case '\u201B':
        return '\'';
      case '\u00AB': case '\u00BB': case '\u201C': case '\u201D': case '\u201E': case '\u201F': case '\u2033':
        return '"';
      case '\u2010': case '\u2011': case '\u2012': case '\u2013': case '\u2014': case '\u2015': case '\u2212':
        return '-';
      default:
        return c;
    }
  }

  /** A 64-bit FNV-1a hash of a line key (stable across JVMs, unlike String.hashCode's 32 bits). */
  public static long hash64(String key) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      h ^= (c & 0xff);
      h *= 0x100000001b3L;
      h ^= (c >>> 8);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
