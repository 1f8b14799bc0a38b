package io.newslens.cli;

import io.newslens.analyze.AnalyzeParams;
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

  /** The validated parameters; a bad value is a usage error naming its flag. */
  public AnalyzeParams toParams() {
    try {
      return new AnalyzeParams(stemming, maxTokensPerDoc);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
