package io.newslens.analyze;

import java.io.Serializable;

/**
 * Analyze-stage parameters.
 *
 * @param stemming terms are stems (true) or lower-cased words (false) ({@code --stemming} / {@code --no-stemming})
 * @param maxTokensPerDocument tokens kept per document, in text order; the rest of a longer document is not
 *     analyzed ({@code --max-tokens-per-doc})
 * @param stopWords stop words added to the languages' own lists ({@code --stop-words FILE}; {@link StopWords#NONE}
 *     when none)
 */
public record AnalyzeParams(boolean stemming, int maxTokensPerDocument, StopWords stopWords) implements Serializable {

  public static final int DEFAULT_MAX_TOKENS = 200_000;

  /** The parameters without added stop words. */
  public AnalyzeParams(boolean stemming, int maxTokensPerDocument) {
    this(stemming, maxTokensPerDocument, StopWords.NONE);
  }

  public AnalyzeParams {
    if (stopWords == null) stopWords = StopWords.NONE;
    if (maxTokensPerDocument < 1) {
      throw new IllegalArgumentException("--max-tokens-per-doc must be positive, got " + maxTokensPerDocument);
    }
  }

  public static AnalyzeParams defaults() {
    return new AnalyzeParams(true, DEFAULT_MAX_TOKENS);
  }
}
