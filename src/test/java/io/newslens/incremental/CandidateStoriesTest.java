package io.newslens.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newslens.state.StateTables;
import io.newslens.stories.StoryModel;
import io.newslens.stories.Unit;
import io.newslens.stories.UnitVector;
import io.newslens.testing.SparkTest;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Which stored stories an update loads for placement ({@link StoriesDelta#candidateStories}): those a new unit could
 * join, i.e. of its language, eligible in time for it (within --story-max-gap of its time, a range with it of at most
 * --story-max-span; undated stories and units match any time) and whose centroid's cosine with it reaches
 * --story-threshold. New units months apart (a batch of archive articles) must not load the stories in between, nor
 * the stories that share a feature but could never reach the threshold: an update on 100,000 synthetic articles dated
 * over six years plus 1,000 ran out of a 2 GB heap loading nearly every stored story onto the driver.
 */
@SparkTest
class CandidateStoriesTest {
  private static final long DAY = 86_400L;
  private static final StoryModel.Rules RULES = new StoryModel.Rules(0.45, 4 * DAY, 30 * DAY, 100, 0.2);
  private static final long GAP = RULES.maxGapSeconds();
  private static final long JAN_10 = 1_704_844_800L; // 2024-01-10T00:00:00Z
  private static final double HALF = Math.sqrt(0.5);

  private static Row story(String id, Long firstSeconds, Long lastSeconds, long[] features, double... weights) {
    String[] d = new String[features.length];
    for (int i = 0; i < features.length; i++) d[i] = "f" + features[i];
    return RowFactory.create(id, "fr", firstSeconds == null ? null : new Timestamp(firstSeconds * 1000),
        lastSeconds == null ? null : new Timestamp(lastSeconds * 1000), 1, 1, features, weights, d, 1, 1);
  }

  private static Row story(String id, Long firstSeconds, Long lastSeconds, long feature) {
    return story(id, firstSeconds, lastSeconds, new long[] {feature}, 2.0);
  }

  /** A unit of L2-normalised weights, as {@link UnitVector} makes them. */
  private static Unit unit(String id, String lang, long time, long[] features, double... weights) {
    String[] d = new String[features.length];
    for (int i = 0; i < features.length; i++) d[i] = "f" + features[i];
    return new Unit(id, 0L, lang, time, 1, new UnitVector(features, weights, d), List.of());
  }

  private static Unit unit(String id, long time, long feature) {
    return unit(id, "fr", time, new long[] {feature}, 1.0);
  }

  @Test
  void aStoryIsLoadedOnlyWhenANewUnitCouldJoinIt(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    // cosine with u-jan: 1·HALF / sqrt(2) = 0.5, a day before it
    rows.add(story("jan", JAN_10 - 2 * DAY, JAN_10 - DAY, new long[] {1, 2}, 1.0, 1.0));
    rows.add(story("jan-other", JAN_10, JAN_10, 9)); // in time, but no feature in common
    // feature 1 in time, but a cosine of 0.1·HALF / sqrt(3.01) = 0.04 with u-jan
    rows.add(story("jan-weak", JAN_10, JAN_10, new long[] {1, 5, 6, 7}, 0.1, 1.0, 1.0, 1.0));
    // within the gap of u-jan, but a range with it of 41 days: over the 30 days' span
    rows.add(story("jan-long", JAN_10 - 41 * DAY, JAN_10 - 2 * DAY, 1));
    rows.add(story("jun", JAN_10 + 150 * DAY, JAN_10 + 152 * DAY, 1)); // between the two units
    rows.add(story("nov", JAN_10 + 300 * DAY + GAP, JAN_10 + 301 * DAY + GAP, 1)); // exactly the gap after u-nov
    rows.add(story("nov-late", JAN_10 + 300 * DAY + GAP + 1, JAN_10 + 302 * DAY + GAP, 1)); // a second too late
    rows.add(story("span", JAN_10 - 60 * DAY, JAN_10 + 400 * DAY, 3)); // dated, any range suits an undated unit
    rows.add(story("undated", null, null, 1));
    rows.add(story("undated-other", null, null, 8));
    Dataset<Row> model = spark.createDataFrame(rows, StateTables.STORY_MODEL_SCHEMA);
    List<Unit> units = List.of(unit("u-jan", "fr", JAN_10, new long[] {1, 4}, HALF, HALF),
        unit("u-nov", JAN_10 + 300 * DAY, 1), unit("u-undated", Unit.UNDATED, 3),
        unit("u-en", "en", JAN_10 + 151 * DAY, new long[] {1}, 1.0));

    assertEquals(Set.of("jan", "nov", "span", "undated"), StoriesDelta.candidateStories(spark, model, units, RULES),
        "not jun (between the units; u-en is in another language), nor nov-late, jan-long or jan-weak, nor the"
            + " stories without a shared feature");
    assertEquals(Set.of("jan", "jan-long", "jun", "nov", "nov-late", "undated"),
        StoriesDelta.candidateStories(spark, model, List.of(unit("u-any", Unit.UNDATED, 1)), RULES),
        "an undated unit: every story whose centroid reaches the threshold with it");
    assertEquals(Set.of(), StoriesDelta.candidateStories(spark, model, List.of(), RULES));
  }
}
