package io.newslens.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counting kernel of the windowed rule, on hand-computed groups. */
class RepeatedLinesTest {

  /** (clock, bucket, count) triples as emitted. */
  static List<List<Long>> emitted(RepeatedLines.Group g, long minBodies, long minPages) {
    List<List<Long>> out = new ArrayList<>();
    g.emit(minBodies, minPages, (clock, bucket, count) -> out.add(List.of(clock, bucket, count)));
    return out;
  }

  @Test
  void windowCountsAPageAndItsTwoNeighbouringBuckets() {
    RepeatedLines.Group g = new RepeatedLines.Group();
    long d = RepeatedLines.DATED;
    // bucket 10: pages 1, 2 (page 2 twice: two captures of one URL, two bodies); bucket 11: page 3;
    // bucket 13: pages 4, 5, 6 (not next to 11); bucket 14: page 7
    g.add(d, 10, 1, 101);
    g.add(d, 10, 2, 102);
    g.add(d, 10, 2, 103);
    g.add(d, 11, 3, 104);
    g.add(d, 13, 4, 105);
    g.add(d, 13, 5, 106);
    g.add(d, 13, 6, 107);
    g.add(d, 14, 7, 108);
    assertEquals(8, g.distinctBodies());
    // windows: 10 -> 2 + 1 = 3; 11 -> 2 + 1 + 0 = 3; 13 -> 0 + 3 + 1 = 4; 14 -> 3 + 1 = 4
    assertEquals(List.of(List.of(RepeatedLines.NONE, 0L, 8L), List.of(d, 10L, 3L), List.of(d, 11L, 3L),
        List.of(d, 13L, 4L), List.of(d, 14L, 4L)), emitted(g, 8, 3));
    // thresholds: 9 bodies and 4 pages leave the two later buckets only
    assertEquals(List.of(List.of(d, 13L, 4L), List.of(d, 14L, 4L)), emitted(g, 9, 4));
  }

  @Test
  void timelinesNeverMixAndUntimedLinesCountForTheCorpusOnly() {
    RepeatedLines.Group g = new RepeatedLines.Group();
    long fileA = RepeatedLines.orderClock(40L); // 41
    long fileB = RepeatedLines.orderClock(43L); // 43
    g.add(RepeatedLines.DATED, 5, 1, 1);
    g.add(fileA, 5, 2, 2); // same bucket number, another timeline: not a neighbour
    g.add(fileA, 6, 3, 3);
    g.add(fileB, 4, 4, 4);
    g.add(RepeatedLines.NONE, 0, 5, 5);
    g.add(RepeatedLines.NONE, 0, 6, 5); // same body again
    assertEquals(5, g.distinctBodies());
    assertEquals(List.of(List.of(RepeatedLines.NONE, 0L, 5L), List.of(0L, 5L, 1L), List.of(41L, 5L, 2L),
        List.of(41L, 6L, 2L), List.of(43L, 4L, 1L)), emitted(g, 0, 1));
  }

  @Test
  void resetStartsAFreshGroupAndOrderIsChecked() {
    RepeatedLines.Group g = new RepeatedLines.Group();
    for (long b = 0; b < 5000; b++) g.add(RepeatedLines.DATED, b, b, b); // grows the body set past its reset size
    assertEquals(5000, g.distinctBodies());
    g.reset();
    assertEquals(0, g.distinctBodies());
    assertEquals(List.of(List.of(RepeatedLines.NONE, 0L, 0L)), emitted(g, 0, 1));
    g.add(RepeatedLines.DATED, 3, 1, 0L); // body hash 0 is a value like any other
    g.add(RepeatedLines.DATED, 3, 1, 0L);
    assertEquals(1, g.distinctBodies());
    assertThrows(IllegalArgumentException.class, () -> g.add(RepeatedLines.DATED, 2, 1, 1));
  }

  @Test
  void orderClocksAreOddAndNeverTheReservedOnes() {
    for (long h : new long[] {0L, 2L, -1L, Long.MIN_VALUE, 123456789L}) {
      long c = RepeatedLines.orderClock(h);
      assertEquals(1L, c & 1L);
    }
  }
}
