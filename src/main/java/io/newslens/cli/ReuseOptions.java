package io.newslens.cli;

import io.newslens.job.UsageException;
import io.newslens.reuse.ReuseParams;
import picocli.CommandLine.Option;

/** Options of the reuse stage (a picocli mixin); {@link #toParams()} validates them into {@link ReuseParams}. */
public class ReuseOptions {

  @Option(names = "--reuse-ngram", paramLabel = "N", defaultValue = "" + ReuseParams.DEFAULT_NGRAM,
      description = "Words per anchor n-gram. Default: ${DEFAULT-VALUE}")
  int ngram;

  @Option(names = "--reuse-max-docs", paramLabel = "N", defaultValue = "" + ReuseParams.DEFAULT_MAX_DOCS,
      description = "Skip n-grams found in more documents than this. Default: ${DEFAULT-VALUE}")
  int maxDocs;

  @Option(names = "--reuse-boilerplate-docs", paramLabel = "N",
      defaultValue = "" + ReuseParams.DEFAULT_BOILERPLATE_DOCS,
      description = "An n-gram in this many documents of one source is its boilerplate. Default: ${DEFAULT-VALUE}")
  int boilerplateDocs;

  @Option(names = "--reuse-min-anchors", paramLabel = "N", defaultValue = "" + ReuseParams.DEFAULT_MIN_ANCHORS,
      description = "Shared anchor n-grams a pair needs to be aligned. Default: ${DEFAULT-VALUE}")
  int minAnchors;

  @Option(names = "--reuse-max-gap", paramLabel = "N", defaultValue = "" + ReuseParams.DEFAULT_MAX_GAP,
      description = "Largest gap (words) bridged inside one passage. Default: ${DEFAULT-VALUE}")
  int maxGap;

  @Option(names = "--reuse-min-words", paramLabel = "N", defaultValue = "" + ReuseParams.DEFAULT_MIN_WORDS,
      description = "Fewest identical words in a reported passage. Default: ${DEFAULT-VALUE}")
  int minWords;

  @Option(names = "--reuse-min-content-words", paramLabel = "N",
      defaultValue = "" + ReuseParams.DEFAULT_MIN_CONTENT_WORDS,
      description = "Fewest content words (not function words or numbers) in a reported passage: stock phrases and "
          + "taglines are mostly function words. 0: off. Default: ${DEFAULT-VALUE}")
  int minContentWords;

  @Option(names = "--reuse-noun-phrase-words", paramLabel = "N",
      defaultValue = "" + ReuseParams.DEFAULT_NOUN_PHRASE_WORDS,
      description = "A passage of fewer matched words without a verb form, pronoun or relative is a name or noun "
          + "phrase, not reuse (French and English lexicon). 0: off. Default: ${DEFAULT-VALUE}")
  int nounPhraseWords;

  /** The validated parameters; a bad value is a {@link UsageException} naming its flag. */
  public ReuseParams toParams() {
    try {
      return new ReuseParams(ngram, maxDocs, boilerplateDocs, minAnchors, maxGap, minWords, minContentWords,
          nounPhraseWords);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
