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
  void wordHashesInOnePassEqualTokenizeThenHash() {
    assertArrayEquals(new long[] {Shingler.wordHash("a"), Shingler.wordHash("oeuvre")}, WordTokenizer.wordHashes("A, Œuvre"));
    assertEquals(0, WordTokenizer.wordHashes(null).length);
    assertEquals(0, WordTokenizer.wordHashes("").length);
    assertEquals(0, WordTokenizer.wordHashes(" … — « » ").length);
    String[] texts = {"L’Ukraine, jeudi.Le Œuvre\u00a0«été» e\u0301te\u0301 1 000", "МОСКВА, 𝐀b", "ß Æther straße",
        "\u0301début", "x", "fin.", "a\u0301\u0301b c", "İstanbul ǅ", "日本語のテキスト 2024"};
    for (String t : texts) {
      assertArrayEquals(Shingler.wordHashes(WordTokenizer.tokenize(t).tokens()), WordTokenizer.wordHashes(t), t);
    }
    java.util.Random rnd = new java.util.Random(3);
    String alphabet = "aZé e\u0301Œß’«» .,-\u00a0МЖ𝐀日1";
    for (int n = 0; n < 500; n++) {
      StringBuilder b = new StringBuilder();
      for (int i = rnd.nextInt(40); i > 0; i--) {
        int cp = alphabet.codePointAt(alphabet.offsetByCodePoints(0, rnd.nextInt(alphabet.codePointCount(0,
            alphabet.length()))));
        b.appendCodePoint(cp);
      }
      String t = b.toString();
      assertArrayEquals(Shingler.wordHashes(WordTokenizer.tokenize(t).tokens()), WordTokenizer.wordHashes(t), t);
    }
  }

  @Test
  void onePermutationBinsByHand() {
    assertEquals(0, OnePermutationHasher.bin(0L, 4));
    assertEquals(2, OnePermutationHasher.bin(0x8000_0000_0000_0000L, 4)); // top half 2^31 · 4 / 2^32
    assertEquals(3, OnePermutationHasher.bin(-1L, 4)); // (2^32 − 1) · 4 >>> 32
    assertEquals(1, OnePermutationHasher.bin(0x4000_0000_0000_0000L, 4));
    assertEquals(0, OnePermutationHasher.bin(-1L, 1));
  }

  @Test
  void onePermutationSignatureByHand() {
    OnePermutationHasher h = new OnePermutationHasher(8, 42);
    long mix = Shingler.fmix64(42);
    // one shingle fills one bin; densification copies its value into the seven empty ones
    long v = Shingler.fmix64(5L ^ mix);
    long[] one = h.signature(new long[] {5});
    for (long x : one) assertEquals(v, x);
    boolean[] filled = h.filledBins(new long[] {5});
    assertTrue(filled[OnePermutationHasher.bin(v, 8)]);
    assertEquals(1, java.util.stream.IntStream.range(0, 8).filter(i -> filled[i]).count());
    assertNull(h.signature(new long[0]));
    // a filled bin keeps the smallest mixed value that falls in it; order and repeats do not matter
    long[] set = new long[64];
    for (int i = 0; i < set.length; i++) set[i] = i * 1_000_003L;
    long[] sig = h.signature(set);
    long[] expected = new long[8];
    java.util.Arrays.fill(expected, Long.MAX_VALUE);
    for (long s : set) {
      long m = Shingler.fmix64(s ^ mix);
      int b = OnePermutationHasher.bin(m, 8);
      expected[b] = Math.min(expected[b], m);
    }
    for (int b = 0; b < 8; b++) if (expected[b] != Long.MAX_VALUE) assertEquals(expected[b], sig[b], "bin " + b);
    long[] reversed = new long[set.length];
    for (int i = 0; i < set.length; i++) reversed[i] = set[set.length - 1 - i];
    assertArrayEquals(sig, h.signature(reversed));
    long[] twice = java.util.stream.LongStream.concat(java.util.Arrays.stream(set), java.util.Arrays.stream(set))
        .toArray();
    assertArrayEquals(sig, h.signature(twice));
    // every densified bin holds the value of some filled bin
    java.util.Set<Long> values = new java.util.HashSet<>();
    for (long x : expected) if (x != Long.MAX_VALUE) values.add(x);
    for (long x : sig) assertTrue(values.contains(x));
  }

  @Test
  void onePermutationIsSeededAndEstimatesJaccard() {
    long[] a = new long[1000];
    long[] b = new long[1000];
    for (int i = 0; i < 1000; i++) {
      a[i] = Shingler.fmix64(i);
      b[i] = Shingler.fmix64(i + 500); // shares 500 of 1500: J = 1/3
    }
    OnePermutationHasher h = new OnePermutationHasher(256, 42);
    assertArrayEquals(h.signature(a), new OnePermutationHasher(256, 42).signature(a));
    assertFalse(java.util.Arrays.equals(h.signature(a), new OnePermutationHasher(256, 43).signature(a)));
    assertEquals(1.0 / 3, MinHasher.estimate(h.signature(a), h.signature(b)), 0.1);
    // small sets (many empty bins, densified): still close to the true Jaccard, 20 of 60 shared
    long[] c = java.util.Arrays.copyOfRange(a, 0, 40);
    long[] d = java.util.Arrays.copyOfRange(a, 20, 60);
    assertEquals(1.0 / 3, MinHasher.estimate(h.signature(c), h.signature(d)), 0.15);
    assertEquals(1.0, MinHasher.estimate(h.signature(c), h.signature(c.clone())));
  }

  @Test
  void bucketPairsByHand() {
    assertEquals(0, Banding.bucketPairs(1, 10).length);
    // 3 members under the limit: (0,1) (0,2) (1,2)
    assertArrayEquals(new long[] {1, 2, (1L << 32) | 2}, Banding.bucketPairs(3, 10));
    // 4 members over a limit of 3: star from 0 and chain: (0,1) (0,2) (1,2) (0,3) (2,3)
    assertArrayEquals(new long[] {1, 2, (1L << 32) | 2, 3, (2L << 32) | 3}, Banding.bucketPairs(4, 3));
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
