package io.newslens.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The addition kernel on hand-computed groups: scopes' totals, flipped verdicts, the documents holding them. */
class LineFlipsTest {
  static final long D = RepeatedLines.DATED;
  static final long NONE = RepeatedLines.NONE;
  static final long SOURCE = 77L;

  /** Repeated in a source from 3 bodies and half of its bodies; in a window from 3 pages, strongly from half. */
  static final CleanParams P = new CleanParams(3, 0.5, 500, true, 400, 20, 0.55, 2, 1000, 3, 0.5, 200, true);

  static List<List<Long>> totals(LineFlips.Group g) {
    List<List<Long>> out = new ArrayList<>();
    g.totals((clock, bucket, before, after) -> out.add(List.of(clock, bucket, before, after)));
    return out;
  }

  static List<List<Long>> flips(LineFlips.Group g, Map<LineFlips.Scope, LineFlips.Totals> totals) {
    List<List<Long>> out = new ArrayList<>();
    g.flips(SOURCE, totals, P, (clock, bucket, count, doc) -> out.add(List.of(clock, bucket, count, doc)));
    return out;
  }

  static LineFlips.Scope source() {
    return new LineFlips.Scope(SOURCE, NONE, 0L);
  }

  static LineFlips.Scope window(long bucket) {
    return new LineFlips.Scope(SOURCE, D, bucket);
  }

  @Test
  void totalsCoverTheSourceAndTheWindowsNextToAnAddedPage() {
    LineFlips.Group g = new LineFlips.Group();
    g.reset(false);
    // documents (clock, bucket, page, body, doc, added): old pages in buckets 10, 11 (two), 14 and one undated;
    // an added page in bucket 12
    g.add(D, 10, 1, 101, 1, false, true);
    g.add(D, 11, 2, 102, 2, false, true);
    g.add(D, 11, 3, 103, 3, false, true);
    g.add(D, 12, 6, 106, 6, true, true);
    g.add(D, 14, 4, 104, 4, false, true);
    g.add(NONE, 0, 5, 105, 5, false, true);
    // source: 5 bodies, then 6; window of 11: 1 + 2 (+ 0), then 1 + 2 + 1; of 12: no page before, then 2 + 1 + 0;
    // bucket 13 holds no page (no one reads its window); 10 and 14 are two buckets away from 12: unchanged
    assertEquals(List.of(List.of(NONE, 0L, 5L, 6L), List.of(D, 11L, 3L, 4L), List.of(D, 12L, 0L, 3L)), totals(g));
    // a source without an added document: nothing changes
    g.reset(false);
    g.add(D, 10, 1, 101, 1, false, true);
    assertEquals(List.of(), totals(g));
  }

  @Test
  void aLineReachingTheThresholdsFlipsForItsOldHolders() {
    LineFlips.Group g = new LineFlips.Group();
    g.reset(true);
    // a line on two old pages of bucket 10, then on an added page of bucket 11
    g.add(D, 10, 1, 101, 1001, false, true);
    g.add(D, 10, 2, 102, 1002, false, true);
    g.add(D, 11, 3, 103, 1003, true, true);
    // the source: 4 bodies, then 5; the window of 10: 2 pages, then 3
    Map<LineFlips.Scope, LineFlips.Totals> totals = Map.of(source(), new LineFlips.Totals(4, 5),
        window(10), new LineFlips.Totals(2, 3), window(11), new LineFlips.Totals(2, 3));
    // source: 2 bodies < 3, then 3 >= 3 and >= 2.5; window of 10: 2 < 3 (NO), then 3 >= 3 and >= 1.5 (STRONG);
    // the added page is no holder (it is cleaned anyway)
    assertEquals(List.of(List.of(NONE, 0L, 3L, 1001L), List.of(NONE, 0L, 3L, 1002L), List.of(D, 10L, 3L, 1001L),
        List.of(D, 10L, 3L, 1002L)), flips(g, totals));
    // the same counts in scopes the addition did not touch (absent from the totals): nothing to compare
    assertEquals(List.of(), flips(g, Map.of()));
  }

  @Test
  void aGrowingTotalFlipsALineNoAddedPageHolds() {
    LineFlips.Group g = new LineFlips.Group();
    g.reset(true);
    // a line in 3 old bodies (undated), and looked up only by a fourth old document (its raw line too long to count)
    g.add(NONE, 0, 1, 101, 1001, false, true);
    g.add(NONE, 0, 2, 102, 1002, false, true);
    g.add(NONE, 0, 3, 103, 1003, false, true);
    g.add(NONE, 0, 4, 104, 1004, false, false);
    // 3 of 6 bodies: repeated (3 >= 3); the addition brings the source to 7: 3 < 3.5, no longer repeated
    assertEquals(List.of(List.of(NONE, 0L, 3L, 1001L), List.of(NONE, 0L, 3L, 1002L), List.of(NONE, 0L, 3L, 1003L),
        List.of(NONE, 0L, 3L, 1004L)), flips(g, Map.of(source(), new LineFlips.Totals(6, 7))));
    // 3 of 5, then of 6: repeated both times, no flip
    assertEquals(List.of(), flips(g, Map.of(source(), new LineFlips.Totals(5, 6))));
  }

  @Test
  void aWindowFlipsOnlyForTheHoldersOfItsBucket() {
    LineFlips.Group g = new LineFlips.Group();
    g.reset(true);
    // pages holding a windowed line: 4 old in bucket 20, 1 old in bucket 30
    for (int k = 1; k <= 4; k++) g.add(D, 20, k, 100 + k, 1000 + k, false, true);
    g.add(D, 30, 9, 109, 1009, false, true);
    // the window of 20 grows from 6 pages to 9 (added pages without the line): 4 >= 3 pages; 4 >= 3 (STRONG),
    // then 4 < 4.5 (WEAK): its four holders flip; bucket 30 is untouched
    Map<LineFlips.Scope, LineFlips.Totals> totals = Map.of(window(20), new LineFlips.Totals(6, 9));
    List<List<Long>> expected = new ArrayList<>();
    for (int k = 1; k <= 4; k++) expected.add(List.of(D, 20L, 4L, 1000L + k));
    assertEquals(expected, flips(g, totals));
  }

  @Test
  void lookupsAddTheKeysOnlyOverlongRawLinesHold() {
    String raw = "À la une\n" + " ".repeat(1200) + "Abonnez-vous\n" + "x".repeat(1500) + "\n" + " ".repeat(1100)
        + "à la une";
    List<List<Object>> lookups = new ArrayList<>();
    Cleaner.lookups(raw, 500, 200, (h, windowed, counted) -> lookups.add(List.of(h, windowed, counted)));
    // "à la une" counted (its first line is short; the overlong copy adds nothing), "abonnez-vous" only looked up,
    // the 1,500 x's over every limit
    assertEquals(List.of(List.of(Cleaner.lineHash("à la une"), true, true),
        List.of(Cleaner.lineHash("abonnez-vous"), true, false)), lookups);
    // a long line is read only until it surely has more than the limit of chars that stay in its key
    assertEquals(true, Cleaner.surelyOver("x".repeat(501), 0, 501, 500));
    assertEquals(false, Cleaner.surelyOver("x".repeat(500) + " ".repeat(600), 0, 1100, 500));
    // a combining accent may compose into the letter before it: the letters alone count (600 é's: a 600-char key)
    assertEquals(true, Cleaner.surelyOver("e\u0301".repeat(600), 0, 1200, 500));
    assertEquals(600, Normalizer.key(Normalizer.line("e\u0301".repeat(600))).length());
    assertEquals(false, Cleaner.surelyOver("\u2022".repeat(600) + "x", 0, 601, 500));
    List<Long> candidates = new ArrayList<>();
    Cleaner.candidates(raw, 500, 200, (h, windowed) -> candidates.add(h));
    assertEquals(List.of(Cleaner.lineHash("à la une")), candidates);
  }
}
