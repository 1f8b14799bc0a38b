package io.newslens.cli;

import io.newslens.clean.CleanParams;
import io.newslens.job.UsageException;
import picocli.CommandLine.Option;

/** Command-line options of the clean stage (a picocli mixin): boilerplate removal and language detection. */
public class CleanOptions {

  @Option(names = "--boilerplate-min-docs", paramLabel = "N", defaultValue = "" + CleanParams.DEFAULT_MIN_DOCS,
      description = "A line is boilerplate of its source when at least N distinct bodies of that source contain "
          + "it (and the fraction below). Default: ${DEFAULT-VALUE}")
  int boilerplateMinDocs;

  @Option(names = "--boilerplate-min-fraction", paramLabel = "F",
      defaultValue = "" + CleanParams.DEFAULT_MIN_FRACTION,
      description = "… and at least this fraction of the source's distinct bodies (0..1). Default: ${DEFAULT-VALUE}")
  double boilerplateMinFraction;

  @Option(names = "--boilerplate-max-line-chars", paramLabel = "N",
      defaultValue = "" + CleanParams.DEFAULT_MAX_LINE_CHARS,
      description = "Longer lines are never boilerplate by repetition (a long shared line is reuse). "
          + "Default: ${DEFAULT-VALUE}")
  int boilerplateMaxLineChars;

  @Option(names = "--boilerplate-patterns", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Remove news-site lines by their wording (share/comment prompts, 'Lire aussi' and other teaser "
          + "headers, paywall notices, footers, cookie notices…); --no-boilerplate-patterns keeps them. "
          + "Default: ${DEFAULT-VALUE}")
  boolean boilerplatePatterns;

  @Option(names = "--boilerplate-window-days", paramLabel = "D",
      defaultValue = "" + CleanParams.DEFAULT_WINDOW_DAYS,
      description = "Lines that repeat within days are boilerplate even when rare over the corpus: pages are grouped "
          + "by date (fetched_at, else published_at) in buckets of D days and a line is counted over its page's "
          + "bucket and the two next to it. 0 turns this off for dated pages. Default: ${DEFAULT-VALUE}")
  int boilerplateWindowDays;

  @Option(names = "--boilerplate-window-records", paramLabel = "N",
      defaultValue = "" + CleanParams.DEFAULT_WINDOW_RECORDS,
      description = "Undated pages are grouped by their place in their input file (a crawl or export keeps them in "
          + "order), N records a bucket; 0 turns this off. Default: ${DEFAULT-VALUE}")
  int boilerplateWindowRecords;

  @Option(names = "--boilerplate-window-min-docs", paramLabel = "N",
      defaultValue = "" + CleanParams.DEFAULT_WINDOW_MIN_DOCS,
      description = "A line (at most --boilerplate-window-max-line-chars, no sentence) repeats in the window when at "
          + "least N distinct pages of its source hold it there (a page is its URL, or its body without one; at "
          + "least 3). Default: ${DEFAULT-VALUE}")
  int boilerplateWindowMinDocs;

  @Option(names = "--boilerplate-window-min-fraction", paramLabel = "F",
      defaultValue = "" + CleanParams.DEFAULT_WINDOW_MIN_FRACTION,
      description = "… and is boilerplate wherever it stands when those pages are at least this fraction of the "
          + "source's pages in the window (0..1); below, only inside a block of short boilerplate lines. "
          + "Default: ${DEFAULT-VALUE}")
  double boilerplateWindowMinFraction;

  @Option(names = "--boilerplate-window-max-line-chars", paramLabel = "N",
      defaultValue = "" + CleanParams.DEFAULT_WINDOW_MAX_LINE_CHARS,
      description = "Longer lines are never boilerplate by repetition within the window. Default: ${DEFAULT-VALUE}")
  int boilerplateWindowMaxLineChars;

  @Option(names = "--boilerplate-structure", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Remove page chrome by its structure on plain text: news tickers, runs of menu items, link "
          + "lists of headlines, short lines between removed ones; --no-boilerplate-structure keeps them. "
          + "Default: ${DEFAULT-VALUE}")
  boolean boilerplateStructure;

  @Option(names = "--lang-sample-chars", paramLabel = "N", defaultValue = "" + CleanParams.DEFAULT_LANG_SAMPLE_CHARS,
      description = "Characters of the cleaned text read by the language detector. Default: ${DEFAULT-VALUE}")
  int langSampleChars;

  @Option(names = "--lang-min-letters", paramLabel = "N", defaultValue = "" + CleanParams.DEFAULT_LANG_MIN_LETTERS,
      description = "Texts with fewer letters get language 'und'. Default: ${DEFAULT-VALUE}")
  int langMinLetters;

  @Option(names = "--lang-min-confidence", paramLabel = "P",
      defaultValue = "" + CleanParams.DEFAULT_LANG_MIN_CONFIDENCE,
      description = "Below this confidence (best language's probability over best + runner-up, 0.5..1) the "
          + "language is 'und'. Default: ${DEFAULT-VALUE}")
  double langMinConfidence;

  /** The validated parameters; a bad value is a usage error naming its flag. */
  public CleanParams toParams() {
    try {
      return new CleanParams(boilerplateMinDocs, boilerplateMinFraction, boilerplateMaxLineChars,
          boilerplatePatterns, langSampleChars, langMinLetters, langMinConfidence, boilerplateWindowDays,
          boilerplateWindowRecords, boilerplateWindowMinDocs, boilerplateWindowMinFraction,
          boilerplateWindowMaxLineChars, boilerplateStructure);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
