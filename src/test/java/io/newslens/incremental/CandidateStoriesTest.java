package io.newslens.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newslens.state.StateTables;
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
 * Which stored stories an update loads for placement ({@link StoriesDelta#candidateStories}): those sharing a feature
 * with a new unit within --story-max-gap of that unit's own time, undated stories and units matching any time. New
 * units months apart (a batch of archive articles) must not load the stories in between: an update on 100,000
 * synthetic articles dated over six years ran out of a 2 GB heap loading every stored story onto the driver.
 */
@SparkTest
class CandidateStoriesTest {
  private static final long DAY = 86_400L;
  private static final long GAP = 4 * DAY;
  private static final long JAN_10 = 1_704_844_800L; // 2024-01-10T00:00:00Z

  private static Row story(String id, Long firstSeconds, Long lastSeconds, long... features) {
    double[] w = new double[features.length];
    String[] d = new String[features.length];
    for (int i = 0; i < features.length; i++) {
      w[i] = 1.0;
      d[i] = "f" + features[i];
    }
    return RowFactory.create(id, "fr", firstSeconds == null ? null : new Timestamp(firstSeconds * 1000),
        lastSeconds == null ? null : new Timestamp(lastSeconds * 1000), 1, 1, features, w, d, 1, 1);
  }

  private static Unit unit(String id, long time, long... features) {
    double[] w = new double[features.length];
    String[] d = new String[features.length];
    for (int i = 0; i < features.length; i++) {
      w[i] = 1.0;
      d[i] = "f" + features[i];
    }
    return new Unit(id, 0L, "fr", time, 1, new UnitVector(features, w, d), List.of());
  }

  @Test
  void aStoryIsLoadedOnlyWhenItSharesAFeatureWithAUnitWithinThatUnitsGap(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    rows.add(story("jan", JAN_10 - 2 * DAY, JAN_10 - DAY, 1, 2)); // feature 1, a day before the January unit
    rows.add(story("jan-other", JAN_10, JAN_10, 9)); // in time, but no feature in common
    rows.add(story("jun", JAN_10 + 150 * DAY, JAN_10 + 152 * DAY, 1)); // feature 1, between the two units
    rows.add(story("nov", JAN_10 + 300 * DAY + GAP, JAN_10 + 301 * DAY, 1)); // exactly the gap after the Nov unit
    rows.add(story("nov-late", JAN_10 + 300 * DAY + GAP + 1, JAN_10 + 302 * DAY, 1)); // a second too late
    rows.add(story("long", JAN_10 - 60 * DAY, JAN_10 + 400 * DAY, 3)); // a range over the undated unit's feature
    rows.add(story("undated", null, null, 1));
    rows.add(story("undated-other", null, null, 8));
    Dataset<Row> model = spark.createDataFrame(rows, StateTables.STORY_MODEL_SCHEMA);
    List<Unit> units = List.of(unit("u-jan", JAN_10, 1, 4), unit("u-nov", JAN_10 + 300 * DAY, 1),
        unit("u-undated", Unit.UNDATED, 3));

    assertEquals(Set.of("jan", "nov", "long", "undated"),
        StoriesDelta.candidateStories(spark, model, units, GAP),
        "not jun (between the units: the old filter on their whole range loaded it), nor nov-late, nor the stories"
            + " without a shared feature");
    assertEquals(Set.of("jan", "jun", "nov", "nov-late", "undated"),
        StoriesDelta.candidateStories(spark, model, List.of(unit("u-any", Unit.UNDATED, 1)), GAP),
        "an undated unit: every story holding its feature");
    assertEquals(Set.of(), StoriesDelta.candidateStories(spark, model, List.of(), GAP));
  }
}
