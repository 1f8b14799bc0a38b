package io.newslens.cli;

import static io.newslens.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newslens.extract.PageExtractor;
import io.newslens.testing.ChildJvm;
import io.newslens.testing.CrawlCorpus;
import io.newslens.testing.HostileCorpus;
import io.newslens.testing.SparkTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on a bad crawl (saved pages and WARC files with every kind of damage), in a JVM of its own with a
 * 640 MB heap and WARC files split into 8 KiB ranges: it completes, every record is a document or a rejection with
 * its reason, and the pages' documents carry their fetch time and extraction audit.
 */
@SparkTest
class CrawlEndToEndTest {
  @TempDir Path tmp;

  @Test
  void aBadCrawlIsReadToTheEndWithEveryRecordAccountedFor(SparkSession spark) throws Exception {
    Path in = tmp.resolve("in");
    Map<String, Map<String, Long>> expect = CrawlCorpus.write(in);
    Path out = tmp.resolve("out");
    Path log = tmp.resolve("logs/run");
    Process p = ChildJvm.startMain(log, List.of("-Xmx640m", "-Dspark.sql.files.maxPartitionBytes=8k"), "run",
        "--master", "local[2]", "--input", in.toString(), "--output", out.toString());
    assertEquals(0, ChildJvm.waitFor(p, 900, log), ChildJvm.tail(log));

    Dataset<Row> docs = spark.read().parquet(out.resolve("documents").toString());
    Dataset<Row> rejected = spark.read().parquet(out.resolve("rejected").toString());
    Map<String, Map<String, Long>> actual = HostileCorpus.outcomes(in, docs, rejected);
    assertEquals(expect, actual);
    for (Row r : rejected.collectAsList()) {
      String m = r.getAs(MESSAGE);
      assertTrue(m != null && !m.isBlank() && !m.contains("\n"), r.toString());
    }
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertEquals(HostileCorpus.total(expect), manifest.path("records").path("read").asLong());
    assertTrue(manifest.path("records").path("reconciled").asBoolean());

    // the documents' audit: extraction for pages only (without the dropped spans), fetch time for WARC pages only
    StructType audit = (StructType) docs.schema().apply(EXTRACTION).dataType();
    assertFalse(Arrays.asList(audit.fieldNames()).contains(DROPPED));
    int pages = 0;
    for (Row r : docs.collectAsList()) {
      String format = r.getAs(INPUT_FORMAT);
      Row x = r.getAs(EXTRACTION);
      boolean page = format.equals("html") || format.equals("warc");
      assertEquals(page, x != null, format);
      assertEquals(format.equals("warc"), r.getAs(FETCHED_AT) != null, format);
      if (!page) continue;
      pages++;
      // every block the extractor dropped is one boilerplate annotation of the clean stage
      List<Row> removed = r.getList(r.fieldIndex(BOILERPLATE));
      long fromExtraction = removed.stream().filter(b -> b.<String>getAs(REASON).startsWith("extraction:")).count();
      assertEquals((long) x.<Integer>getAs(DROPPED_BLOCKS), fromExtraction, r.<String>getAs(INPUT_PATH));
      assertEquals((int) x.<Integer>getAs(PAGE_CHARS), r.<String>getAs(RAW_TEXT).length());
      assertTrue(r.<String>getAs(TEXT).length() <= r.<String>getAs(RAW_TEXT).length());
      if (format.equals("warc")) {
        assertTrue(r.<String>getAs(SOURCE_ID).startsWith("<urn:uuid:"), r.toString());
        assertNotNull(r.<scala.collection.Map<String, String>>getAs(META).get("warc_target_uri").getOrElse(() -> null));
      }
    }
    assertEquals(10, pages); // 5 saved pages, 4 + 1 WARC pages

    Map<String, Row> byFile = new TreeMap<>();
    for (Row r : docs.collectAsList()) byFile.put(HostileCorpus.key(in, r.getAs(INPUT_PATH)), r);
    Row good = byFile.get("pages/good.html");
    assertEquals(PageExtractor.extract(CrawlCorpus.GOOD.getBytes(StandardCharsets.UTF_8), null, null).pageText(),
        good.getAs(RAW_TEXT));
    assertNull(good.getAs(FETCHED_AT));
    Row cp = byFile.get("pages/cp1252.html");
    assertEquals("windows-1252", cp.getAs(ENCODING));
    // the headline is the title (and one extraction:title annotation); the body keeps its accents and euro sign
    assertEquals("Été brûlant", cp.getAs(TITLE));
    assertTrue(cp.<String>getAs(TEXT).startsWith("Déjà vu à Noël : 5 € la pièce"), cp.<String>getAs(TEXT));
    assertEquals("el", byFile.get("pages/el.html").getAs(LANG));
    assertEquals("fr", good.getAs(LANG));
    assertNull(byFile.get("news.jsonl").getAs(EXTRACTION));
  }
}
