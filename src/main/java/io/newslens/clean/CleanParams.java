package io.newslens.clean;

import java.io.Serializable;

/**
 * Clean-stage parameters.
 *
 * @param repeatMinDocs a line is repeated boilerplate only if at least this many distinct bodies of its source
 *     contain it ({@code --boilerplate-min-docs})
 * @param repeatMinFraction … and at least this fraction of the source's distinct bodies
 *     ({@code --boilerplate-min-fraction})
 * @param repeatMaxLineChars lines longer than this are never boilerplate by repetition: a long shared line is
 *     content reuse ({@code --boilerplate-max-line-chars})
 * @param patterns remove news-site pattern lines (share prompts, "Lire aussi", paywall notices, footers…)
 *     ({@code --boilerplate-patterns})
 * @param langSampleChars characters of the cleaned text given to the language detector ({@code --lang-sample-chars})
 * @param langMinLetters fewer letters than this: language "und" ({@code --lang-min-letters})
 * @param langMinConfidence below this confidence (best language's probability over best + second best,
 *     see {@link LanguageDetector.Detected}): language "und" ({@code --lang-min-confidence})
 * @param windowDays pages are bucketed by their date (fetched_at, else published_at) in buckets of this many days,
 *     and a line is counted over its page's bucket and the two next to it; 0 turns the windowed rule off for dated
 *     pages ({@code --boilerplate-window-days})
 * @param windowRecords undated pages are bucketed by their place in their input file, this many records a bucket;
 *     0 turns the windowed rule off for them ({@code --boilerplate-window-records})
 * @param windowMinPages a line is repeated in the window when at least this many distinct pages of its source hold
 *     it there (a page is its URL, or its body when it has none) ({@code --boilerplate-window-min-docs})
 * @param windowMinFraction … and it is boilerplate wherever it stands when those pages are at least this fraction
 *     of the source's pages in the window; below, only when it stands in a block of short boilerplate lines
 *     ({@code --boilerplate-window-min-fraction})
 * @param windowMaxLineChars lines longer than this are never boilerplate by repetition in a window
 *     ({@code --boilerplate-window-max-line-chars})
 * @param structure remove page chrome by its structure: news tickers, menus, link lists, and short lines between
 *     removed ones ({@code --boilerplate-structure})
 */
public record CleanParams(int repeatMinDocs, double repeatMinFraction, int repeatMaxLineChars, boolean patterns,
    int langSampleChars, int langMinLetters, double langMinConfidence, int windowDays, int windowRecords,
    int windowMinPages, double windowMinFraction, int windowMaxLineChars, boolean structure) implements Serializable {

  public CleanParams {
    if (repeatMinDocs < 2) {
      throw new IllegalArgumentException("--boilerplate-min-docs must be at least 2, got " + repeatMinDocs);
    }
    if (!(repeatMinFraction >= 0.0 && repeatMinFraction <= 1.0)) {
      throw new IllegalArgumentException("--boilerplate-min-fraction must be between 0 and 1, got " + repeatMinFraction);
    }
    if (repeatMaxLineChars < 1 || repeatMaxLineChars > 2000) {
      throw new IllegalArgumentException("--boilerplate-max-line-chars must be between 1 and 2000, got "
          + repeatMaxLineChars);
    }
    if (langSampleChars < 20) {
      throw new IllegalArgumentException("--lang-sample-chars must be at least 20, got " + langSampleChars);
    }
    if (langMinLetters < 0) {
      throw new IllegalArgumentException("--lang-min-letters must be at least 0, got " + langMinLetters);
    }
    if (!(langMinConfidence >= 0.0 && langMinConfidence <= 1.0)) {
      throw new IllegalArgumentException("--lang-min-confidence must be between 0 and 1, got " + langMinConfidence);
    }
    if (windowDays < 0 || windowDays > 366) {
      throw new IllegalArgumentException("--boilerplate-window-days must be between 0 (off) and 366, got "
          + windowDays);
    }
    if (windowRecords != 0 && (windowRecords < 10 || windowRecords > 10_000_000)) {
      throw new IllegalArgumentException("--boilerplate-window-records must be 0 (off) or between 10 and "
          + "10000000, got " + windowRecords);
    }
    if (windowMinPages < 3) {
      throw new IllegalArgumentException("--boilerplate-window-min-docs must be at least 3 (an article and its "
          + "update share every line), got " + windowMinPages);
    }
    if (!(windowMinFraction >= 0.0 && windowMinFraction <= 1.0)) {
      throw new IllegalArgumentException("--boilerplate-window-min-fraction must be between 0 and 1, got "
          + windowMinFraction);
    }
    if (windowMaxLineChars < 1 || windowMaxLineChars > 2000) {
      throw new IllegalArgumentException("--boilerplate-window-max-line-chars must be between 1 and 2000, got "
          + windowMaxLineChars);
    }
  }

  public static final int DEFAULT_MIN_DOCS = 10;
  public static final double DEFAULT_MIN_FRACTION = 0.02;
  public static final int DEFAULT_MAX_LINE_CHARS = 500;
  public static final int DEFAULT_LANG_SAMPLE_CHARS = 400;
  public static final int DEFAULT_LANG_MIN_LETTERS = 20;
  public static final double DEFAULT_LANG_MIN_CONFIDENCE = 0.55;
  public static final int DEFAULT_WINDOW_DAYS = 2;
  public static final int DEFAULT_WINDOW_RECORDS = 1000;
  public static final int DEFAULT_WINDOW_MIN_DOCS = 4;
  public static final double DEFAULT_WINDOW_MIN_FRACTION = 0.2;
  public static final int DEFAULT_WINDOW_MAX_LINE_CHARS = 200;

  public static CleanParams defaults() {
    return new CleanParams(DEFAULT_MIN_DOCS, DEFAULT_MIN_FRACTION, DEFAULT_MAX_LINE_CHARS, true,
        DEFAULT_LANG_SAMPLE_CHARS, DEFAULT_LANG_MIN_LETTERS, DEFAULT_LANG_MIN_CONFIDENCE, DEFAULT_WINDOW_DAYS,
        DEFAULT_WINDOW_RECORDS, DEFAULT_WINDOW_MIN_DOCS, DEFAULT_WINDOW_MIN_FRACTION, DEFAULT_WINDOW_MAX_LINE_CHARS,
        true);
  }

  /** Is any windowed counting on? */
  public boolean windowed() {
    return windowDays > 0 || windowRecords > 0;
  }

  /** The same with the windowed rule set (0 days and 0 records turn it off). */
  public CleanParams withWindow(int days, int records, int minPages, double minFraction, int maxLineChars) {
    return new CleanParams(repeatMinDocs, repeatMinFraction, repeatMaxLineChars, patterns, langSampleChars,
        langMinLetters, langMinConfidence, days, records, minPages, minFraction, maxLineChars, structure);
  }

  /** The same with the structural rules on or off. */
  public CleanParams withStructure(boolean on) {
    return new CleanParams(repeatMinDocs, repeatMinFraction, repeatMaxLineChars, patterns, langSampleChars,
        langMinLetters, langMinConfidence, windowDays, windowRecords, windowMinPages, windowMinFraction,
        windowMaxLineChars, on);
  }

  /** The same with the wording rules on or off. */
  public CleanParams withPatterns(boolean on) {
    return new CleanParams(repeatMinDocs, repeatMinFraction, repeatMaxLineChars, on, langSampleChars,
        langMinLetters, langMinConfidence, windowDays, windowRecords, windowMinPages, windowMinFraction,
        windowMaxLineChars, structure);
  }
}
