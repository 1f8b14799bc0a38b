package io.newslens.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Two output folders compared table by table, row for row (multiset differences, {@code exceptAll} both ways): how
 * an update is checked against a full run on all its inputs (tests and {@code bench/run incremental}). Columns may be
 * left out ({@code table.column}, or {@code *.column} for every table, e.g. {@code *.version}); an id column given
 * as a partition ({@code duplicate_clusters.cluster_id}) is compared by the sorted doc_ids of its group, so ids may
 * differ while the grouping must not.
 */
public final class OutputDiff {
  private OutputDiff() {}

  /** Per table: rows in A, rows in B, rows of A not in B, rows of B not in A (multiset difference). */
  public static Map<String, long[]> compare(SparkSession spark, String a, String b, List<String> tables,
      List<String> exclude) throws java.io.IOException {
    return compare(spark, a, b, tables, exclude, List.of());
  }

  /** As above, with id columns compared by the groups of documents they make ({@code table.column}). */
  public static Map<String, long[]> compare(SparkSession spark, String a, String b, List<String> tables,
      List<String> exclude, List<String> partition) throws java.io.IOException {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (String t : tables) {
      boolean inA = exists(spark, a + "/" + t);
      boolean inB = exists(spark, b + "/" + t);
      if (!inA && !inB) continue;
      if (!inA || !inB) {
        out.put(t, new long[] {inA ? count(spark, a, t) : -1, inB ? count(spark, b, t) : -1, -1, -1});
        continue;
      }
      Dataset<Row> x = spark.read().parquet(a + "/" + t);
      Dataset<Row> y = spark.read().parquet(b + "/" + t);
      List<String> cols = new ArrayList<>();
      for (String c : x.columns()) if (!exclude.contains(t + "." + c) && !exclude.contains("*." + c)) cols.add(c);
      for (String p : partition) {
        if (!p.startsWith(t + ".")) continue;
        String c = p.substring(t.length() + 1);
        x = byGroup(x, c);
        y = byGroup(y, c);
      }
      x = comparable(x, cols);
      y = comparable(y, cols);
      out.put(t, new long[] {x.count(), y.count(), x.exceptAll(y).count(), y.exceptAll(x).count()});
    }
    return out;
  }

  /** The id column replaced by the sorted doc_ids of the rows sharing its value (a string, to compare as one). */
  public static Dataset<Row> byGroup(Dataset<Row> df, String column) {
    org.apache.spark.sql.Column members = org.apache.spark.sql.functions.concat_ws(",",
        org.apache.spark.sql.functions.array_sort(org.apache.spark.sql.functions.collect_list(
            org.apache.spark.sql.functions.col("doc_id")).over(org.apache.spark.sql.expressions.Window
            .partitionBy(column))));
    return df.withColumn(column, members);
  }

  /** The columns, with maps as sorted arrays of entries (set operations refuse map columns). */
  public static Dataset<Row> comparable(Dataset<Row> df, List<String> cols) {
    List<org.apache.spark.sql.Column> out = new ArrayList<>();
    for (String c : cols) {
      boolean map = df.schema().apply(c).dataType() instanceof org.apache.spark.sql.types.MapType;
      out.add(map ? org.apache.spark.sql.functions.array_sort(org.apache.spark.sql.functions.map_entries(
          org.apache.spark.sql.functions.col(c))).as(c) : org.apache.spark.sql.functions.col(c));
    }
    return df.select(out.toArray(org.apache.spark.sql.Column[]::new));
  }

  private static long count(SparkSession spark, String dir, String t) {
    return spark.read().parquet(dir + "/" + t).count();
  }

  private static boolean exists(SparkSession spark, String dir) throws java.io.IOException {
    Path p = new Path(dir);
    FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    return fs.exists(p);
  }

  /** Whether every compared table has the same rows in both ({@link #compare} values). */
  public static boolean identical(Map<String, long[]> r) {
    for (long[] v : r.values()) if (v[0] != v[1] || v[2] != 0 || v[3] != 0) return false;
    return true;
  }
}
