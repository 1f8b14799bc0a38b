package io.newslens.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Page text in, kept and removed lines out: the rules that look at a line's neighbours ({@link PageStructure}) and
 * the windowed evidence, through {@link Cleaner#clean}, with hand-given repetition verdicts.
 */
class PageStructureTest {

  static final Cleaner.Rules ALL = new Cleaner.Rules(true, true, 500, 200);

  /** Two long paragraphs of an article (over 200 chars each). */
  static final String P1 = "Faute d'accord avec les syndicats avant un remaniement imminent, le gouvernement a décidé "
      + "jeudi de prolonger le \"Ségur de la santé\", alors qu'une enveloppe de sept milliards d'euros se trouve "
      + "désormais sur la table pour les salaires des soignants.";
  static final String P2 = "Une dernière ligne droite chaotique pour un bras de fer qui se durcit: après 24 heures de "
      + "négociations marathon, le ministère de la Santé a décidé de repousser de quelques jours la réunion de "
      + "clôture du \"Ségur\", prévue à l'origine vendredi.";

  static long hash(String line) {
    return Cleaner.lineHash(Normalizer.key(Normalizer.line(line)));
  }

  /** Verdicts given by line text: lines repeated in the source, and windowed evidence. */
  static Cleaner.Repetition given(Set<String> inSource, Map<String, Integer> inWindow) {
    Set<Long> source = new HashSet<>();
    for (String s : inSource) source.add(hash(s));
    Map<Long, Integer> window = new HashMap<>();
    inWindow.forEach((k, v) -> window.put(hash(k), v));
    return new Cleaner.Repetition() {
      @Override
      public boolean inSource(long keyHash) {
        return source.contains(keyHash);
      }

      @Override
      public int inWindow(long keyHash) {
        return window.getOrDefault(keyHash, NO);
      }
    };
  }

  /** "reason | raw line" for every removal, in text order. */
  static List<String> removed(Cleaner.Cleaned c) {
    List<String> out = new ArrayList<>();
    for (Cleaner.Removal r : c.removals()) out.add(r.reason() + " | " + r.removed());
    return out;
  }

  @Test
  void aNewsPageLosesItsChromeAndKeepsItsArticle() {
    String page = String.join("\n",
        "Accueil", "France", "Monde", "Politique", "Société",
        "Le \"Ségur\" joue les prolongations, les syndicats font monter les enchères",
        "Réagir",
        "Olivier Veran lors d'une visite à l'hôpital universitaire de Dijon, le 29 mai 2020",
        "© AFP, JEFF PACHOUD",
        "A lire aussi",
        "France",
        "Olivier Véran : 400 millions d'euros supplémentaires pour mieux rémunérer les soignants",
        "France",
        "Report de la clôture du \"Ségur de la santé\", initialement prévue vendredi",
        "AFP, publié le jeudi 02 juillet 2020 à 22h50",
        P1, "", P2,
        "Réagir",
        "12:37MediaDroits voisins: Google a fait appel de la décision de l'Autorité de la concurrence",
        "12:20PolitiqueMarseille: règles du jeu et scénarios possibles pour le \"3e tour\" des municipales",
        "12:02PolitiqueMunicipales à Marseille : Samia Ghali accepte de soutenir Michèle Rubirola",
        "CAC 40", "5 007 pts", "-0,84%");
    Cleaner.Cleaned c = Cleaner.clean(page, given(Set.of("Réagir"), Map.of()), ALL);
    assertEquals(P1 + "\n\n" + P2, c.text());
    assertEquals(List.of(
        "menu | Accueil", "menu | France", "menu | Monde", "menu | Politique", "menu | Société",
        // menu items and headlines, ten title-like lines in a row: a link list (the title and the caption)
        "link_list | Le \"Ségur\" joue les prolongations, les syndicats font monter les enchères",
        "repeated_in_source | Réagir",
        "link_list | Olivier Veran lors d'une visite à l'hôpital universitaire de Dijon, le 29 mai 2020",
        "footer | © AFP, JEFF PACHOUD",
        "read_also | A lire aussi",
        "read_also | France",
        "read_also | Olivier Véran : 400 millions d'euros supplémentaires pour mieux rémunérer les soignants",
        "read_also | France",
        "read_also | Report de la clôture du \"Ségur de la santé\", initialement prévue vendredi",
        "timestamp | AFP, publié le jeudi 02 juillet 2020 à 22h50",
        "repeated_in_source | Réagir",
        "ticker | 12:37MediaDroits voisins: Google a fait appel de la décision de l'Autorité de la concurrence",
        "ticker | 12:20PolitiqueMarseille: règles du jeu et scénarios possibles pour le \"3e tour\" des municipales",
        "ticker | 12:02PolitiqueMunicipales à Marseille : Samia Ghali accepte de soutenir Michèle Rubirola",
        "link_list | CAC 40", "link_list | 5 007 pts", "counter | -0,84%"), removed(c));
    for (Cleaner.Removal r : c.removals()) assertEquals(r.removed(), page.substring(r.start(), r.end()));
    // a title and a caption inside a block of removed lines, with no link list around them
    String block = String.join("\n", P1, "Réagir", "Le \"Ségur\" joue les prolongations", "© AFP, JEFF PACHOUD", P2);
    assertEquals(List.of("repeated_in_source | Réagir", "boilerplate_block | Le \"Ségur\" joue les prolongations",
        "footer | © AFP, JEFF PACHOUD"), removed(Cleaner.clean(block, given(Set.of("Réagir"), Map.of()), ALL)));
    // without the structural rules: the menu, title, caption, ticker and share price stay
    Cleaner.Cleaned lines = Cleaner.clean(page, given(Set.of("Réagir"), Map.of()), new Cleaner.Rules(true, false,
        500, 200));
    assertTrue(lines.text().startsWith("Accueil\nFrance\nMonde\nPolitique\nSociété\nLe \"Ségur\""), lines.text());
    assertTrue(lines.text().endsWith("12:02PolitiqueMunicipales à Marseille : Samia Ghali accepte de soutenir "
        + "Michèle Rubirola\nCAC 40\n5 007 pts"), lines.text());
  }

  @Test
  void listsOfTheArticleAndShortParagraphsStay() {
    String intro = "Le préfet a détaillé jeudi les mesures prises pour freiner l'épidémie dans le département :";
    String list = String.join("\n",
        "Fermeture des bars à 22 heures dans toute la ville",
        "Couvre-feu pour les mineurs dans les quartiers nord",
        "Interdiction des rassemblements de plus de dix personnes",
        "Renforcement des contrôles dans les transports en commun");
    // introduced by a colon: the article's own list
    assertEquals(P1 + "\n" + intro + "\n" + list, Cleaner.clean(P1 + "\n" + intro + "\n" + list,
        given(Set.of(), Map.of()), ALL).text());
    // the same run of headlines with nothing to introduce it: a link list
    Cleaner.Cleaned teasers = Cleaner.clean(P1 + "\n" + list, given(Set.of(), Map.of()), ALL);
    assertEquals(P1, teasers.text());
    assertEquals(4, teasers.removals().stream().filter(r -> r.reason().equals("link_list")).count());
    // three headlines are not enough for a link list
    String three = list.substring(0, list.lastIndexOf('\n'));
    assertEquals(P1 + "\n" + three, Cleaner.clean(P1 + "\n" + three, given(Set.of(), Map.of()), ALL).text());
    // a short paragraph between two inline teasers ends with a full stop: it stays, a caption-like line goes
    String inline = String.join("\n", P1, "Lire aussi : Le gouvernement démissionne", "Le verdict est attendu vendredi.",
        "Lire aussi : Macron se sépare de Philippe", P2);
    assertEquals(P1 + "\n\nLe verdict est attendu vendredi.\n\n" + P2,
        Cleaner.clean(inline, given(Set.of(), Map.of()), ALL).text());
    String caption = inline.replace("Le verdict est attendu vendredi.", "Le palais de justice de Paris, en 2019");
    assertEquals(P1 + "\n\n" + P2, Cleaner.clean(caption, given(Set.of(), Map.of()), ALL).text());
  }

  @Test
  void windowedEvidenceDependsOnWhereTheLineStands() {
    String teaserA = "Macron nomme Jean Castex au poste de Premier ministre";
    String teaserB = "Le gouvernement d'Édouard Philippe a démissionné ce vendredi matin";
    String subheading = "Ce que l'on sait de l'enquête";
    String background = "L'enquête a été confiée à la police judiciaire";
    Map<String, Integer> weak = Map.of(teaserA, Cleaner.Repetition.WEAK, teaserB, Cleaner.Repetition.WEAK);
    // two weak lines side by side form a block: both go
    Cleaner.Cleaned pair = Cleaner.clean(String.join("\n", P1, teaserA, teaserB, P2), given(Set.of(), weak), ALL);
    assertEquals(P1 + "\n\n" + P2, pair.text());
    assertEquals(List.of("repeated_in_window | " + teaserA, "repeated_in_window | " + teaserB), removed(pair));
    // one weak line alone between paragraphs stays; next to another removed short line it goes
    assertEquals(String.join("\n", P1, teaserA, P2),
        Cleaner.clean(String.join("\n", P1, teaserA, P2), given(Set.of(), weak), ALL).text());
    assertEquals(P1 + "\n\n" + P2, Cleaner.clean(String.join("\n", P1, "Lire aussi", teaserA, P2),
        given(Set.of(), weak), ALL).text());
    assertEquals(P1 + "\n\n" + P2, Cleaner.clean(String.join("\n", P1, "Réagir", teaserA, P2),
        given(Set.of("Réagir"), weak), ALL).text());
    // strong evidence: removed, unless it stands among kept lines (a developing story's subheading)
    Map<String, Integer> strong = Map.of(subheading, Cleaner.Repetition.STRONG, teaserA, Cleaner.Repetition.STRONG);
    assertEquals(String.join("\n", P1, subheading, P2),
        Cleaner.clean(String.join("\n", P1, subheading, P2), given(Set.of(), strong), ALL).text());
    assertEquals(String.join("\n", P1, subheading, "Le verdict est attendu vendredi.", P2),
        Cleaner.clean(String.join("\n", P1, subheading, "Le verdict est attendu vendredi.", P2), given(Set.of(),
            strong), ALL).text());
    assertEquals(String.join("\n", P1, P2),
        Cleaner.clean(String.join("\n", teaserA, P1, P2), given(Set.of(), strong), ALL).text());
    assertEquals(P1 + "\n\n" + P2,
        Cleaner.clean(String.join("\n", P1, teaserA, "Réagir", P2), given(Set.of("Réagir"), strong), ALL).text());
    // a statement is never windowed, however strong
    assertFalse(Cleaner.windowed(Normalizer.key(background + "."), 200));
    assertTrue(Cleaner.windowed(Normalizer.key(background), 200));
    assertFalse(Cleaner.windowed(Normalizer.key(background), 40), "longer than the window's line limit");
    String statement = background + ".";
    assertEquals(String.join("\n", statement, P1), Cleaner.clean(String.join("\n", statement, P1),
        given(Set.of(), Map.of(statement, Cleaner.Repetition.STRONG)), ALL).text());
    // a truncated headline (" ...") is no statement
    assertTrue(Cleaner.windowed(Normalizer.key("Emmanuel Macron sur Edouard Philippe : \"une relation de confiance ..."),
        200));
  }

  @Test
  void structuralRulesNeedTheirRunLengths() {
    // three menu items, two ticker lines: below the run lengths
    String text = String.join("\n", "Accueil", "Sport", "Culture", P1, "09:45 Politique Le gouvernement démissionne",
        "09:40 Monde Loi sur la sécurité à Hong Kong", P2);
    assertEquals(text, Cleaner.clean(text, given(Set.of(), Map.of()), ALL).text());
    // blank lines do not break a run (page text from an HTML extractor has one between every two blocks)
    String menu = String.join("\n\n", "Accueil", "Sport", "Culture", "Économie", P1);
    assertEquals(P1, Cleaner.clean(menu, given(Set.of(), Map.of()), ALL).text());
    assertEquals(0, PageStructure.countWords(""));
    assertEquals(3, PageStructure.countWords("A la une"));
    assertFalse(PageStructure.endsSentence("Il a dit « non »"));
    assertTrue(PageStructure.endsSentence("Il a dit « non. »"));
    assertTrue(PageStructure.endsSentence("Que va faire le gouvernement ?"));
    assertFalse(PageStructure.endsStatement("Que va faire le gouvernement ?"));
  }
}
