package io.newslens.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newslens.testing.SparkTest;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

@SparkTest
class ExactSumsTest {

  @Test
  void aSumIsTheSameWhateverTheOrderAndPartitions(SparkSession spark) {
    // 0.1 + 0.2 + 0.3 is 0.6000000000000001 in this order and 0.6 in the reverse one
    assertNotEquals((0.1 + 0.2) + 0.3, (0.3 + 0.2) + 0.1);
    List<Double> up = new ArrayList<>();
    for (int i = 0; i < 300; i++) up.add(0.1 * (i % 3 + 1) / (1 + i % 7));
    List<Double> down = new ArrayList<>(up);
    java.util.Collections.reverse(down);
    Dataset<Double> a = spark.createDataset(up, Encoders.DOUBLE()).repartition(1);
    Dataset<Double> b = spark.createDataset(down, Encoders.DOUBLE()).repartition(7);
    Row ra = a.agg(ExactSums.sum(functions.col("value")), ExactSums.avg(functions.col("value"))).first();
    Row rb = b.agg(ExactSums.sum(functions.col("value")), ExactSums.avg(functions.col("value"))).first();
    assertEquals(ra.getDouble(0), rb.getDouble(0), 0.0);
    assertEquals(ra.getDouble(1), rb.getDouble(1), 0.0);
    double plain = up.stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(plain, ra.getDouble(0), 1e-12);
    assertEquals(plain / 300, ra.getDouble(1), 1e-14);
  }

  @Test
  void nullsAreSkippedAndNoValueGivesNull(SparkSession spark) {
    Dataset<Row> df = spark.sql("SELECT CAST(x AS DOUBLE) AS x FROM VALUES (0.25), (NULL), (0.5) AS t(x)");
    Row r = df.agg(ExactSums.sum(functions.col("x")), ExactSums.avg(functions.col("x"))).first();
    assertEquals(0.75, r.getDouble(0), 0.0);
    assertEquals(0.375, r.getDouble(1), 0.0);
    Row none = df.where("x IS NULL").agg(ExactSums.sum(functions.col("x")), ExactSums.avg(functions.col("x"))).first();
    assertTrue(none.isNullAt(0) && none.isNullAt(1));
  }
}
