package io.newslens.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopTermsTest {

  // French: 10 counted documents; "corée" in 2 of them, "nord" in 4, "pays" in all 10
  private final TopTerms ranker = new TopTerms(
      Map.of("fr", Map.of("corée", TermWeights.idf(2, 10), "nord", TermWeights.idf(4, 10),
          "pays", TermWeights.idf(10, 10))),
      Map.of("fr", 10L));

  @Test
  void ranksByTfIdfThenTermAndKeepsTheTop() {
    List<TopTerms.Ranked> r = ranker.rank("fr", List.of("pays", "nord", "corée"), List.of(5L, 1L, 1L), 2);
    // corée: 1 × ln(11/3) = 1.299; nord: 1 × ln(11/5) = 0.788; pays: 5 × ln(11/11) = 0
    assertEquals(2, r.size());
    assertEquals(new TopTerms.Ranked("corée", 1, Math.log(11.0 / 3), Math.log(11.0 / 3), 1), r.get(0));
    assertEquals(new TopTerms.Ranked("nord", 1, Math.log(11.0 / 5), Math.log(11.0 / 5), 2), r.get(1));
    assertEquals(3, ranker.rank("fr", List.of("pays", "nord", "corée"), List.of(5L, 1L, 1L), 20).size());
  }

  @Test
  void aTermNoCountedDocumentHoldsHasDfZeroAndTiesGoByTerm() {
    // "sud" and "est" are in no counted document: idf ln(11/1), the same weight, so by term
    List<TopTerms.Ranked> r = ranker.rank("fr", List.of("sud", "est", "corée"), List.of(1L, 1L, 3L), 3);
    assertEquals(List.of("corée", "est", "sud"), r.stream().map(TopTerms.Ranked::term).toList());
    assertEquals(Math.log(11.0), r.get(1).idf());
    assertEquals(List.of(1, 2, 3), r.stream().map(TopTerms.Ranked::rank).toList());
  }

  @Test
  void withoutALanguageOrCountedDocumentsEveryIdfIsZero() {
    for (TopTerms.Ranked x : ranker.rank(null, List.of("corée", "b"), List.of(2L, 1L), 5)) {
      assertEquals(0.0, x.weight());
    }
    List<TopTerms.Ranked> r = ranker.rank("de", List.of("b", "a"), List.of(2L, 1L), 5);
    assertEquals(List.of("a", "b"), r.stream().map(TopTerms.Ranked::term).toList());
    assertTrue(ranker.rank("fr", List.of(), List.of(), 5).isEmpty());
    assertTrue(ranker.rank("fr", null, null, 5).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> ranker.rank("fr", List.of("a"), List.of(), 5));
  }

  @Test
  void tiesGoByCodePointsAsSparkComparesUtf8() {
    // U+FF21 (fullwidth A) is one UTF-16 unit above the surrogates of U+1F600, but the smaller code point
    assertTrue("\uFF21".compareTo("\uD83D\uDE00") > 0);
    List<TopTerms.Ranked> r = ranker.rank("fr", List.of("\uD83D\uDE00", "\uFF21"), List.of(1L, 1L), 2);
    assertEquals(List.of("\uFF21", "\uD83D\uDE00"), r.stream().map(TopTerms.Ranked::term).toList());
  }
}
