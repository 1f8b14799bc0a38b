package io.newslens.topics;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure-Java kernels against hand-computed values. */
class KernelsTest {

  @Test
  void npmiHandValues() {
    // p_ij = 0.2 = p_i p_j: independent
    assertEquals(0.0, Npmi.pair(4, 5, 2, 10), 1e-12);
    // always together: log(0.2 / 0.04) / -log(0.2) = 1
    assertEquals(1.0, Npmi.pair(2, 2, 2, 10), 1e-12);
    // log(0.1 / 0.2) / -log(0.1) = -log10(2)
    assertEquals(-Math.log10(2), Npmi.pair(4, 5, 1, 10), 1e-12);
    assertEquals(-1.0, Npmi.pair(4, 5, 0, 10), 0.0);
    assertEquals(1.0, Npmi.pair(10, 10, 10, 10), 0.0);
    long[] df = {4, 5, 2};
    long[][] co = new long[3][3];
    co[0][1] = 2; co[0][2] = 0; co[1][2] = 2;
    // pairs: 0, -1, npmi(5,2,2,10) = log(0.2/0.1)/-log(0.2)
    double expected = (0.0 - 1.0 + Math.log(2) / Math.log(5)) / 3;
    assertEquals(expected, Npmi.mean(df, co, 10), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> Npmi.pair(2, 3, 3, 10));
  }

  @Test
  void digammaKnownValues() {
    assertEquals(-0.5772156649015329, Dirichlet.digamma(1.0), 1e-12);
    assertEquals(-1.9635100260214235, Dirichlet.digamma(0.5), 1e-12);
    assertEquals(2.2517525890667211, Dirichlet.digamma(10.0), 1e-12);
  }

  @Test
  void alphaFixedPointOneStepByHand() {
    // two documents of length 2, one all topic 0, one all topic 1, alpha = (1, 1):
    // denominator = 2 * (1/2 + 1/3) - 1/scale = 2/3; numerator_k = 1 * (1/1 + 1/2) = 1.5;
    // alpha_k = 1 * (1.5 + 1.001) / (2/3) = 3.7515
    double[] alpha = {1.0, 1.0};
    int[][] tdc = {{0, 0, 1}, {0, 0, 1}};
    int[] dlc = {0, 0, 2};
    double sum = Dirichlet.learnParameters(alpha, tdc, dlc, 1.001, 1.0, 1);
    assertEquals(3.7515, alpha[0], 1e-12);
    assertEquals(3.7515, alpha[1], 1e-12);
    assertEquals(7.503, sum, 1e-12);
  }

  @Test
  void alphaIsKeptWhenTheFixedPointHasNoPositiveSolution() {
    // one document of length 1 (topic 0), alpha = (0.5, 0.5): denominator = 1 * 1/(1 + 1 - 1) - 1/scale
    // = 1 - 1 = 0, so the update would divide by zero (and with a smaller corpus share, go negative, as MALLET's
    // does): alpha stays as it was
    double[] alpha = {0.5, 0.5};
    int[][] tdc = {{0, 1}, {0, 0}};
    int[] dlc = {0, 1};
    double sum = Dirichlet.learnParameters(alpha, tdc, dlc, 1.001, 1.0, 5);
    assertEquals(0.5, alpha[0], 0.0);
    assertEquals(0.5, alpha[1], 0.0);
    assertEquals(1.0, sum, 0.0);
    // scale 0.5: denominator = 1 - 2 < 0
    Dirichlet.learnParameters(alpha, tdc, dlc, 1.001, 0.5, 5);
    assertEquals(0.5, alpha[0], 0.0);
  }

  @Test
  void everyAlphaStaysPositive() {
    // topic 1 is never used: its numerator is 0 and its alpha shrinks towards, never below, the floor
    double[] alpha = {1.0, 1e-6};
    int[][] tdc = {{0, 0, 0, 0, 0, 10}, {0}};
    int[] dlc = {0, 0, 0, 0, 0, 10};
    Dirichlet.learnParameters(alpha, tdc, dlc, 0.0, 1.0, 50);
    assertTrue(alpha[1] >= Dirichlet.MIN_ALPHA && alpha[0] > 0, "alpha " + alpha[0] + ", " + alpha[1]);
  }

  @Test
  void alphaFavoursTheTopicThatIsUsedMore() {
    double[] alpha = {0.5, 0.5};
    // 10 docs of length 5: topic 0 holds all 5 tokens in 8 of them, topic 1 in 2
    int[][] tdc = {{0, 0, 0, 0, 0, 8}, {0, 0, 0, 0, 0, 2}};
    int[] dlc = {0, 0, 0, 0, 0, 10};
    Dirichlet.learnParameters(alpha, tdc, dlc, 1.001, 1.0, 20);
    assertTrue(alpha[0] > 2 * alpha[1], "alpha " + alpha[0] + " vs " + alpha[1]);
  }

  @Test
  void betaConcentrationMatchesTheDataScale() {
    // 2 topics x 4 words, every cell holds 5 tokens: counts are perfectly even, so the fitted
    // concentration grows large (close to uniform); with all mass in one word per topic it shrinks.
    int[] even = new int[6];
    even[5] = 8;
    double flat = Dirichlet.learnSymmetricConcentration(even, new int[] {20, 20}, 4, 0.04);
    int[] peaked = new int[21];
    peaked[20] = 2;
    double sharp = Dirichlet.learnSymmetricConcentration(peaked, new int[] {20, 20}, 4, 0.04);
    assertTrue(flat > 10 * sharp, flat + " vs " + sharp);
  }

  @Test
  void vocabularyBoundsAndTieBreak() {
    List<Vocabulary.TermDf> terms = List.of(new Vocabulary.TermDf("b", 3), new Vocabulary.TermDf("a", 3),
        new Vocabulary.TermDf("é", 3), new Vocabulary.TermDf("z", 4), new Vocabulary.TermDf("rare", 1),
        new Vocabulary.TermDf("everywhere", 6), new Vocabulary.TermDf("c", 2));
    assertEquals(5, Vocabulary.maxDocCount(10, 0.5));
    assertEquals(1, Vocabulary.maxDocCount(1, 0.5));
    // n = 10: max df 5, min df 2; ties by term, é (UTF-8 0xC3) after z
    assertEquals(List.of("z", "a", "b", "é", "c"), Vocabulary.select(terms, 10, 2, 0.5, 100));
    assertEquals(List.of("z", "a", "b"), Vocabulary.select(terms, 10, 2, 0.5, 3));
  }

  @Test
  void documentTermCountsSkipStopWordsAndKeepFirstOccurrenceOrder() {
    org.apache.spark.sql.types.StructType t = new org.apache.spark.sql.types.StructType()
        .add("term", "string").add("stop", "boolean");
    java.util.function.BiFunction<String, Boolean, org.apache.spark.sql.Row> tok =
        (term, stop) -> new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(new Object[] {term, stop}, t);
    org.apache.spark.sql.Row r = Corpus.termCounts("d1", List.of(tok.apply("poutin", false), tok.apply("le", true),
        tok.apply("russ", false), tok.apply("poutin", false), tok.apply("le", true)));
    assertEquals("d1", r.getString(0));
    assertArrayEquals(new String[] {"poutin", "russ"}, (String[]) r.get(1));
    assertArrayEquals(new Integer[] {2, 1}, (Integer[]) r.get(2));
    org.apache.spark.sql.Row empty = Corpus.termCounts("d2", List.of());
    assertEquals(0, ((String[]) empty.get(1)).length);
    assertEquals(0, ((Integer[]) empty.get(2)).length);
  }

  @Test
  void bagKeepsVocabularyTermsSortedByIdWithTheirCounts() {
    java.util.Map<String, Integer> index = java.util.Map.of("russ", 0, "poutin", 7, "kremlin", 3);
    org.apache.spark.sql.Row b = Corpus.bagOf(seq("poutin", "ukrain", "russ", "kremlin"), seq(2, 9, 1, 4), index);
    assertArrayEquals(new Integer[] {0, 3, 7}, (Integer[]) b.get(0));
    assertArrayEquals(new Integer[] {1, 4, 2}, (Integer[]) b.get(1));
    org.apache.spark.sql.Row none = Corpus.bagOf(seq("ukrain"), seq(5), index);
    assertEquals(0, ((Integer[]) none.get(0)).length);
  }

  @SafeVarargs
  private static <T> scala.collection.immutable.Seq<T> seq(T... xs) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(xs)).toList();
  }
}
