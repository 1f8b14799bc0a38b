package io.newslens.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Tables brought to the driver with few Spark jobs. Small tables computed once and held there ({@link #local}). A per-language or per-source total that several tables join
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

  /** Rows streamed to the driver at most this many at a time (a partition is one Spark job and one fetch). */
  public static final long FETCH_ROWS = 1_000_000L;

  /**
   * The rows of {@code d} (about {@code rows} of them) streamed to the driver in partitions of at most about
   * {@value #FETCH_ROWS} rows: toLocalIterator runs one Spark job per partition, and with the shuffle's
   * partitions a 2,000-article run on a cluster ran 350 jobs of a few rows each in the stories stage.
   */
  public static java.util.Iterator<Row> stream(Dataset<Row> d, long rows) {
    int parts = (int) Math.max(1, Math.min(d.rdd().getNumPartitions(), (rows + FETCH_ROWS - 1) / FETCH_ROWS));
    return d.coalesce(parts).toLocalIterator();
  }
}
