package io.newslens.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldMappingTest {
  private static final String PATH = "file:/data/feeds/lemonde.jsonl";

  private static Map<String, Object> rec(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  private static RawRecord map(FieldMapping f, Map<String, Object> r) {
    return f.map(r, PATH, "jsonl", 7);
  }

  @ParameterizedTest(name = "{0}/{1}/{2}/{3}/{4}")
  @CsvSource({
      "text,title,date,url,source",
      "body,headline,published,link,site",
      "article,headline,published_at,link,outlet",
      "Content,Title,Date,URL,Source", // case-insensitive
  })
  void findsFieldsByCommonNames(String text, String title, String date, String url, String source) {
    RawRecord r = map(FieldMapping.defaults(),
        rec("id", "a1", text, "Le corps", title, "Le titre", date, "2023-09-13", url, "https://x.fr/1", source, "X"));
    assertNull(r.reason());
    assertEquals("a1", r.sourceId());
    assertEquals("Le corps", r.text());
    assertEquals("Le titre", r.title());
    assertEquals("2023-09-13", r.publishedRaw());
    assertEquals("https://x.fr/1", r.url());
    assertEquals("X", r.source());
    assertEquals(Map.of(), r.meta());
    assertEquals(7, r.recordNumber());
  }

  @Test
  void explicitNamesWinOverCommonNames() {
    FieldMapping f = new FieldMapping(Map.of("text", "article", "title", "heading", "id", "ref"), null);
    RawRecord r = map(f, rec("text", "short summary", "article", "full article", "heading", "H", "ref", "r9",
        "category", "france"));
    assertEquals("full article", r.text());
    assertEquals("H", r.title());
    assertEquals("r9", r.sourceId());
    // fields not used by the mapping go to meta, including the common-name "text" that was overridden
    assertEquals(Map.of("text", "short summary", "category", "france"), r.meta());
  }

  @Test
  void explicitColumnMissingIsMissingText() {
    RawRecord r = map(new FieldMapping(Map.of("text", "article"), null), rec("text", "present but not named"));
    assertEquals(RawRecord.MISSING_TEXT, r.reason());
    assertTrue(r.message().contains("'article'"), r.message());
  }

  @Test
  void nullCommonNameFallsThroughToTheNext() {
    RawRecord r = map(FieldMapping.defaults(), rec("text", null, "body", "from body"));
    assertEquals("from body", r.text());
  }

  @Test
  void sourceDefaultsToTheUrlHostThenSourceOptionThenFileStem() {
    assertEquals("lemonde.fr", map(FieldMapping.defaults(),
        rec("text", "t", "url", "https://www.LeMonde.fr/politique/a.html")).source());
    assertEquals("agence", map(new FieldMapping(Map.of(), "agence"), rec("text", "t")).source());
    assertEquals("lemonde", map(FieldMapping.defaults(), rec("text", "t")).source());
    assertEquals("lemonde", map(FieldMapping.defaults(), rec("text", "t", "url", "not a url")).source());
  }

  @Test
  void sourceIdIsTheIdElseTheUrlElseFileAndRecordNumber() {
    assertEquals("42", map(FieldMapping.defaults(), rec("text", "t", "id", 42, "url", "https://a.b/c")).sourceId());
    assertEquals("https://a.b/c", map(FieldMapping.defaults(), rec("text", "t", "url", "https://a.b/c")).sourceId());
    assertEquals("lemonde.jsonl#7", map(FieldMapping.defaults(), rec("text", "t")).sourceId());
    assertEquals("lemonde.jsonl#7", map(FieldMapping.defaults(), rec("text", "t", "id", "  ")).sourceId());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"number", "boolean", "array", "object"})
  void nonStringTextIsRejected(String kind) {
    Object v = switch (kind) {
      case "number" -> 12;
      case "boolean" -> true;
      case "array" -> List.of("a", "b");
      default -> Map.of("p", "a");
    };
    RawRecord r = map(FieldMapping.defaults(), rec("id", "x", "text", v));
    assertEquals(RawRecord.TEXT_NOT_STRING, r.reason());
    assertEquals("field 'text' is a " + kind + ", not a string", r.message());
    assertEquals(PATH, r.inputPath());
    assertEquals(7, r.recordNumber());
  }

  @Test
  void missingAndBlankText() {
    assertEquals(RawRecord.MISSING_TEXT, map(FieldMapping.defaults(), rec("title", "only a title")).reason());
    assertEquals(RawRecord.EMPTY_TEXT, map(FieldMapping.defaults(), rec("text", " \n\t ")).reason());
    assertEquals(RawRecord.EMPTY_TEXT, map(FieldMapping.defaults(), rec("text", "")).reason());
  }

  @Test
  void textNewlinesAreNormalizedAndTitleIsOneLine() {
    RawRecord r = map(FieldMapping.defaults(), rec("text", "a\r\nb\rc", "title", "  Un\n titre  "));
    assertEquals("a\nb\nc", r.text());
    assertEquals("Un titre", r.title());
  }

  @Test
  void badOptionsNameTheFlag() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FieldMapping(Map.of("body", "x"), null));
    assertTrue(e.getMessage().startsWith("--field body=…: unknown field 'body'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new FieldMapping(Map.of("text", " "), null));
    assertEquals("--field text= needs a column name after '='", e.getMessage());
  }

  @Test
  void hostOf() {
    assertEquals("example.com", FieldMapping.hostOf("http://www.example.com:8080/x?y"));
    assertEquals("news.example.com", FieldMapping.hostOf("https://News.Example.com"));
    assertNull(FieldMapping.hostOf("example.com/x"));
    assertNull(FieldMapping.hostOf(null));
  }
}
