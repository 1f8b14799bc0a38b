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
 * {@value #COOKIE_NOTICE}, {@value #NEWSLETTER}, {@value #PAYWALL}, {@value #COUNTER}; the cleaner adds
 * {@value #REPEATED_IN_SOURCE}, {@value #REPEATED_IN_WINDOW} and {@value #REPEATED_IN_DOCUMENT}, and
 * {@link PageStructure} adds {@value #MENU}, {@value #TICKER}, {@value #LINK_LIST} and {@value #BLOCK}.
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
  public static final String PAYWALL = "paywall";
  public static final String COUNTER = "counter";
  public static final String REPEATED_IN_SOURCE = "repeated_in_source";
  public static final String REPEATED_IN_WINDOW = "repeated_in_window";
  public static final String REPEATED_IN_DOCUMENT = "repeated_in_document";
  public static final String MENU = "menu";
  public static final String TICKER = "ticker";
  public static final String LINK_LIST = "link_list";
  public static final String BLOCK = "boilerplate_block";

  /** One rule: the reason it gives, the whole-line pattern, and the longest line it may take. */
  record Rule(String reason, Pattern pattern, int maxChars) {}

  private static final String SOCIAL = "(?:facebook|twitter|x|linkedin|pinterest|whatsapp|telegram|reddit|tumblr"
      + "|messenger|instagram|youtube|e-?mail|email|imprimer|print|flipboard|pocket|viber|sms|copier le lien"
      + "|copy link)";
  private static final String TLD = "(?:com|fr|net|org|info|be|ch|ca|eu|io|news|tv|ma|dz|tn|sn|ci|de|es|it|uk"
      + "|co\\.uk|us|ru|blog|media|online|site|xyz)";
  private static final String DOMAIN = "(?:www\\.)?[a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+)*\\." + TLD;

  /** The headers of teaser lists, as whole lines (the READ_ALSO rule and {@link #isLinkListHeader} share them). */
  private static final String TEASER_HEADERS = "sur le même (sujet|thème)|sur le meme (sujet|theme)|articles? "
      + "(similaires|liés|lies|connexes|recommandés)|dans la même rubrique|dans la meme rubrique|les plus (lus|partagés"
      + "|partages|commentés|commentes|populaires|consultés|consultes|vus)|(nos |les )?articles les plus lus|à ne pas "
      + "manquer|a ne pas manquer|ne manquez pas|dernières (actus|actualités|infos|nouvelles|news|vidéos)|derniers "
      + "articles|toute l'actu(alité)?|l'actu(alité)? en continu|recommandés? pour vous|vous aimerez (aussi|également)"
      + "|vous pourriez (aussi|également) aimer|vous aimerez peut-être aussi|à la une|a la une|en ce moment|tendances?"
      + "|related( articles| posts| stories| coverage| content| links| news)?|you may also like|you might also like"
      + "|vous aimerez aussi|à découvrir aussi|recommended( for you| reading| stories| articles)?|most (read|popular|"
      + "viewed|shared|emailed)|trending( now| stories| news)?|don't miss|do not miss|editor's picks|top stories"
      + "|latest (news|stories|headlines|articles)|more (stories|news|headlines)|in other news|what to read next"
      + "|(à |a )?lire (aussi|également|egalement|ensuite|encore)|(à |a )?voir (aussi|également|egalement)"
      + "|read (also|more|next)|also read|see also";

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
      rule(READ_ALSO, "(>+ ?)?(à |a )?(lire|voir|read|see|watch|à voir|a voir|regarder|à découvrir|a decouvrir|"
          + "à découvrir|découvrir) (aussi|également|egalement|also|more|plus|ensuite|encore|next)\\b.{0,250}"
          + "|(also read|see also|read next|up next|watch next)\\b.{0,250}"
          + "|(" + TEASER_HEADERS + "|ce thème vous a passionné.{0,120}|lire la suite|read more|continuer la lecture)"
          + "( :|:|\\W{0,3})", 300),
      rule(HASHTAGS, "(#[\\p{L}\\p{N}_]+[\\s,;]*)+", 500),
      rule(TIMESTAMP, "\\d{4}-\\d{2}-\\d{2}([ t]\\d{1,2}:\\d{2}(:\\d{2})?(z|[+-]\\d{2}:?\\d{2})?)?"
          + "|\\d{1,2}[/.]\\d{1,2}[/.]\\d{2,4}( (à |a |at )?\\d{1,2}[:h]\\d{2}(:\\d{2})?)?|\\d{9,13}"
          // a dateline, possibly after its agency or author: "AFP, publié le jeudi 02 juillet 2020 à 22h50"
          + "|([\\p{L}0-9&.' -]{1,60}, )?(publié|mis à jour|modifié|updated|published|posted|mise à jour)( le| on)?"
          + "( :|:)? .{0,40}\\d.{0,40}", 130),
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
      // paywall and subscription notices, French and English
      rule(PAYWALL, "(cet |cette |l')?(article|contenu|vidéo|video|enquête|analyse|reportage|édition|dossier|page)"
          + " (est |vous est )?(réservée?s?|reservee?s?|accessible|disponible|exclusive?|offerte?) (aux|à nos|a nos|pour"
          + " les|à tous les) (abonnés|abonnes|membres|inscrits|lecteurs abonnés).{0,250}"
          + "|(la suite|la lecture|l'accès|l'acces)( de cet article| de l'article| à cet article| a cet article)? (est "
          + "réservée?|est reservee?|est accessible|est exclusivement réservée).{0,200}"
          + "|(il vous reste|vous avez lu) \\d{1,3} ?(%|pour ?cent|articles? gratuits?|articles? à lire)"
          + ".{0,200}|(déjà|deja) (abonné|abonne|inscrit|client)( \\?|\\?)?.{0,80}"
          + "|(abonnez-vous|je m'abonne|s'abonner|offre (spéciale|speciale|d'essai|découverte|decouverte|"
          + "numérique|numerique|abonné|abonne))( à| a| pour| dès| des| au| sans| :|:| -)?.{0,40}(\\d+ ?(€|euros?)|"
          + "gratuit|premier mois|sans engagement|à partir de|a partir de|illimité|illimite).{0,150}"
          + "|(pour )?(lire|accéder|acceder|continuer|poursuivre) (à |a )?(la suite|l'intégralité|l'integralite|la "
          + "lecture|cet article|tous (nos|les) (articles|contenus)).{0,60}(abonn|connect|identif|inscri).{0,150}"
          + "|(réservé|reserve|exclusivité|exclusivite|exclusif|contenu|article) (aux |réservé aux |reserve aux )?"
          + "abonnés?|abonnés?|premium|se connecter|s'identifier|mon compte|mon espace|log in|sign in|my account"
          + "|(this|the) (article|story|content|post|page|video|newsletter) is (only |exclusively )?(available|reserved|"
          + "exclusive|for) (to|for)? ?(subscribers|members|premium|paying)(?! of the public).{0,200}"
          + "|(subscribe|sign up|register|log ?in|sign in|subscribers?)( now| today)? (to|and) (continue|keep) reading.{0,200}"
          + "|(to )?continue reading.{0,200}|already (a )?(subscriber|member|registered)( \\?|\\?)?.{0,100}"
          + "|you('ve| have) (read|reached|used|\\d+|one|two|three) (?=.*(free|limit|this month|left|remaining))"
          + ".{0,40}(articles?|stories).{0,120}"
          + "|(start|begin|get|try) (your |a |our )?(free trial|\\d+-day (free )?trial|unlimited (digital )?access).{0,200}"
          + "|(unlock|get) (this|full|unlimited) (article|story|access).{0,150}"
          + "|(subscribe|subscription)( now| today)? (for|from|at|only) (just |only )?[$£€] ?\\d.{0,150}"
          + "|subscribers? only|members? only", 300),
      // no letter at all: a counter, a score, a share price change, a clock time, a slide number ("1/3")
      rule(COUNTER, "[^\\p{L}]{1,30}", 30));

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

  /**
   * A header that announces a list of links to other stories: a line ending with a colon that names one ("… vous
   * apprécierez également ces parutions:"), or a teaser header standing alone on its line ("A lire aussi", "Les plus
   * lus", "Related stories", "Most read").
   */
  public static boolean isLinkListHeader(String key) {
    if (key.length() <= 60 && HEADER_ALONE.matcher(key).matches()) return true;
    return key.length() <= 200 && key.endsWith(":") && LINK_LIST_HEADER.matcher(key).find();
  }

  private static final Pattern HEADER_ALONE = Pattern.compile("(>+ ?)?(?:" + TEASER_HEADERS + ")\\W{0,3}",
      Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE);

  private static final Pattern LINK_LIST_HEADER = Pattern.compile(
      "apprécierez|aimerez aussi|également ces|sur le même sujet|à lire aussi|a lire aussi|lire aussi|related|"
          + "you may also like|read also|voir aussi", Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE);

  /** A site-description candidate that quotes someone is a report sentence, not a self-description. */
  private static boolean looksLikeReport(String key) {
    return key.contains("\" a ") || key.contains("a déclaré") || key.contains("selon ");
  }

}
