package io.newslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newslens.Columns;
import io.newslens.testing.HostileCorpus;
import io.newslens.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The job completes on a hostile corpus; every record is a document or a rejection with its reason. The run
 * ({@link HostileRun}: `newslens run` with the default options, exit code 0) is shared with {@link ReliabilityTest}.
 */
@SparkTest
class HostileCorpusTest {
  @Test
  void everyGoodRecordIsKeptEveryBadOneRejectedAndTheCountsReconcile(SparkSession spark) throws IOException {
    HostileRun run = HostileRun.get(spark);
    Path in = run.in();
    Map<String, Map<String, Long>> expect = run.expect();
    Path out = run.out();

    Dataset<Row> docs = spark.read().parquet(out.resolve("documents").toString());
    Dataset<Row> rejected = spark.read().parquet(out.resolve("rejected").toString());
    Map<String, Map<String, Long>> actual = HostileCorpus.outcomes(in, docs, rejected);
    assertEquals(expect, actual);

    // every rejection says where and why, in one readable line
    for (Row r : rejected.collectAsList()) {
      assertNotNull(r.getAs(Columns.INPUT_PATH));
      String message = r.getAs(Columns.MESSAGE);
      assertTrue(message != null && !message.isBlank() && !message.contains("\n"), String.valueOf(r));
    }

    Map<String, Row> byId = new TreeMap<>();
    for (Row r : docs.collectAsList()) byId.put(r.getAs(Columns.SOURCE) + "/" + r.getAs(Columns.SOURCE_ID) + "/"
        + r.getAs(Columns.RECORD_NUMBER), r);
    // the two records sharing id "dup" in news.jsonl stay two documents, flagged; "dup" of another source is not
    List<Row> dups = docs.filter(docs.col(Columns.SOURCE_ID).equalTo("dup")).collectAsList();
    assertEquals(3, dups.size());
    assertEquals(3, dups.stream().map(r -> (String) r.getAs(Columns.DOC_ID)).distinct().count());
    assertEquals(2, dups.stream().filter(r -> r.<Boolean>getAs(Columns.ID_COLLISION)).count());
    assertEquals(docs.count(), docs.select(Columns.DOC_ID).distinct().count(), "doc_ids are unique");

    Row n1 = byId.get("example.fr/n1/1");
    assertNotNull(n1, byId.keySet().toString());
    assertEquals(java.time.Instant.parse("2023-09-13T22:20:04Z"),
        ((java.sql.Timestamp) n1.getAs(Columns.PUBLISHED_AT)).toInstant());
    assertEquals("Fin de ligne\nWindows.", byId.get("news/n11/11").getAs(Columns.RAW_TEXT));
    assertEquals("Le corps.", byId.get("news/n13/13").getAs(Columns.RAW_TEXT));
    assertEquals("Avec BOM.", byId.get("bom/b1/1").getAs(Columns.RAW_TEXT));
    Row latin = byId.get("latin1/latin1.txt/1");
    assertEquals("windows-1252", latin.getAs(Columns.ENCODING));
    assertEquals("Été brûlant", latin.getAs(Columns.TITLE));
    assertEquals("Titre Windows\n\nLigne un.\nLigne deux.\n", byId.get("crlf/crlf.txt/1").getAs(Columns.RAW_TEXT));
    assertEquals("Ligne 1\nLigne 2, avec virgule", byId.get("table/c1/1").getAs(Columns.RAW_TEXT));
    assertEquals("Dernier \"cité\"", byId.get("table/c3/3").getAs(Columns.RAW_TEXT));
    assertEquals("Parquet deux", docs.filter(docs.col(Columns.SOURCE_ID).equalTo("p2")).first()
        .getAs(Columns.TITLE));
    assertEquals(1, docs.filter(docs.col(Columns.SOURCE_ID).equalTo("after")).count());
    assertEquals("Texte binaire.", docs.filter(docs.col(Columns.SOURCE_ID).equalTo("p4")).first()
        .getAs(Columns.TEXT));

    JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    JsonNode rec = m.path("records");
    assertEquals(HostileCorpus.total(expect), rec.path("read").asLong());
    assertEquals(HostileCorpus.kept(expect), rec.path("kept").asLong());
    assertEquals(HostileCorpus.total(expect) - HostileCorpus.kept(expect), rec.path("rejected").asLong());
    assertTrue(rec.path("reconciled").asBoolean());
    Map<String, Long> byReason = new TreeMap<>();
    expect.values().forEach(e -> e.forEach((k, v) -> {
      if (!k.equals("kept")) byReason.merge(k, v, Long::sum);
    }));
    Map<String, Long> manifestByReason = new TreeMap<>();
    rec.path("rejected_by_reason").fields().forEachRemaining(e -> manifestByReason.put(e.getKey(),
        e.getValue().asLong()));
    assertEquals(byReason, manifestByReason);
    // .hidden/secret.jsonl, _tmp/x.txt and the _SUCCESS markers Spark wrote in parq/good, parq/numbers, parq/binary
    assertEquals(5, m.path("input").path("hidden_files_skipped").asInt());
  }
}
