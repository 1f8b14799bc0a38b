package io.newslens.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the tables Newslens wrote (its own Parquet folders, never a user's input) with the schema Spark stored in
 * their files' footers, read on the driver. {@code spark.read().parquet(dir)} infers that same schema by running a
 * Spark job that opens a footer: a job for every table a stage reads, about 25 a run on the seeds, each a round of
 * task scheduling that costs more than the tiny tables it reads (and more on a cluster).
 */
public final class ParquetTables {
  private ParquetTables() {}

  /**
   * Parquet's default read options, made once: {@code ParquetFileReader.open(file)} builds them from a Hadoop
   * configuration that parses its XML resources again every time, 4-10 ms a footer against 0.3 ms with these
   * (measured on the seeds' tables), and a run reads a footer of every file it writes.
   */
  private static final ParquetReadOptions FOOTER_OPTIONS = ParquetReadOptions.builder().build();

  /** Opens a Parquet file to read its footer (row count, schema, metadata). */
  public static ParquetFileReader open(InputFile file) throws IOException {
    return ParquetFileReader.open(file, FOOTER_OPTIONS);
  }

  /** The footer key under which Spark's Parquet writer stores the rows' Spark schema as JSON. */
  static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  /**
   * The table (or tables of one schema) at {@code paths}, folders or files. Falls back to Spark's own inference when
   * no data file holds a Spark schema (a folder with no data file fails there as it always did).
   */
  public static Dataset<Row> read(SparkSession spark, String... paths) {
    Optional<StructType> schema = schema(spark.sparkContext().hadoopConfiguration(), paths);
    return schema.isPresent() ? spark.read().schema(schema.get()).parquet(paths) : spark.read().parquet(paths);
  }

  /** The Spark schema in the footer of the first data file (by name) of the first path that has one. */
  static Optional<StructType> schema(Configuration conf, String... paths) {
    try {
      for (String p : paths) {
        Path path = new Path(p);
        FileSystem fs = path.getFileSystem(conf);
        if (!fs.exists(path)) continue;
        FileStatus file = fs.getFileStatus(path);
        if (file.isDirectory()) {
          file = Arrays.stream(fs.listStatus(path)).filter(OutputFolder::isDataFile)
              .min(Comparator.comparing(f -> f.getPath().getName())).orElse(null);
          if (file == null) continue;
        }
        try (ParquetFileReader r = open(HadoopInputFile.fromStatus(file, conf))) {
          String json = r.getFooter().getFileMetaData().getKeyValueMetaData().get(SPARK_SCHEMA_KEY);
          if (json != null && DataType.fromJson(json) instanceof StructType s) return Optional.of(s);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
