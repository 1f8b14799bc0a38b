package io.newslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newslens.Columns;
import io.newslens.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --field, --source and --max-record-bytes reach the ingest stage. */
@SparkTest
class FieldOptionsTest {
  @TempDir Path tmp;

  @Test
  void namedFieldsSourceAndRecordLimit(SparkSession spark) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(in.resolve("feed.jsonl"),
        "{\"ref\":\"a\",\"text\":\"court\",\"summary\":\"Le résumé A.\",\"when\":\"13/09/2023\"}\n"
            + "{\"ref\":\"b\",\"text\":\"court\",\"summary\":\"" + "z".repeat(1500) + "\"}\n");
    Path out = tmp.resolve("out");
    Cli c = Cli.run(spark, "run", "--input", in.toString(), "--output", out.toString(), "--field", "text=summary",
        "--field", "id=ref", "--field", "date=when", "--source", "agence", "--max-record-bytes", "1024");
    assertEquals(0, c.exit(), c.err());
    List<Row> docs = spark.read().parquet(out.resolve("documents").toString()).collectAsList();
    assertEquals(1, docs.size());
    Row a = docs.get(0);
    assertEquals("a", a.getAs(Columns.SOURCE_ID));
    assertEquals("agence", a.getAs(Columns.SOURCE));
    assertEquals("Le résumé A.", a.getAs(Columns.TEXT));
    assertEquals(java.time.Instant.parse("2023-09-13T00:00:00Z"),
        ((java.sql.Timestamp) a.getAs(Columns.PUBLISHED_AT)).toInstant());
    assertEquals(scala.collection.immutable.Map.from(scala.jdk.javaapi.CollectionConverters.asScala(
        java.util.Map.of("text", "court"))), a.getMap(a.fieldIndex(Columns.META)));
    List<Row> rejected = spark.read().parquet(out.resolve("rejected").toString()).collectAsList();
    assertEquals(1, rejected.size());
    assertEquals("too_large", rejected.get(0).getAs(Columns.REASON));
    assertEquals(2L, (long) rejected.get(0).<Long>getAs(Columns.RECORD_NUMBER));
  }
}
