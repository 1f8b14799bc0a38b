package io.newslens.cli;

import io.newslens.analyze.AnalyzeParams;
import io.newslens.analyze.StopWords;
import io.newslens.job.UsageException;
import picocli.CommandLine.Option;

/** Command-line options of the analyze stage (a picocli mixin). */
public class AnalyzeOptions {

  @Option(names = "--stemming", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Terms are stems of the document's language (Lucene light stemmers); --no-stemming keeps "
          + "lower-cased words. Default: ${DEFAULT-VALUE}")
  boolean stemming;

  @Option(names = "--max-tokens-per-doc", paramLabel = "N", defaultValue = "" + AnalyzeParams.DEFAULT_MAX_TOKENS,
      description = "Tokens kept per document, in text order. Default: ${DEFAULT-VALUE}")
  int maxTokensPerDoc;

  @Option(names = "--stop-words", paramLabel = "FILE",
      description = "Stop words to add to the languages' own lists (flagged like them): a UTF-8 file, one line per "
          + "language: the language (en, fr, ... as in documents.lang; und for articles without an analyzer; * for "
          + "every language) then its words, separated by spaces; '#' starts a comment. Example line: en said mr mrs")
  java.nio.file.Path stopWords;

  /** The validated parameters; a bad value is a usage error naming its flag. */
  public AnalyzeParams toParams() {
    try {
      return new AnalyzeParams(stemming, maxTokensPerDoc,
          stopWords == null ? StopWords.NONE : StopWords.read(stopWords));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
