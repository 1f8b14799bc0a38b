package io.newslens.reuse;

import java.util.Locale;
import java.util.Set;

/**
 * Which aligned passages are text reuse, not a shared name or stock phrase. Pure Java, no Spark.
 *
 * <p>Two articles that name "l'Organisation des Nations unies pour l'alimentation et l'agriculture", or both write
 * "la mort de George Floyd, un homme noir asphyxié par un policier blanc", share ten words or more without one
 * having reused the other's text: a name, a title or a stock noun phrase is common property. What a quote or a
 * paragraph of wire copy has beyond it is a clause: a verb, a pronoun, a relative. A passage is reuse when
 * <ol>
 *   <li>it holds at least {@code minContentWords} content words: words that are neither function words (articles,
 *       prepositions, conjunctions, pronouns, auxiliary and modal verb forms, French and English) nor numbers
 *       ("Comme vous pouvez le voir dans la vidéo en tête", a site's tagline, has four: clichés and taglines are
 *       mostly function words);</li>
 *   <li>and, when it has fewer than {@code nounPhraseWords} matched words, it holds a clause word: a personal or
 *       relative pronoun, a negation, a form of être / avoir / pouvoir / devoir / aller / faire / to be / to have or a
 *       modal, or a French word with a finite verb ending (-ait, -aient, -èrent, -eront, -erait, -eraient…). A
 *       longer shared stretch is reuse whatever its grammar.</li>
 * </ol>
 * The lexicon is French and English, the languages of the corpora this was measured on; in another language the
 * clause test finds fewer clause words, so set {@code nounPhraseWords} to 0 there to keep only the content-word test.
 * Words are compared in lower case with their accents, so the French "à" (a preposition) is not "a" (has); the
 * English article "a" counts as a clause word too, so an English noun phrase with "a" in it passes the clause test.
 */
public final class PassageFilter {
  private PassageFilter() {}

  /** Why a passage is not reuse, or null when it is. */
  public static String rejection(String passage, int matchedWords, int minContentWords, int nounPhraseWords) {
    int content = 0;
    boolean clause = false;
    int n = passage.length();
    int i = 0;
    while (i < n) {
      int cp = passage.codePointAt(i);
      if (!Character.isLetterOrDigit(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int j = i;
      boolean digits = true;
      while (j < n) {
        int c = passage.codePointAt(j);
        if (!Character.isLetterOrDigit(c) && !isMark(c)) break;
        digits &= Character.isDigit(c);
        j += Character.charCount(c);
      }
      String w = passage.substring(i, j).toLowerCase(Locale.ROOT);
      i = j;
      if (CLAUSE.contains(w) || finiteVerb(w)) clause = true;
      if (!digits && !FUNCTION.contains(w) && !CLAUSE.contains(w)) content++;
    }
    if (content < minContentWords) return "few_content_words";
    if (matchedWords < nounPhraseWords && !clause) return "noun_phrase";
    return null;
  }

  private static boolean isMark(int cp) {
    int t = Character.getType(cp);
    return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK;
  }

  /** A French word with a finite-verb ending (imperfect, past historic, future, conditional), nouns aside. */
  static boolean finiteVerb(String w) {
    if (w.length() < 5 || NOT_VERBS.contains(w)) return false;
    return w.endsWith("aient") || w.endsWith("ait") || w.endsWith("èrent") || w.endsWith("eront")
        || w.endsWith("erait") || w.endsWith("iront") || w.endsWith("irait") || w.endsWith("ssent");
  }

  /** Words with those endings that are nouns or adjectives. */
  private static final Set<String> NOT_VERBS = Set.of("portrait", "portraits", "trait", "traits", "extrait",
      "extraits", "retrait", "retraits", "souhait", "souhaits", "attrait", "forfait", "forfaits", "bienfait",
      "bienfaits", "méfait", "méfaits", "parfait", "imparfait", "distrait", "abstrait", "surfait", "satisfait",
      "complet", "tramontane");

  /** Forms that make a clause: pronouns, relatives, negation, auxiliary and modal verbs (French, English). */
  static final Set<String> CLAUSE = Set.of(
      // French pronouns, relatives, negation, "c'est"
      "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "j", "tu", "qui", "que", "qu", "dont", "se", "s",
      "ne", "n", "c", "ça", "lui", "y", "me", "m", "te", "t",
      // être, avoir
      "est", "sont", "était", "étaient", "sera", "seront", "serait", "seraient", "fut", "furent", "soit", "soient",
      "été", "être", "a", "ont", "avait", "avaient", "aura", "auront", "aurait", "auraient", "eu", "ai", "as",
      "avons", "avez", "suis", "es", "sommes", "êtes", "étions", "aie", "ait", "aient",
      // pouvoir, devoir, vouloir, aller, faire, falloir, dire
      "peut", "peuvent", "pourrait", "pourraient", "pu", "doit", "doivent", "devrait", "devraient", "dû", "veut",
      "veulent", "voulait", "voudrait", "va", "vont", "allait", "allaient", "ira", "iront", "fait", "font",
      "faisait", "faisaient", "fera", "feront", "ferait", "faut", "fallait", "faudra", "faudrait", "dit", "disent",
      "disait", "affirme", "déclare", "estime", "explique", "indique", "précise", "souligne", "ajoute", "assure",
      "annonce",
      // English
      "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can", "could",
      "should", "may", "might", "must", "shall", "do", "does", "did", "said", "says", "say", "told", "he", "she",
      "it", "they", "we", "you", "i", "who", "whom", "which", "that", "there", "not", "according");

  /** Articles, prepositions, conjunctions, determiners and other words that carry no content (French, English). */
  static final Set<String> FUNCTION = Set.of(
      "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "à", "et", "ou", "en", "dans", "par",
      "pour", "sur", "sous", "avec", "sans", "entre", "vers", "chez", "ce", "cet", "cette", "ces", "son", "sa", "ses",
      "leur", "leurs", "notre", "nos", "votre", "vos", "mon", "ma", "mes", "ton", "ta", "tes", "quoi", "où", "pas", "plus",
      "moins", "très", "tout", "tous", "toute", "toutes", "même", "mêmes", "aussi", "comme", "mais", "donc", "or",
      "ni", "car", "si", "eux", "cela", "ceci", "celui", "celle", "ceux", "celles", "quel", "quelle", "quels",
      "quelles", "dès", "depuis", "pendant", "avant", "après", "contre", "lors", "alors", "ainsi", "encore", "déjà",
      "bien", "fois", "puis", "afin", "autre", "autres", "chaque", "quelque", "quelques", "tant", "trop", "peu",
      "the", "a", "an", "of", "to", "in", "on", "at", "for", "by", "with", "from", "and", "but", "as", "its",
      "this", "these", "those", "his", "her", "their", "our", "your", "my", "no", "so", "than", "then", "into",
      "over", "after", "before", "about", "up", "out", "also", "more", "most", "all", "any", "some", "such");
}
