package io.newslens.analyze;

import static io.newslens.Columns.*;
import static io.newslens.testing.TestCorpora.doc;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newslens.clean.Clean;
import io.newslens.clean.CleanParams;
import io.newslens.testing.SparkTest;
import io.newslens.testing.TestCorpora;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class AnalyzeTest {

  @Test
  void seedsGiveTokensWithOffsetsIntoTextAndDisplayForms(SparkSession spark) {
    Dataset<Row> docs = Clean.apply(TestCorpora.seedDocuments(spark), CleanParams.defaults()).documents().cache();
    Dataset<Row> tokens = Analyze.apply(docs, AnalyzeParams.defaults()).tokens().cache();
    assertEquals(Tokens.SCHEMA, tokens.schema());
    assertEquals(5, tokens.count());

    Map<String, String> texts = new HashMap<>();
    for (Row r : docs.select(DOC_ID, TEXT).collectAsList()) texts.put(r.getString(0), r.getString(1));
    long total = 0;
    for (Row r : tokens.collectAsList()) {
      assertEquals("fr", r.getAs(LANG));
      String text = texts.get(r.<String>getAs(DOC_ID));
      int lastSentence = 0;
      int lastStart = -1;
      for (Row t : r.<Row>getList(r.fieldIndex(TOKENS))) {
        assertEquals(t.<String>getAs(SURFACE), text.substring(t.<Integer>getAs(START), t.<Integer>getAs(END)));
        assertTrue(t.<Integer>getAs(START) > lastStart, "text order");
        assertTrue(t.<Integer>getAs(SENTENCE) >= lastSentence);
        lastStart = t.getAs(START);
        lastSentence = t.getAs(SENTENCE);
        total++;
      }
    }
    assertTrue(total > 3000, "tokens: " + total);

    Map<String, String> display = new HashMap<>();
    Map<String, Long> counts = new HashMap<>();
    for (Row r : Tokens.displayForms(tokens).filter(col(LANG).equalTo("fr")).collectAsList()) {
      display.put(r.getAs(TERM), r.getAs(DISPLAY));
      counts.put(r.getAs(TERM), r.getAs("count"));
    }
    assertEquals("Poutine", display.get("poutin"));
    assertEquals("Corée", display.get("core"));
    assertEquals("sanctions", display.get("sanction"));
    assertEquals("Ukraine", display.get("ukrain"));
    assertEquals("Kim", display.get("kim"));
    String russie = TextAnalyzer.analyze("Russie", "fr", true, 1).tokens().get(0).term();
    assertEquals("Russie", display.get(russie));
    assertEquals("de", display.get("de"));
    assertTrue(counts.get("core") >= 40, "Corée: " + counts.get("core"));
  }

  @Test
  void edgeRows(SparkSession spark) {
    Dataset<Row> docs = TestCorpora.documents(spark,
        doc("empty", "s", null, ""),
        doc("one", "s", null, "Poutine"),
        doc("en", "s", null, "The sanctions against Russia were extended on Thursday by the European Union."))
        .withColumn(LANG, org.apache.spark.sql.functions.when(col(DOC_ID).equalTo("en"), "en")
            .when(col(DOC_ID).equalTo("one"), "zz").otherwise("und"));
    Map<String, Row> byId = new HashMap<>();
    for (Row r : Analyze.apply(docs, AnalyzeParams.defaults()).tokens().collectAsList()) byId.put(r.getAs(DOC_ID), r);
    assertEquals(3, byId.size());
    assertEquals(0, byId.get("empty").getList(2).size());
    Row one = byId.get("one");
    assertEquals("und", one.getAs(LANG), "a language without an analyzer uses the fallback");
    assertEquals(List.of("poutine"), one.<Row>getList(2).stream().map(t -> t.<String>getAs(TERM)).toList());
    Row en = byId.get("en");
    assertEquals("en", en.getAs(LANG));
    assertEquals("the sanction against russia were extend on thursdai by the european union",
        String.join(" ", en.<Row>getList(2).stream().map(t -> t.<String>getAs(TERM)).toList()));
  }

  @Test
  void checksItsInput(SparkSession spark) {
    Dataset<Row> docs = TestCorpora.documents(spark, doc("x", "s", null, "texte"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Analyze.apply(docs, AnalyzeParams.defaults()));
    assertTrue(e.getMessage().contains("[lang]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new AnalyzeParams(true, 0));
    assertTrue(e.getMessage().startsWith("--max-tokens-per-doc"));
  }
}
