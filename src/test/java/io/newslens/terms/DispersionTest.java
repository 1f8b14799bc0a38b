package io.newslens.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Gries' DP on hand-computed parts. */
class DispersionTest {
  private static final double EPS = 1e-12;

  /**
   * Parts of 10, 20, 30, 40 tokens (shares .1 .2 .3 .4); the term occurs 4, 0, 1, 5 times (shares .4 0 .1 .5).
   * |differences| = .3 .2 .2 .1, half their sum: 0.4; the positive differences alone: .3 + .1 = 0.4.
   */
  @Test
  void handComputedExample() {
    long[] n = {10, 20, 30, 40};
    long[] f = {4, 0, 1, 5};
    assertEquals(0.4, Dispersion.dp(f, n), EPS);
    double sum = 0;
    for (int i = 0; i < n.length; i++) sum += Dispersion.contribution(f[i], n[i], 10, 100);
    assertEquals(0.4, sum, EPS);
    assertEquals(0.3, Dispersion.contribution(4, 10, 10, 100), EPS);
    assertEquals(0.0, Dispersion.contribution(0, 20, 10, 100), EPS);
  }

  @Test
  void evenSpreadIsZeroAndOnePartIsOneMinusItsShare() {
    assertEquals(0.0, Dispersion.dp(new long[] {1, 2, 3}, new long[] {10, 20, 30}), EPS);
    // three articles repeating a word in a corpus of 1,000 equal articles: DP 0.997
    long[] n = new long[1000];
    long[] f = new long[1000];
    java.util.Arrays.fill(n, 100);
    f[0] = f[1] = f[2] = 30;
    assertEquals(0.997, Dispersion.dp(f, n), 1e-9);
    assertEquals(1 - 0.25, Dispersion.dp(new long[] {0, 5, 0, 0}, new long[] {10, 10, 10, 10}), EPS);
  }

  @Test
  void refusesImpossibleCounts() {
    assertThrows(IllegalArgumentException.class, () -> Dispersion.contribution(1, 1, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> Dispersion.dp(new long[] {2}, new long[] {1}));
    assertThrows(IllegalArgumentException.class, () -> Dispersion.dp(new long[] {1}, new long[] {1, 2}));
  }
}
