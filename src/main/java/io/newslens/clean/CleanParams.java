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
 * @param patterns remove news-site pattern lines (share prompts, "Lire aussi", footers…)
 *     ({@code --boilerplate-patterns})
 * @param langSampleChars characters of the cleaned text given to the language detector ({@code --lang-sample-chars})
 * @param langMinLetters fewer letters than this: language "und" ({@code --lang-min-letters})
 * @param langMinConfidence below this confidence (best language's probability over best + second best,
 *     see {@link LanguageDetector.Detected}): language "und" ({@code --lang-min-confidence})
 */
public record CleanParams(int repeatMinDocs, double repeatMinFraction, int repeatMaxLineChars, boolean patterns,
    int langSampleChars, int langMinLetters, double langMinConfidence) implements Serializable {

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
  }

  public static final int DEFAULT_MIN_DOCS = 10;
  public static final double DEFAULT_MIN_FRACTION = 0.02;
  public static final int DEFAULT_MAX_LINE_CHARS = 500;
  public static final int DEFAULT_LANG_SAMPLE_CHARS = 400;
  public static final int DEFAULT_LANG_MIN_LETTERS = 20;
  public static final double DEFAULT_LANG_MIN_CONFIDENCE = 0.55;

  public static CleanParams defaults() {
    return new CleanParams(DEFAULT_MIN_DOCS, DEFAULT_MIN_FRACTION, DEFAULT_MAX_LINE_CHARS, true,
        DEFAULT_LANG_SAMPLE_CHARS, DEFAULT_LANG_MIN_LETTERS, DEFAULT_LANG_MIN_CONFIDENCE);
  }
}
