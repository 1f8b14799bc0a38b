package io.newslens.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The seeds' real boilerplate lines, and real report lines that must never match. */
class BoilerplatePatternsTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      Leave a Comment                                                             | comment_prompt
      Partager l'article pour contribuer à l'information :                        | share_prompt
      S’abonner                                                                   | share_prompt
      Spread the love                                                             | share_prompt
      Facebook                                                                    | share_prompt
      Twitter                                                                     | share_prompt
      LinkedIn                                                                    | share_prompt
      Pinterest                                                                   | share_prompt
      Facebook Twitter LinkedIn Pinterest                                         | share_prompt
      Lire aussi  Dire au revoir aux employés de longue date de WDIV, célébrer leur héritage | read_also
      Lire aussi  Ohio State RB Miyan Williams écarté d'une blessure contre l'Indiana | read_also
      Ce thème vous a passionné vous apprécierez également ces parutions:         | read_also
      #Kim #saligne #sur #guerre #sainte #Poutine                                 | hashtags
      1694634934                                                                  | timestamp
      2023-09-13 22:20:04                                                         | timestamp
      Source : https://www.zerohedge.com/geopolitical/putin-kim-leaders-worlds-most-sanctioned-countries-pledge-deeper-ties-against-hostile | footer
      Traduction : https://exoconscience.com                                      | footer
      Notification pour                                                           | comment_prompt
      guest                                                                       | comment_prompt
      0 Commentaires                                                              | comment_prompt
      Commentaires en ligne                                                       | comment_prompt
      Afficher tous les commentaires                                              | comment_prompt
      0                                                                           | counter
      Nous aimerions avoir votre avis, veuillez laisser un commentaire.x          | comment_prompt
      Laisser un commentaire                                                      | comment_prompt
      Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec * | comment_prompt
      This site uses Akismet to reduce spam. Learn how your comment data is processed. | comment_prompt
      Par : Arsène de Bangweni                                                    | byline
      Exoconscience.com                                                           | site_name
      logo                                                                        | site_name
      `actionrc.fr est site d’information qui conserve différents posts publiés sur le web dont la thématique principale est « Soutien des Entreprises ». Ce post est reconstitué du mieux possible. Vous pouvez utiliser les coordonnées inscrites sur le site web dans l’objectif d’indiquer des précisions sur cet article traitant du thème « Soutien des Entreprises ». Cet article, qui traite du thème « Soutien des Entreprises », vous est proposé par actionrc.fr. En consultant régulièrement notre blog vous serez informé des prochaines publications.` | site_description
      Nous utilisons des cookies pour améliorer votre expérience de navigation.  | cookie_notice
      Inscrivez-vous à notre newsletter quotidienne                               | newsletter
      """)
  void seedLinesAreBoilerplate(String line, String reason) {
    assertEquals(reason, BoilerplatePatterns.reason(Normalizer.key(Normalizer.line(line))));
  }

  /** Full-page text: paywall and subscription notices, teaser headers, datelines, counters (French, English). */
  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      Cet article est réservé aux abonnés                                         | paywall
      Cet article est réservé aux abonnés. Il vous reste 80% à découvrir.         | paywall
      Il vous reste 75% de cet article à lire.                                    | paywall
      La suite est réservée aux abonnés. Déjà abonné ? Se connecter               | paywall
      Déjà abonné ? Connectez-vous                                                | paywall
      Abonnez-vous pour 1 € le premier mois, sans engagement                      | paywall
      Offre spéciale : 1€ le premier mois                                         | paywall
      Pour lire la suite de cet article, abonnez-vous                             | paywall
      Article réservé aux abonnés                                                 | paywall
      Abonnés                                                                     | paywall
      Premium                                                                     | paywall
      Se connecter                                                                | paywall
      This article is for subscribers only.                                       | paywall
      Subscribe to continue reading.                                              | paywall
      Already a subscriber? Sign in                                               | paywall
      You have 2 free articles left this month                                    | paywall
      Start your free trial today                                                 | paywall
      Subscribe now for $1 a week                                                 | paywall
      A lire aussi                                                                | read_also
      À lire également                                                            | read_also
      Les plus lus                                                                | read_also
      Sur le même sujet                                                           | read_also
      Dans la même rubrique                                                       | read_also
      Read more                                                                   | read_also
      Related stories                                                             | read_also
      Most read                                                                   | read_also
      Trending now                                                                | read_also
      Also read: Macron names a new prime minister                                | read_also
      AFP, publié le jeudi 02 juillet 2020 à 22h50                                | timestamp
      Orange avec Media Services, publié le mardi 30 juin 2020 à 07h45            | timestamp
      Par Luc Petit, publié le 04/04/2019 à 20h45                                 | timestamp
      -0,84%                                                                      | counter
      27°                                                                         | counter
      1/3                                                                         | counter
      25:18                                                                       | counter
      """)
  void pageLinesAreBoilerplate(String line, String reason) {
    assertEquals(reason, BoilerplatePatterns.reason(Normalizer.key(Normalizer.line(line))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"A lire aussi", "à lire aussi :", "Les plus lus", "Most read", "Related stories",
      "Ce thème vous a passionné vous apprécierez également ces parutions:"})
  void teaserHeadersStartLinkLists(String line) {
    assertTrue(BoilerplatePatterns.isLinkListHeader(Normalizer.key(line)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"A lire aussi : le gouvernement démissionne", "Lire la suite", "France",
      "Les plus lus de la semaine dernière ont été publiés par le quotidien régional, a-t-il ajouté."})
  void otherLinesStartNone(String line) {
    assertFalse(BoilerplatePatterns.isLinkListHeader(Normalizer.key(line)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Kim, a répondu en soulignant que l’amitié spéciale a conduit à…",
      "« La coopération stratégique et tactique, le soutien et la solidarité entre les deux pays ont permis de "
          + "franchir une nouvelle étape dans le front commun pour faire échec à la menace et à la provocation "
          + "militaires des forces hostiles, ainsi qu’à leurs pratiques arbitraires », écrit Kim, selon KCNA.",
      "Moscou a fait savoir qu’une telle décision de Washington signifierait effectivement la fin des relations "
          + "diplomatiques, comme l’explique Rabobank :",
      "Il a refusé de laisser un commentaire sur cette affaire.",
      "Les utilisateurs peuvent partager l'article sur Facebook, a expliqué le ministre, mais pas le commenter.",
      "La Corée du Nord et la Russie vont renforcer leurs liens diplomatiques en réponse à des \"forces militaires "
          + "hostiles\".",
      "Kim s’aligne sur la « guerre sainte » de Poutine",
      "En 2019, 2000 soldats ont été déployés.",
      "Twitter a suspendu le compte du président.",
      "Nous utilisons des drones pour surveiller la frontière, a déclaré le général.",
      "Le site est fermé depuis mardi.",
      // paywall and teaser words inside report sentences
      "L'abonnement annuel coûte 90 euros, a précisé la direction.",
      "Encore 20 % de hausse pour les loyers parisiens cette année.",
      "Subscribers to the service rose to 200 million in 2020.",
      "The video is available to members of the public until Friday.",
      "Les abonnés de la SNCF pourront se faire rembourser leur carte.",
      "Les plus lus des romans de l'été sont souvent des polars.",
      "Il a lu aussi les rapports de la commission.",
      "En 2020, 45 % des Français ont déclaré avoir renoncé à des soins.",
      ""})
  void reportLinesAreNot(String line) {
    assertNull(BoilerplatePatterns.reason(Normalizer.key(Normalizer.line(line))));
  }
}
