package io.newslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newslens.Columns;
import io.newslens.output.Tables;
import io.newslens.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corpora too small for some stage: no document kept, one document, documents without a content term. Each run
 * publishes every table (empty where there is nothing to say), its rejected table and manifest, and ends with one
 * clear line.
 */
@SparkTest
class SmallCorporaTest {
  @TempDir Path tmp;

  private JsonNode runOk(SparkSession spark, Path in, Path out, String expectedLine) throws IOException {
    Cli run = Cli.run(spark, "run", "--input", in.toString(), "--output", out.toString());
    assertEquals(0, run.exit(), run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals(1, lines.size(), run.out());
    assertTrue(lines.get(0).contains(expectedLine), lines.get(0));
    assertTrue(run.errLines().stream().noneMatch(l -> l.contains("Exception") || l.contains("failed")), run.err());
    for (String t : Tables.ALL) assertTrue(Files.isDirectory(out.resolve(t)), t);
    JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertTrue(m.path("records").path("reconciled").asBoolean());
    for (String t : Tables.ALL) {
      assertEquals(spark.read().parquet(out.resolve(t).toString()).count(), m.path("tables").path(t).path("rows")
          .asLong(), t);
    }
    return m;
  }

  @Test
  void noDocumentKeptStillWritesTheRejectedTableAndTheManifest(SparkSession spark) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    for (int i = 0; i < 3; i++) {
      Files.writeString(in.resolve("p" + i + ".html"), "<html><head><script>var a = " + i + ";</script></head>"
          + "<body><script>go();</script></body></html>");
    }
    Files.writeString(in.resolve("bad.jsonl"), "{\"title\":\"no text\"}\n");
    Path out = tmp.resolve("out");
    JsonNode m = runOk(spark, in, out, "no document was kept: 4 of 4 records rejected (missing_text 1, "
        + "no_article 3)");
    assertEquals(0, m.path("records").path("kept").asLong());
    assertEquals(4, spark.read().parquet(out.resolve(Tables.REJECTED).toString()).count());
    assertEquals(0, spark.read().parquet(out.resolve(Tables.DOCUMENTS).toString()).count());
    assertEquals(0, m.path("topics").path("stats").path("k").asInt());
  }

  @Test
  void oneDocumentGoesThroughEveryStage(SparkSession spark) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("one"));
    Files.writeString(in.resolve("seul.txt"), "Un article seul\n\nLe conseil municipal a voté le budget de la "
        + "commune jeudi soir, après un long débat sur les écoles et les routes.\n");
    Path out = tmp.resolve("out1");
    JsonNode m = runOk(spark, in, out, "documents=1,");
    assertEquals(1, m.path("records").path("kept").asLong());
    Row d = spark.read().parquet(out.resolve(Tables.DOC_TOPICS).toString()).collectAsList().stream().findFirst()
        .orElse(null);
    long topics = spark.read().parquet(out.resolve(Tables.TOPICS).toString()).count();
    // one document: a model of its own words if the vocabulary allows one, else no topics and no mixtures
    assertEquals(topics == 0 ? 0 : 1, spark.read().parquet(out.resolve(Tables.DOC_TOPICS).toString()).count());
    if (d != null) assertEquals("fitted", d.getAs(Columns.MIXTURE_SOURCE));
    assertEquals(1, spark.read().parquet(out.resolve(Tables.DUPLICATE_CLUSTERS).toString()).count());
  }

  @Test
  void documentsWithoutContentTermsGiveNoTopicsAndNoError(SparkSession spark) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("stop"));
    // punctuation and symbols only: every stage sees documents, none with a word
    Files.writeString(in.resolve("a.jsonl"), "{\"id\":\"1\",\"text\":\"... !!! ???\"}\n"
        + "{\"id\":\"2\",\"text\":\"« — » … * * *\"}\n{\"id\":\"3\",\"text\":\"--- ### ///\"}\n");
    Path out = tmp.resolve("out2");
    JsonNode m = runOk(spark, in, out, "documents=3,");
    assertEquals(0, spark.read().parquet(out.resolve(Tables.TOPICS).toString()).count());
    assertEquals(0, m.path("topics").path("stats").path("k").asInt());
    assertTrue(m.path("topics").path("skipped").asText().contains("vocabulary"), m.path("topics").toString());
  }
}
