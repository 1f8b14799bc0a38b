package io.newslens.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The --stop-words file: what it accepts, what it refuses and how it says so. */
class StopWordsTest {

  @Test
  void parsesLanguagesWordsCommentsAndEveryLanguage() {
    StopWords s = StopWords.parse("""
        \uFEFF# newsroom list
        en  said Mr  MRS
        en said
        fr\tselon aujourd’hui

        *   Reuters
        und lorem
        """, "f");
    assertEquals(Map.of("*", 1, "en", 3, "fr", 2, "und", 1), s.counts());
    assertEquals(Set.of("said", "mr", "mrs", "reuters"), s.forLanguage("en"));
    assertEquals(Set.of("selon", "aujourd'hui", "reuters"), s.forLanguage("fr"));
    assertEquals(Set.of("reuters"), s.forLanguage("de"));
    assertEquals(Set.of("lorem", "reuters"), s.forLanguage("und"));
    assertEquals(s, StopWords.of(Map.of("en", List.of("MRS", "mr", "said"), "fr", List.of("selon", "aujourd’hui"),
        "*", List.of("reuters"), "und", List.of("lorem"))));
    assertEquals(s.fingerprint(), StopWords.parse("und lorem\n* reuters\nfr selon aujourd'hui\nen mrs mr said",
        "g").fingerprint());
    assertNotEquals(s.fingerprint(), StopWords.parse("en said", "h").fingerprint());
    assertTrue(StopWords.NONE.isEmpty());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      # file text (\\n: new line)    | expected message
      `en`                            | f line 1: a language and at least one word are needed, got "en"
      `# only\\n\\n`                  | f: holds no stop words
      `EN said`                       | f line 1: "EN" is not a language code (en, fr, ... , und or *)
      `english said`                  | f line 1: "english" is not a language code (en, fr, ... , und or *)
      `en said\\npl nie`              | f line 2: the analyze stage has no analyzer for language "pl" (its documents use the fallback: list the word under und or *); languages: ar bg bn ca cs da de el en es et eu fa fi fr ga gl hi hu hy id it lt lv nb ne nl nn no pt ro ru sr sv ta te th tr
      `en e-mail`                     | f line 1: "e-mail" is not one word (the analyzer reads it as [e, mail])
      `fr c'est-à-dire`               | f line 1: "c'est-à-dire" is not one word (the analyzer reads it as [c'est, à, dire])
      `en ...`                        | f line 1: "..." is not one word (the analyzer reads it as [])
      """)
  void refusesBadLinesNamingFileAndLine(String text, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StopWords.parse(text.replace("\\n", "\n"), "f"));
    assertEquals(message, e.getMessage());
  }

  @Test
  void readsAFileAndRefusesMissingOrNonUtf8Files(@TempDir Path dir) throws Exception {
    Path ok = Files.writeString(dir.resolve("stop.txt"), "en said\n", StandardCharsets.UTF_8);
    assertEquals(Set.of("said"), StopWords.read(ok).forLanguage("en"));
    Path missing = dir.resolve("nope.txt");
    assertEquals("--stop-words " + missing + ": no such file",
        assertThrows(IllegalArgumentException.class, () -> StopWords.read(missing)).getMessage());
    Path latin1 = Files.write(dir.resolve("latin1.txt"), "fr déjà\n".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals("--stop-words " + latin1 + ": not UTF-8 text",
        assertThrows(IllegalArgumentException.class, () -> StopWords.read(latin1)).getMessage());
    Path bad = Files.writeString(dir.resolve("bad.txt"), "en said\nxx yy\n");
    assertEquals("--stop-words " + bad + " line 2: the analyze stage has no analyzer for language \"xx\" (its "
        + "documents use the fallback: list the word under und or *); languages: "
        + String.join(" ", LanguageAnalyzers.LANGUAGES),
        assertThrows(IllegalArgumentException.class, () -> StopWords.read(bad)).getMessage());
  }
}
