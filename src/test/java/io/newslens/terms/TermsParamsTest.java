package io.newslens.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TermsParamsTest {

  @Test
  void defaults() {
    TermsParams p = TermsParams.defaults();
    assertEquals(20, p.topTerms());
    assertEquals(CountMode.CLUSTER, p.countMode());
    assertEquals(PeriodUnit.MONTH, p.period());
    assertEquals(3.84, p.keynessMinG2());
  }

  @Test
  void badValuesNameTheirFlag() {
    TermsParams d = TermsParams.defaults();
    assertEquals("--top-terms must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> d.withTopTerms(0)).getMessage());
    assertEquals("--min-collocation-count must be >= 1, got -1",
        assertThrows(IllegalArgumentException.class, () -> d.withCollocations(-1, 10)).getMessage());
    assertEquals("--keyness-min-g2 must be a finite number >= 0, got NaN",
        assertThrows(IllegalArgumentException.class, () -> d.withKeyness(5, 1, Double.NaN)).getMessage());
    assertEquals("--trend-terms must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> d.withTrendTerms(0)).getMessage());
    assertEquals("--count-mode must be cluster, raw or story",
        assertThrows(NullPointerException.class, () -> d.withCountMode(null)).getMessage());
  }
}
