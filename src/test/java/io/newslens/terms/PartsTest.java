package io.newslens.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The terms stage's one pass over the tokens ({@link Terms.Parts}), on plain rows without Spark. */
class PartsTest {
  private static DocumentTokens doc(String id, String source, Boolean counted, String text) {
    List<Row> toks = TokenTables.tokenize(text);
    int n = toks.size();
    String[] terms = new String[n];
    String[] surfaces = new String[n];
    int[] sentences = new int[n];
    boolean[] stops = new boolean[n];
    int[] starts = new int[n];
    int[] ends = new int[n];
    for (int i = 0; i < n; i++) {
      Row t = toks.get(i); // term, surface, sentence, paragraph, start, end, stop
      terms[i] = t.getString(0);
      surfaces[i] = t.getString(1);
      sentences[i] = t.getInt(2);
      starts[i] = t.getInt(4);
      ends[i] = t.getInt(5);
      stops[i] = t.getBoolean(6);
    }
    return new DocumentTokens(id, "fr", terms, surfaces, sentences, stops, starts, ends, source,
        counted == null ? null : "2024-01", counted == null ? null : 19723 /* 2024-01-01 */, counted,
        text);
  }

  /** Output rows of one kind, summed by the given columns (and the given value column), as "col1|col2|…" → n. */
  private static Map<String, Long> sums(List<Row> out, int kind, int value, int... cols) {
    Map<String, Long> m = new TreeMap<>();
    for (Row r : out) {
      if (r.getInt(0) != kind) continue;
      StringBuilder k = new StringBuilder();
      for (int c : cols) k.append(k.length() == 0 ? "" : "|").append(r.get(c));
      m.merge(k.toString().replace('\u0000', '_'), r.getLong(value), Long::sum);
    }
    return m;
  }

  private static List<Row> run(int maxKeys, DocumentTokens... docs) {
    List<Row> out = new ArrayList<>();
    Iterator<Row> it = new Terms.Parts(List.of(docs).iterator(), maxKeys);
    while (it.hasNext()) out.add(it.next());
    return out;
  }

  @Test
  void countsPerDocumentAndSumsCandidatesWhateverTheCounterBound() {
    DocumentTokens d1 = doc("d1", "A", true, "La Corée du Nord. La Corée du Nord");
    DocumentTokens d2 = doc("d2", "B", false, "Corée Du Nord");
    DocumentTokens ghost = doc("d3", null, null, "Fantôme"); // tokens without a documents row
    for (int maxKeys : new int[] {1, 2, 100}) {
      List<Row> out = run(maxKeys, d1, d2, ghost);
      // per document: n = tokens, m = content tokens, counted as given, content terms and tf in first-seen order
      List<String> docs = new ArrayList<>();
      for (Row r : out) {
        if (r.getInt(0) == Terms.Parts.DOC) {
          docs.add(r.get(1) + " " + r.get(3) + " " + r.get(4) + " " + r.get(6) + " " + r.getLong(9) + " "
              + r.getLong(10) + " " + Arrays.toString((String[]) r.get(12)) + " "
              + Arrays.toString((long[]) r.get(13)));
        }
      }
      assertEquals(List.of("d1 A 2024-01 true 8 4 [corée, nord] [2, 2]", "d2 B 2024-01 false 3 2 [corée, nord] [1, 1]"),
          docs, "maxKeys " + maxKeys);
      // counted documents' terms by (lang, source, period, term): occurrences, then documents
      assertEquals(Map.of("fr|A|2024-01|corée", 2L, "fr|A|2024-01|nord", 2L),
          sums(out, Terms.Parts.GROUP_COUNT, 9, 2, 3, 4, 7));
      assertEquals(Map.of("fr|A|2024-01|corée", 1L, "fr|A|2024-01|nord", 1L),
          sums(out, Terms.Parts.GROUP_COUNT, 10, 2, 3, 4, 7));
      // display candidates from every token, the ghost's included
      assertEquals(Map.of("fr|corée|Corée", 3L, "fr|du|Du", 1L, "fr|du|du", 2L, "fr|fantôme|Fantôme", 1L,
          "fr|la|La", 2L, "fr|nord|Nord", 3L), sums(out, Terms.Parts.SURFACE_COUNT, 9, 2, 7, 8));
      // collocations from counted documents only; the sentence break stops "Nord La"
      assertEquals(Map.of("fr|corée_du_nord|Corée du Nord", 2L), sums(out, Terms.Parts.PHRASE_COUNT, 9, 2, 7, 8));
    }
  }

  @Test
  void twoCountedDocumentsOfOneGroupSumTheirOccurrencesAndDocuments() {
    List<Row> out = run(100, doc("d1", "A", true, "Nord nord Sud"), doc("d2", "A", true, "Nord"));
    assertEquals(Map.of("fr|nord", 3L, "fr|sud", 1L), sums(out, Terms.Parts.GROUP_COUNT, 9, 2, 7));
    assertEquals(Map.of("fr|nord", 2L, "fr|sud", 1L), sums(out, Terms.Parts.GROUP_COUNT, 10, 2, 7));
  }

  @Test
  void anEmptyPartitionAndAnEmptyDocument() {
    assertEquals(List.of(), run(10));
    List<Row> out = run(10, doc("e1", "A", true, ""));
    assertEquals(1, out.size());
    assertEquals(Terms.Parts.DOC, out.get(0).getInt(0));
    assertEquals(0L, out.get(0).getLong(9));
    assertEquals(0L, out.get(0).getLong(10));
    assertEquals(0, ((String[]) out.get(0).get(12)).length);
  }

  @Test
  void totalsSumThePartitionsCountsAndPassDocumentsThrough() {
    // two partitions' worth of counts for one shuffle partition, the counter bound 1 so every add is its own row
    List<Row> counts = new ArrayList<>(run(1, doc("d1", "A", true, "Corée du Nord. COREE"),
        doc("d2", "A", true, "Corée du Nord")));
    counts.addAll(run(1, doc("d3", "A", true, "corée du nord"), doc("d4", "B", false, "Corée du Nord"),
        doc("d6", "B", true, "Nord")));
    List<Row> out = new ArrayList<>();
    Iterator<Row> it = new Terms.Totals(counts.iterator(), 2, false);
    while (it.hasNext()) out.add(it.next());
    List<String> docs = new ArrayList<>();
    for (Row r : out) if (r.getInt(0) == Terms.Parts.DOC) docs.add(r.getString(1));
    assertEquals(List.of("d1", "d2", "d3", "d4", "d6"), docs);
    // display: "Corée" 3 times (d1, d2, d4), "corée" once, "COREE" once (term coree); "Nord" 4, "nord" 1
    assertEquals(Map.of("fr|corée|Corée", 4L, "fr|coree|COREE", 1L, "fr|du|du", 4L, "fr|nord|Nord", 5L),
        sums(out, Terms.Parts.SURFACE_COUNT, 9, 2, 7, 8));
    // counted documents only: d1, d2, d3, d6 (d4 is not counted); per term occurrences (n), documents (m), dated
    // occurrences (k); per source occurrences there (n) and in every sourced document (m); per period n, m, k
    assertEquals(Map.of("fr|corée", 3L, "fr|coree", 1L, "fr|nord", 4L), sums(out, Terms.Totals.TERM_TOTAL, 9, 2, 7));
    assertEquals(Map.of("fr|corée", 3L, "fr|coree", 1L, "fr|nord", 4L), sums(out, Terms.Totals.TERM_TOTAL, 10, 2, 7));
    assertEquals(Map.of("fr|corée", 3L, "fr|coree", 1L, "fr|nord", 4L), sums(out, Terms.Totals.TERM_TOTAL, 11, 2, 7));
    assertEquals(Map.of("fr|A|corée", 3L, "fr|A|coree", 1L, "fr|A|nord", 3L, "fr|B|nord", 1L),
        sums(out, Terms.Totals.SOURCE_COUNT, 9, 2, 3, 7));
    assertEquals(Map.of("fr|A|corée", 3L, "fr|A|coree", 1L, "fr|A|nord", 4L, "fr|B|nord", 4L),
        sums(out, Terms.Totals.SOURCE_COUNT, 10, 2, 3, 7));
    assertEquals(Map.of("fr|2024-01|corée", 3L, "fr|2024-01|coree", 1L, "fr|2024-01|nord", 4L),
        sums(out, Terms.Totals.PERIOD_COUNT, 9, 2, 4, 7));
    assertEquals(Map.of("fr|2024-01|corée", 3L, "fr|2024-01|coree", 1L, "fr|2024-01|nord", 4L),
        sums(out, Terms.Totals.PERIOD_COUNT, 10, 2, 4, 7));
    assertEquals(Map.of("fr|2024-01|corée", 3L, "fr|2024-01|coree", 1L, "fr|2024-01|nord", 4L),
        sums(out, Terms.Totals.PERIOD_COUNT, 11, 2, 4, 7));
    // one row per key
    assertEquals(3, out.stream().filter(r -> r.getInt(0) == Terms.Totals.TERM_TOTAL).count());
    // the phrase seen 3 times in counted documents (>= 2), its most frequent surface; tie-free here
    assertEquals(Map.of("fr|corée_du_nord|Corée du Nord", 3L), sums(out, Terms.Parts.PHRASE_COUNT, 9, 2, 7, 8));
    assertEquals(List.of(), collect(new Terms.Totals(run(1, doc("d5", "A", true, "Corée du Nord")).iterator(), 2,
        false), Terms.Parts.PHRASE_COUNT), "a phrase seen once is below the minimum");
  }

  /** Sums rows kept by Totals as the rows Parts emits (what the stored state is read back as). */
  private static Row asPart(Row r) {
    int kind = switch (r.getInt(0)) {
      case Terms.Totals.GROUP_SUM -> Terms.Parts.GROUP_COUNT;
      case Terms.Totals.SURFACE_SUM -> Terms.Parts.SURFACE_COUNT;
      case Terms.Totals.PHRASE_SUM -> Terms.Parts.PHRASE_COUNT;
      default -> throw new IllegalArgumentException("not a sum: " + r);
    };
    return with(r, kind, 1);
  }

  /** The row with another kind, its counts (n, m) multiplied by sign. */
  private static Row with(Row r, int kind, int sign) {
    Object[] v = new Object[r.length()];
    for (int i = 0; i < v.length; i++) v[i] = r.get(i);
    v[0] = kind;
    if (v[9] != null) v[9] = sign * (Long) v[9];
    if (v[10] != null) v[10] = sign * (Long) v[10];
    return org.apache.spark.sql.RowFactory.create(v);
  }

  /** Every row but the documents', as sorted strings (row order is not part of the contract). */
  private static List<String> counts(Iterator<Row> it) {
    List<String> out = new ArrayList<>();
    while (it.hasNext()) {
      Row r = it.next();
      if (r.getInt(0) != Terms.Parts.DOC) out.add(r.toString());
    }
    java.util.Collections.sort(out);
    return out;
  }

  @Test
  void storedSumsLessAWithdrawnDocumentGiveTheTotalsOfTheRest() {
    DocumentTokens d1 = doc("d1", "A", true, "Corée du Nord. COREE");
    DocumentTokens d2 = doc("d2", "A", true, "la COREE du Nord. la COREE du Nord");
    DocumentTokens d3 = doc("d3", "B", true, "corée du nord");
    DocumentTokens d6 = doc("d6", "B", false, "Nord");
    List<Row> stored = new ArrayList<>();
    Iterator<Row> all = new Terms.Totals(run(1, d1, d2, d3, d6).iterator(), 2, true);
    while (all.hasNext()) {
      Row r = all.next();
      int k = r.getInt(0);
      if (k == Terms.Totals.GROUP_SUM || k == Terms.Totals.SURFACE_SUM || k == Terms.Totals.PHRASE_SUM) {
        stored.add(asPart(r));
      }
    }
    // d2 withdrawn: its COREE surfaces made "COREE" the display form and its phrase "COREE du Nord" count 2 of 4
    List<Row> changed = new ArrayList<>(stored);
    for (Row r : run(1, d2)) if (r.getInt(0) != Terms.Parts.DOC) changed.add(with(r, r.getInt(0), -1));
    List<String> rest = counts(new Terms.Totals(run(1, d1, d3, d6).iterator(), 2, false));
    assertEquals(rest, counts(new Terms.Totals(changed.iterator(), 2, false)));
    assertEquals(Map.of("fr|corée|Corée", 2L, "fr|coree|COREE", 1L, "fr|du|du", 2L, "fr|nord|Nord", 3L),
        sums(collect(new Terms.Totals(changed.iterator(), 2, false), Terms.Parts.SURFACE_COUNT),
            Terms.Parts.SURFACE_COUNT, 9, 2, 7, 8));
    // a withdrawal beyond what was stored is an error, not a negative count
    List<Row> twice = new ArrayList<>(changed);
    for (Row r : run(1, d2)) if (r.getInt(0) != Terms.Parts.DOC) twice.add(with(r, r.getInt(0), -1));
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> counts(new Terms.Totals(twice.iterator(), 2, false)));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("below zero"), e.getMessage());
  }

  private static List<Row> collect(Iterator<Row> it, int kind) {
    List<Row> out = new ArrayList<>();
    while (it.hasNext()) {
      Row r = it.next();
      if (r.getInt(0) == kind) out.add(r);
    }
    return out;
  }
}
