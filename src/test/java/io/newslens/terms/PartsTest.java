package io.newslens.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The terms stage's one pass over the tokens ({@link Terms.Parts}), on plain rows without Spark. */
class PartsTest {
  /** term, surface, sentence, stop, start, end in the token structs of {@link TokenTables#tokenize}. */
  private static final int[] FIELDS = {0, 1, 2, 6, 4, 5};

  private static Row doc(String id, String source, Boolean counted, String text) {
    return RowFactory.create(id, "fr", scala.jdk.javaapi.CollectionConverters.asScala(TokenTables.tokenize(text))
        .toSeq(), source, "2024-01", java.sql.Date.valueOf("2024-01-01"), counted, text);
  }

  /** Output rows of one kind, summed by the given columns, as "col1|col2|… = n" lines in order. */
  private static Map<String, Long> sums(List<Row> out, int kind, int... cols) {
    Map<String, Long> m = new TreeMap<>();
    for (Row r : out) {
      if (r.getInt(0) != kind) continue;
      StringBuilder k = new StringBuilder();
      for (int c : cols) k.append(k.length() == 0 ? "" : "|").append(r.get(c));
      m.merge(k.toString().replace('\u0000', '_'), r.getLong(9), Long::sum);
    }
    return m;
  }

  private static List<Row> run(int maxKeys, Row... rows) {
    List<Row> out = new ArrayList<>();
    Iterator<Row> it = new Terms.Parts(List.of(rows).iterator(), FIELDS, maxKeys);
    while (it.hasNext()) out.add(it.next());
    return out;
  }

  @Test
  void countsPerDocumentAndSumsCandidatesWhateverTheCounterBound() {
    Row d1 = doc("d1", "A", true, "La Corée du Nord. La Corée du Nord");
    Row d2 = doc("d2", "B", false, "Corée Du Nord");
    Row ghost = doc("d3", null, null, "Fantôme"); // tokens without a documents row
    for (int maxKeys : new int[] {1, 2, 100}) {
      List<Row> out = run(maxKeys, d1, d2, ghost);
      assertEquals(Map.of("d1|corée", 2L, "d1|nord", 2L, "d2|corée", 1L, "d2|nord", 1L),
          sums(out, Terms.Parts.TERM_COUNT, 1, 7), "maxKeys " + maxKeys);
      // flags: n = tokens, m = content tokens, counted as given
      List<String> flags = new ArrayList<>();
      for (Row r : out) {
        if (r.getInt(0) == Terms.Parts.FLAGS) {
          flags.add(r.get(1) + " " + r.get(3) + " " + r.get(6) + " " + r.getLong(9) + " " + r.getLong(10));
        }
      }
      assertEquals(List.of("d1 A true 8 4", "d2 B false 3 2"), flags);
      // display candidates from every token, the ghost's included
      assertEquals(Map.of("fr|corée|Corée", 3L, "fr|du|Du", 1L, "fr|du|du", 2L, "fr|fantôme|Fantôme", 1L,
          "fr|la|La", 2L, "fr|nord|Nord", 3L), sums(out, Terms.Parts.SURFACE_COUNT, 2, 7, 8));
      // collocations from counted documents only; the sentence break stops "Nord La"
      assertEquals(Map.of("fr|corée_du_nord|Corée du Nord", 2L), sums(out, Terms.Parts.PHRASE_COUNT, 2, 7, 8));
    }
  }

  @Test
  void anEmptyPartitionAndAnEmptyDocument() {
    assertEquals(List.of(), run(10));
    List<Row> out = run(10, doc("e1", "A", true, ""));
    assertEquals(1, out.size());
    assertEquals(Terms.Parts.FLAGS, out.get(0).getInt(0));
    assertEquals(0L, out.get(0).getLong(9));
    assertEquals(0L, out.get(0).getLong(10));
  }
}
