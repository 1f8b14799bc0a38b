package io.newslens.reuse;

import java.io.Serializable;

/**
 * Parameters of the reuse stage.
 *
 * @param ngram words per anchor n-gram ({@code --reuse-ngram})
 * @param maxDocs an n-gram found in more documents than this is too common to anchor anything and is skipped, which
 *     bounds the pairs one n-gram can produce to maxDocs² / 2 ({@code --reuse-max-docs})
 * @param boilerplateDocs an n-gram found in at least this many documents of one source is that source's
 *     boilerplate, not reuse, and is skipped ({@code --reuse-boilerplate-docs})
 * @param minAnchors a pair of documents is aligned only when it shares at least this many anchor n-grams
 *     ({@code --reuse-min-anchors})
 * @param maxGap largest gap, in words of either text, bridged inside one passage ({@code --reuse-max-gap})
 * @param minWords fewest identical words a reported passage contains ({@code --reuse-min-words})
 * @param minContentWords fewest content words (not function words, not numbers) a reported passage holds; 0 turns
 *     the test off ({@code --reuse-min-content-words}, see {@link PassageFilter})
 * @param nounPhraseWords a passage of fewer matched words than this without a clause word (verb form, pronoun,
 *     relative) is a name or noun phrase, not reuse; 0 turns the test off ({@code --reuse-noun-phrase-words})
 */
public record ReuseParams(int ngram, int maxDocs, int boilerplateDocs, int minAnchors, int maxGap, int minWords,
    int minContentWords, int nounPhraseWords) implements Serializable {

  public ReuseParams {
    if (ngram < 2 || ngram > 20) throw new IllegalArgumentException("--reuse-ngram must be between 2 and 20, got " + ngram);
    if (maxDocs < 2) throw new IllegalArgumentException("--reuse-max-docs must be >= 2, got " + maxDocs);
    if (boilerplateDocs < 2) {
      throw new IllegalArgumentException("--reuse-boilerplate-docs must be >= 2, got " + boilerplateDocs);
    }
    if (minAnchors < 1) throw new IllegalArgumentException("--reuse-min-anchors must be >= 1, got " + minAnchors);
    if (maxGap < 0 || maxGap > 1000) {
      throw new IllegalArgumentException("--reuse-max-gap must be between 0 and 1000, got " + maxGap);
    }
    if (minWords < ngram) {
      throw new IllegalArgumentException("--reuse-min-words must be >= --reuse-ngram (" + ngram + "), got " + minWords);
    }
    if (minContentWords < 0 || minContentWords > minWords) {
      throw new IllegalArgumentException("--reuse-min-content-words must be between 0 and --reuse-min-words ("
          + minWords + "), got " + minContentWords);
    }
    if (nounPhraseWords < 0 || nounPhraseWords > 1000) {
      throw new IllegalArgumentException("--reuse-noun-phrase-words must be between 0 (off) and 1000, got "
          + nounPhraseWords);
    }
  }

  /** The same with the passage filter's settings (0 and 0 report every aligned passage). */
  public ReuseParams withPassageFilter(int contentWords, int phraseWords) {
    return new ReuseParams(ngram, maxDocs, boilerplateDocs, minAnchors, maxGap, minWords, contentWords, phraseWords);
  }

  public static final int DEFAULT_NGRAM = 5;
  public static final int DEFAULT_MAX_DOCS = 100;
  public static final int DEFAULT_BOILERPLATE_DOCS = 5;
  public static final int DEFAULT_MIN_ANCHORS = 2;
  public static final int DEFAULT_MAX_GAP = 12;
  public static final int DEFAULT_MIN_WORDS = 10;
  public static final int DEFAULT_MIN_CONTENT_WORDS = 5;
  public static final int DEFAULT_NOUN_PHRASE_WORDS = 20;

  public static ReuseParams defaults() {
    return new ReuseParams(DEFAULT_NGRAM, DEFAULT_MAX_DOCS, DEFAULT_BOILERPLATE_DOCS, DEFAULT_MIN_ANCHORS,
        DEFAULT_MAX_GAP, DEFAULT_MIN_WORDS, DEFAULT_MIN_CONTENT_WORDS, DEFAULT_NOUN_PHRASE_WORDS);
  }
}
