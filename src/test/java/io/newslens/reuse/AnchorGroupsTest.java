package io.newslens.reuse;

import static org.junit.jupiter.api.Assertions.*;

import io.newslens.dedup.Shingler;
import io.newslens.dedup.WordTokenizer;
import org.junit.jupiter.api.Test;

/** The anchor rule and the n-gram sets of the reuse stage, by hand. */
class AnchorGroupsTest {

  @Test
  void anchorNeedsTwoToMaxDocsOfTwoSourcesWithoutBoilerplate() {
    String[] s = {"lm", "lf", "lm", "lm", null};
    assertFalse(AnchorGroups.isAnchor(s, 1, 100, 5)); // one document
    assertTrue(AnchorGroups.isAnchor(s, 2, 100, 5)); // lm, lf
    assertFalse(AnchorGroups.isAnchor(new String[] {"lm", "lm"}, 2, 100, 5)); // one source
    assertFalse(AnchorGroups.isAnchor(s, 3, 2, 5)); // 3 documents > maxDocs 2
    assertTrue(AnchorGroups.isAnchor(s, 3, 3, 5));
    assertFalse(AnchorGroups.isAnchor(s, 4, 100, 3)); // 3 of lm: boilerplate of lm
    assertTrue(AnchorGroups.isAnchor(s, 4, 100, 4));
    assertTrue(AnchorGroups.isAnchor(new String[] {null, "lm"}, 2, 100, 5)); // null is a source of its own
    assertFalse(AnchorGroups.isAnchor(new String[] {null, null}, 2, 100, 5));
  }

  @Test
  void pairsOnlyAcrossSources() {
    // lm lf lm null: (0,1) (0,3) (1,2) (1,3) (2,3)
    assertArrayEquals(new long[] {1, 3, (1L << 32) | 2, (1L << 32) | 3, (2L << 32) | 3},
        AnchorGroups.crossSourcePairs(new String[] {"lm", "lf", "lm", null}, 4));
    assertEquals(0, AnchorGroups.crossSourcePairs(new String[] {"lm", "lm", "x"}, 2).length); // only the first n
  }

  @Test
  void distinctGramsAreTheSortedDistinctWindows() {
    // "a b a b a b" with n = 2: windows ab ba ab ba ab, distinct {ab, ba}
    long[] g = Reuse.distinctGrams("A b, a b a B", 2);
    long ab = Shingler.windowHashes(new String[] {"a", "b"}, 2)[0];
    long ba = Shingler.windowHashes(new String[] {"b", "a"}, 2)[0];
    assertArrayEquals(new long[] {Math.min(ab, ba), Math.max(ab, ba)}, g);
    assertEquals(0, Reuse.distinctGrams("un deux", 3).length); // fewer words than n
    assertEquals(0, Reuse.distinctGrams(null, 3).length);
    assertArrayEquals(Shingler.windowHashes(WordTokenizer.tokenize("un deux trois").tokens(), 3),
        Reuse.distinctGrams("Un, deux ; trois.", 3));
  }
}
