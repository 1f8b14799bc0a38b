package io.newslens.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stop flags of every language's chain, as a table: input → its surfaces with a trailing {@code *} for a stop
 * word. English now flags Snowball's list (pronouns, auxiliaries, contractions), not only Lucene's 33 words.
 */
class StopFlagsTest {

  static String flags(String text, String lang, StopWords added) {
    return TextAnalyzer.analyze(text, lang, true, 1000, added).tokens().stream()
        .map(t -> t.surface() + (t.stop() ? "*" : "")).collect(Collectors.joining(" "));
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      # lang | input                                                  | expected flags
      en | I think we said his film is the best                       | I* think we* said his* film is* the* best
      en | It's what they've done, isn't it? I'm sure you'll agree   | It's* what* they've* done isn't* it* I'm* sure you'll* agree
      en | The company will not sell more shares than it can       | The* company will* not* sell more* shares than* it* can
      fr | Il a dit que les élèves sont partis                      | Il* a* dit que* les* élèves sont* partis
      fr | C’est aussi l’année où il était là                       | est* aussi* année où* il* était* là
      de | Die Regierung und der Bundestag haben nicht zugestimmt   | Die* Regierung und* der* Bundestag haben* nicht* zugestimmt
      es | El gobierno y los ciudadanos no están de acuerdo         | El* gobierno y* los* ciudadanos no* están* de* acuerdo
      it | Il governo e i cittadini non sono d'accordo              | Il* governo e* i* cittadini non* sono* accordo
      pt | O governo e os cidadãos não estão de acordo              | O* governo e* os* cidadãos não* estão* de* acordo
      nl | De regering en het parlement                             | De* regering en* het* parlement
      sv | Regeringen och riksdagen är inte överens                 | Regeringen och* riksdagen är* inte* överens
      no | Regjeringen og Stortinget er ikke enige                  | Regjeringen og* Stortinget er* ikke* enige
      da | Regeringen og Folketinget er ikke enige                  | Regeringen og* Folketinget er* ikke* enige
      fi | Hallitus ja eduskunta                                    | Hallitus ja* eduskunta
      ru | Правительство и парламент не согласны                    | Правительство и* парламент не* согласны
      und| the government and the people                            | the government and the people
      """)
  void flagsTheLanguagesStopWords(String lang, String input, String expected) {
    assertEquals(expected, flags(input, lang, StopWords.NONE));
  }

  @Test
  void everyLanguageWithAnAnalyzerHasAStopListAndFlagsItsWords() {
    List<String> withSpec = new ArrayList<>();
    for (String lang : LanguageAnalyzers.LANGUAGES) {
      assertTrue(LanguageAnalyzers.supports(lang), lang);
      var stop = LanguageAnalyzers.stopWords(lang);
      assertFalse(stop.isEmpty(), lang + " has no stop words");
      // a word of the list between two words that are not: flagged, and only it
      String word = new String((char[]) stop.iterator().next());
      String text = "zzzq " + word + " zzzq";
      String got = flags(text, lang, StopWords.NONE);
      assertTrue(got.contains("*"), lang + ": " + word + " not flagged in " + got);
      withSpec.add(lang);
    }
    assertEquals(38, withSpec.size());
    assertTrue(LanguageAnalyzers.stopWords("und").isEmpty());
    assertTrue(LanguageAnalyzers.stopWords("sw").isEmpty(), "a language without an analyzer gets the fallback's");
  }

  @Test
  void englishListIsSnowballsWithLucenesDefaultSet() {
    var en = LanguageAnalyzers.stopWords("en");
    for (String w : List.of("i", "his", "we", "more", "would", "don't", "will", "such", "the")) {
      assertTrue(en.contains(w), w);
    }
    for (String w : List.of("said", "film", "people", "best", "government")) assertFalse(en.contains(w), w);
    assertEquals(175, en.size()); // Snowball's 174 and Lucene's "will"
  }

  @Test
  void addedStopWordsAreFlaggedOnlyWhereAdded() {
    StopWords added = StopWords.parse("en said mr\n* reuters\n", "test");
    assertEquals("Mr* Smith said* to* Reuters*", flags("Mr Smith said to Reuters", "en", added));
    assertEquals("Mr Smith said to* Reuters", flags("Mr Smith said to Reuters", "en", StopWords.NONE));
    assertEquals("Reuters* a* dit", flags("Reuters a dit", "fr", added));
    // added stop words keep their word as term, unstemmed, like the built-in ones
    TextAnalyzer.Token said = TextAnalyzer.analyze("Said", "en", true, 10, added).tokens().get(0);
    assertEquals(new TextAnalyzer.Token("said", "Said", 0, 0, 0, 4, true), said);
  }
}
