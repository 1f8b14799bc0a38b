package io.newslens.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newslens.testing.SparkTest;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class SparkSessionsTest {

  @Test
  void localCoresFromTheMasterUrl() {
    assertEquals(1, SparkSessions.localCores("local"));
    assertEquals(3, SparkSessions.localCores("local[3]"));
    assertEquals(2, SparkSessions.localCores("local[2,4]"));
    assertEquals(Runtime.getRuntime().availableProcessors(), SparkSessions.localCores("local[*]"));
  }

  @Test
  void userSetShufflePartitionsAreNeverResized(SparkSession spark) {
    // the test session sets spark.sql.shuffle.partitions=4 as a system property: the user's value
    assertEquals("4", spark.conf().get(SparkSessions.SHUFFLE_PARTITIONS));
    assertEquals(4, SparkSessions.sizeShufflePartitions(spark, 10_000_000_000L));
    assertEquals("4", spark.conf().get(SparkSessions.SHUFFLE_PARTITIONS));
  }

  @Test
  void automaticShufflePartitionsFollowTheCorpusSize(SparkSession spark) {
    spark.conf().set(SparkSessions.AUTO_PARTITIONS, "4"); // the default this session would have had
    try {
      // small corpus: one partition per Mi characters, at least one per core (local[2] here), at most the default
      assertEquals(2, SparkSessions.sizeShufflePartitions(spark, 20_000L));
      assertEquals(3, SparkSessions.sizeShufflePartitions(spark, 2_500_000L));
      assertEquals(4, SparkSessions.sizeShufflePartitions(spark, 4_000_000L));
      // the sizing starts from the session's default however often it runs
      assertEquals(4, SparkSessions.sizeShufflePartitions(spark, 50_000_000L));
      // 2.5 G characters / 24 Mi characters per partition = 99.3 → 100
      assertEquals(100, SparkSessions.sizeShufflePartitions(spark, 2_500_000_000L));
      assertEquals("100", spark.conf().get(SparkSessions.SHUFFLE_PARTITIONS));
      // never more than 2,000
      assertEquals(2000, SparkSessions.sizeShufflePartitions(spark, Long.MAX_VALUE / 2));
    } finally {
      spark.conf().unset(SparkSessions.AUTO_PARTITIONS);
      spark.conf().set(SparkSessions.SHUFFLE_PARTITIONS, "4");
    }
  }

  @Test
  void onASubmittedMasterTheDefaultIsEightPartitionsPerClusterCore(SparkSession spark) {
    spark.conf().set(SparkSessions.AUTO_PARTITIONS, SparkSessions.PER_CORE); // as getOrCreate sets it on a cluster
    try {
      int cores = spark.sparkContext().defaultParallelism();
      assertEquals(2, cores); // the test session: local[2]
      // 8 per core = 16; small corpus: one partition per Mi characters, at least one per core
      assertEquals(2, SparkSessions.sizeShufflePartitions(spark, 20_000L));
      assertEquals(11, SparkSessions.sizeShufflePartitions(spark, 10L << 20));
      // 20 Mi characters is over 16 Mi: the default 16 stands
      assertEquals(16, SparkSessions.sizeShufflePartitions(spark, 20L << 20));
      assertEquals(100, SparkSessions.sizeShufflePartitions(spark, 2_500_000_000L));
    } finally {
      spark.conf().unset(SparkSessions.AUTO_PARTITIONS);
      spark.conf().set(SparkSessions.SHUFFLE_PARTITIONS, "4");
    }
  }

  @Test
  void adaptiveExecutionIsOffForASmallCorpusOnlyWhenTheUserLeftItToUs(SparkSession spark) {
    String before = spark.conf().get(SparkSessions.ADAPTIVE);
    spark.conf().set(SparkSessions.AUTO_ADAPTIVE, "true"); // as getOrCreate sets it when the user did not
    try {
      // small: under 8 partitions per core (local[2] here) of 1 Mi characters = 16 Mi characters
      SparkSessions.sizeShufflePartitions(spark, 20_000L);
      assertEquals("false", spark.conf().get(SparkSessions.ADAPTIVE));
      SparkSessions.sizeShufflePartitions(spark, (16L << 20) - 1);
      assertEquals("false", spark.conf().get(SparkSessions.ADAPTIVE));
      // a larger corpus in the same session gets it back
      SparkSessions.sizeShufflePartitions(spark, 16L << 20);
      assertEquals("true", spark.conf().get(SparkSessions.ADAPTIVE));
      SparkSessions.sizeShufflePartitions(spark, 20_000L);
      assertEquals("false", spark.conf().get(SparkSessions.ADAPTIVE));
      // the user's value (no marker) is never changed, whatever the size
      spark.conf().unset(SparkSessions.AUTO_ADAPTIVE);
      spark.conf().set(SparkSessions.ADAPTIVE, "true");
      SparkSessions.sizeShufflePartitions(spark, 20_000L);
      assertEquals("true", spark.conf().get(SparkSessions.ADAPTIVE));
    } finally {
      spark.conf().unset(SparkSessions.AUTO_ADAPTIVE);
      spark.conf().set(SparkSessions.ADAPTIVE, before);
    }
  }

  @Test
  void codeGenerationIsOffForASmallCorpusOnlyWhenTheUserLeftItToUs(SparkSession spark) {
    String wholeStage = spark.conf().get(SparkSessions.WHOLE_STAGE_CODEGEN, "true");
    String factory = spark.conf().get(SparkSessions.CODEGEN_FACTORY_MODE, "FALLBACK");
    String auto = spark.conf().get(SparkSessions.AUTO_CODEGEN, "false");
    spark.conf().set(SparkSessions.AUTO_CODEGEN, "true"); // as getOrCreate sets it when the user did not
    try {
      SparkSessions.sizeShufflePartitions(spark, 20_000L);
      assertEquals("false", spark.conf().get(SparkSessions.WHOLE_STAGE_CODEGEN));
      assertEquals("NO_CODEGEN", spark.conf().get(SparkSessions.CODEGEN_FACTORY_MODE));
      assertFalse(SparkSessions.generatesCode(spark));
      // a larger corpus in the same session gets it back
      SparkSessions.sizeShufflePartitions(spark, 16L << 20);
      assertEquals("true", spark.conf().get(SparkSessions.WHOLE_STAGE_CODEGEN));
      assertEquals("FALLBACK", spark.conf().get(SparkSessions.CODEGEN_FACTORY_MODE));
      assertTrue(SparkSessions.generatesCode(spark));
      // the user's setting (no marker) is never changed, whatever the size
      spark.conf().unset(SparkSessions.AUTO_CODEGEN);
      SparkSessions.sizeShufflePartitions(spark, 20_000L);
      assertTrue(SparkSessions.generatesCode(spark));
    } finally {
      spark.conf().set(SparkSessions.AUTO_CODEGEN, auto);
      spark.conf().set(SparkSessions.WHOLE_STAGE_CODEGEN, wholeStage);
      spark.conf().set(SparkSessions.CODEGEN_FACTORY_MODE, factory);
    }
  }

  @Test
  void executorsOnAClusterGetTheJitThresholdsUnlessTheUserSetsTheirOptions() {
    org.apache.spark.SparkConf cluster = new org.apache.spark.SparkConf(false).set("spark.master", "spark://h:7077");
    org.junit.jupiter.api.Assertions.assertTrue(SparkSessions.executorJit(cluster));
    org.junit.jupiter.api.Assertions.assertTrue(SparkSessions.executorJit(
        new org.apache.spark.SparkConf(false).set("spark.master", "yarn")));
    // the user's executor options win
    org.junit.jupiter.api.Assertions.assertFalse(SparkSessions.executorJit(cluster.clone()
        .set(SparkSessions.EXECUTOR_JAVA_OPTIONS_KEY, "-Xss4m")));
    // local masters (and no master: embedded local Spark) have no separate executors
    org.junit.jupiter.api.Assertions.assertFalse(SparkSessions.executorJit(
        new org.apache.spark.SparkConf(false).set("spark.master", "local[2]")));
    org.junit.jupiter.api.Assertions.assertFalse(SparkSessions.executorJit(new org.apache.spark.SparkConf(false)));
  }
}
