package io.newslens.testing;

import io.newslens.Columns;
import io.newslens.ingest.Ingest;
import io.newslens.ingest.IngestParams;
import io.newslens.ingest.Inputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Small corpora for stage tests: the seeds through the real ingest, or hand-made documents. */
public final class TestCorpora {
  private TestCorpora() {}

  /** The project's seeds/ folder (tests run with the project root as working directory). */
  public static Path seedsDir() {
    return Path.of("seeds").toAbsolutePath();
  }

  /** The five seed articles as the ingest stage produces them (doc_id, source, text, …), cached. */
  public static Dataset<Row> seedDocuments(SparkSession spark) {
    try {
      Inputs.Listing l = Inputs.list(List.of(seedsDir().toString()), spark.sparkContext().hadoopConfiguration());
      Ingest.registerUdfs(spark);
      return Ingest.apply(spark, l.files(), IngestParams.defaults()).documents().cache();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One hand-made document: id, source, publication time (ISO date or null) and text. */
  public record Doc(String docId, String source, String published, String text) {}

  public static Doc doc(String docId, String source, String published, String text) {
    return new Doc(docId, source, published, text);
  }

  /** A documents table with the ingest schema's main columns, from hand-made rows. */
  public static Dataset<Row> documents(SparkSession spark, Doc... docs) {
    StructType schema = new StructType()
        .add(Columns.DOC_ID, DataTypes.StringType, false)
        .add(Columns.SOURCE_ID, DataTypes.StringType, true)
        .add(Columns.SOURCE, DataTypes.StringType, true)
        .add(Columns.URL, DataTypes.StringType, true)
        .add(Columns.TITLE, DataTypes.StringType, true)
        .add(Columns.PUBLISHED_AT, DataTypes.TimestampType, true)
        .add(Columns.TEXT, DataTypes.StringType, true)
        .add(Columns.META, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true);
    List<Row> rows = new ArrayList<>();
    for (Doc d : docs) {
      Timestamp ts = d.published() == null ? null
          : Timestamp.valueOf(d.published().length() == 10 ? d.published() + " 00:00:00" : d.published());
      rows.add(RowFactory.create(d.docId(), d.docId(), d.source(), null, null, ts, d.text(),
          scala.jdk.javaapi.CollectionConverters.asScala(Map.<String, String>of())));
    }
    return spark.createDataFrame(rows, schema);
  }
}
