package io.newslens.reuse;

import static org.junit.jupiter.api.Assertions.*;

import io.newslens.dedup.Shingler;
import io.newslens.dedup.WordTokenizer;
import org.junit.jupiter.api.Test;

/** The anchor rule and the n-gram sets of the reuse stage, by hand. */
class AnchorGroupsTest {

  @Test
  void anchorNeedsTwoToMaxDocsOfTwoSourcesWithoutBoilerplate() {
    // sources as keys: lm = 1, lf = 2, no source = 0 (documents without a source share one key)
    long[] s = {1, 2, 1, 1, 0};
    assertFalse(AnchorGroups.isAnchor(s, 1, 100, 5)); // one document
    assertTrue(AnchorGroups.isAnchor(s, 2, 100, 5)); // lm, lf
    assertFalse(AnchorGroups.isAnchor(new long[] {1, 1}, 2, 100, 5)); // one source
    assertFalse(AnchorGroups.isAnchor(s, 3, 2, 5)); // 3 documents > maxDocs 2
    assertTrue(AnchorGroups.isAnchor(s, 3, 3, 5));
    assertFalse(AnchorGroups.isAnchor(s, 4, 100, 3)); // 3 of lm: boilerplate of lm
    assertTrue(AnchorGroups.isAnchor(s, 4, 100, 4));
    assertTrue(AnchorGroups.isAnchor(new long[] {0, 1}, 2, 100, 5)); // no source is a source of its own
    assertFalse(AnchorGroups.isAnchor(new long[] {0, 0}, 2, 100, 5));
    assertFalse(AnchorGroups.isAnchor(new long[] {2, 1, 1, 2, 1}, 5, 100, 3)); // unsorted: 3 of lm
  }

  @Test
  void pairsOnlyAcrossSources() {
    // lm lf lm none: (0,1) (0,3) (1,2) (1,3) (2,3)
    assertArrayEquals(new long[] {1, 3, (1L << 32) | 2, (1L << 32) | 3, (2L << 32) | 3},
        AnchorGroups.crossSourcePairs(new long[] {1, 2, 1, 0}, 4));
    assertEquals(0, AnchorGroups.crossSourcePairs(new long[] {1, 1, 3}, 2).length); // only the first n
  }

  @Test
  void distinctGramsAreTheSortedDistinctWindows() {
    // "a b a b a b" with n = 2: windows ab ba ab ba ab, distinct {ab, ba}
    long[] g = Reuse.distinctGrams("A b, a b a B", 2).hashes();
    long ab = Shingler.windowHashes(new String[] {"a", "b"}, 2)[0];
    long ba = Shingler.windowHashes(new String[] {"b", "a"}, 2)[0];
    assertArrayEquals(new long[] {Math.min(ab, ba), Math.max(ab, ba)}, g);
    assertEquals(0, Reuse.distinctGrams("un deux", 3).hashes().length); // fewer words than n
    assertEquals(0, Reuse.distinctGrams(null, 3).hashes().length);
    assertArrayEquals(Shingler.windowHashes(WordTokenizer.tokenize("un deux trois").tokens(), 3),
        Reuse.distinctGrams("Un, deux ; trois.", 3).hashes());
  }

  @Test
  void candidatesNeedMinAnchorsCloseTogetherInBothTexts() {
    // anchors at (A, B) word positions; span 10
    assertTrue(clustered(new int[] {5, 12}, new int[] {40, 47}, 2, 2, 10)); // 7 apart in both
    assertTrue(clustered(new int[] {12, 5}, new int[] {47, 40}, 2, 2, 10)); // any order
    assertTrue(clustered(new int[] {5, 15}, new int[] {40, 30}, 2, 2, 10)); // 10 apart: span included
    assertFalse(clustered(new int[] {5, 16}, new int[] {40, 41}, 2, 2, 10)); // 11 apart in A
    assertFalse(clustered(new int[] {5, 6}, new int[] {40, 300}, 2, 2, 10)); // far apart in B
    assertFalse(clustered(new int[] {5}, new int[] {40}, 1, 2, 10)); // fewer anchors than needed
    assertTrue(clustered(new int[] {5}, new int[] {40}, 1, 1, 10)); // one is enough when one is asked
    // three needed: 0, 8 and 9 in A; B positions of 8 and 9 both within 10 of 0's
    assertTrue(clustered(new int[] {0, 100, 8, 9}, new int[] {50, 0, 58, 45}, 4, 3, 10));
    assertFalse(clustered(new int[] {0, 100, 8, 9}, new int[] {50, 0, 58, 70}, 4, 3, 10));
  }

  @Test
  void anyOccurrenceOfARepeatedAnchorCounts() {
    // anchor 0 occurs at 3 and 200 in A; anchor 1 once at 205: close through anchor 0's last occurrence
    assertTrue(AnchorGroups.clustered(new int[] {3, 205}, new int[] {200, 205}, new int[] {40, 46},
        new int[] {40, 46}, 2, 2, 10));
    assertFalse(AnchorGroups.clustered(new int[] {3, 205}, new int[] {3, 205}, new int[] {40, 46},
        new int[] {40, 46}, 2, 2, 10));
    // both occurrences of one anchor are not two anchors
    assertFalse(AnchorGroups.clustered(new int[] {3}, new int[] {5}, new int[] {40}, new int[] {42}, 1, 2, 10));
  }

  @Test
  void gramPositionsAreFirstAndLastOccurrences() {
    // "a b a b c" with n = 2: ab@0 ba@1 ab@2 bc@3 -> ab at 0 and 2, ba at 1, bc at 3
    Reuse.Grams g = Reuse.distinctGrams("a b a b c", 2);
    long ab = Shingler.windowHashes(new String[] {"a", "b"}, 2)[0];
    long ba = Shingler.windowHashes(new String[] {"b", "a"}, 2)[0];
    long bc = Shingler.windowHashes(new String[] {"b", "c"}, 2)[0];
    assertEquals(3, g.hashes().length);
    for (int i = 0; i < 3; i++) {
      long h = g.hashes()[i];
      assertEquals(h == ab ? 0 : h == ba ? 1 : 3, g.first()[i]);
      assertEquals(h == ab ? 2 : h == ba ? 1 : 3, g.last()[i]);
      assertTrue(h == ab || h == ba || h == bc);
      if (i > 0) assertTrue(g.hashes()[i - 1] < h);
    }
  }

  /** {@link AnchorGroups#clustered} for anchors that each occur once in A and in B. */
  private static boolean clustered(int[] posA, int[] posB, int n, int minAnchors, int span) {
    return AnchorGroups.clustered(posA, posA, posB, posB, n, minAnchors, span);
  }
}
