package io.newslens.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Tables brought to the driver with few Spark jobs. A per-language or per-source total that several tables join is
 * better held on the driver as a local relation (joining or broadcasting it runs no job; see the terms stage's
 * CountedTotals); a larger table the driver must read is streamed here in as few partitions as its size allows.
 */
public final class DriverTables {
  private DriverTables() {}

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
