package io.newslens.clean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import org.junit.jupiter.api.Test;

/** {@link NgramScorer} gives OpenNLP's own scores: checked against {@code LanguageDetectorME} on varied texts. */
class NgramScorerTest {

  @Test
  void packsUpToThreeCharsWithTheirLength() {
    assertEquals((1L << 48) | ((long) 'a' << 32), NgramScorer.pack("a", 0, 1));
    assertEquals((3L << 48) | ((long) 'a' << 32) | ((long) 'b' << 16) | 'c', NgramScorer.pack("xabc", 1, 3));
    // "a" and "a\0" differ by their length
    assertEquals(false, NgramScorer.pack("a", 0, 1) == NgramScorer.pack("a\0", 0, 2));
  }

  @Test
  void lowerCasesCodePointByCodePointKeepingTheLength() {
    assertArrayEquals("été à paris".toCharArray(), NgramScorer.lowerCase("ÉTÉ À Paris"));
    // a supplementary letter (Deseret capital long I, U+10400) lowers to U+10428: two chars stay two chars
    assertArrayEquals(new StringBuilder().appendCodePoint(0x10428).append('x').toString().toCharArray(),
        NgramScorer.lowerCase(new StringBuilder().appendCodePoint(0x10400).append('X').toString()));
    assertArrayEquals(new char[0], NgramScorer.lowerCase(""));
  }

  @Test
  void scoresAreOpenNlpsOnVariedTexts() throws IOException {
    List<String> texts = new ArrayList<>(List.of(
        "The president announced new sanctions against the government on Thursday, officials said.",
        "Der Bundestag hat am Donnerstag ein neues Gesetz über die Sanktionen beschlossen.",
        "El presidente anunció el jueves nuevas sanciones contra el gobierno de Corea del Norte.",
        "Президент объявил в четверг о новых санкциях против правительства.",
        "رئيس الجمهورية أعلن يوم الخميس عن عقوبات جديدة",
        "大統領は木曜日に新たな制裁を発表した。",
        "Voir https://www.example.com/page?x=1 ou écrire à contact@example.fr — 12 345,67 € !!!!",
        "OK merci 😀😀 #hashtag @someone",
        "ÉTÉ À PARIS : LA CANICULE S'INSTALLE",
        "x", ""));
    for (String s : new String[] {"000_", "001_", "002_", "003_", "004_"}) texts.add(CleanerTest.seed(s));
    LanguageDetectorME reference = new LanguageDetectorME(LanguageDetector.model());
    NgramScorer scorer = LanguageDetector.scorer();
    for (String text : texts) {
      double[] mine = scorer.score(text, new double[scorer.outcomeCount()]);
      for (Language l : reference.predictLanguages(text)) {
        int o = outcome(scorer, l.getLang());
        // the same sums added in another order: equal to the last bits
        assertEquals(l.getConfidence(), mine[o], 1e-12 * Math.max(1e-300, l.getConfidence()) + 1e-300,
            l.getLang() + " in: " + text);
      }
      assertEquals(reference.predictLanguages(text)[0].getLang(), scorer.outcome(argmax(mine)), text);
    }
  }

  private static int outcome(NgramScorer scorer, String lang) {
    for (int o = 0; o < scorer.outcomeCount(); o++) if (scorer.outcome(o).equals(lang)) return o;
    throw new AssertionError("no outcome " + lang);
  }

  private static int argmax(double[] p) {
    int best = 0;
    for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
    return best;
  }
}
