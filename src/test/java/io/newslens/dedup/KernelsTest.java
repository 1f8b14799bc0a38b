package io.newslens.dedup;

import static org.junit.jupiter.api.Assertions.*;

import io.newslens.dedup.WordTokenizer.Words;
import org.junit.jupiter.api.Test;

/** The dedup kernels against hand-computed values. */
class KernelsTest {

  @Test
  void tokenizerFoldsTypographyAndKeepsOffsets() {
    String text = "L’Ukraine, jeudi.Le Œuvre\u00a0«été» e\u0301te\u0301 1 000";
    Words w = WordTokenizer.tokenize(text);
    assertArrayEquals(new String[] {"l", "ukraine", "jeudi", "le", "oeuvre", "ete", "ete", "1", "000"}, w.tokens());
    assertArrayEquals(new int[] {0, 2, 11, 17, 20, 27, 32, 38, 40}, w.starts());
    assertArrayEquals(new int[] {1, 9, 16, 19, 25, 30, 37, 39, 43}, w.ends());
    assertEquals("été", text.substring(w.starts()[5], w.ends()[5]));
    assertEquals("e\u0301te\u0301", text.substring(w.starts()[6], w.ends()[6]));
    assertEquals(0, WordTokenizer.tokenize("").size());
    assertEquals(0, WordTokenizer.tokenize(null).size());
    assertEquals(0, WordTokenizer.tokenize(" … — « » ").size());
    // beyond Latin: lower-cased, surrogate pairs kept whole
    assertArrayEquals(new String[] {"москва", "𝐀b"}, WordTokenizer.tokenize("МОСКВА, 𝐀b").tokens());
  }

  @Test
  void wordHashIsFnv1aThenMurmurFinalizer() {
    // FNV-1a 64 of "a": (0xcbf29ce484222325 ^ 0x61) * 0x100000001b3 = 0xaf63dc4c8601ec8c
    assertEquals(Shingler.fmix64(0xaf63dc4c8601ec8cL), Shingler.wordHash("a"));
    assertEquals(0, Shingler.fmix64(0)); // the finalizer maps 0 to 0
  }

  @Test
  void shinglesAreWindowsOfWords() {
    String[] w = {"a", "b", "a", "b", "a", "b"};
    assertEquals(5, Shingler.windowHashes(w, 2).length);
    assertEquals(2, Shingler.shingleSet(w, 2).length); // {a b, b a}
    assertEquals(Shingler.windowHashes(w, 2)[0], Shingler.windowHashes(w, 2)[2]);
    assertNotEquals(Shingler.windowHashes(w, 2)[0], Shingler.windowHashes(w, 2)[1]);
    // fewer words than k: one shingle of all of them; none: empty
    assertEquals(1, Shingler.shingleSet(new String[] {"x", "y"}, 5).length);
    assertEquals(0, Shingler.shingleSet(new String[0], 5).length);
    long[] s = Shingler.shingleSet("un deux trois quatre cinq six sept".split(" "), 5);
    assertEquals(3, s.length);
    for (int i = 1; i < s.length; i++) assertTrue(s[i - 1] < s[i]);
  }

  @Test
  void exactKeyIgnoresTypographyOnly() {
    String k1 = Shingler.exactKey(WordTokenizer.tokenize("L'Ukraine « libre », dit-il.").tokens());
    String k2 = Shingler.exactKey(WordTokenizer.tokenize("l’ukraine \"libre\" dit il").tokens());
    String k3 = Shingler.exactKey(WordTokenizer.tokenize("l’ukraine libre dit elle").tokens());
    assertEquals(k1, k2);
    assertNotEquals(k1, k3);
    assertEquals(32, k1.length());
    assertNull(Shingler.exactKey(new String[0]));
    // order and word boundaries matter
    assertNotEquals(Shingler.exactKey(new String[] {"a", "b"}), Shingler.exactKey(new String[] {"b", "a"}));
    assertNotEquals(Shingler.exactKey(new String[] {"ab"}), Shingler.exactKey(new String[] {"a", "b"}));
    assertEquals(Shingler.exactKey(new String[] {"a", "b"}), Shingler.exactKey(Shingler.wordHashes(new String[] {"a", "b"})));
  }

  @Test
  void minHashFamilyByHand() {
    assertEquals(35, MinHasher.hash(3, 10, 5));
    assertEquals(MinHasher.P - 2, MinHasher.hash(MinHasher.P - 1, 2, 0)); // 2p - 2 mod p
    assertEquals(0, MinHasher.hash(MinHasher.P - 1, 1, 1)); // p mod p
    assertEquals(7, MinHasher.reduce(-1L)); // 2^64 - 1 = 8p + 7
    assertEquals(4, MinHasher.reduce(MinHasher.P + 4));
    // (2^60)·4 = 2^62 = 2p + 2
    assertEquals(2, MinHasher.hash(1L << 60, 4, 0));

    MinHasher mh = new MinHasher(new long[] {1, 2}, new long[] {0, 1});
    assertArrayEquals(new long[] {3, 7}, mh.signature(new long[] {3, 5, 10})); // x: 3,5,10; 2x+1: 7,11,21
    assertArrayEquals(new long[] {5, 11}, mh.signature(new long[] {5, 10}));
    assertArrayEquals(new long[] {4, 9}, mh.signature(new long[] {MinHasher.P + 4})); // reduced to 4 first
    assertArrayEquals(new long[] {MinHasher.P, MinHasher.P}, mh.signature(new long[0]));
    assertEquals(0.5, MinHasher.estimate(new long[] {3, 7}, new long[] {3, 11}));
  }

  @Test
  void minHashIsSeededAndEstimatesJaccard() {
    MinHasher m1 = new MinHasher(256, 42);
    MinHasher m2 = new MinHasher(256, 42);
    MinHasher m3 = new MinHasher(256, 43);
    long[] a = new long[1000];
    long[] b = new long[1000];
    for (int i = 0; i < 1000; i++) {
      a[i] = Shingler.fmix64(i);
      b[i] = Shingler.fmix64(i + 500); // shares 500 of 1500: J = 1/3
    }
    assertArrayEquals(m1.signature(a), m2.signature(a));
    assertFalse(java.util.Arrays.equals(m1.signature(a), m3.signature(a)));
    double est = MinHasher.estimate(m1.signature(a), m1.signature(b));
    // standard error sqrt(J(1-J)/256) = 0.029: within 3.5 sigma
    assertEquals(1.0 / 3, est, 0.1);
  }

  @Test
  void bandingByHand() {
    Banding b = new Banding(2, 2);
    assertEquals(0.4375, b.probability(0.5), 1e-12); // 1 - (1 - 0.25)^2
    assertEquals(0.5, new Banding(4, 2).threshold(), 1e-12);
    assertEquals(1 - Math.pow(1 - 0.7 * 0.7 * 0.7 * 0.7, 32), new Banding(32, 4).probability(0.7), 1e-12);
    long[] s1 = {1, 2, 3, 4};
    long[] s2 = {1, 2, 3, 5};
    long[] k1 = b.bandKeys(s1);
    long[] k2 = b.bandKeys(s2);
    assertEquals(k1[0], k2[0]);
    assertNotEquals(k1[1], k2[1]);
    // the same rows in another band give another key
    assertNotEquals(b.bandKeys(new long[] {7, 7, 7, 7})[0], b.bandKeys(new long[] {7, 7, 7, 7})[1]);
    assertThrows(IllegalArgumentException.class, () -> new Banding(4, 2).bandKeys(s1));
  }

  @Test
  void bandingAreasByHand() {
    // b = r = 1: P(s) = s, FP area = t^2/2, FN area = (1-t)^2/2
    Banding one = new Banding(1, 1);
    assertEquals(0.125, one.falsePositiveArea(0.5), 1e-9);
    assertEquals(0.045, one.falseNegativeArea(0.7), 1e-9);
    // b = 1, r = 2: FP = t^3/3
    assertEquals(0.125 / 3, new Banding(1, 2).falsePositiveArea(0.5), 1e-9);
  }

  @Test
  void bandingChoiceFollowsTheTarget() {
    for (double t : new double[] {0.3, 0.5, 0.7, 0.9}) {
      Banding c = Banding.forThreshold(t, 128);
      assertTrue(c.numHashes() <= 128);
      assertEquals(t, c.threshold(), 0.12, "threshold of " + c + " for " + t);
      double err = c.falsePositiveArea(t) + c.falseNegativeArea(t);
      for (int b = 1; b <= 128; b++) {
        for (int r = 1; b * r <= 128; r++) {
          Banding o = new Banding(b, r);
          assertTrue(err <= o.falsePositiveArea(t) + o.falseNegativeArea(t) + 1e-12, c + " beaten by " + o);
        }
      }
    }
    assertTrue(Banding.forThreshold(0.8, 128).rows() > Banding.forThreshold(0.4, 128).rows());
  }

  @Test
  void setSimilarityByHand() {
    long[] a = {1, 2, 3, 4};
    long[] b = {3, 4, 5};
    int i = SetSimilarity.intersection(a, b);
    assertEquals(2, i);
    assertEquals(0.4, SetSimilarity.jaccard(i, 4, 3), 1e-12);
    assertEquals(2.0 / 3, SetSimilarity.containment(i, 4, 3), 1e-12);
    assertEquals(0, SetSimilarity.jaccard(0, 0, 0));
    assertEquals(0, SetSimilarity.containment(0, 0, 3));
    assertEquals(1.0, SetSimilarity.containment(3, 10, 3));
  }
}
