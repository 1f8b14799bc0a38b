package io.newslens.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Table-driven analyzer tests: input → expected tokens, written {@code term/surface}, a trailing {@code *} for a
 * stop word, separated by spaces. Stems are those of Lucene's light stemmers (FrenchLightStemmer keeps the accent
 * of short words: "État" → "état" but "Corée" → "core").
 */
class TextAnalyzerTest {

  static String render(TextAnalyzer.Analyzed a) {
    return a.tokens().stream().map(t -> t.term() + "/" + t.surface() + (t.stop() ? "*" : ""))
        .collect(Collectors.joining(" "));
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      # lang | input                                   | expected tokens
      fr | l’Ukraine                                    | ukrain/Ukraine
      fr | l'Ukraine                                    | ukrain/Ukraine
      fr | d’aide, qu’il, jusqu’au, lorsqu'elle          | aide/aide il/il* au/au* elle/elle*
      fr | L’engagement d’État                          | engag/engagement état/État
      fr | aujourd’hui                                  | aujourd'hui/aujourd’hui
      fr | Corée Coree CORÉE                            | core/Corée core/Coree core/CORÉE
      fr | sanctions sanctionnées sanctionné            | sanction/sanctions sanction/sanctionnées sanction/sanctionné
      fr | Kim Jong-un et les États-Unis                | kim/Kim jong/Jong un/un* et/et* les/les* état/États uni/Unis
      fr | nord-coréen                                  | nord/nord coren/coréen
      fr | 100 000 soldats, 1.655 malades, 3,5%, 2022   | 100/100 000/000 soldat/soldats 1.655/1.655 malad/malades 3,5/3,5 2022/2022
      fr | Kim a été reçu, il est arrivé               | kim/Kim a/a* été/été* reçu/reçu il/il* est/est* ariv/arrivé
      fr | « guerre sainte » de Poutine                 | guer/guerre saint/sainte de/de* poutin/Poutine
      en | Putin's war: the sanctions were imposed.     | putin/Putin's war/war the/the* sanction/sanctions were/were* impos/imposed
      de | Die Sanktionen gegen Russland                | die/Die* sanktion/Sanktionen gegen/gegen* russland/Russland
      es | Las sanciones contra Corea del Norte          | las/Las* sancion/sanciones contra/contra* core/Corea del/del* nort/Norte
      it | l’Italia e dell'Europa                       | ital/Italia e/e* europ/Europa
      sw | Rais wa Tanzania                             | rais/Rais wa/wa tanzania/Tanzania
      und| Rais wa Tanzania                             | rais/Rais wa/wa tanzania/Tanzania
      """)
  void analyzes(String lang, String input, String expected) {
    assertEquals(expected, render(TextAnalyzer.analyze(input, lang, true, 1000)));
  }

  @Test
  void emptyAndBlankInputHaveNoTokens() {
    assertEquals(new TextAnalyzer.Analyzed("fr", List.of()), TextAnalyzer.analyze("", "fr", true, 10));
    assertEquals(new TextAnalyzer.Analyzed("fr", List.of()), TextAnalyzer.analyze(null, "fr", true, 10));
    assertEquals(List.of(), TextAnalyzer.analyze(" \n\n ", "fr", true, 10).tokens());
    assertEquals(List.of(), TextAnalyzer.analyze("« » – …", "fr", true, 10).tokens());
  }

  @Test
  void unknownLanguagesUseTheFallbackAndSayUnd() {
    assertEquals("und", TextAnalyzer.analyze("x", "sw", true, 10).lang());
    assertEquals("und", TextAnalyzer.analyze("x", null, true, 10).lang());
    assertEquals("fr", TextAnalyzer.analyze("x", "fr", true, 10).lang());
  }

  @Test
  void offsetsFrameTheSurfaceInTheOriginalText() {
    String text = "Selon l’AFP, « l’offensive » a commencé.\n\nD’après Kim, c’est « historique ».";
    TextAnalyzer.Analyzed a = TextAnalyzer.analyze(text, "fr", true, 1000);
    for (TextAnalyzer.Token t : a.tokens()) assertEquals(t.surface(), text.substring(t.start(), t.end()));
    TextAnalyzer.Token afp = a.tokens().get(1);
    assertEquals(new TextAnalyzer.Token("afp", "AFP", 0, 0, 8, 11, false), afp);
    TextAnalyzer.Token apres = a.tokens().stream().filter(t -> t.surface().equals("après")).findFirst().orElseThrow();
    assertEquals(1, apres.paragraph());
    assertEquals(1, apres.sentence());
  }

  @Test
  void sentencesAndParagraphsCountOverTheDocument() {
    String text = "M. Macron a parlé. Mme Borne aussi. J. Biden répond.\nNouveau paragraphe ici! Et une autre?";
    TextAnalyzer.Analyzed a = TextAnalyzer.analyze(text, "fr", true, 1000);
    String sp = a.tokens().stream().map(t -> t.sentence() + ":" + t.paragraph()).collect(Collectors.joining(" "));
    assertEquals("0:0 0:0 0:0 0:0 1:0 1:0 1:0 2:0 2:0 2:0 3:1 3:1 3:1 4:1 4:1 4:1", sp);
  }

  @Test
  void noStemmingKeepsLowerCasedWordsAndStopFlags() {
    assertEquals("corée/Corée du/du* nord/Nord sanctions/sanctions",
        render(TextAnalyzer.analyze("Corée du Nord sanctions", "fr", false, 1000)));
  }

  @Test
  void maxTokensCutsInTextOrder() {
    assertEquals(Arrays.asList("un", "deux"), TextAnalyzer.analyze("un deux trois", "und", true, 2).tokens()
        .stream().map(TextAnalyzer.Token::term).toList());
  }
}
