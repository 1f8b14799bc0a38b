package io.newslens.cli;

import io.newslens.job.UsageException;
import io.newslens.stories.StoriesParams;
import io.newslens.stories.UnitVector;
import io.newslens.terms.PeriodUnit;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options of the stories stage (a picocli mixin); {@link #toParams()} validates them into {@link StoriesParams}. */
public class StoriesOptions {

  @Option(names = "--story-threshold", paramLabel = "S", defaultValue = "" + StoriesParams.DEFAULT_THRESHOLD,
      description = "An article joins a story when its cosine with the story's centroid reaches this. "
          + "Default: ${DEFAULT-VALUE}")
  double threshold;

  @Option(names = "--story-edge-threshold", paramLabel = "S",
      defaultValue = "" + StoriesParams.DEFAULT_EDGE_THRESHOLD,
      description = "Two articles are candidates of one story at this cosine over their posted features. "
          + "Default: ${DEFAULT-VALUE}")
  double edgeThreshold;

  @Option(names = "--story-max-gap", paramLabel = "DAYS", defaultValue = "" + StoriesParams.DEFAULT_MAX_GAP_DAYS,
      description = "An article joins a story only within this many days of its articles. Default: ${DEFAULT-VALUE}")
  int maxGap;

  @Option(names = "--story-max-span", paramLabel = "DAYS", defaultValue = "" + StoriesParams.DEFAULT_MAX_SPAN_DAYS,
      description = "Longest time between a story's first and last articles. Default: ${DEFAULT-VALUE}")
  int maxSpan;

  @Option(names = "--story-features", paramLabel = "N", defaultValue = "" + StoriesParams.DEFAULT_FEATURES,
      description = "Terms and names kept per article, by tf-idf. Default: ${DEFAULT-VALUE}")
  int features;

  @Option(names = "--story-posted-features", paramLabel = "N",
      defaultValue = "" + StoriesParams.DEFAULT_POSTED_FEATURES,
      description = "An article's strongest features used to find candidates. Default: ${DEFAULT-VALUE}")
  int posted;

  @Option(names = "--story-min-df", paramLabel = "N", defaultValue = "" + StoriesParams.DEFAULT_MIN_DF,
      description = "A term or name counts when at least this many articles hold it. Default: ${DEFAULT-VALUE}")
  int minDf;

  @Option(names = "--story-title-boost", paramLabel = "X", defaultValue = "" + StoriesParams.DEFAULT_TITLE_BOOST,
      description = "Weight multiplier of a term or name written in the title. Default: ${DEFAULT-VALUE}")
  double titleBoost;

  @Option(names = "--story-name-boost", paramLabel = "X", defaultValue = "" + StoriesParams.DEFAULT_NAME_BOOST,
      description = "Weight multiplier of a proper name. Default: ${DEFAULT-VALUE}")
  double nameBoost;

  @Option(names = "--story-tf", paramLabel = "TF", defaultValue = StoriesParams.DEFAULT_TF_FLAG,
      description = "How a term's occurrences count in its weight: log (1 + ln tf) or raw (tf). "
          + "Default: ${DEFAULT-VALUE}")
  String tf;

  @Option(names = "--story-idf", paramLabel = "IDF", defaultValue = StoriesParams.DEFAULT_IDF_FLAG,
      description = "Inverse document frequency of a weight: log (ln((N+1)/(df+1))) or log+1 (that plus one: terms "
          + "every article holds still count). Default: ${DEFAULT-VALUE}")
  String idf;

  @Option(names = "--story-max-posting", paramLabel = "N", defaultValue = "" + StoriesParams.DEFAULT_MAX_POSTING,
      description = "A feature pairs an article with all earlier ones within the gap up to this many… "
          + "Default: ${DEFAULT-VALUE}")
  int maxPosting;

  @Option(names = "--story-neighbours", paramLabel = "N", defaultValue = "" + StoriesParams.DEFAULT_NEIGHBOURS,
      description = "…else with the latest this many. Default: ${DEFAULT-VALUE}")
  int neighbours;

  @Option(names = "--story-centroid-terms", paramLabel = "N",
      defaultValue = "" + StoriesParams.DEFAULT_CENTROID_TERMS,
      description = "Components kept in a story's centroid. Default: ${DEFAULT-VALUE}")
  int centroidTerms;

  @Option(names = "--story-reuse-bonus", paramLabel = "S", defaultValue = "" + StoriesParams.DEFAULT_REUSE_BONUS,
      description = "Added to the similarity with a story holding an article it shares a reuse passage with. "
          + "Default: ${DEFAULT-VALUE}")
  double reuseBonus;

  @Option(names = "--story-top-terms", paramLabel = "N", defaultValue = "" + StoriesParams.DEFAULT_TOP_TERMS,
      description = "Terms listed per story. Default: ${DEFAULT-VALUE}")
  int topTerms;

  @Option(names = "--story-period", paramLabel = "UNIT", defaultValue = "week",
      description = "Period of story_trends: day, week, month, quarter, year. Default: ${DEFAULT-VALUE}")
  String period;

  /** The validated parameters; a bad value is a usage error naming its flag. */
  public StoriesParams toParams() {
    try {
      PeriodUnit unit;
      try {
        unit = PeriodUnit.valueOf(period.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--story-period must be day, week, month, quarter or year, got " + period);
      }
      return new StoriesParams(features, posted, minDf, titleBoost, nameBoost, UnitVector.Tf.of(tf),
          UnitVector.Idf.of(idf), threshold, edgeThreshold, maxGap, maxSpan, maxPosting, neighbours, centroidTerms,
          reuseBonus, topTerms, unit);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
