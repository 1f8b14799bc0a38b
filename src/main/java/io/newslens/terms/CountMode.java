package io.newslens.terms;

import java.util.Locale;

/** What one unit of counting is when duplicate clusters and stories exist. */
public enum CountMode {
  /** Each duplicate cluster counts once, through its representative (default). */
  CLUSTER,
  /** Every article counts, reprints included. */
  RAW,
  /**
   * Each story counts once, through its first article (the stories stage's rank_in_story 1): a story told by forty
   * outlets over a week counts as one article, in the period and source of the one that had it first.
   */
  STORY;

  /** The name used on the command line and in the manifest: "cluster", "raw" or "story". */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
