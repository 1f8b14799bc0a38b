package io.newslens.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a SparkSession is made. Under spark-submit the master (and everything else) comes from there;
 * only when no master was given does the job run on embedded local Spark.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static final String DEFAULT_MASTER = "local[*]";

  public static SparkSession getOrCreate(String masterIfNoneGiven) {
    SparkConf conf = new SparkConf(true); // picks up spark.* system properties set by spark-submit
    SparkSession.Builder b = SparkSession.builder().appName("newslens").config(conf);
    if (!conf.contains("spark.master")) {
      b.master(masterIfNoneGiven != null ? masterIfNoneGiven : DEFAULT_MASTER);
      setIfAbsent(b, conf, "spark.driver.host", "127.0.0.1");
      setIfAbsent(b, conf, "spark.ui.showConsoleProgress", "false");
    }
    setIfAbsent(b, conf, "spark.sql.session.timeZone", "UTC");
    setIfAbsent(b, conf, "spark.sql.adaptive.enabled", "true");
    setIfAbsent(b, conf, "spark.sql.parquet.compression.codec", "zstd");
    return b.getOrCreate();
  }

  private static void setIfAbsent(SparkSession.Builder b, SparkConf conf, String key, String value) {
    if (!conf.contains(key)) b.config(key, value);
  }
}
