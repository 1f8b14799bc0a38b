package io.newslens.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Values worked out by hand from the formulas in {@link Association}'s Javadoc. */
class AssociationTest {
  private static final double EPS = 1e-9;

  @Test
  void g2OfAGeneralTable() {
    // N = 100; E = 12, 18, 28, 42; 2·[10 ln(10/12) + 20 ln(20/18) + 30 ln(30/28) + 40 ln(40/42)]
    assertEquals(0.8043486460964835, Association.g2(10, 20, 30, 40), EPS);
    assertEquals(0.0, Association.g2(5, 5, 5, 5), EPS); // independence
    assertEquals(0.0, Association.g2(0, 0, 0, 0), EPS);
  }

  @Test
  void pairMeasures() {
    // c(xy) = 2, c(x) = 3, c(y) = 2, N = 20
    // PMI = log2(2·20 / (3·2)) = log2(6.667)
    assertEquals(2.736965594166206, Association.pmi(2, 3, 2, 20), EPS);
    // NPMI = PMI / −log2(2/20) = 2.73697 / 3.32193
    assertEquals(0.8239087409443188, Association.npmi(2, 3, 2, 20), EPS);
    // table [[2, 1], [0, 17]], E = 0.3, 2.7, 1.7, 15.3: 2·[2 ln(2/0.3) + 1 ln(1/2.7) + 17 ln(17/15.3)]
    assertEquals(9.184233925889055, Association.g2Pair(2, 3, 2, 20), EPS);
  }

  @Test
  void perfectAssociationHasNpmiOne() {
    // "Corée du Nord" in the tiny corpus of TermsTest: c(xy) = c(x) = c(y) = 3 among 38 tokens
    assertEquals(3.6629650127224296, Association.pmi(3, 3, 3, 38), EPS);
    assertEquals(1.0, Association.npmi(3, 3, 3, 38), EPS);
    assertEquals(20.990510102937698, Association.g2Pair(3, 3, 3, 38), EPS);
    assertEquals(1.0, Association.npmi(7, 7, 7, 7), EPS);
    assertEquals(-1.0, Association.npmi(0, 3, 3, 38), EPS);
  }

  @Test
  void keyness() {
    // a = 10 of 1,000 target tokens, b = 5 of 2,000 reference tokens: log2((10/1000)/(5/2000)) = log2 4
    assertEquals(2.0, Association.logRatio(10, 1000, 5, 2000), EPS);
    assertEquals(6.969191931932806, Association.g2Keyness(10, 1000, 5, 2000), EPS);
    // a zero count becomes 0.5: log2((4/100)/(0.5/100)) = 3
    assertEquals(3.0, Association.logRatio(4, 100, 0, 100), EPS);
    // 3 of 13 against 0 of 9: log2((3/13)/(0.5/9)); G² of [[3, 0], [10, 9]]
    assertEquals(2.0544477840223765, Association.logRatio(3, 13, 0, 9), EPS);
    assertEquals(3.480205305322121, Association.g2Keyness(3, 13, 0, 9), EPS);
  }

  @Test
  void rejectsImpossibleTables() {
    assertThrows(IllegalArgumentException.class, () -> Association.g2(-1, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> Association.pmi(4, 3, 3, 38));
    assertThrows(IllegalArgumentException.class, () -> Association.g2Keyness(5, 4, 0, 9));
    assertThrows(IllegalArgumentException.class, () -> Association.logRatio(0, 0, 1, 9));
  }
}
