package io.newslens.topics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Term rankings on two topics over three terms, by hand. Counts: topic 0 = (40, 35, 25), topic 1 = (40, 5, 55) for
 * terms (ans, w1, w2): phi0 = (.40, .35, .25), phi1 = (.40, .05, .55), p = (80, 40, 80) / 200 = (.4, .2, .4). "ans"
 * is the most probable term of topic 0 but equally common in both topics.
 */
class TermRankingTest {
  private static final double EPS = 1e-6;
  static final double[][] COUNTS = {{40, 35, 25}, {40, 5, 55}};

  @Test
  void distributionsFromCounts() {
    TermRanking.Distributions d = TermRanking.Distributions.of(COUNTS);
    assertArrayEquals(new double[] {.40, .35, .25}, d.phi()[0], 1e-12);
    assertArrayEquals(new double[] {.40, .05, .55}, d.phi()[1], 1e-12);
    assertArrayEquals(new double[] {.4, .2, .4}, d.p(), 1e-12);
  }

  /**
   * λ = 0.6, topic 0: ans 0.6·ln .4 + 0.4·ln(.4/.4) = −0.549774; w1 0.6·ln .35 + 0.4·ln(.35/.2) = −0.406047; w2
   * 0.6·ln .25 + 0.4·ln(.25/.4) = −1.019778: w1 before ans. Topic 1: ans −0.549774, w1 0.6·ln .05 + 0.4·ln .25 =
   * −2.351957, w2 0.6·ln .55 + 0.4·ln 1.375 = −0.231321.
   */
  @Test
  void relevanceByHand() {
    TermRanking.Distributions d = TermRanking.Distributions.of(COUNTS);
    double[] r0 = TermRanking.relevance(d.phi()[0], d.p(), 0.6);
    assertArrayEquals(new double[] {-0.549774, -0.406047, -1.019778}, r0, EPS);
    assertArrayEquals(new int[] {1, 0, 2}, TermRanking.top(r0, 3));
    double[] r1 = TermRanking.relevance(d.phi()[1], d.p(), 0.6);
    assertArrayEquals(new double[] {-0.549774, -2.351957, -0.231321}, r1, EPS);
    assertArrayEquals(new int[] {2, 0, 1}, TermRanking.top(r1, 3));
    // λ = 1 is the probability ranking, λ = 0 the lift (.4/.4, .35/.2, .25/.4)
    assertArrayEquals(new int[] {0, 1, 2}, TermRanking.top(TermRanking.relevance(d.phi()[0], d.p(), 1.0), 3));
    assertArrayEquals(new int[] {1, 0, 2}, TermRanking.top(TermRanking.relevance(d.phi()[0], d.p(), 0.0), 3));
    assertEquals(Math.log(1.75), TermRanking.relevance(.35, .2, 0.0), 1e-12);
  }

  /**
   * FREX, ω = 0.5, topic 0: exclusivity (.4/.8, .35/.4, .25/.8) = (.5, .875, .3125), its ECDF ranks (2/3, 1, 1/3);
   * frequency ECDF (1, 2/3, 1/3). 1 / (.5/ex + .5/fr): ans 1/(.75 + .5) = 0.8, w1 the same 0.8 (tie: smaller id
   * first), w2 1/3.
   */
  @Test
  void frexByHand() {
    TermRanking.Distributions d = TermRanking.Distributions.of(COUNTS);
    double[] f = TermRanking.frex(d.phi(), 0, 0.5);
    assertArrayEquals(new double[] {0.8, 0.8, 1.0 / 3}, f, 1e-12);
    assertArrayEquals(new int[] {0, 1, 2}, TermRanking.top(f, 3));
    // ECDF: the share of values <= each: 1/4, 3/4, 3/4, 1
    assertArrayEquals(new double[] {0.25, 0.75, 0.75, 1}, TermRanking.ecdf(new double[] {1, 2, 2, 3}), 1e-12);
  }

  @Test
  void topCutsAndBreaksTiesById() {
    assertArrayEquals(new int[] {1, 2}, TermRanking.top(new double[] {0.1, 0.5, 0.5, 0.2}, 2));
    assertArrayEquals(new int[] {0}, TermRanking.top(new double[] {7}, 5));
  }
}
