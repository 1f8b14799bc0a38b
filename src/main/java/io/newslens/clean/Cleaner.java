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
 * <p>First each line alone; a line is removed by the first rule that applies:
 * <ol>
 *   <li>it lies in a span removed before cleaning (the parts of a web page its extractor left out of the article):
 *       the span's reason; no other rule sees such a line, not even as a neighbour;</li>
 *   <li>its wording is a news-site pattern ({@link BoilerplatePatterns#reason}), paywall notices and teasers
 *       included;</li>
 *   <li>it follows a teaser header ("you may also like:", "A lire aussi", "Les plus lus"), is short (at most
 *       {@value #LINK_LIST_MAX_CHARS} chars) and at most {@value #LINK_LIST_MAX_LINES} lines down: {@code read_also};</li>
 *   <li>its key is in the source's repeated set (computed by the stage over the whole source):
 *       {@code repeated_in_source};</li>
 *   <li>it is an exact copy of an earlier kept line of the same document (a headline printed twice):
 *       {@code repeated_in_document}.</li>
 * </ol>
 * Then the lines in their context ({@link PageStructure}): news tickers, menus, link lists, lines that are no
 * sentence ({@link #windowed}) and repeat on enough pages of their source within the time window (the stage's
 * counts, {@link Repetition#inWindow}) unless they stand alone between paragraphs, and kept short lines between
 * removed ones.
 *
 * <p>The cleaned text keeps the remaining lines in order: one line break between lines that were consecutive, a
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
    List<Long> out = new ArrayList<>();
    candidates(raw, maxLineChars, 0, (h, windowed) -> out.add(h));
    out.add(DOCUMENT_KEY);
    long[] a = new long[out.size()];
    for (int i = 0; i < a.length; i++) a[i] = out.get(i);
    return a;
  }

  /** Receives a document's candidate line keys. */
  public interface KeySink {
    /** A distinct line-key hash; {@code windowed} when the line is short enough for the windowed rule. */
    void key(long hash, boolean windowed);
  }

  /**
   * Gives {@code sink} the distinct hashes of the lines that may count as repeated: non-empty and at most
   * {@code maxLineChars} long (the corpus-wide rule), each flagged when it is also at most {@code windowMaxLineChars}
   * long (the windowed rule). A key is given once, at its first line, with the flag of that line (equal keys have
   * equal lengths).
   */
  public static void candidates(String raw, int maxLineChars, int windowMaxLineChars, KeySink sink) {
    scan(raw, maxLineChars, windowMaxLineChars, false, (h, windowed, counted) -> sink.key(h, windowed));
  }

  /** Receives the line keys {@link #clean} may look up in a document. */
  public interface LookupSink {
    /**
     * A distinct line-key hash; {@code windowed} as for {@link KeySink}; {@code counted} when it is one of the
     * document's {@link #candidates}, else it is only looked up (its only raw lines are over twice the limit, yet
     * normalize within it: runs of white space).
     */
    void key(long hash, boolean windowed, boolean counted);
  }

  /**
   * Gives {@code sink} every line key of {@code raw} that {@link #clean} may look up in the repetition counts with
   * these limits: the {@link #candidates} (counted), then the keys only lines too long to count hold (once each,
   * never a candidate's key). A superset of what one cleaning looks up (lines removed by an earlier rule are not
   * looked up): what an update needs to find the documents a changed count may change.
   */
  public static void lookups(String raw, int maxLineChars, int windowMaxLineChars, LookupSink sink) {
    scan(raw, maxLineChars, windowMaxLineChars, true, sink);
  }

  private static void scan(String raw, int maxLineChars, int windowMaxLineChars, boolean lookups,
      LookupSink sink) {
    if (raw == null) return;
    Set<Long> seen = new HashSet<>();
    java.util.Map<Long, Boolean> uncounted = lookups ? new java.util.LinkedHashMap<>() : null;
    int limit = Math.max(maxLineChars, windowMaxLineChars);
    int n = raw.length();
    int start = 0;
    for (int i = 0; i <= n; i++) {
      if (i < n && !isBreak(raw.charAt(i))) continue;
      int from = start;
      int rawLength = i - start;
      if (i + 1 < n && raw.charAt(i) == '\r' && raw.charAt(i + 1) == '\n') i++;
      start = i + 1;
      // normalization shrinks a line or grows it by a few glued-sentence spaces: a raw line twice too long is out
      // (and is not even copied) of the counts
      boolean counted = rawLength <= 2 * limit;
      if (rawLength == 0 || (!counted && (!lookups || surelyOver(raw, from, i, limit)))) continue;
      // (a cleaned line over KEY_MAX_CHARS, whose key in clean is itself, is over the limit either way)
      String key = Normalizer.key(Normalizer.line(raw.substring(from, from + rawLength)));
      if (key.isEmpty() || key.length() > limit) continue;
      boolean windowed = windowed(key, windowMaxLineChars);
      if (key.length() > maxLineChars && !windowed) continue;
      long h = lineHash(key);
      if (!counted) uncounted.putIfAbsent(h, windowed);
      else if (seen.add(h)) sink.key(h, windowed, true);
    }
    if (uncounted != null) {
      uncounted.forEach((h, windowed) -> {
        if (!seen.contains(h)) sink.key(h, windowed, false);
      });
    }
  }

  /**
   * Whether the key of the raw line {@code raw[from, to)} is surely longer than {@code limit}, without normalizing it:
   * when more than {@code limit} of its chars are below U+0300 and neither white space, dropped nor bullets. Each
   * such char stays one char of the key: NFC never composes it into the char before it (the second char of every
   * canonical composition is at or above U+0300) nor drops it, {@link Normalizer#line} keeps it, and folding and
   * lower-casing never shorten a string. Stops reading once sure.
   */
  static boolean surelyOver(String raw, int from, int to, int limit) {
    int solid = 0;
    for (int i = from; i < to; i++) {
      char c = raw.charAt(i);
      if (c < '\u0300' && !Normalizer.isSpace(c) && !Normalizer.isDropped(c) && !Normalizer.isBullet(c)
          && ++solid > limit) {
        return true;
      }
    }
    return false;
  }

  /**
   * May the line with this key be boilerplate by repetition within the time window? When it is at most
   * {@code windowMaxLineChars} long and does not end a statement (., …, : or ;): the windowed rule takes headlines,
   * labels, menu items and teasers; a sentence that a few pages of one source share within days is a developing
   * story's content, left to the corpus-wide rule.
   */
  public static boolean windowed(String key, int windowMaxLineChars) {
    return !key.isEmpty() && key.length() <= windowMaxLineChars && !PageStructure.endsStatement(key);
  }

  /** The hash of a line key, never {@link #DOCUMENT_KEY}. */
  public static long lineHash(String key) {
    long h = Normalizer.hash64(key);
    return h == DOCUMENT_KEY ? DOCUMENT_KEY + 1 : h;
  }

  /**
   * What the stage learned about the document's source: which line keys (their {@link #lineHash}) repeat over the
   * whole source, and which within the document's time window.
   */
  public interface Repetition {
    /** Not repeated in the window. */
    int NO = 0;
    /** Repeated in enough pages of the window: boilerplate when the line stands in a block of short lines. */
    int WEAK = 1;
    /**
     * Repeated on a large enough share of the window's pages: boilerplate unless the line stands alone between two
     * paragraphs (a developing story's subheading, repeated in its articles of the day).
     */
    int STRONG = 2;

    /** Is the key in the source's repeated set (the corpus-wide rule)? */
    boolean inSource(long keyHash);

    /** {@link #NO}, {@link #WEAK} or {@link #STRONG}. */
    int inWindow(long keyHash);

    /** The corpus-wide rule alone. */
    static Repetition ofSource(LongPredicate repeatedInSource) {
      return new Repetition() {
        @Override
        public boolean inSource(long keyHash) {
          return repeatedInSource.test(keyHash);
        }

        @Override
        public int inWindow(long keyHash) {
          return NO;
        }
      };
    }
  }

  /**
   * The settings of the rules.
   *
   * @param patterns the wording rules ({@link BoilerplatePatterns}) and teaser headers
   * @param structure the structural rules of {@link PageStructure} (tickers, menus, link lists, blocks)
   * @param maxLineChars longer lines are never boilerplate by repetition over the source
   * @param windowMaxLineChars longer lines are never boilerplate by repetition within the time window
   */
  public record Rules(boolean patterns, boolean structure, int maxLineChars, int windowMaxLineChars) {}

  /**
   * Cleans {@code raw} with the line rules only (no time window, no structural rules). {@code repeatedInSource}
   * answers whether a line-key hash is boilerplate for this document's source; {@code patterns} turns the wording
   * rules on.
   */
  public static Cleaned clean(String raw, LongPredicate repeatedInSource, boolean patterns, int maxLineChars) {
    return clean(raw, List.of(), repeatedInSource, patterns, maxLineChars);
  }

  /**
   * Cleans {@code raw} with the line rules only, after removing the lines that overlap a {@code preRemoved} span (in
   * text order, not overlapping) with the span's reason.
   */
  public static Cleaned clean(String raw, List<PreRemoved> preRemoved, LongPredicate repeatedInSource,
      boolean patterns, int maxLineChars) {
    return clean(raw, preRemoved, Repetition.ofSource(repeatedInSource), new Rules(patterns, false, maxLineChars, 0));
  }

  /** Cleans {@code raw}: the line rules, then the structural rules (see the class comment). */
  public static Cleaned clean(String raw, Repetition repetition, Rules rules) {
    return clean(raw, List.of(), repetition, rules);
  }

  /**
   * Cleans {@code raw} whose lines overlapping a {@code preRemoved} span (in text order, not overlapping) are removed
   * first, with the span's reason; the line rules, then the structural rules, see only the lines left.
   */
  public static Cleaned clean(String raw, List<PreRemoved> preRemoved, Repetition repetition, Rules rules) {
    if (raw == null || raw.isEmpty()) return new Cleaned("", List.of());
    int span = 0;
    List<Line> lines = lines(raw);
    int n = lines.size();
    String[] reasons = new String[n];
    boolean[] pre = new boolean[n];
    int[] window = new int[n];
    Set<String> keptKeys = new HashSet<>();
    int linkListLeft = 0;
    for (int i = 0; i < n; i++) {
      Line l = lines.get(i);
      if (l.cleaned().isEmpty()) continue;
      while (span < preRemoved.size() && preRemoved.get(span).end() <= l.start()) span++;
      if (span < preRemoved.size() && preRemoved.get(span).start() < l.end()) {
        reasons[i] = preRemoved.get(span).reason();
        pre[i] = true;
        continue;
      }
      String key = l.key();
      String reason = rules.patterns() ? BoilerplatePatterns.reason(key) : null;
      if (reason == null && linkListLeft > 0 && key.length() <= LINK_LIST_MAX_CHARS) {
        reason = BoilerplatePatterns.READ_ALSO;
      }
      linkListLeft = reason == null ? 0 : linkListLeft - 1;
      if (rules.patterns() && BoilerplatePatterns.isLinkListHeader(key)) {
        if (reason == null) reason = BoilerplatePatterns.READ_ALSO;
        linkListLeft = LINK_LIST_MAX_LINES;
      }
      long hash = 0;
      if (reason == null && key.length() <= rules.maxLineChars()) {
        hash = lineHash(key);
        if (repetition.inSource(hash)) reason = BoilerplatePatterns.REPEATED_IN_SOURCE;
      }
      if (reason == null && windowed(key, rules.windowMaxLineChars())) {
        if (hash == 0) hash = lineHash(key);
        window[i] = repetition.inWindow(hash);
      }
      if (reason == null && !keptKeys.add(key)) reason = BoilerplatePatterns.REPEATED_IN_DOCUMENT;
      reasons[i] = reason;
    }
    PageStructure.apply(lines, pre, reasons, window, rules.structure());

    List<Removal> removals = new ArrayList<>();
    StringBuilder text = new StringBuilder(raw.length());
    boolean blankSinceLastKept = false;
    for (int i = 0; i < n; i++) {
      Line l = lines.get(i);
      if (l.cleaned().isEmpty()) {
        blankSinceLastKept = true;
        continue;
      }
      if (reasons[i] != null) {
        removals.add(new Removal(l.start(), l.end(), reasons[i], raw.substring(l.start(), l.end())));
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
