package io.newslens.stories;

import io.newslens.terms.PeriodUnit;
import java.io.Serializable;
import java.util.Objects;

/**
 * Parameters of the stories stage (CLI flags in {@code io.newslens.cli.StoriesOptions}).
 *
 * @param features       features kept in a unit's vector, by weight ({@code --story-features})
 * @param postedFeatures a unit's strongest features that go into the candidate postings
 *                       ({@code --story-posted-features})
 * @param minDf          a feature counts only when at least this many units of its language hold it
 *                       ({@code --story-min-df})
 * @param titleBoost     weight multiplier of a feature written in the title ({@code --story-title-boost})
 * @param nameBoost      weight multiplier of a proper name or a term used in one ({@code --story-name-boost})
 * @param tf             how occurrences count in a weight: {@code log} 1 + ln tf, {@code raw} tf ({@code --story-tf})
 * @param idf            the idf of a weight: {@code log} ln((N+1)/(df+1)), {@code log+1} that plus one
 *                       ({@code --story-idf})
 * @param threshold      a unit joins a story when its cosine with the story's centroid (plus any reuse bonus)
 *                       reaches this ({@code --story-threshold})
 * @param edgeThreshold  two units are linked as candidates of one story when their cosine over the posted features
 *                       reaches this ({@code --story-edge-threshold})
 * @param maxGapDays     a unit joins a story only within this many days of the story's time range, and two units are
 *                       candidates only this close in time ({@code --story-max-gap})
 * @param maxSpanDays    a story's first and last articles are at most this many days apart ({@code --story-max-span})
 * @param maxPosting     a posted feature pairs a unit with all the units before it within the gap while there are at
 *                       most this many ({@code --story-max-posting}) ...
 * @param neighbours     ... else with the latest this many ({@code --story-neighbours})
 * @param centroidTerms  components kept in a story's centroid ({@code --story-centroid-terms})
 * @param reuseBonus     added to the score of a story holding an article the unit shares a reuse passage with
 *                       ({@code --story-reuse-bonus})
 * @param topTerms       display forms listed per story in stories.top_terms ({@code --story-top-terms})
 * @param period         period of story_trends ({@code --story-period})
 */
public record StoriesParams(int features, int postedFeatures, int minDf, double titleBoost, double nameBoost,
    UnitVector.Tf tf, UnitVector.Idf idf, double threshold, double edgeThreshold, int maxGapDays, int maxSpanDays,
    int maxPosting, int neighbours,
    int centroidTerms, double reuseBonus, int topTerms, PeriodUnit period) implements Serializable {

  public static final int DEFAULT_FEATURES = 100;
  public static final int DEFAULT_POSTED_FEATURES = 20;
  public static final int DEFAULT_MIN_DF = 2;
  public static final double DEFAULT_TITLE_BOOST = 1.0;
  public static final double DEFAULT_NAME_BOOST = 2.5;
  public static final String DEFAULT_TF_FLAG = "log";
  public static final String DEFAULT_IDF_FLAG = "log";
  public static final UnitVector.Tf DEFAULT_TF = UnitVector.Tf.of(DEFAULT_TF_FLAG);
  public static final UnitVector.Idf DEFAULT_IDF = UnitVector.Idf.of(DEFAULT_IDF_FLAG);
  public static final double DEFAULT_THRESHOLD = 0.35;
  public static final double DEFAULT_EDGE_THRESHOLD = 0.2;
  public static final int DEFAULT_MAX_GAP_DAYS = 3;
  public static final int DEFAULT_MAX_SPAN_DAYS = 30;
  public static final int DEFAULT_MAX_POSTING = 50;
  public static final int DEFAULT_NEIGHBOURS = 5;
  public static final int DEFAULT_CENTROID_TERMS = 100;
  public static final double DEFAULT_REUSE_BONUS = 0.2;
  public static final int DEFAULT_TOP_TERMS = 10;

  public StoriesParams {
    between(features, 1, 10_000, "--story-features");
    between(postedFeatures, 1, features, "--story-posted-features (at most --story-features)");
    between(minDf, 1, Integer.MAX_VALUE, "--story-min-df");
    atLeastOne(titleBoost, "--story-title-boost");
    atLeastOne(nameBoost, "--story-name-boost");
    Objects.requireNonNull(tf, "--story-tf must be log or raw");
    Objects.requireNonNull(idf, "--story-idf must be log or log+1");
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("--story-threshold must be in (0, 1], got " + threshold);
    }
    if (!(edgeThreshold > 0 && edgeThreshold <= threshold)) {
      throw new IllegalArgumentException("--story-edge-threshold must be in (0, --story-threshold], got "
          + edgeThreshold);
    }
    between(maxGapDays, 0, 36_500, "--story-max-gap");
    between(maxSpanDays, maxGapDays, 36_500, "--story-max-span (at least --story-max-gap)");
    between(maxPosting, 1, 100_000, "--story-max-posting");
    between(neighbours, 1, maxPosting, "--story-neighbours (at most --story-max-posting)");
    between(centroidTerms, features, 100_000, "--story-centroid-terms (at least --story-features)");
    if (!(reuseBonus >= 0 && reuseBonus <= 1)) {
      throw new IllegalArgumentException("--story-reuse-bonus must be in [0, 1], got " + reuseBonus);
    }
    between(topTerms, 1, centroidTerms, "--story-top-terms (at most --story-centroid-terms)");
    Objects.requireNonNull(period, "--story-period must be day, week, month, quarter or year");
  }

  public static StoriesParams defaults() {
    return new StoriesParams(DEFAULT_FEATURES, DEFAULT_POSTED_FEATURES, DEFAULT_MIN_DF, DEFAULT_TITLE_BOOST,
        DEFAULT_NAME_BOOST, DEFAULT_TF, DEFAULT_IDF, DEFAULT_THRESHOLD, DEFAULT_EDGE_THRESHOLD, DEFAULT_MAX_GAP_DAYS,
        DEFAULT_MAX_SPAN_DAYS, DEFAULT_MAX_POSTING, DEFAULT_NEIGHBOURS, DEFAULT_CENTROID_TERMS, DEFAULT_REUSE_BONUS,
        DEFAULT_TOP_TERMS, PeriodUnit.WEEK);
  }

  /** The weighting rules of unit vectors. */
  public UnitVector.Weights weights() {
    return new UnitVector.Weights(features, minDf, titleBoost, nameBoost, tf, idf);
  }

  /** The placement rules of the story kernel. */
  public StoryModel.Rules rules() {
    return new StoryModel.Rules(threshold, maxGapDays * 86_400L, maxSpanDays * 86_400L, centroidTerms, reuseBonus);
  }

  /** These parameters with another join threshold and edge threshold (benchmarks, tests). */
  public StoriesParams withThresholds(double join, double edge) {
    return new StoriesParams(features, postedFeatures, minDf, titleBoost, nameBoost, tf, idf, join, edge,
        maxGapDays, maxSpanDays, maxPosting, neighbours, centroidTerms, reuseBonus, topTerms, period);
  }

  /** These parameters with other time limits (benchmarks, tests). */
  public StoriesParams withTime(int gapDays, int spanDays) {
    return new StoriesParams(features, postedFeatures, minDf, titleBoost, nameBoost, tf, idf, threshold,
        edgeThreshold, gapDays, spanDays, maxPosting, neighbours, centroidTerms, reuseBonus, topTerms, period);
  }

  /** These parameters with other weights (benchmarks). */
  public StoriesParams withWeights(int features, int posted, double title, double name) {
    return new StoriesParams(features, posted, minDf, title, name, tf, idf, threshold, edgeThreshold, maxGapDays,
        maxSpanDays, maxPosting, neighbours, Math.max(centroidTerms, features), reuseBonus, topTerms, period);
  }

  /** These parameters with another tf and idf (benchmarks). */
  public StoriesParams withScheme(UnitVector.Tf tf, UnitVector.Idf idf) {
    return new StoriesParams(features, postedFeatures, minDf, titleBoost, nameBoost, tf, idf, threshold,
        edgeThreshold, maxGapDays, maxSpanDays, maxPosting, neighbours, centroidTerms, reuseBonus, topTerms, period);
  }

  private static void between(long v, long min, long max, String flag) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(flag + " must be between " + min + " and " + max + ", got " + v);
    }
  }

  private static void atLeastOne(double v, String flag) {
    if (!(v >= 1) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(flag + " must be a finite number >= 1, got " + v);
    }
  }
}
