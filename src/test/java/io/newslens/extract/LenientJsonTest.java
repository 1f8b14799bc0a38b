package io.newslens.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON-LD as pages write it: not always JSON. */
class LenientJsonTest {

  @Test
  void validJson() {
    assertEquals(List.of(Map.of("a", "1", "b", List.of("x", "true", "null"), "c", Map.of("d", "é\n\"q\""))),
        LenientJson.parseAll("{\"a\": 1, \"b\": [\"x\", true, null], \"c\": {\"d\": \"\\u00e9\\n\\\"q\\\"\"}}"));
  }

  @Test
  void whatPagesGetWrong() {
    String text = """
        <!-- //<![CDATA[
        {'a': 'single', "b": [1, 2,], /* note */ "c": "raw
        line",}
        //]]> -->
        ;{"second": true}""";
    assertEquals(List.of(Map.of("a", "single", "b", List.of("1", "2"), "c", "raw\nline"),
        Map.of("second", "true")), LenientJson.parseAll(text));
  }

  @Test
  void cutShortOrMismatched() {
    assertEquals(List.of(Map.of("a", List.of("1", Map.of("b", "x")))),
        LenientJson.parseAll("{\"a\": [1, {\"b\": \"x\""));
    assertEquals(List.of(Map.of("a", List.of("1"))), LenientJson.parseAll("{\"a\": [1}"));
    assertEquals(List.of(), LenientJson.parseAll("not json at all"));
    assertEquals(List.of(), LenientJson.parseAll(null));
  }

  @Test
  void deepNestingIsCutNotAStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    List<Object> out = LenientJson.parseAll(deep);
    assertEquals(1, out.size());
    int depth = 0;
    Object v = out.get(0);
    while (v instanceof List<?> l && !l.isEmpty()) {
      v = l.get(0);
      depth++;
    }
    assertEquals(LenientJson.MAX_DEPTH - 1, depth);
  }
}
