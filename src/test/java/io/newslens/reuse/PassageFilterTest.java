package io.newslens.reuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Passages two articles share, and whether they are reuse (defaults: 5 content words, clause under 20 words). */
class PassageFilterTest {

  static String verdict(String passage, int matched) {
    String r = PassageFilter.rejection(passage, matched, ReuseParams.DEFAULT_MIN_CONTENT_WORDS,
        ReuseParams.DEFAULT_NOUN_PHRASE_WORDS);
    return r == null ? "reuse" : r;
  }

  @ParameterizedTest(name = "[{index}] {2}: {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      l'Organisation des Nations unies pour l'alimentation et l'agriculture                        | 11 | noun_phrase
      l'Autorité de régulation de la communication audiovisuelle et numérique                      | 11 | noun_phrase
      la secrétaire d'État à l'Égalité entre les femmes et les hommes, Marlène Schiappa            | 15 | noun_phrase
      la mort de George Floyd, un Afro-Américain asphyxié par un policier blanc                    | 11 | noun_phrase
      Centre d'études et d'expertise sur les risques, l'environnement, la mobilité et l'aménagement | 16 | noun_phrase
      the United Nations Food and Agriculture Organization in Rome                                 | 10 | noun_phrase
      Comme vous pouvez le voir dans la vidéo en tête                                              | 10 | few_content_words
      Ce qui est sûr en revanche, c'est que les                                                    | 10 | few_content_words
      fois plus que l'an dernier sur la même période                                               | 10 | few_content_words
      deux personnes ont été interpellées et placées en garde à vue                                | 11 | reuse
      Les États-Unis sont le pays le plus touché tant en nombre de morts que de cas, avec          | 18 | reuse
      Aucune information n'a pour le moment été communiquée quant aux                              | 11 | reuse
      les manifestants réclamaient la démission du gouvernement et de nouvelles élections          | 11 | reuse
      the minister said the plan would cost thirty billion euros over five years                   | 13 | reuse
      `la fin de la vente des voitures particulières et des véhicules utilitaires légers neufs utilisant des énergies fossiles, d'ici à 2040` | 22 | reuse
      """)
  void namesAndStockPhrasesAreNotReuse(String passage, int matched, String expected) {
    assertEquals(expected, verdict(passage, matched));
  }

  @Test
  void kimsQuoteIsReuse() {
    String kim = "La coopération stratégique et tactique, le soutien et la solidarité entre les deux pays ont permis "
        + "de franchir une nouvelle étape dans le front commun pour faire échec à la menace et à la provocation "
        + "militaires des forces hostiles, ainsi qu’à leurs pratiques arbitraires », écrit Kim, selon KCNA";
    assertEquals("reuse", verdict(kim, 34));
  }

  @Test
  void thresholdsAndWords() {
    String name = "l'Organisation des Nations unies pour l'alimentation et l'agriculture";
    // the clause test off: a name with enough content words is reported
    assertEquals(null, PassageFilter.rejection(name, 11, 5, 0));
    // everything off
    assertEquals(null, PassageFilter.rejection("Comme vous pouvez le voir dans la vidéo en tête", 10, 0, 0));
    // a long shared stretch is reuse whatever its grammar
    assertEquals(null, PassageFilter.rejection(name, 20, 5, 20));
    // numbers are no content words; "à" is a preposition, "a" a verb
    assertEquals("few_content_words", PassageFilter.rejection("le 12 mai 2020 à 18 h 30 à Paris", 10, 5, 0));
    assertEquals("noun_phrase", PassageFilter.rejection("à Paris à Lyon à Marseille à Lille à Nice", 10, 1, 20));
    assertEquals(null, PassageFilter.rejection("il a Paris a Lyon a Marseille a Lille a Nice", 10, 1, 20));
    assertTrue(PassageFilter.finiteVerb("réclamaient"));
    assertTrue(PassageFilter.finiteVerb("partiront"));
    assertFalse(PassageFilter.finiteVerb("portrait"));
    assertFalse(PassageFilter.finiteVerb("gouvernement"));
  }
}
