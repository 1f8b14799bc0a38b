package io.newslens.reuse;

import static io.newslens.Columns.*;
import static io.newslens.testing.TestCorpora.doc;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

import io.newslens.testing.SparkTest;
import io.newslens.testing.TestCorpora;
import io.newslens.testing.TestCorpora.Doc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class ReuseTest {

  @Test
  void kimsQuoteSharedBySeeds000And004(SparkSession spark) {
    Dataset<Row> docs = TestCorpora.seedDocuments(spark);
    Map<String, String> texts = new HashMap<>();
    Map<String, String> sources = new HashMap<>();
    for (Row r : docs.select(DOC_ID, SOURCE, TEXT).collectAsList()) {
      texts.put(r.getString(0), r.getString(2));
      sources.put(r.getString(1).substring(0, 3), r.getString(0));
    }
    List<Row> ps = Reuse.apply(docs, ReuseParams.defaults()).passages().collectAsList();
    assertEquals(Reuse.PASSAGE_COLUMNS, List.of(Reuse.apply(docs, ReuseParams.defaults()).passages().columns()));
    Row kim = null;
    for (Row p : ps) {
      String a = p.getString(0);
      String b = p.getString(1);
      assertTrue(a.compareTo(b) < 0);
      assertNotEquals(p.getString(2), p.getString(3));
      String passage = p.getString(8);
      assertEquals(passage, texts.get(a).substring(p.getInt(4), p.getInt(5)));
      assertEquals(passage.length(), p.getInt(9));
      assertTrue(p.getInt(10) >= 10);
      if (passage.contains("coopération stratégique")) kim = p;
    }
    assertNotNull(kim, "Kim's quote between 000 and 004: " + ps);
    String id000 = sources.get("000");
    String id004 = sources.get("004");
    assertEquals(List.of(id000, id004).stream().sorted().toList(), List.of(kim.getString(0), kim.getString(1)));
    String textB = texts.get(kim.getString(1)).substring(kim.getInt(6), kim.getInt(7));
    for (String s : List.of(kim.getString(8), textB)) {
      assertTrue(s.startsWith("La coopération stratégique et tactique"), s);
      assertTrue(s.endsWith("selon KCNA"), s);
    }
    assertEquals(34, kim.getInt(10));
  }

  @Test
  void repeatsInsideOneSourceAreBoilerplateNotReuse(SparkSession spark) {
    String footer = "Retrouvez toute l'actualité de votre région sur notre site et abonnez-vous à la lettre "
        + "quotidienne gratuite";
    String wire = "Le Premier ministre a présenté mardi devant les députés un plan de relance de trente milliards "
        + "d'euros destiné aux entreprises les plus touchées par la crise sanitaire";
    List<Doc> docs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      docs.add(doc("a" + i, "siteA", null, "Article numéro " + i + " sur un sujet local différent. " + footer));
    }
    docs.add(doc("b0", "siteB", null, "Une brève sans rapport. " + footer + ". Puis une autre phrase."));
    docs.add(doc("c0", "siteC", null, "Selon l'AFP, " + wire + ". Fin de la dépêche."));
    docs.add(doc("d0", "siteD", null, wire + ", a rapporté la presse."));
    docs.add(doc("d1", "siteD", null, wire + "."));
    docs.add(doc("e0", "siteE", null, ""));
    docs.add(doc("e1", "siteE", null, null));
    Dataset<Row> df = TestCorpora.documents(spark, docs.toArray(new Doc[0]));
    List<Row> ps = Reuse.apply(df, ReuseParams.defaults()).passages().orderBy(DOC_A, DOC_B).collectAsList();
    List<String> pairs = ps.stream().map(r -> r.getString(0) + "-" + r.getString(1)).toList();
    // the footer is in 5 documents of siteA: boilerplate, so b0 reuses nothing; d0 and d1 share one source
    assertEquals(List.of("c0-d0", "c0-d1"), pairs);
    for (Row r : ps) {
      assertTrue(r.getString(8).startsWith("Le Premier ministre"), r.getString(8));
      assertTrue(r.getString(8).endsWith("crise sanitaire"), r.getString(8));
      assertEquals(28, r.getInt(10));
      assertEquals(wire.length(), r.getInt(9));
      assertEquals(13, r.getInt(4)); // after "Selon l'AFP, "
    }
    // with a higher boilerplate limit the footer becomes reuse between siteA and siteB
    ReuseParams loose = new ReuseParams(5, 100, 6, 2, 12, 10, 5, 20);
    assertEquals(7, Reuse.apply(df, loose).passages().count());
  }

  @Test
  void paramsAndSchemaErrors(SparkSession spark) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ReuseParams(5, 100, 5, 2, 12, 4, 0, 0));
    assertTrue(e.getMessage().contains("--reuse-min-words"));
    Dataset<Row> noSource = TestCorpora.documents(spark, doc("a", "s", null, "x")).drop(SOURCE);
    e = assertThrows(IllegalArgumentException.class, () -> Reuse.apply(noSource, ReuseParams.defaults()));
    assertTrue(e.getMessage().contains("source"), e.getMessage());
  }
}
