package io.newslens.clean;

import static io.newslens.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newslens.ingest.PageExtractions;
import io.newslens.testing.SparkTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The spans a page extractor dropped become boilerplate annotations before the clean rules run. */
@SparkTest
class ExtractionSpansTest {

  static final String PAGE = "Accueil\n\nFrance\n\nUn été à Paris\n\nIl a fait chaud à Paris.\n\n"
      + "Les parcs étaient pleins.\n\nPartagez sur Facebook\n\n© Le Site 2020";

  static int at(String s) {
    return PAGE.indexOf(s);
  }

  @Test
  void linesInPreRemovedSpansGoFirstWithTheirReasonAndTheRulesSeeTheRest() {
    List<Cleaner.PreRemoved> pre = List.of(
        new Cleaner.PreRemoved(0, at("Un été"), "extraction:navigation"), // two lines and the blank ones
        new Cleaner.PreRemoved(at("©"), PAGE.length(), "extraction:footer"));
    Cleaner.Cleaned c = Cleaner.clean(PAGE, pre, h -> false, true, 500);
    assertEquals("Un été à Paris\n\nIl a fait chaud à Paris.\n\nLes parcs étaient pleins.", c.text());
    List<String> got = c.removals().stream().map(r -> r.reason() + ":" + r.removed()).toList();
    assertEquals(List.of("extraction:navigation:Accueil", "extraction:navigation:France",
        "share_prompt:Partagez sur Facebook", "extraction:footer:© Le Site 2020"), got);
    for (Cleaner.Removal r : c.removals()) assertEquals(r.removed(), PAGE.substring(r.start(), r.end()));
    // no spans: the rules alone, which keep the menu
    assertTrue(Cleaner.clean(PAGE, List.of(), h -> false, true, 500).text().startsWith("Accueil\n\nFrance\n\n"));
    // a span that covers part of a line removes the whole line
    Cleaner.Cleaned part = Cleaner.clean(PAGE, List.of(new Cleaner.PreRemoved(at("chaud"), at("chaud") + 5,
        "extraction:x")), h -> false, false, 500);
    assertEquals("Accueil\n\nFrance\n\nUn été à Paris\n\nLes parcs étaient pleins.\n\nPartagez sur Facebook\n\n"
        + "© Le Site 2020", part.text());
  }

  @Test
  void theStructuralRulesSeeNeitherTheDroppedLinesNorThemAsNeighbours() {
    Cleaner.Rules all = new Cleaner.Rules(true, true, 500, 200);
    Cleaner.Repetition none = Cleaner.Repetition.ofSource(h -> false);
    String body = "\nIl a fait chaud à Paris cet été.\nLes parcs étaient pleins.";
    // a short title between two lines the rules removed is taken for page chrome (boilerplate_block) ...
    String shared = "Partagez sur Facebook\nUn été à Paris\nPartagez sur Twitter" + body;
    assertEquals(List.of("share_prompt", "boilerplate_block", "share_prompt"),
        Cleaner.clean(shared, List.of(), none, all).removals().stream().map(Cleaner.Removal::reason).toList());
    // ... but between two lines the extractor dropped it is the first line of the article the extractor kept
    String page = "Accueil\nUn été à Paris\nFrance" + body;
    Cleaner.Cleaned c = Cleaner.clean(page, List.of(new Cleaner.PreRemoved(0, 7, "extraction:navigation"),
        new Cleaner.PreRemoved(page.indexOf("France"), page.indexOf("France") + 6, "extraction:navigation")),
        none, all);
    assertEquals("Un été à Paris\n\nIl a fait chaud à Paris cet été.\nLes parcs étaient pleins.", c.text());
    assertEquals(List.of("extraction:navigation", "extraction:navigation"),
        c.removals().stream().map(Cleaner.Removal::reason).toList());
  }

  static final StructType SCHEMA = new StructType()
      .add(DOC_ID, DataTypes.StringType, false)
      .add(SOURCE, DataTypes.StringType, true)
      .add(TEXT, DataTypes.StringType, true)
      .add(EXTRACTION, PageExtractions.WORK_SCHEMA, true);

  static Row extraction(int... spans) {
    List<Row> dropped = new ArrayList<>();
    for (int i = 0; i < spans.length; i += 2) dropped.add(RowFactory.create(spans[i], spans[i + 1], "navigation"));
    return RowFactory.create("test", 0.9, "meta", 7, spans.length / 2, PAGE.length(), 55, dropped);
  }

  @Test
  void theStageTurnsDroppedSpansIntoAnnotationsAndWritesTheAuditWithoutThem(SparkSession spark) {
    Dataset<Row> docs = spark.createDataFrame(List.of(
        RowFactory.create("page", "lesite.fr", PAGE, extraction(0, at("Un été"), at("©"), PAGE.length())),
        RowFactory.create("plain", "lesite.fr", PAGE, null)), SCHEMA);
    Dataset<Row> out = Clean.apply(docs, CleanParams.defaults()).documents();
    assertEquals(Arrays.asList(DOC_ID, SOURCE, TEXT, EXTRACTION, RAW_TEXT, BOILERPLATE, LANG, LANG_CONFIDENCE,
        CHAR_COUNT), Arrays.asList(out.columns()));
    StructType audit = (StructType) out.schema().apply(EXTRACTION).dataType();
    assertEquals(List.of(METHOD, SCORE, ENCODING_SOURCE, BLOCKS, DROPPED_BLOCKS, PAGE_CHARS, ARTICLE_CHARS),
        Arrays.asList(audit.fieldNames()));
    Map<String, Row> byId = new java.util.TreeMap<>();
    for (Row r : out.collectAsList()) byId.put(r.getAs(DOC_ID), r);
    Row page = byId.get("page");
    assertEquals("Un été à Paris\n\nIl a fait chaud à Paris.\n\nLes parcs étaient pleins.", page.getAs(TEXT));
    assertEquals(PAGE, page.getAs(RAW_TEXT));
    List<String> reasons = page.<Row>getList(page.fieldIndex(BOILERPLATE)).stream()
        .map(b -> b.<String>getAs(REASON)).toList();
    assertEquals(List.of("extraction:navigation", "extraction:navigation", "share_prompt",
        "extraction:navigation"), reasons);
    Row a = page.getAs(EXTRACTION);
    assertEquals("test", a.getAs(METHOD));
    assertEquals(2, (int) a.<Integer>getAs(DROPPED_BLOCKS));
    // a document with no extraction (any other input format) is cleaned as before
    Row plain = byId.get("plain");
    assertNull(plain.getAs(EXTRACTION));
    assertTrue(plain.<String>getAs(TEXT).startsWith("Accueil\n\nFrance\n\nUn été"), plain.<String>getAs(TEXT));
  }
}
