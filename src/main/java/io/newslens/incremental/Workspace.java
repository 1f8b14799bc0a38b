package io.newslens.incremental;

import io.newslens.output.ParquetTables;
import io.newslens.state.NextVersion;
import static io.newslens.Columns.DOC_ID;

import io.newslens.job.JobConfig;
import io.newslens.output.OutputFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What the steps of one update share: the session, the base's parameters, the next version being staged, its number,
 * and a work folder inside the staging folder for intermediate tables (removed before the manifest is written).
 */
final class Workspace {
  private static final String DIR = "_delta";

  final SparkSession spark;
  final JobConfig cfg;
  final NextVersion next;
  final int version;
  /** id_aliases rows of this version (dedup's and stories'), appended once by the update. */
  final List<Row> aliases = new ArrayList<>();
  private final OutputFolder out;

  Workspace(SparkSession spark, JobConfig cfg, OutputFolder out, NextVersion next, int version) {
    this.spark = spark;
    this.cfg = cfg;
    this.out = out;
    this.next = next;
    this.version = version;
  }

  /** The current version of a table or state table. */
  Dataset<Row> base(String table) {
    return next.read(table);
  }

  /** Writes an intermediate table and returns it read back (so later steps do not recompute it). */
  Dataset<Row> save(String name, Dataset<Row> df) {
    df.write().mode(SaveMode.Overwrite).parquet(work(name));
    return read(name);
  }

  /** An intermediate table written by {@link #save}. */
  Dataset<Row> read(String name) {
    return ParquetTables.read(spark, work(name));
  }

  private String work(String name) {
    return new Path(new Path(out.stagingDir(), DIR), name).toString();
  }

  /** Removes the work folder. */
  void clear() {
    try {
      out.fileSystem().delete(new Path(out.stagingDir(), DIR), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Dataset<Row> rows(List<Row> rows, StructType schema) {
    return spark.createDataFrame(rows, schema);
  }

  /** A one-column table of document ids (doc_id), sorted. */
  Dataset<Row> ids(Collection<String> ids) {
    return ids(ids, DOC_ID);
  }

  Dataset<Row> ids(Collection<String> ids, String column) {
    List<Row> r = new ArrayList<>(ids.size());
    for (String id : new TreeSet<>(ids)) r.add(RowFactory.create(id));
    return spark.createDataFrame(r, new StructType().add(column, DataTypes.StringType, false));
  }
}
