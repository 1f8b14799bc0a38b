package io.newslens.clean;

import java.util.List;
import java.util.regex.Pattern;

/**
 * News-site boilerplate recognised by its wording: one rule per kind of line, each a whole-line pattern with a
 * length limit, so a sentence of a report that merely mentions "commentaire" or "source" is never taken.
 * Patterns see the line's comparison form ({@link Normalizer#key}: lower case, ASCII apostrophes and quotes).
 * Pure Java, no Spark. Written by hand: no maintained library classifies lines of scraped news pages (jusText and
 * boilerpipe work on HTML, which this job never sees).
 *
 * <p>Reason codes: {@value #SHARE_PROMPT}, {@value #COMMENT_PROMPT}, {@value #READ_ALSO}, {@value #HASHTAGS},
 * {@value #TIMESTAMP}, {@value #FOOTER}, {@value #BYLINE}, {@value #SITE_NAME}, {@value #SITE_DESCRIPTION},
 * {@value #COOKIE_NOTICE}, {@value #NEWSLETTER}, {@value #COUNTER}; the cleaner adds
 * {@value #REPEATED_IN_SOURCE} and {@value #REPEATED_IN_DOCUMENT}.
 */
public final class BoilerplatePatterns {
  private BoilerplatePatterns() {}

  public static final String SHARE_PROMPT = "share_prompt";
  public static final String COMMENT_PROMPT = "comment_prompt";
  public static final String READ_ALSO = "read_also";
  public static final String HASHTAGS = "hashtags";
  public static final String TIMESTAMP = "timestamp";
  public static final String FOOTER = "footer";
  public static final String BYLINE = "byline";
  public static final String SITE_NAME = "site_name";
  public static final String SITE_DESCRIPTION = "site_description";
  public static final String COOKIE_NOTICE = "cookie_notice";
  public static final String NEWSLETTER = "newsletter";
  public static final String COUNTER = "counter";
  public static final String REPEATED_IN_SOURCE = "repeated_in_source";
  public static final String REPEATED_IN_DOCUMENT = "repeated_in_document";

  /** One rule: the reason it gives, the whole-line pattern, and the longest line it may take. */
  record Rule(String reason, Pattern pattern, int maxChars) {}

  private static final String SOCIAL = "(?:facebook|twitter|x|linkedin|pinterest|whatsapp|telegram|reddit|tumblr"
      + "|messenger|instagram|youtube|e-?mail|email|imprimer|print|flipboard|pocket|viber|sms|copier le lien"
      + "|copy link)";
  private static final String TLD = "(?:com|fr|net|org|info|be|ch|ca|eu|io|news|tv|ma|dz|tn|sn|ci|de|es|it|uk"
      + "|co\\.uk|us|ru|blog|media|online|site|xyz)";
  private static final String DOMAIN = "(?:www\\.)?[a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+)*\\." + TLD;

  static final List<Rule> RULES = List.of(
      // share / subscribe / follow
      rule(SHARE_PROMPT, "spread the love|partagez?( l'article| cet article| sur .{1,30})?( :|:)?"
          + "|share( this( article| post| story)?| on .{1,30})?( :|:)?|partager l'article.{0,80}"
          + "|partager cet article.{0,80}|s'abonner|abonnez-vous( !|!)?|subscribe( now)?|suivez-nous( sur .{1,60})?"
          + "|follow us( on .{1,60})?|" + SOCIAL + "(?:[\\s,;|/·•-]+" + SOCIAL + ")*", 120),
      // comment widgets and prompts (WordPress, wpDiscuz, Akismet)
      rule(COMMENT_PROMPT, "(leave|post|write|add) a (comment|reply)( :|:)?|(laisser|laissez|ecrire|écrire|ajouter|"
          + "poster|publier) (un|votre) commentaire( :|:)?|\\d+ (commentaires?|comments?|reponses?|réponses?|replies)"
          + "|commentaires?( :|:)?|comments?( :|:)?|commentaires en ligne|inline feedbacks?|afficher tous les "
          + "commentaires|view all comments|notification pour|notify of|guest|invité|nous aimerions avoir votre avis.{0,80}"
          + "|votre adresse (e-mail|email|électronique|de messagerie|mail) ne sera pas publiée.{0,120}"
          + "|your email address will not be published.{0,120}|this site uses akismet to reduce spam.{0,120}"
          + "|ce site utilise akismet pour réduire les indésirables.{0,120}|connectez-vous pour commenter.{0,40}"
          + "|log in to (comment|reply).{0,40}", 300),
      // links to other stories
      rule(READ_ALSO, "(>+ ?)?(à |a )?(lire|voir|read|see|watch|à voir|a voir|regarder) (aussi|également|egalement|"
          + "also|more|plus)\\b.{0,250}|(sur le même sujet|sur le meme sujet|articles? (similaires|liés|connexes)|"
          + "related( articles| posts| stories)?|you may also like|vous aimerez aussi|à découvrir aussi|"
          + "ce thème vous a passionné.{0,120}|lire la suite|read more|continuer la lecture)( :|:|\\W{0,3})", 300),
      rule(HASHTAGS, "(#[\\p{L}\\p{N}_]+[\\s,;]*)+", 500),
      rule(TIMESTAMP, "\\d{4}-\\d{2}-\\d{2}([ t]\\d{1,2}:\\d{2}(:\\d{2})?(z|[+-]\\d{2}:?\\d{2})?)?"
          + "|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}( (à |a |at )?\\d{1,2}[:h]\\d{2}(:\\d{2})?)?|\\d{9,13}"
          + "|(publié|mis à jour|modifié|updated|published|posted|mise à jour)( le| on)?( :|:)? .{0,40}\\d.{0,40}", 90),
      rule(FOOTER, "(source|sources|traduction|translation|traduit par|translated by|crédit photo|credit photo|"
          + "photo credit|crédits?|copyright)\\s?:.{0,250}|(©|\\(c\\)|tous droits réservés|all rights reserved).{0,200}",
          260),
      rule(BYLINE, "(par|by|auteur|author|rédigé par|written by)\\s?:\\s?[\\p{L}.' -]{2,60}", 80),
      rule(SITE_NAME, DOMAIN + "/?|logo", 60),
      rule(SITE_DESCRIPTION, "(" + DOMAIN + "|ce site|notre site|ce blog|notre blog|this (web)?site|this blog|our "
          + "(web)?site) (est|is|a pour|publie|conserve|propose|relaie|vous propose)\\b.{0,1200}", 1300),
      rule(COOKIE_NOTICE, "(nous utilisons|ce site utilise|ce site web utilise|this (web)?site uses|we use|en poursuivant"
          + " (votre|la) navigation|by continuing to (use|browse)|accepter (les|tous les) cookies|j'accepte|tout accepter"
          + "|accept all( cookies)?|gérer (les|mes) cookies|paramétrer les cookies|cookie settings|politique "
          + "(de|relative aux) cookies).{0,300}", 350),
      rule(NEWSLETTER, "(inscrivez-vous|abonnez-vous|recevez|subscribe|sign up|sign-up|s'inscrire|inscription)\\b"
          + ".{0,150}newsletters?.{0,100}|newsletters?( :|:)?.{0,80}", 260),
      rule(COUNTER, "\\d{1,4}", 4));

  private static Rule rule(String reason, String regex, int maxChars) {
    return new Rule(reason, Pattern.compile("(?:" + regex + ")", Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE),
        maxChars);
  }

  /**
   * The reason a line is boilerplate, or null. {@code key} is the line's {@link Normalizer#key}; the cookie rule
   * also needs the word "cookie" somewhere in the line (so "nous utilisons" alone never matches).
   */
  public static String reason(String key) {
    if (key.isEmpty()) return null;
    for (Rule r : RULES) {
      if (key.length() > r.maxChars()) continue;
      if (r.reason().equals(COOKIE_NOTICE) && !key.contains("cookie")) continue;
      if (r.reason().equals(SITE_DESCRIPTION) && looksLikeReport(key)) continue;
      if (r.pattern().matcher(key).matches()) return r.reason();
    }
    return null;
  }

  /** A header that announces a list of links to other stories ("… vous apprécierez également ces parutions:"). */
  public static boolean isLinkListHeader(String key) {
    return key.length() <= 200 && key.endsWith(":") && LINK_LIST_HEADER.matcher(key).find();
  }

  private static final Pattern LINK_LIST_HEADER = Pattern.compile(
      "apprécierez|aimerez aussi|également ces|sur le même sujet|à lire aussi|a lire aussi|lire aussi|related|"
          + "you may also like|read also|voir aussi", Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE);

  /** A site-description candidate that quotes someone is a report sentence, not a self-description. */
  private static boolean looksLikeReport(String key) {
    return key.contains("\" a ") || key.contains("a déclaré") || key.contains("selon ");
  }

}
