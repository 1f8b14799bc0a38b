package io.newslens.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TermCountsTest {

  @Test
  void contentTermsCountNonStopTermsInOrderOfFirstOccurrence() {
    String[] terms = {"la", "corée", "du", "nord", "et", "la", "corée", "du", "sud"};
    boolean[] stops = {true, false, true, false, true, true, false, true, false};
    Map<String, Long> tf = TermCounts.contentTerms(terms, stops);
    assertEquals(List.of("corée", "nord", "sud"), new ArrayList<>(tf.keySet()));
    assertEquals(List.of(2L, 1L, 1L), new ArrayList<>(tf.values()));
    assertTrue(TermCounts.contentTerms(new String[0], new boolean[0]).isEmpty());
    assertTrue(TermCounts.contentTerms(new String[] {"le"}, new boolean[] {true}).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> TermCounts.contentTerms(new String[1], new boolean[2]));
  }

  @Test
  void phraseKeysAreOneStringAndRoundTrip() {
    List<String> korea = List.of("corée", "du", "nord");
    String key = TermCounts.phraseKey(korea);
    assertEquals("corée\u0000du\u0000nord", key);
    assertEquals(korea, TermCounts.phraseTerms(key));
    // a term with a space stays one term
    assertEquals(List.of("new york", "times"), TermCounts.phraseTerms(TermCounts.phraseKey(List.of("new york",
        "times"))));
    assertThrows(IllegalArgumentException.class, () -> TermCounts.phraseKey(List.of("a\u0000b", "c")));
  }

  @Test
  void boundedCounterSumsUntilFullThenDrainsEmpty() {
    TermCounts.BoundedCounter<String> c = new TermCounts.BoundedCounter<>(2);
    assertTrue(c.isEmpty());
    c.add("a", 1);
    c.add("a", 2);
    assertFalse(c.full());
    c.add("b", 5);
    assertTrue(c.full());
    Map<String, Long> drained = new TreeMap<>();
    for (Map.Entry<String, Long> e : c.drain()) drained.put(e.getKey(), e.getValue());
    assertEquals(Map.of("a", 3L, "b", 5L), drained);
    assertTrue(c.isEmpty());
    c.add("a", 1);
    assertEquals(List.of(Map.entry("a", 1L)), c.drain());
    assertThrows(IllegalArgumentException.class, () -> new TermCounts.BoundedCounter<String>(0));
  }

  @Test
  void aCounterOfWidthTwoSumsBothValues() {
    TermCounts.BoundedCounter<String> c = new TermCounts.BoundedCounter<>(10, 2);
    c.add("a", 3, 1);
    c.add("a", 2, 1);
    c.add("b", 7, 1);
    Map<String, String> drained = new TreeMap<>();
    for (Map.Entry<String, long[]> e : c.drainAll()) drained.put(e.getKey(), java.util.Arrays.toString(e.getValue()));
    assertEquals(Map.of("a", "[5, 2]", "b", "[7, 1]"), drained);
    assertTrue(c.isEmpty());
    assertThrows(IllegalStateException.class, () -> new TermCounts.BoundedCounter<String>(10).add("a", 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new TermCounts.BoundedCounter<String>(10, 0));
  }

  @Test
  void codePointOrderIsSparksStringOrder() {
    assertTrue(TermCounts.compareCodePoints("a", "b") < 0);
    assertTrue(TermCounts.compareCodePoints("ab", "a") > 0);
    assertEquals(0, TermCounts.compareCodePoints("été", "été"));
    assertTrue(TermCounts.compareCodePoints("Corée", "corée") < 0);
    // U+1F600 (a surrogate pair in Java) sorts after U+FFFD, as in UTF-8; String.compareTo says the opposite
    assertTrue(TermCounts.compareCodePoints("\uD83D\uDE00", "\uFFFD") > 0);
    assertTrue("\uD83D\uDE00".compareTo("\uFFFD") < 0);
  }

  @Test
  void valueTallyGivesTotalsAndTheMostFrequentValueTiesToTheSmallest() {
    TermCounts.ValueTally<String> t = new TermCounts.ValueTally<>();
    t.add("corée", "Corée", 2);
    t.add("corée", "corée", 1);
    t.add("corée", "Corée", 1);
    t.add("nord", "nord", 2);
    t.add("nord", "Nord", 2); // a tie: "Nord" < "nord"
    t.add("smile", "\uFFFD", 1);
    t.add("smile", "\uD83D\uDE00", 1); // a tie: U+FFFD < U+1F600 in code point order
    Map<String, String> got = new TreeMap<>();
    Iterator<Map.Entry<String, Map<String, long[]>>> it = t.drainCounts();
    while (it.hasNext()) {
      Map.Entry<String, Map<String, long[]>> e = it.next();
      TermCounts.ValueTally.Top top = TermCounts.ValueTally.top(e.getValue());
      got.put(e.getKey(), top.total() + " " + top.value());
    }
    assertEquals(Map.of("corée", "4 Corée", "nord", "4 Nord", "smile", "2 \uFFFD"), got);
    assertTrue(t.isEmpty());
  }
}
