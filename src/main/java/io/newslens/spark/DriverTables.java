package io.newslens.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Small tables computed once and held on the driver. A per-language or per-source total that several tables join
 * is otherwise recomputed, shuffled and broadcast again by every query that uses it: in the terms stage that was two
 * or three Spark jobs per use, and on a cluster each job is a round of task scheduling across the executors. Once
 * held as a local relation, joining or broadcasting it runs no job.
 */
public final class DriverTables {
  private DriverTables() {}

  /**
   * Computes {@code small} (one Spark job) and returns the same rows as a local relation with the same schema. Only
   * for tables whose size is bounded by something other than the corpus (languages, sources, periods).
   */
  public static Dataset<Row> local(Dataset<Row> small) {
    return small.sparkSession().createDataFrame(small.collectAsList(), small.schema());
  }
}
