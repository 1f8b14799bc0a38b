package io.newslens.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectorTest {

  @Test
  void seedsAreFrenchWithHighConfidence() throws IOException {
    for (String s : new String[] {"000_", "001_", "002_", "003_", "004_"}) {
      String text = Cleaner.clean(CleanerTest.seed(s), h -> false, true, 500).text();
      LanguageDetector.Detected d = LanguageDetector.detect(text, 400, 20, 0.55);
      assertEquals("fr", d.lang(), s);
      assertTrue(d.confidence() > 0.8, s + " " + d.confidence());
    }
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', textBlock = """
      en  | The president announced new sanctions against the government on Thursday, officials said.
      de  | Der Bundestag hat am Donnerstag ein neues Gesetz über die Sanktionen beschlossen.
      es  | El presidente anunció el jueves nuevas sanciones contra el gobierno de Corea del Norte.
      it  | Il presidente ha annunciato giovedì nuove sanzioni contro il governo della Corea del Nord.
      und | OK merci
      und | 2023-09-13 22:20:04
      """)
  void detects(String expected, String text) {
    assertEquals(expected, LanguageDetector.detect(text, 400, 20, 0.55).lang());
  }

  @Test
  void emptyIsUndWithZeroConfidence() {
    assertEquals(new LanguageDetector.Detected("und", 0.0), LanguageDetector.detect("", 400, 20, 0.55));
  }

  @ParameterizedTest
  @CsvSource({"fra,fr", "eng,en", "deu,de", "cmn,zh", "pes,fa", "nob,nb", "zzz,und"})
  void mapsIso3ToIso1(String iso3, String iso1) {
    assertEquals(iso1, LanguageDetector.iso1(iso3));
  }
}
