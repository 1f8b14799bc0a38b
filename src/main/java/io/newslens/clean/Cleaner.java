package io.newslens.clean;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Cleans one document: splits the raw text into lines, normalizes each ({@link Normalizer#line}), removes
 * boilerplate lines and records each removal with its offsets into the raw text. Pure Java, no Spark.
 *
 * <p>A line is removed, first rule that applies:
 * <ol>
 *   <li>it lies in a span removed before cleaning (the parts of a web page its extractor left out of the article):
 *       the span's reason;</li>
 *   <li>its wording is a news-site pattern ({@link BoilerplatePatterns#reason});</li>
 *   <li>it follows a "you may also like:" header, is short (at most {@value #LINK_LIST_MAX_CHARS} chars) and at
 *       most {@value #LINK_LIST_MAX_LINES} lines down: {@code read_also};</li>
 *   <li>its key is in the source's repeated set (computed by the stage over the whole source):
 *       {@code repeated_in_source};</li>
 *   <li>it is an exact copy of an earlier kept line of the same document (a headline printed twice):
 *       {@code repeated_in_document}.</li>
 * </ol>
 * The cleaned text keeps the remaining lines in order: one line break between lines that were consecutive, a
 * blank line where the raw text had one (or where removed lines stood between two paragraphs).
 */
public final class Cleaner {
  private Cleaner() {}

  static final int LINK_LIST_MAX_CHARS = 150;
  static final int LINK_LIST_MAX_LINES = 5;
  /** Longest line whose comparison key is computed: longer than every pattern rule's limit. */
  static final int KEY_MAX_CHARS = 2000;

  /**
   * A reserved key that {@link #candidateKeys} adds once per document, so one aggregation counts both lines and
   * documents; a line whose hash happens to equal it is given {@code DOCUMENT_KEY + 1}.
   */
  public static final long DOCUMENT_KEY = Long.MIN_VALUE;

  /** One removed line: offsets into the raw text (end exclusive), reason code, the raw line as written. */
  public record Removal(int start, int end, String reason, String removed) {}

  /**
   * A span of the raw text removed before cleaning (offsets, end exclusive): every line it overlaps is removed with
   * its reason.
   */
  public record PreRemoved(int start, int end, String reason) {}

  /** The cleaned text and what was removed from it, in text order. */
  public record Cleaned(String text, List<Removal> removals) {}

  /** A raw line: its offsets, its cleaned form and its comparison key. */
  record Line(int start, int end, String cleaned, String key) {}

  /** Splits on \n, \r, U+2028 and U+2029, keeping each line's offsets into {@code raw}. */
  static List<Line> lines(String raw) {
    List<Line> out = new ArrayList<>();
    int n = raw.length();
    int start = 0;
    for (int i = 0; i <= n; i++) {
      if (i == n || isBreak(raw.charAt(i))) {
        String cleaned = Normalizer.line(raw.substring(start, i));
        // no rule and no repeated-line check looks at a line this long: its key is the cleaned line itself
        String key = cleaned.length() > KEY_MAX_CHARS ? cleaned : Normalizer.key(cleaned);
        out.add(new Line(start, i, cleaned, key));
        if (i + 1 < n && raw.charAt(i) == '\r' && raw.charAt(i + 1) == '\n') i++; // CRLF is one break
        start = i + 1;
      }
    }
    return out;
  }

  private static boolean isBreak(char c) {
    return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
  }

  /**
   * The distinct hashes ({@link Normalizer#hash64} of the key) of the lines that may count as repeated in a
   * source: non-empty and at most {@code maxLineChars} long, then {@link #DOCUMENT_KEY}. Longer lines are content
   * or reuse, never boilerplate by repetition.
   */
  public static long[] candidateKeys(String raw, int maxLineChars) {
    Set<Long> seen = new HashSet<>();
    List<Long> out = new ArrayList<>();
    if (raw == null) raw = "";
    int n = raw.length();
    int start = 0;
    for (int i = 0; i <= n; i++) {
      if (i < n && !isBreak(raw.charAt(i))) continue;
      int from = start;
      int rawLength = i - start;
      if (i + 1 < n && raw.charAt(i) == '\r' && raw.charAt(i + 1) == '\n') i++;
      start = i + 1;
      // normalization shrinks a line or grows it by a few glued-sentence spaces: a raw line twice too long is out
      // (and is not even copied)
      if (rawLength == 0 || rawLength > 2 * maxLineChars) continue;
      String key = Normalizer.key(Normalizer.line(raw.substring(from, from + rawLength)));
      if (key.isEmpty() || key.length() > maxLineChars) continue;
      long h = lineHash(key);
      if (seen.add(h)) out.add(h);
    }
    out.add(DOCUMENT_KEY);
    long[] a = new long[out.size()];
    for (int i = 0; i < a.length; i++) a[i] = out.get(i);
    return a;
  }

  /** The hash of a line key, never {@link #DOCUMENT_KEY}. */
  public static long lineHash(String key) {
    long h = Normalizer.hash64(key);
    return h == DOCUMENT_KEY ? DOCUMENT_KEY + 1 : h;
  }

  /**
   * Cleans {@code raw}. {@code repeatedInSource} answers whether a line-key hash is boilerplate for this
   * document's source; {@code patterns} turns the wording rules on.
   */
  public static Cleaned clean(String raw, LongPredicate repeatedInSource, boolean patterns, int maxLineChars) {
    return clean(raw, List.of(), repeatedInSource, patterns, maxLineChars);
  }

  /**
   * Cleans {@code raw} whose lines overlapping a {@code preRemoved} span (in text order, not overlapping) are
   * removed first, with the span's reason; the other rules see only the lines left.
   */
  public static Cleaned clean(String raw, List<PreRemoved> preRemoved, LongPredicate repeatedInSource,
      boolean patterns, int maxLineChars) {
    if (raw == null || raw.isEmpty()) return new Cleaned("", List.of());
    int span = 0;
    List<Line> lines = lines(raw);
    List<Removal> removals = new ArrayList<>();
    Set<String> keptKeys = new HashSet<>();
    StringBuilder text = new StringBuilder(raw.length());
    boolean blankSinceLastKept = false;
    int linkListLeft = 0;
    for (Line l : lines) {
      if (l.cleaned().isEmpty()) {
        blankSinceLastKept = true;
        continue;
      }
      while (span < preRemoved.size() && preRemoved.get(span).end() <= l.start()) span++;
      if (span < preRemoved.size() && preRemoved.get(span).start() < l.end()) {
        removals.add(new Removal(l.start(), l.end(), preRemoved.get(span).reason(),
            raw.substring(l.start(), l.end())));
        blankSinceLastKept = true;
        continue;
      }
      String reason = patterns ? BoilerplatePatterns.reason(l.key()) : null;
      if (reason == null && linkListLeft > 0 && l.key().length() <= LINK_LIST_MAX_CHARS) {
        reason = BoilerplatePatterns.READ_ALSO;
      }
      linkListLeft = reason == null ? 0 : linkListLeft - 1;
      if (patterns && BoilerplatePatterns.isLinkListHeader(l.key())) {
        if (reason == null) reason = BoilerplatePatterns.READ_ALSO;
        linkListLeft = LINK_LIST_MAX_LINES;
      }
      if (reason == null && l.key().length() <= maxLineChars
          && repeatedInSource.test(lineHash(l.key()))) {
        reason = BoilerplatePatterns.REPEATED_IN_SOURCE;
      }
      if (reason == null && !keptKeys.add(l.key())) reason = BoilerplatePatterns.REPEATED_IN_DOCUMENT;
      if (reason != null) {
        removals.add(new Removal(l.start(), l.end(), reason, raw.substring(l.start(), l.end())));
        blankSinceLastKept = true;
        continue;
      }
      if (text.length() > 0) text.append(blankSinceLastKept ? "\n\n" : "\n");
      text.append(l.cleaned());
      blankSinceLastKept = false;
    }
    return new Cleaned(text.toString(), removals);
  }
}
