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
      description = "Remove news-site lines by their wording (share/comment prompts, 'Lire aussi', footers, "
          + "cookie notices…); --no-boilerplate-patterns keeps them. Default: ${DEFAULT-VALUE}")
  boolean boilerplatePatterns;

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
          boilerplatePatterns, langSampleChars, langMinLetters, langMinConfidence);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
