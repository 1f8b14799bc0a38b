package io.newslens.clean;

import static io.newslens.Columns.*;
import static io.newslens.clean.CleanWindowTest.para;
import static io.newslens.clean.CleanWindowTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newslens.clean.CleanWindowTest.Page;
import io.newslens.testing.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * {@link Clean#addTo} against {@link Clean#apply} on old and added together, table by table: the documents it gives
 * (the added ones and the old ones whose cleaning changed) are the full run's, and every old document it leaves out
 * is cleaned in the full run exactly as it was.
 */
@SparkTest
class CleanAdditionTest {
  static final String FOOTER = "Suivez toute l'actualité de la région sur nos réseaux sociaux";

  /** Repeated in a source from 3 bodies and 30 % of them. */
  static final CleanParams THREE = new CleanParams(3, 0.3, 500, true, 400, 20, 0.55, 2, 1000, 4, 0.2, 200, true);

  /** An undated page (corpus-wide rule only): two paragraphs, and the footer when asked. */
  static Page page(String id, String source, boolean footer) {
    return new Page(id, source, null, null, null, null, null,
        para(id, 1) + "\n" + para(id, 2) + (footer ? "\n" + FOOTER : ""));
  }

  /** Source "a": six pages, two with the footer; source "b": three pages, all with it (3 of 3, repeated). */
  static List<Page> base() {
    List<Page> pages = new ArrayList<>();
    for (int k = 0; k < 6; k++) pages.add(page("a" + k, "a", k < 2));
    for (int k = 0; k < 3; k++) pages.add(page("b" + k, "b", true));
    return pages;
  }

  record Outcome(Set<String> dirty, long flippedLines, long rechecked) {}

  /** Adds {@code added} to {@code old} both ways and checks the addition against the full run; what it did. */
  static Outcome add(SparkSession spark, List<Page> old, List<Page> added, CleanParams p) {
    List<Page> all = new ArrayList<>(old);
    all.addAll(added);
    Map<String, Row> full = byId(Clean.apply(table(spark, all), p).documents());
    // the old documents as stored (materialized, as an output's documents table is)
    Dataset<Row> cleanedOld = Clean.apply(table(spark, old), p).documents();
    Dataset<Row> stored = spark.createDataFrame(cleanedOld.collectAsList(), cleanedOld.schema());
    Map<String, Row> before = byId(stored);
    Clean.Addition a = Clean.addTo(stored, table(spark, added), p);
    Map<String, Row> written = byId(a.documents());
    List<Row> flips = a.flips().collectAsList();
    a.release();

    Set<String> addedIds = new TreeSet<>();
    for (Page x : added) addedIds.add(x.id());
    Set<String> dirty = new TreeSet<>(written.keySet());
    dirty.removeAll(addedIds);
    assertTrue(written.keySet().containsAll(addedIds), written.keySet().toString());
    assertEquals(all.size(), full.size());
    for (Map.Entry<String, Row> e : full.entrySet()) {
      Row mine = written.containsKey(e.getKey()) ? written.get(e.getKey()) : before.get(e.getKey());
      assertEquals(e.getValue(), mine, e.getKey());
    }
    Set<String> flippedLines = new TreeSet<>();
    Set<Long> holders = new TreeSet<>();
    for (Row f : flips) {
      flippedLines.add(f.getAs(Clean.SOURCE_KEY) + "/" + f.getAs(Clean.TIMELINE) + "/" + f.getAs(Clean.WINDOW_BUCKET)
          + "/" + f.getAs(Clean.LINE_KEY));
      holders.add(f.getAs(Clean.DOC_KEY));
    }
    return new Outcome(dirty, flippedLines.size(), holders.size());
  }

  static Map<String, Row> byId(Dataset<Row> documents) {
    Map<String, Row> m = new TreeMap<>();
    for (Row r : documents.collectAsList()) assertTrue(m.put(r.getAs(DOC_ID), r) == null, "twice: " + r);
    return m;
  }

  static String text(SparkSession spark, List<Page> pages, String id, CleanParams p) {
    return byId(Clean.apply(table(spark, pages), p).documents()).get(id).getAs(TEXT);
  }

  @Test
  void anAddedPageTakesAnOldLineOverTheThresholdAndItsOldHoldersAreCleanedAgain(SparkSession spark) {
    // a's footer: 2 of 6 bodies (under 3), then 3 of 7 (3 >= 3 and >= 2.1): removed from a0 and a1 too
    Outcome o = add(spark, base(), List.of(page("a6", "a", true)), THREE);
    assertEquals(Set.of("a0", "a1"), o.dirty());
    assertEquals(1, o.flippedLines());
    assertEquals(2, o.rechecked());
    assertTrue(text(spark, base(), "a0", THREE).endsWith(FOOTER));
  }

  @Test
  void anAddedPageOfAnotherSourceLeavesEveryOldDocumentAlone(SparkSession spark) {
    // the same footer in a new source "c": counts never cross sources, and a's and b's totals stay
    Outcome o = add(spark, base(), List.of(page("c0", "c", true)), THREE);
    assertEquals(Set.of(), o.dirty());
    assertEquals(0, o.flippedLines());
    assertEquals(0, o.rechecked());
    // an added page of b without the footer: 3 of 4 bodies, still repeated (>= 1.2): nothing flips either
    Outcome b = add(spark, base(), List.of(page("b3", "b", false)), THREE);
    assertEquals(Set.of(), b.dirty());
    assertEquals(0, b.flippedLines());
  }

  @Test
  void aGrowingSourceTakesALineUnderItsFractionWithoutHoldingIt(SparkSession spark) {
    // repeated from 3 bodies and 45 % of the source's
    CleanParams half = new CleanParams(3, 0.45, 500, true, 400, 20, 0.55, 2, 1000, 4, 0.2, 200, true);
    List<Page> old = new ArrayList<>(base());
    for (int k = 3; k < 6; k++) old.add(page("b" + k, "b", false));
    // 3 of 6 (3 >= 2.7): removed; with b6 and b7, 3 of 8 (3 < 3.6): kept again in b0, b1, b2
    Outcome o = add(spark, old, List.of(page("b6", "b", false), page("b7", "b", false)), half);
    assertEquals(Set.of("b0", "b1", "b2"), o.dirty());
    assertEquals(1, o.flippedLines());
  }

  @Test
  void anAddedPageTakesADailyLineOverTheWindowThresholds(SparkSession spark) {
    // source "v", dated: a headline (no full stop, windowed) on 3 pages of one day (under 4 pages), then on a 4th
    String headline = "Le marché de Noël ouvre ses portes samedi place de la mairie";
    List<Page> old = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      old.add(new Page("v" + k, "v", "https://v.example/" + k, "2024-03-10", null, null, null,
          headline + "\n" + para("v" + k, 1) + "\n" + para("v" + k, 2)));
    }
    // a page of the same source a month later: another window, untouched
    old.add(new Page("w0", "v", "https://v.example/w0", "2024-04-10", null, null, null,
        headline + "\n" + para("w0", 1)));
    List<Page> added = List.of(new Page("v3", "v", "https://v.example/3", "2024-03-11", null, null, null,
        headline + "\n" + para("v3", 1)));
    Outcome o = add(spark, old, added, CleanParams.defaults());
    assertEquals(Set.of("v0", "v1", "v2"), o.dirty());
    assertEquals(1, o.flippedLines());
    assertEquals(3, o.rechecked());
    // the headline was kept before (3 pages of the window, under 4), is removed after
    assertTrue(text(spark, old, "v0", CleanParams.defaults()).startsWith(headline + "\n"));
    List<Page> all = new ArrayList<>(old);
    all.addAll(added);
    assertTrue(text(spark, all, "v0", CleanParams.defaults()).startsWith(para("v0", 1)));
  }
}
