package io.newslens.extract;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rules on one short line of text, for the lines inside the article region that are not article: a byline or
 * dateline ("By Jane Doe", "AFP, publié le lundi 15 juin 2020 à 16h40", "November 20, 2019 10:43"), and the
 * stock phrases of page furniture ("Advertisement", "Share this article", "Lire aussi", "© 2020 ..."), in the
 * languages the function-word list covers. Only short lines are tested, so a sentence that merely contains such
 * words is never dropped.
 */
final class LineRules {
  private LineRules() {}

  static final int BYLINE_MAX_WORDS = 14;
  static final int PHRASE_MAX_WORDS = 10;

  private static final String MONTH = "(?:jan(?:uary|vier|uar|eiro)?|feb(?:ruary|ruar)?|f[ée]v(?:rier)?"
      + "|mar(?:ch|s|zo|ço)?|m[äa]rz|apr(?:il|ile)?|avr(?:il)?|abr(?:il)?|ma[iy]|maggio|maio|mayo|jun[ei]?|juin"
      + "|giugno|junho|junio|jul[iy]?|juil(?:let)?|luglio|julho|julio|aug(?:ust)?|ao[uû]t|agosto|sep(?:t(?:ember)?)?"
      + "|septembre|settembre|setembro|septiembre|oct(?:ober|obre)?|okt(?:ober)?|ottobre|outubro|octubre"
      + "|nov(?:ember|embre)?|novembro|noviembre|dec(?:ember)?|d[ée]c(?:embre)?|dezember|dicembre|dezembro"
      + "|diciembre)\\.?";
  private static final Pattern MONTH_WORD = Pattern.compile("(?iu)" + MONTH);
  /** A date: 20 November 2019, November 20th, 2019, 2019-11-20, 20/11/2019, 11.20.19, le 2 juin. */
  private static final Pattern DATE = Pattern.compile("(?iu)\\b(?:\\d{1,2}(?:er|st|nd|rd|th|\\.)?\\s+(?:de\\s+)?"
      + MONTH + "|" + MONTH + "\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}"
      + "|\\d{1,2}[:h]\\d{2})");
  /** "By Jane Doe", "Par Jean Dupont", "Von ...", "Por ...", "Door ...", "Di ...", "Written by ...". */
  private static final Pattern BY = Pattern.compile(
      "(?iu)^(?:(?:written|posted|reported|published|updated|publié|mis à jour|modifié)\\s+)?"
          + "(?:by|par|von|por|door)\\s+\\p{Lu}");
  /** Words that open a date line: "Published", "Updated", "Publié le", "Mis à jour", "Veröffentlicht"... */
  private static final Pattern DATE_LEAD = Pattern.compile("(?iu)^(?:published|updated|posted|last updated|"
      + "publié|mis à jour|modifié|veröffentlicht|aktualisiert|publicado|atualizado|actualizado|pubblicato|"
      + "aggiornato|gepubliceerd)\\b");

  /**
   * True for a byline or dateline: a short line, not a list item nor quoted, that opens with "By" and a name,
   * names one of the page's authors, is mostly a time element, or holds a date (or a clock time) and few other
   * words. The caller tests only the lines before the article's first paragraph and after its last.
   */
  static boolean byline(Block b, List<String> authors) {
    if (b.words == 0 || b.words > BYLINE_MAX_WORDS || b.has(Block.LIST_ITEM) || b.has(Block.QUOTE)) return false;
    String t = b.text;
    if (b.timeChars * 2 >= b.chars) return true;
    if (BY.matcher(t).find() && b.words <= 8) return true;
    for (String a : authors) {
      if (a.length() >= 4 && t.contains(a) && b.words <= PageBlocks.countWords(a) + 8) return true;
    }
    boolean date = DATE.matcher(t).find();
    if (date && DATE_LEAD.matcher(t).find()) return true;
    if (!date) return false;
    char last = t.charAt(t.length() - 1);
    if ((last == '.' || last == '!' || last == '?') && b.words >= 5) return false; // a short sentence
    // a date with at most a few other words around it: count the words that are not digits or month names
    int other = 0;
    for (String w : t.split("[^\\p{L}]+")) {
      if (w.isEmpty() || w.length() <= 2) continue;
      if (MONTH_WORD.matcher(w).matches() || FunctionWords.contains(w.toLowerCase(Locale.ROOT))) continue;
      other++;
    }
    return other <= 4;
  }

  private static final Pattern PHRASE = Pattern.compile("(?iu)^(?:advertisement|advertising|advert|ad|ads|"
      + "sponsored(?: content)?|publicit[ée]|anzeige|werbung|pubblicit[àa]|publicidade|publicidad|"
      + "share(?: this(?: article| story| post)?)?|share on \\w+|tweet|email|print|partager|imprimer|teilen|"
      + "compartilhe|compartir|condividi|read more|continue reading|lire (?:aussi|la suite|plus)|"
      + "[àa] lire aussi|voir aussi|see also|related(?: articles| stories| posts)?|recommended(?: for you)?|"
      + "you may also like|more from [\\p{L} ]+|most (?:read|popular)|les plus lus|"
      + "subscribe(?: now| today)?|sign up|log ?in|sign in|register|newsletter|abonnez-vous|s'abonner|"
      + "je m'abonne|inscrivez-vous|follow us(?: on \\w+)?|suivez-nous(?: sur \\w+)?|"
      + "comments?|\\d+ comments?|commentaires?|\\d+ commentaires?|leave a (?:comment|reply)|réagir|"
      + "click here|cliquez ici|loading|chargement|back to top|retour en haut|skip to (?:main )?content|"
      + "all rights reserved|tous droits réservés|alle rechte vorbehalten|todos os direitos reservados|"
      + "image|photo|video|vidéo|getty images|afp|reuters|ap)\\W*$");
  private static final Pattern COPYRIGHT = Pattern.compile("(?iu)^(?:©|\\(c\\)|copyright\\b)");
  /** Markup shown as text: a start tag with attributes, or an end tag. */
  private static final Pattern MARKUP = Pattern.compile("^(?:<[a-zA-Z][a-zA-Z0-9]*\\s[^>]*=.*|</[a-zA-Z]+>)$");

  /** True for a stock phrase of page furniture, a copyright line, or markup that leaked into the text. */
  static boolean boilerplate(Block b) {
    if (b.words > PHRASE_MAX_WORDS) return MARKUP.matcher(b.text).matches();
    String t = b.text;
    return PHRASE.matcher(t).matches() || COPYRIGHT.matcher(t).find() || MARKUP.matcher(t).matches();
  }
}
