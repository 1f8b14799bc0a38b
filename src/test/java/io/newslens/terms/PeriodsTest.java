package io.newslens.terms;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newslens.testing.SparkTest;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Period labels and first days, including ISO weeks that belong to the neighbouring year. */
@SparkTest
class PeriodsTest {

  @Test
  void labelsAndStarts(SparkSession spark) {
    StructType schema = new StructType().add("ts", DataTypes.TimestampType);
    List<Row> rows = new ArrayList<>();
    for (String ts : new String[] {"2021-01-03 12:00:00", "2024-12-30 08:00:00", "2024-05-10 23:00:00"}) {
      rows.add(RowFactory.create(Timestamp.valueOf(ts)));
    }
    rows.add(RowFactory.create((Object) null));
    Dataset<Row> df = spark.createDataFrame(rows, schema);
    List<String> got = new ArrayList<>();
    for (PeriodUnit u : PeriodUnit.values()) {
      for (Row r : df.select(Terms.periodLabel(Terms.periodStart(col("ts"), u), u), Terms.periodStart(col("ts"), u))
          .collectAsList()) {
        got.add(u.label() + " " + r.get(0) + " " + r.get(1));
      }
    }
    assertEquals(List.of(
        "day 2021-01-03 2021-01-03", "day 2024-12-30 2024-12-30", "day 2024-05-10 2024-05-10", "day null null",
        // Sunday 3 January 2021 is in ISO week 53 of 2020; Monday 30 December 2024 opens week 1 of 2025
        "week 2020-W53 2020-12-28", "week 2025-W01 2024-12-30", "week 2024-W19 2024-05-06", "week null null",
        "month 2021-01 2021-01-01", "month 2024-12 2024-12-01", "month 2024-05 2024-05-01", "month null null",
        "quarter 2021-Q1 2021-01-01", "quarter 2024-Q4 2024-10-01", "quarter 2024-Q2 2024-04-01",
        "quarter null null",
        "year 2021 2021-01-01", "year 2024 2024-01-01", "year 2024 2024-01-01", "year null null"), got);
  }
}
