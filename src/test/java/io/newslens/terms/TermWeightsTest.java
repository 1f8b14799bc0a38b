package io.newslens.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TermWeightsTest {
  private static final double EPS = 1e-12;

  @Test
  void idfIsSmoothedNaturalLog() {
    // ln((4 + 1) / (1 + 1)) = ln 2.5
    assertEquals(0.9162907318741551, TermWeights.idf(1, 4), EPS);
    // ln(5/3), ln(5/4)
    assertEquals(0.5108256237659907, TermWeights.idf(2, 4), EPS);
    assertEquals(0.22314355131420976, TermWeights.idf(3, 4), EPS);
  }

  @Test
  void termInEveryDocumentWeighsZeroAndUnseenTermStaysFinite() {
    assertEquals(0.0, TermWeights.idf(4, 4), EPS);
    assertEquals(Math.log(5), TermWeights.idf(0, 4), EPS);
    assertEquals(0.0, TermWeights.idf(0, 0), EPS);
  }

  @Test
  void rejectsImpossibleCounts() {
    assertThrows(IllegalArgumentException.class, () -> TermWeights.idf(5, 4));
    assertThrows(IllegalArgumentException.class, () -> TermWeights.idf(-1, 4));
  }
}
