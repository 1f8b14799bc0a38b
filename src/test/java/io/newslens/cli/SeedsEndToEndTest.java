package io.newslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newslens.Columns;
import io.newslens.ingest.Ingest;
import io.newslens.output.ParquetTables;
import io.newslens.testing.SparkTest;
import io.newslens.testing.TestCorpora;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code newslens run --input seeds --output tmp}, through Main.run, against the expected rows and manifest. */
@SparkTest
class SeedsEndToEndTest {
  @TempDir Path tmp;

  /** doc_id = first 16 hex digits of SHA-256(source U+001F source_id), computed by hand (Python hashlib). */
  static final Map<String, String> DOC_IDS = Map.of(
      "000_4927eef291c689c3.txt", "7e638a61e561dbc0",
      "001_e403d3f9431f0434.txt", "061714da219d33c4",
      "002_eb4eecf2300c74ce.txt", "d53ca0cdd4f2bbb1",
      "003_62fb6a3b0380740b.txt", "92b67fa967d45e03",
      "004_a8609f9c589cff3b.txt", "1a899392c7ff674b");

  static final Map<String, String> TITLES = Map.of(
      // the headline after the site name and its tagline; the title keeps the text's no-break spaces
      "000_4927eef291c689c3.txt", "Poutine et Kim, en tant que dirigeants des «\u00A0pays les plus "
          + "sanctionnés\u00A0» du monde, s’engagent à renforcer leurs liens contre les États-Unis "
          + "«\u00A0hostiles\u00A0»",
      "001_e403d3f9431f0434.txt", "Kim s’aligne sur la « guerre sainte » de Poutine",
      "002_eb4eecf2300c74ce.txt", "En Corée du Nord, Poutine salue le « ferme soutien » de Pyongyang en Ukraine.",
      "003_62fb6a3b0380740b.txt", "La Corée du Nord a déjà été accusée par les États-Unis et la Corée du Sud de "
          + "fournir à la Russie des missiles, de l’artillerie et d’autres équipements militaires.",
      // the headline after "logo", found twice
      "004_a8609f9c589cff3b.txt", "Boudé par l'Occident, Vladimir Poutine se tourne vers Kim Jong Un en "
          + "tant qu'allié de la Corée du Nord.");

  static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void seedsGiveFiveDocumentsWithStableIdsTitlesAndTheOneDate(SparkSession spark) throws IOException {
    Path out = tmp.resolve("out");
    Cli run = Cli.run(spark, "run", "--input", TestCorpora.seedsDir().toString(), "--output", out.toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().startsWith("newslens: wrote file:" + out + " in "), run.out());
    for (String t : io.newslens.output.Tables.ALL) assertTrue(run.out().contains(t + "="), t + " in " + run.out());
    assertTrue(run.out().contains("documents=5,") && run.out().contains("rejected=0,"), run.out());

    Dataset<Row> docs = spark.read().parquet(out.resolve("documents").toString());
    List<String> columns = new java.util.ArrayList<>(Ingest.DOCUMENT_COLUMNS);
    columns.addAll(io.newslens.clean.Clean.ADDED);
    columns.add(Columns.VERSION); // the output version that wrote the row
    assertEquals(columns, List.of(docs.columns()));
    Map<String, Row> bySourceId = new TreeMap<>();
    for (Row r : docs.collectAsList()) bySourceId.put(r.getAs(Columns.SOURCE_ID), r);
    assertEquals(DOC_IDS.keySet(), bySourceId.keySet());
    for (Map.Entry<String, Row> e : bySourceId.entrySet()) {
      Row r = e.getValue();
      String stem = e.getKey().substring(0, e.getKey().length() - 4);
      assertEquals(DOC_IDS.get(e.getKey()), r.getAs(Columns.DOC_ID), e.getKey());
      assertEquals(TITLES.get(e.getKey()), r.getAs(Columns.TITLE), e.getKey());
      assertEquals(stem, r.getAs(Columns.SOURCE));
      assertEquals("file:" + TestCorpora.seedsDir().resolve(e.getKey()), r.getAs(Columns.INPUT_PATH));
      assertEquals("txt", r.getAs(Columns.INPUT_FORMAT));
      assertEquals("UTF-8", r.getAs(Columns.ENCODING));
      assertEquals(Boolean.FALSE, r.getAs(Columns.ID_COLLISION));
      assertNull(r.getAs(Columns.URL));
      assertTrue(((String) r.getAs(Columns.TEXT)).length() > 400, e.getKey());
    }
    Row kim = bySourceId.get("001_e403d3f9431f0434.txt");
    assertEquals("2023-09-13 22:20:04", kim.getAs(Columns.PUBLISHED_RAW));
    assertEquals(Instant.parse("2023-09-13T22:20:04Z"), ((Timestamp) kim.getAs(Columns.PUBLISHED_AT)).toInstant());
    assertEquals(1, docs.filter(docs.col(Columns.PUBLISHED_AT).isNotNull()).count());
    assertEquals(0, spark.read().parquet(out.resolve("rejected").toString()).count());

    JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals("newslens", m.path("tool").asText());
    assertEquals(5, m.path("records").path("read").asLong());
    assertEquals(5, m.path("records").path("kept").asLong());
    assertEquals(0, m.path("records").path("rejected").asLong());
    assertTrue(m.path("records").path("reconciled").asBoolean());
    // five articles are a small corpus: no adaptive query execution (the test session leaves it to Newslens)
    assertFalse(m.path("spark").path("adaptive_query_execution").asBoolean(true), m.path("spark").toString());
    // nor code generation
    assertFalse(m.path("spark").path("code_generation").asBoolean(true), m.path("spark").toString());
    assertEquals(5, m.path("tables").path("documents").path("rows").asLong());
    assertEquals(0, m.path("tables").path("rejected").path("rows").asLong());
    assertEquals(5, m.path("input").path("files").asInt());
    java.util.Set<String> given = new java.util.TreeSet<>();
    m.path("params").path("given").fieldNames().forEachRemaining(given::add);
    assertEquals(java.util.Set.of("input", "output"), given);
    assertEquals(0, m.path("input").path("hidden_files_skipped").asInt());
    // what cleaning removed, per source (the reasons of CleanTest: 12 + 13 + 4 + 3 + 2 lines)
    JsonNode clean = m.path("clean");
    assertEquals(34, clean.path("lines_removed").asLong());
    assertEquals(5, clean.path("sources").asInt());
    assertEquals(13, clean.path("by_source").path("001_e403d3f9431f0434").path("lines_removed").asLong());
    assertEquals(3, clean.path("by_source").path("001_e403d3f9431f0434").path("lines_removed_by_reason")
        .path("read_also").asLong());
    assertEquals(List.of("001_e403d3f9431f0434", "000_4927eef291c689c3", "002_eb4eecf2300c74ce",
        "003_62fb6a3b0380740b", "004_a8609f9c589cff3b"), iterable(clean.path("by_source").fieldNames()));

    for (String t : io.newslens.output.Tables.ALL) {
      assertEquals(spark.read().parquet(out.resolve(t).toString()).count(), m.path("tables").path(t).path("rows").asLong(), t);
    }
    // the schema stored in the footers (read with no Spark job) is the one Spark infers, for every table and state
    List<Path> tables = new java.util.ArrayList<>();
    for (String t : io.newslens.output.Tables.ALL) tables.add(out.resolve(t));
    try (java.util.stream.Stream<Path> state = java.nio.file.Files.list(out.resolve("state"))) {
      state.filter(java.nio.file.Files::isDirectory).forEach(tables::add);
    }
    assertTrue(tables.size() > io.newslens.output.Tables.ALL.size(), tables.toString());
    for (Path t : tables) {
      assertEquals(spark.read().parquet(t.toString()).schema(), ParquetTables.read(spark, t.toString()).schema(),
          t.toString());
    }

    // golden rows of the later stages
    Row quote = spark.read().parquet(out.resolve("reuse_passages").toString()).first();
    assertEquals(java.util.Set.of("000_4927eef291c689c3", "004_a8609f9c589cff3b"),
        java.util.Set.of((String) quote.getAs(Columns.SOURCE_A), (String) quote.getAs(Columns.SOURCE_B)));
    assertTrue(((String) quote.getAs(Columns.PASSAGE)).startsWith("La coopération stratégique et tactique"),
        (String) quote.getAs(Columns.PASSAGE));
    assertEquals(5, spark.read().parquet(out.resolve("duplicate_clusters").toString())
        .filter(Columns.CLUSTER_SIZE + " = 1 AND " + Columns.IS_REPRESENTATIVE).count(), "five singletons");
    assertEquals(0, spark.read().parquet(out.resolve("duplicate_pairs").toString()).count());
    assertEquals(1, spark.read().parquet(out.resolve("collocations").toString())
        .filter("phrase = 'Corée du Nord' AND count >= 30 AND npmi > 0.8").count());
    assertEquals(1, spark.read().parquet(out.resolve("terms").toString())
        .filter("display = 'Poutine' AND df = 5 AND frequent AND dp < 0.5").count());
    // in all five articles: flagged frequent, and named in the manifest
    assertEquals(0.2, m.path("terms").path("frequent_share").asDouble());
    assertTrue(m.path("terms").path("frequent_terms").path("fr").path("terms").toString().contains("\"Poutine\""),
        m.path("terms").toString());
    assertEquals(5, spark.read().parquet(out.resolve("topics").toString()).count(), "K capped at 5 articles");
    for (Row r : spark.read().parquet(out.resolve("doc_topics").toString()).collectAsList()) {
      double sum = r.<Double>getList(r.fieldIndex("mixture")).stream().mapToDouble(Double::doubleValue).sum();
      assertEquals(1.0, sum, 1e-9);
    }

    // a second run into the same (our) folder replaces it and gives the same ids
    String firstRun = m.path("run_id").asText();
    Cli again = Cli.run(spark, "run", "--input", TestCorpora.seedsDir().toString(), "--output", out.toString());
    assertEquals(0, again.exit(), again.err());
    JsonNode m2 = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertTrue(!firstRun.equals(m2.path("run_id").asText()));
    List<String> ids = spark.read().parquet(out.resolve("documents").toString()).select(Columns.DOC_ID).as(
        org.apache.spark.sql.Encoders.STRING()).collectAsList().stream().sorted().toList();
    assertEquals(DOC_IDS.values().stream().sorted().toList(), ids);
    assertTrue(!spark.sparkContext().isStopped(), "the run must not stop a session it did not make");
  }
}
