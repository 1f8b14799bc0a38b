package io.newslens.bench;

import static org.apache.spark.sql.functions.*;

import io.newslens.Columns;
import io.newslens.analyze.Analyze;
import io.newslens.analyze.AnalyzeParams;
import io.newslens.clean.Clean;
import io.newslens.clean.CleanParams;
import io.newslens.ingest.Ingest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import io.newslens.spark.SparkSessions;

/**
 * Output equality of ingest + clean + analyze across two builds.
 *
 * <pre>
 * bench/java io.newslens.bench.CleanOutputs write CORPUS DIR      (documents, cleaned, tokens under DIR)
 * bench/java io.newslens.bench.CleanOutputs compare DIR_A DIR_B    (row-for-row, both ways; lang changes)
 * </pre>
 */
public final class CleanOutputs {
  /** Map columns (set operations refuse them) as their entries, sorted. */
  static Dataset<Row> comparable(Dataset<Row> d) {
    for (org.apache.spark.sql.types.StructField f : d.schema().fields()) {
      if (f.dataType() instanceof org.apache.spark.sql.types.MapType) {
        d = d.withColumn(f.name(), array_sort(map_entries(col(f.name()))));
      }
    }
    return d;
  }

  public static void main(String[] args) {
    SparkSession spark = SparkSessions.getOrCreate("local[2]");
    Ingest.registerUdfs(spark);
    try {
      if (args[0].equals("write")) {
        String dir = args[2];
        CleanBench.ingest(spark, new java.io.File(args[1]).getAbsolutePath()).write().mode(SaveMode.Overwrite)
            .parquet(dir + "/documents");
        Clean.Result c = Clean.apply(spark.read().parquet(dir + "/documents"), CleanParams.defaults());
        c.documents().write().mode(SaveMode.Overwrite).parquet(dir + "/cleaned");
        c.release();
        Analyze.apply(spark.read().parquet(dir + "/cleaned"), AnalyzeParams.defaults()).tokens()
            .write().mode(SaveMode.Overwrite).parquet(dir + "/tokens");
        return;
      }
      String a = args[1];
      String b = args[2];
      for (String table : new String[] {"documents", "cleaned", "tokens"}) {
        Dataset<Row> x = comparable(spark.read().parquet(a + "/" + table));
        Dataset<Row> y = comparable(spark.read().parquet(b + "/" + table));
        System.out.printf("%s: rows %d / %d, schema equal %b, A-B %d, B-A %d%n", table, x.count(), y.count(),
            x.schema().equals(y.schema()), x.exceptAll(y).count(), y.exceptAll(x).count());
        if (table.equals("cleaned")) {
          Dataset<Row> x2 = x.drop(Columns.LANG_CONFIDENCE);
          Dataset<Row> y2 = y.drop(Columns.LANG_CONFIDENCE);
          System.out.printf("cleaned without lang_confidence: A-B %d, B-A %d%n", x2.exceptAll(y2).count(),
              y2.exceptAll(x2).count());
          Row d = x.select(col(Columns.DOC_ID), col(Columns.LANG).as("la"), col(Columns.LANG_CONFIDENCE).as("ca"))
              .join(y.select(col(Columns.DOC_ID), col(Columns.LANG).as("lb"), col(Columns.LANG_CONFIDENCE).as("cb")),
                  Columns.DOC_ID)
              .agg(sum(when(col("la").notEqual(col("lb")), 1).otherwise(0)),
                  sum(when(col("ca").notEqual(col("cb")), 1).otherwise(0)),
                  max(abs(col("ca").minus(col("cb")))))
              .first();
          System.out.printf("cleaned: lang changed %d, lang_confidence differs %d, max |diff| %s%n",
              d.getLong(0), d.getLong(1), d.get(2));
        }
      }
    } finally {
      spark.stop();
    }
  }
}
