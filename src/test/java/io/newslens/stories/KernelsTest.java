package io.newslens.stories;

import static org.junit.jupiter.api.Assertions.*;

import io.newslens.stories.DocumentFeatures.Feature;
import io.newslens.stories.StoryModel.Assignment;
import io.newslens.stories.StoryModel.Fit;
import io.newslens.stories.StoryModel.Rules;
import io.newslens.stories.StoryModel.StoryRep;
import io.newslens.stories.UnitVector.Idf;
import io.newslens.stories.UnitVector.Tf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stories stage's plain-Java kernels against hand-computed values. */
class KernelsTest {

  // ---- DocumentFeatures -----------------------------------------------------------------------------------------

  /** "Donald Trump a rencontré Kim Jong Un à Singapour. Trump salue la Corée du Nord." as the analyzer gives it. */
  static List<Feature> trumpKim() {
    String[] terms = {"donald", "trump", "a", "rencontr", "kim", "jong", "un", "à", "singapour", "trump", "salu",
        "la", "coré", "du", "nord"};
    String[] surfaces = {"Donald", "Trump", "a", "rencontré", "Kim", "Jong", "Un", "à", "Singapour", "Trump", "salue",
        "la", "Corée", "du", "Nord"};
    int[] sentences = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
    int[] starts = {0, 7, 13, 15, 25, 29, 34, 37, 39, 50, 56, 62, 65, 71, 74};
    int[] ends = {6, 12, 14, 24, 28, 33, 36, 38, 48, 55, 61, 64, 70, 73, 78};
    boolean[] stops = {false, false, true, false, false, false, true, true, false, false, false, true, false, true,
        false};
    return DocumentFeatures.of(terms, surfaces, sentences, starts, ends, stops);
  }

  @Test
  void featuresAreContentTermsThenNamesWithFlagsAndDisplay() {
    int n = DocumentFeatures.NAME;
    assertEquals(List.of(
        new Feature("t:donald", 1, n, "Donald"),
        new Feature("t:trump", 2, n, "Trump"), // the second Trump opens its sentence: no flag of its own
        new Feature("t:rencontr", 1, 0, "rencontré"),
        new Feature("t:kim", 1, n, "Kim"),
        new Feature("t:jong", 1, n, "Jong"),
        new Feature("t:singapour", 1, n, "Singapour"), // capitalised inside its sentence
        new Feature("t:salu", 1, 0, "salue"),
        new Feature("t:coré", 1, n, "Corée"),
        new Feature("t:nord", 1, n, "Nord"),
        // "Un", a capitalised stop word, continues a name; "à" is no particle, so Singapour is not in it
        new Feature("n:donald trump", 1, n, "Donald Trump"),
        new Feature("n:kim jong un", 1, n, "Kim Jong Un"),
        new Feature("n:coré du nord", 1, n, "Corée du Nord")), trumpKim());
  }

  @Test
  void nameRunsStopAtSentencesGapsAndNonParticles() {
    // "Paris, Londres, Macron. Merkel, Le Monde, Union européenne": commas between (two characters), two sentences,
    // a stop word first ("Le Monde"), a lower-case second word ("Union européenne")
    String[] surfaces = {"Paris", "Londres", "Macron", "Merkel", "Le", "Monde", "Union", "européenne"};
    String[] terms = {"pari", "londr", "macron", "merkel", "le", "mond", "union", "européen"};
    int[] sentences = {0, 0, 0, 1, 1, 1, 1, 1};
    int[] starts = {0, 7, 16, 24, 32, 35, 42, 48};
    int[] ends = {5, 14, 22, 30, 34, 40, 47, 58};
    boolean[] stops = {false, false, false, false, true, false, false, false};
    List<Feature> fs = DocumentFeatures.of(terms, surfaces, sentences, starts, ends, stops);
    assertTrue(fs.stream().noneMatch(f -> f.key().startsWith(DocumentFeatures.NAME_PREFIX)), fs.toString());
    // Paris opens the text, Merkel its sentence: no flag; the others are capitalised inside their sentence
    assertEquals(0, flags(fs, "t:pari"));
    assertEquals(DocumentFeatures.NAME, flags(fs, "t:londr"));
    assertEquals(DocumentFeatures.NAME, flags(fs, "t:macron"));
    assertEquals(0, flags(fs, "t:merkel"));
    assertEquals(DocumentFeatures.NAME, flags(fs, "t:mond"));
    assertEquals(DocumentFeatures.NAME, flags(fs, "t:union"));
    assertEquals(0, flags(fs, "t:européen"));
  }

  @Test
  void termsNeedTwoCharactersAndALetter() {
    assertTrue(DocumentFeatures.isContent("ue"));
    assertTrue(DocumentFeatures.isContent("covid-19"));
    assertFalse(DocumentFeatures.isContent("x"));
    assertFalse(DocumentFeatures.isContent("2020"));
    assertFalse(DocumentFeatures.isContent("30.000"));
  }

  @Test
  void titleWordsAndTitleFeatures() {
    Set<String> t = DocumentFeatures.titleWords("Trump et Kim à Singapour : l’accord");
    assertEquals(Set.of("trump", "et", "kim", "à", "singapour", "l", "accord"), t);
    assertTrue(DocumentFeatures.inTitle("Trump", t));
    assertTrue(DocumentFeatures.inTitle("SINGAPOUR", t));
    assertTrue(DocumentFeatures.inTitle("l'accord", t));
    assertFalse(DocumentFeatures.inTitle("Kim Jong Un", t)); // "jong" is not in the title
    assertTrue(DocumentFeatures.inTitle("Kim à Singapour", t));
    assertFalse(DocumentFeatures.inTitle("rencontré", t));
    assertFalse(DocumentFeatures.inTitle("Trump", DocumentFeatures.titleWords(null)));
  }

  @Test
  void featureHashesDependOnLanguageAndKey() {
    assertNotEquals(DocumentFeatures.hash("fr", "t:paris"), DocumentFeatures.hash("en", "t:paris"));
    assertNotEquals(DocumentFeatures.hash("fr", "t:paris"), DocumentFeatures.hash("fr", "n:paris"));
    assertEquals(DocumentFeatures.hash("fr", "t:paris"), DocumentFeatures.hash("fr", "t:paris"));
  }

  private static int flags(List<Feature> fs, String key) {
    return fs.stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow().flags();
  }

  // ---- UnitVector -----------------------------------------------------------------------------------------------

  static final UnitVector.Weights LOG_LOG = new UnitVector.Weights(3, 2, 2.0, 1.5, Tf.LOG, Idf.LOG);

  @Test
  void weightOfEachTfAndIdfScheme() {
    // N = 9: ln(10 / (df + 1))
    assertEquals(0.693147, UnitVector.weight(1, 4, 9, Tf.LOG, Idf.LOG), 1e-6);           // 1 × ln 2
    assertEquals(1.386294, UnitVector.weight(2, 4, 9, Tf.RAW, Idf.LOG), 1e-6);           // 2 × ln 2
    assertEquals(2.866747, UnitVector.weight(2, 4, 9, Tf.LOG, Idf.LOG_PLUS_ONE), 1e-6);  // (1 + ln 2)(ln 2 + 1)
    assertEquals(3.0, UnitVector.weight(3, 9, 9, Tf.RAW, Idf.LOG_PLUS_ONE), 1e-12);      // df = N: idf 0 + 1
    assertEquals(0.0, UnitVector.weight(3, 9, 9, Tf.LOG, Idf.LOG), 1e-12);               // df = N: idf 0
    assertThrows(IllegalArgumentException.class, () -> UnitVector.weight(0, 4, 9, Tf.RAW, Idf.LOG));
    assertEquals(Tf.RAW, Tf.of(" Raw"));
    assertEquals(Idf.LOG_PLUS_ONE, Idf.of("log+1"));
    assertEquals("--story-idf must be log or log+1, got smooth",
        assertThrows(IllegalArgumentException.class, () -> Idf.of("smooth")).getMessage());
  }

  @Test
  void rawTfAndIdfPlusOneKeepACommonFeature() {
    // N = 9; the same features as below under raw tf and idf + 1: a (tf 1, df 4) 1.693147, b (tf 2, df 4)
    // 3.386294, e (tf 1, df 9: present everywhere) 1.0 — kept, where idf alone drops it
    Map<Long, Long> df = Map.of(1L, 4L, 2L, 4L, 5L, 9L);
    List<UnitVector.Raw> raw = List.of(new UnitVector.Raw(1, 1, 0, "a"), new UnitVector.Raw(2, 2, 0, "b"),
        new UnitVector.Raw(5, 1, 0, "e"));
    UnitVector v = UnitVector.of(raw, id -> df.get(id), 9, new UnitVector.Weights(3, 2, 2.0, 1.5, Tf.RAW,
        Idf.LOG_PLUS_ONE));
    // divided by sqrt(1.693147² + 3.386294² + 1²) = 3.915832
    assertArrayEquals(new long[] {1, 2, 5}, v.ids());
    assertArrayEquals(new double[] {0.432385, 0.864770, 0.255374}, v.weights(), 1e-6);
  }

  @Test
  void vectorWeighsTfIdfTitleAndNamesKeepsTheStrongestAndNormalises() {
    // N = 9 units; idf = ln(10 / (df + 1))
    Map<Long, Long> df = Map.of(1L, 4L, 2L, 4L, 3L, 1L, 4L, 2L, 5L, 9L, 6L, 4L);
    List<UnitVector.Raw> raw = List.of(
        new UnitVector.Raw(1, 1, 0, "a"),                              // ln 2 = 0.693147
        new UnitVector.Raw(2, 2, 0, "b"),                              // (1 + ln 2) ln 2 = 1.173600
        new UnitVector.Raw(3, 1, 0, "c"),                              // df 1 < min df 2: dropped
        new UnitVector.Raw(4, 1, DocumentFeatures.IN_TITLE, "d"),      // ln(10/3) × 2 = 2.407946
        new UnitVector.Raw(5, 1, 0, "e"),                              // df = N: idf 0, dropped
        new UnitVector.Raw(6, 1, DocumentFeatures.NAME, "f"));         // ln 2 × 1.5 = 1.039721
    UnitVector v = UnitVector.of(raw, id -> df.get(id), 9, LOG_LOG);
    // the three strongest, in id order, divided by sqrt(1.173600² + 2.407946² + 1.039721²) = 2.873423
    assertArrayEquals(new long[] {2, 4, 6}, v.ids());
    assertArrayEquals(new double[] {0.408433, 0.838006, 0.361841}, v.weights(), 1e-6);
    assertArrayEquals(new String[] {"b", "d", "f"}, v.display());
    assertEquals(1.0, v.dot(v), 1e-12);
    assertArrayEquals(new int[] {1, 0}, v.strongest(2)); // indices of ids 4 and 2
    assertEquals(0.838006, v.weight(4), 1e-6);
    assertEquals(0.0, v.weight(1));
  }

  @Test
  void vectorOfNothingIsEmpty() {
    assertEquals(0, UnitVector.of(List.of(), id -> 0, 0, LOG_LOG).size());
    assertEquals(0, UnitVector.of(List.of(new UnitVector.Raw(1, 3, 0, "a")), id -> 1, 5,
        LOG_LOG).size());
  }

  @Test
  void dotProductOverSharedIds() {
    UnitVector a = new UnitVector(new long[] {1, 3, 5}, new double[] {0.6, 0.0, 0.8}, new String[3]);
    UnitVector b = new UnitVector(new long[] {2, 5, 9}, new double[] {0.8, 0.6, 0.0}, new String[3]);
    assertEquals(0.48, a.dot(b), 1e-12);
    assertEquals(0.48, b.dot(a), 1e-12);
  }

  // ---- PostingPairs ---------------------------------------------------------------------------------------------

  @Test
  void postingPairsWithinTheWindowAndWithUndated() {
    PostingPairs pp = new PostingPairs(10, 2, 1);
    List<String> out = new ArrayList<>();
    PostingPairs.Sink sink = (a, b, p) -> out.add(a + "-" + b + "=" + Math.round(p * 1000) / 1000.0);
    pp.add(new PostingPairs.Member(50, Unit.UNDATED, 0.4), sink);
    pp.add(new PostingPairs.Member(100, Unit.UNDATED, 0.5), sink);
    pp.add(new PostingPairs.Member(7, 0, 1.0), sink);
    pp.add(new PostingPairs.Member(3, 5, 0.5), sink);
    pp.add(new PostingPairs.Member(9, 8, 0.2), sink);
    pp.add(new PostingPairs.Member(1, 20, 0.1), sink); // 20 - 8 > 10: every dated member is out of its window
    assertEquals(List.of("50-100=0.2",
        "7-50=0.4", "7-100=0.5",
        "3-7=0.5", "3-50=0.2", "3-100=0.25",
        "7-9=0.2", "3-9=0.1", "9-50=0.08", "9-100=0.1",
        "1-50=0.04", "1-100=0.05"), out);
  }

  @Test
  void aBusyWindowPairsOnlyTheLatestNeighbours() {
    PostingPairs pp = new PostingPairs(100, 2, 1);
    List<String> out = new ArrayList<>();
    PostingPairs.Sink sink = (a, b, p) -> out.add(a + "-" + b);
    for (int i = 1; i <= 5; i++) pp.add(new PostingPairs.Member(i, i, 1.0), sink);
    // 3 sees two before it (all); 4 and 5 see three and four (over 2): only the latest
    assertEquals(List.of("1-2", "1-3", "2-3", "3-4", "4-5"), out);
    pp.reset();
    out.clear();
    pp.add(new PostingPairs.Member(8, 3, 1.0), sink);
    assertEquals(List.of(), out);
    assertThrows(IllegalStateException.class, () -> pp.add(new PostingPairs.Member(9, 2, 1.0), sink));
    assertThrows(IllegalStateException.class, () -> pp.add(new PostingPairs.Member(9, Unit.UNDATED, 1.0), sink));
  }

  // ---- UnionFind ------------------------------------------------------------------------------------------------

  @Test
  void componentsAreLabelledWithTheirSmallestKey() {
    UnionFind uf = new UnionFind();
    uf.union(5, 3);
    uf.union(10, 11);
    uf.union(3, 9);
    uf.union(0, -7);
    uf.union(9, 5);
    long[][] l = uf.labels();
    assertArrayEquals(new long[] {-7, 0, 3, 5, 9, 10, 11}, l[0]);
    assertArrayEquals(new long[] {-7, -7, 3, 3, 3, 10, 10}, l[1]);
    assertEquals(3, UnionFind.label(l, 9));
    assertEquals(42, UnionFind.label(l, 42)); // in no edge: its own component
    assertEquals(7, uf.size());
  }

  @Test
  void unionFindGrowsPastItsFirstTable() {
    UnionFind uf = new UnionFind();
    for (long i = 1; i < 5000; i++) uf.union(i * 7919, (i + 1) * 7919);
    uf.union(1_000_000_007L, 1_000_000_009L);
    long[][] l = uf.labels();
    assertEquals(5002, l[0].length);
    assertEquals(7919, UnionFind.label(l, 5000L * 7919));
    assertEquals(1_000_000_007L, UnionFind.label(l, 1_000_000_009L));
  }

  // ---- StoryModel -----------------------------------------------------------------------------------------------

  static final long DAY = 86_400;

  static Unit unit(String id, long time, long[] ids, double[] w, String... partners) {
    return new Unit(id, id.hashCode(), "fr", time, 1, new UnitVector(ids, w, new String[ids.length]),
        List.of(partners));
  }

  @Test
  void unitsJoinTheMostSimilarEligibleCentroidOrFoundAStory() {
    Rules rules = new Rules(0.5, 2 * DAY, 5 * DAY, 3, 0.3);
    List<Unit> units = List.of(
        unit("e", 10 * DAY, new long[] {1, 2}, new double[] {0.6, 0.8}),
        unit("f", Unit.UNDATED, new long[] {2}, new double[] {1.0}),
        unit("a", 0, new long[] {1, 2}, new double[] {0.6, 0.8}),
        unit("d", 2 * DAY, new long[] {1, 3}, new double[] {0.6, 0.8}),
        unit("b", DAY, new long[] {1, 2}, new double[] {0.8, 0.6}),
        unit("c", DAY, new long[] {3}, new double[] {1.0}));
    Fit fit = StoryModel.fit(units, rules);
    // b: cos with a's centroid 0.96 → a. c: no shared feature → new. d: a 0.424264, c 0.8 → c. e: a and c end more
    // than 2 days before: new. f (undated, last): a 1.4/1.979899 = 0.707107, e 0.8 → e.
    assertEquals(Map.of("a", "a", "b", "a", "c", "c", "d", "c", "e", "e", "f", "e"), fit.storyOf());
    // final centroids: a {1: 1.4, 2: 1.4}, c {1: 0.6, 3: 1.8}, e {1: 0.6, 2: 1.8}
    assertEquals(0.989949, fit.similarity().get("a"), 1e-6);
    assertEquals(0.989949, fit.similarity().get("b"), 1e-6);
    assertEquals(0.948683, fit.similarity().get("c"), 1e-6);
    assertEquals(0.948683, fit.similarity().get("d"), 1e-6);
    assertEquals(0.948683, fit.similarity().get("f"), 1e-6);
    assertEquals(0.989949, fit.cohesion().get("a"), 1e-6);
    assertEquals(Map.of("a", "a", "c", "c", "e", "e"), fit.central()); // ties go to the earlier unit
    List<StoryRep> reps = fit.stories();
    assertEquals(List.of("a", "c", "e"), reps.stream().map(StoryRep::storyId).toList());
    StoryRep a = reps.get(0);
    assertEquals(0, a.first());
    assertEquals(DAY, a.last());
    assertEquals(2, a.units());
    assertArrayEquals(new long[] {1, 2}, a.features());
    assertArrayEquals(new double[] {1.4, 1.4}, a.sums(), 1e-12);
    StoryRep e = reps.get(2);
    assertEquals(10 * DAY, e.first()); // the undated unit leaves the time range as it was
    assertEquals(10 * DAY, e.last());
  }

  @Test
  void placementDoesNotDependOnTheInputOrder() {
    Rules rules = new Rules(0.5, 2 * DAY, 5 * DAY, 3, 0.3);
    List<Unit> units = new ArrayList<>(List.of(
        unit("a", 0, new long[] {1, 2}, new double[] {0.6, 0.8}),
        unit("b", 0, new long[] {1, 2}, new double[] {0.8, 0.6}),
        unit("c", 0, new long[] {1, 2}, new double[] {0.6, 0.8})));
    Fit one = StoryModel.fit(units, rules);
    java.util.Collections.reverse(units);
    Fit two = StoryModel.fit(units, rules);
    assertEquals(one.storyOf(), two.storyOf());
    assertEquals(Map.of("a", "a", "b", "a", "c", "a"), one.storyOf()); // same time: by id
  }

  @Test
  void aStoryIsCappedInSpanAndTheCentroidInSize() {
    Rules rules = new Rules(0.5, 2 * DAY, 3 * DAY, 2, 0.0);
    List<Unit> units = new ArrayList<>();
    for (int d = 0; d <= 5; d++) units.add(unit("u" + d, d * DAY, new long[] {1, 2, 3}, new double[] {0.6, 0.6, 0.52915}));
    Fit fit = StoryModel.fit(units, rules);
    // each day within the gap of the last, but a story spans at most 3 days: u0..u3, then u4..u5
    assertEquals("u0", fit.storyOf().get("u3"));
    assertEquals("u4", fit.storyOf().get("u4"));
    assertEquals("u4", fit.storyOf().get("u5"));
    StoryRep first = fit.stories().get(0);
    assertArrayEquals(new long[] {1, 2}, first.features()); // the centroid keeps its two largest components
    assertArrayEquals(new double[] {2.4, 2.4}, first.sums(), 1e-12);
  }

  @Test
  void aReusePassageAddsItsBonusAndMakesACandidate() {
    Unit a = unit("a", 0, new long[] {1}, new double[] {1.0});
    Unit h = unit("h", DAY, new long[] {4}, new double[] {1.0}, "a");
    Fit weak = StoryModel.fit(List.of(a, h), new Rules(0.5, 2 * DAY, 5 * DAY, 3, 0.3));
    assertEquals("h", weak.storyOf().get("h")); // 0 + 0.3 < 0.5
    Fit strong = StoryModel.fit(List.of(a, h), new Rules(0.5, 2 * DAY, 5 * DAY, 3, 0.6));
    assertEquals("a", strong.storyOf().get("h"));
    // nothing in common with a but the passage: its similarity is to the centroid {1: 1, 4: 1} it is part of
    assertEquals(Math.sqrt(0.5), strong.similarity().get("h"), 1e-12);
  }

  @Test
  void storedRepresentationsPlaceNewUnitsAsTheFitDid() {
    Rules rules = new Rules(0.5, 2 * DAY, 5 * DAY, 3, 0.3);
    Fit fit = StoryModel.fit(List.of(
        unit("a", 0, new long[] {1, 2}, new double[] {0.6, 0.8}),
        unit("c", DAY, new long[] {3}, new double[] {1.0})), rules);
    StoryModel stored = StoryModel.of(rules, fit.stories(), fit.storyOf());
    Unit b = unit("b", DAY, new long[] {1, 2}, new double[] {0.8, 0.6});
    Assignment x = stored.assign(b);
    assertEquals("a", x.storyId());
    assertEquals(0.96, x.score(), 1e-12);
    Unit late = unit("z", 9 * DAY, new long[] {1, 2}, new double[] {0.8, 0.6});
    assertTrue(stored.assign(late).isNew()); // past the gap
    Unit reprint = unit("r", 2 * DAY, new long[] {9}, new double[] {1.0}, "c");
    assertEquals(new Assignment(null, 0.3), stored.assign(reprint)); // the bonus alone is under the threshold
    assertEquals("a", stored.place(b));
    assertEquals(2, stored.rep("a").units());
    assertEquals("z", stored.place(late));
  }

  // ---- ClusterScores --------------------------------------------------------------------------------------------

  @Test
  void bcubedAndPairwiseScores() {
    Map<String, String> labels = Map.of("a", "X", "b", "X", "c", "X", "d", "Y", "e", "Y", "unlabelled", "Z");
    Map<String, String> predicted = Map.of("a", "1", "b", "1", "c", "2", "d", "2", "e", "3", "other", "1");
    ClusterScores.Scores s = ClusterScores.of(predicted, labels);
    // precision: a 1, b 1, c 1/2, d 1/2, e 1 → 0.8; recall: a 2/3, b 2/3, c 1/3, d 1/2, e 1/2 → 0.533333
    assertEquals(0.8, s.bcubedPrecision(), 1e-9);
    assertEquals(0.533333, s.bcubedRecall(), 1e-6);
    assertEquals(0.64, s.bcubedF1(), 1e-9);
    // pairs together: predicted {a,b} {c,d}, labelled {a,b} {a,c} {b,c} {d,e}; both: {a,b}
    assertEquals(0.5, s.pairPrecision(), 1e-9);
    assertEquals(0.25, s.pairRecall(), 1e-9);
    assertEquals(1.0 / 3, s.pairF1(), 1e-9);
    assertEquals(5, s.items());
    assertEquals(3, s.clusters());
    assertEquals(2, s.classes());
    Map<String, String> same = Map.of("a", "X", "b", "X", "d", "Y");
    assertEquals(1.0, ClusterScores.of(same, same).bcubedF1(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> ClusterScores.of(Map.of("q", "1"), labels));
  }
}
