package io.newslens.topics;

import static io.newslens.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.newslens.testing.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The sampler on the driver and the sampler in Spark tasks fit the same model: same partitions, same snapshots, same
 * integer sums, so top terms, weights, priors and every fitted mixture are equal, not just close.
 */
@SparkTest
class GibbsSamplersTest {
  static final StructType BAGS = new StructType().add(DOC_ID, "string", false)
      .add(TERM_IDS, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
      .add(COUNTS, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
      .add(LENGTH, "int", false);

  /** 90 documents over three planted topics of 10 term ids each, 12 tokens apiece, plus term 30 everywhere. */
  static Dataset<Row> bags(SparkSession spark) {
    Random r = new Random(5);
    List<Row> rows = new ArrayList<>();
    for (int d = 0; d < 90; d++) {
      int topic = d % 3;
      Map<Integer, Integer> counts = new TreeMap<>();
      for (int j = 0; j < 12; j++) counts.merge(topic * 10 + r.nextInt(10), 1, Integer::sum);
      counts.merge(30, 1, Integer::sum);
      rows.add(RowFactory.create(String.format("d%03d", d), List.copyOf(counts.keySet()),
          List.copyOf(counts.values()), 13));
    }
    return spark.createDataFrame(rows, BAGS);
  }

  @Test
  void driverAndSparkSamplersFitTheSameModel(SparkSession spark) {
    TopicsParams p = TopicsParams.defaults().withTopics(3).withAlgorithm(TopicsParams.Algorithm.GIBBS, 60)
        .withPartitions(4);
    Dataset<Row> bags = bags(spark);
    GibbsLda local = GibbsLda.fit(bags, 31, 3, p, Long.MAX_VALUE);
    GibbsLda distributed = GibbsLda.fit(bags, 31, 3, p, -1);
    try {
      assertArrayEquals(local.alpha(), distributed.alpha(), 0.0);
      assertEquals(local.beta(), distributed.beta(), 0.0);
      for (int k = 0; k < 3; k++) {
        assertArrayEquals(local.topTermIds()[k], distributed.topTermIds()[k], "topic " + k);
        assertArrayEquals(local.topTermWeights()[k], distributed.topTermWeights()[k], 0.0, "topic " + k);
      }
      List<Row> a = local.fittedMixtures().orderBy(DOC_ID).collectAsList();
      List<Row> b = distributed.fittedMixtures().orderBy(DOC_ID).collectAsList();
      assertEquals(90, a.size());
      assertEquals(a, b);
      // and the planted topics are found: the three topics' top terms, but for the everywhere term 30, are the
      // three planted blocks
      java.util.Set<Integer> blocks = new java.util.TreeSet<>();
      for (int k = 0; k < 3; k++) {
        int[] top = java.util.Arrays.stream(local.topTermIds()[k]).filter(w -> w != 30).limit(8).toArray();
        for (int w : top) assertEquals(top[0] / 10, w / 10, "topic " + k + " " + java.util.Arrays.toString(top));
        blocks.add(top[0] / 10);
      }
      assertEquals(java.util.Set.of(0, 1, 2), blocks);
    } finally {
      local.release();
      distributed.release();
    }
  }
}
