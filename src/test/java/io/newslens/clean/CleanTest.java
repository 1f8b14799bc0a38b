package io.newslens.clean;

import static io.newslens.Columns.*;
import static io.newslens.testing.TestCorpora.doc;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newslens.ingest.Ingest;
import io.newslens.testing.SparkTest;
import io.newslens.testing.TestCorpora;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class CleanTest {

  static final String KIM_QUOTE = "La coopération stratégique et tactique, le soutien et la solidarité entre les deux pays";

  @Test
  void seedsKeepTheirRowsAndReportsAndLoseTheirWidgets(SparkSession spark) {
    Dataset<Row> in = TestCorpora.seedDocuments(spark);
    Dataset<Row> out = Clean.apply(in, CleanParams.defaults()).documents();

    List<String> expectedColumns = new ArrayList<>(Ingest.DOCUMENT_COLUMNS);
    expectedColumns.addAll(Clean.ADDED);
    assertEquals(expectedColumns, List.of(out.columns()));

    Map<String, String> reasonsBySeed = new TreeMap<>();
    Map<String, Row> bySeed = new TreeMap<>();
    for (Row r : out.collectAsList()) {
      String seed = r.<String>getAs(SOURCE_ID).substring(0, 3);
      bySeed.put(seed, r);
      List<Row> bp = r.getList(r.fieldIndex(BOILERPLATE));
      reasonsBySeed.put(seed, String.join(",", bp.stream().map(b -> b.<String>getAs(REASON)).toList()));
      String raw = r.getAs(RAW_TEXT);
      for (Row b : bp) {
        assertEquals(b.<String>getAs(REMOVED), raw.substring(b.<Integer>getAs(START), b.<Integer>getAs(END)));
      }
      assertEquals("fr", r.getAs(LANG));
      assertTrue(r.<Double>getAs(LANG_CONFIDENCE) > 0.8);
      assertEquals(r.<String>getAs(TEXT).length(), r.<Integer>getAs(CHAR_COUNT));
    }
    assertEquals(5, bySeed.size());
    assertEquals(Map.of(
        "000", "site_name,footer,footer,share_prompt,share_prompt,comment_prompt,comment_prompt,comment_prompt,"
            + "comment_prompt,comment_prompt,counter,comment_prompt",
        "001", "repeated_in_document,timestamp,read_also,read_also,read_also,hashtags,timestamp,share_prompt,"
            + "share_prompt,share_prompt,share_prompt,comment_prompt,comment_prompt",
        "002", "share_prompt,byline,comment_prompt,comment_prompt",
        "003", "read_also,read_also,site_description",
        "004", "site_name,repeated_in_document"), reasonsBySeed);

    String all = String.join("\n", bySeed.values().stream().map(r -> r.<String>getAs(TEXT)).toList());
    for (String gone : List.of("Leave a Comment", "Partager l'article", "Lire aussi", "Spread the love",
        "Facebook", "Pinterest", "Laisser un commentaire", "Akismet", "actionrc.fr", "Commentaires en ligne",
        "#Kim", "1694634934")) {
      assertFalse(all.contains(gone), gone);
    }
    // the quote two outlets share stays in both (seeds 000 and 004 are different sources)
    assertTrue(bySeed.get("000").<String>getAs(TEXT).contains(KIM_QUOTE));
    assertTrue(bySeed.get("004").<String>getAs(TEXT).contains(KIM_QUOTE));
    // typographic characters are kept in text
    assertTrue(bySeed.get("001").<String>getAs(TEXT).contains("Kim s’aligne sur la « guerre sainte » de Poutine"));
  }

  @Test
  void repeatedLinesAreBoilerplatePerSourceOnly(SparkSession spark) {
    String footer = "Retrouvez toute l'actualité de Ville-Info";
    String quote = "« Nous ne céderons pas », a déclaré le maire devant le conseil municipal.";
    List<TestCorpora.Doc> docs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      // source a: 12 distinct bodies, each with the footer; the quote in 6 of them
      docs.add(doc("a" + i, "ville-info.fr", "2024-01-0" + (1 + i % 9), "Article " + i + " sur la ville.\n"
          + (i < 6 ? quote + "\n" : "") + footer));
      // source b: the same footer in 3 of its 12 bodies (3 < 10 bodies); the quote in 6
      docs.add(doc("b" + i, "autre.fr", null, "Dépêche " + i + "." + (i < 6 ? "\n" + quote : "")
          + (i < 3 ? "\n" + footer : "")));
      // sources site0..site11: the quote once each (24 documents quote it, at most 6 per source)
      docs.add(doc("c" + i, "site" + i + ".fr", null, "Reprise " + i + ".\n" + quote));
    }
    // source d: 10 byte-identical copies of one body (count once) with the footer
    for (int i = 0; i < 10; i++) docs.add(doc("d" + i, "miroir.fr", null, "Copie.\n" + footer));
    docs.add(doc("empty", "ville-info.fr", null, ""));
    docs.add(doc("widgets", "ville-info.fr", null, "Leave a Comment\nSpread the love"));

    Dataset<Row> out = Clean.apply(TestCorpora.documents(spark, docs.toArray(TestCorpora.Doc[]::new)),
        CleanParams.defaults()).documents();
    Map<String, Row> byId = new TreeMap<>();
    for (Row r : out.collectAsList()) byId.put(r.getAs(DOC_ID), r);
    assertEquals(docs.size(), byId.size());

    Row a0 = byId.get("a0");
    assertEquals("Article 0 sur la ville.\n" + quote, a0.getAs(TEXT));
    List<Row> bp = a0.getList(a0.fieldIndex(BOILERPLATE));
    assertEquals(1, bp.size());
    assertEquals("repeated_in_source", bp.get(0).getAs(REASON));
    assertEquals(footer, bp.get(0).getAs(REMOVED));
    assertEquals(24 + quote.length() + 1, (int) bp.get(0).<Integer>getAs(START));

    assertEquals("Dépêche 0.\n" + quote + "\n" + footer, byId.get("b0").getAs(TEXT), "never across sources");
    assertEquals("Copie.\n" + footer, byId.get("d3").getAs(TEXT), "identical copies count as one body");
    assertEquals("Article 7 sur la ville.", byId.get("a7").getAs(TEXT));
    for (String id : List.of("a5", "b5", "c5")) assertTrue(byId.get(id).<String>getAs(TEXT).contains(quote), id);

    Row empty = byId.get("empty");
    assertEquals("", empty.getAs(TEXT));
    assertEquals("und", empty.getAs(LANG));
    assertEquals(0, (int) empty.<Integer>getAs(CHAR_COUNT));
    Row widgets = byId.get("widgets");
    assertEquals("", widgets.getAs(TEXT));
    assertEquals(2, widgets.getList(widgets.fieldIndex(BOILERPLATE)).size());
  }

  @Test
  void checksItsInput(SparkSession spark) {
    Dataset<Row> docs = TestCorpora.documents(spark, doc("x", "s", null, "texte"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Clean.apply(docs.drop(SOURCE), CleanParams.defaults()));
    assertTrue(e.getMessage().contains("[source]"), e.getMessage());
    Dataset<Row> cleaned = Clean.apply(docs, CleanParams.defaults()).documents();
    assertThrows(IllegalArgumentException.class,
        () -> Clean.apply(cleaned.drop(RAW_TEXT), CleanParams.defaults()));
    assertEquals(1, cleaned.filter(col(LANG).equalTo("und")).count());
  }

  @Test
  void paramsNameTheirFlags() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CleanParams(1, 0.02, 500, true, 400, 20, 0.55, 2, 1000, 4, 0.2, 200, true));
    assertTrue(e.getMessage().startsWith("--boilerplate-min-docs"));
    e = assertThrows(IllegalArgumentException.class, () -> new CleanParams(10, 1.5, 500, true, 400, 20, 0.55, 2, 1000, 4, 0.2, 200, true));
    assertTrue(e.getMessage().startsWith("--boilerplate-min-fraction"));
    e = assertThrows(IllegalArgumentException.class, () -> new CleanParams(10, 0.02, 500, true, 400, 20, Double.NaN, 2, 1000, 4, 0.2, 200, true));
    assertTrue(e.getMessage().startsWith("--lang-min-confidence"));
  }
}
