package io.newslens.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * What an element's class, id and role attributes say about it, as Readability and trafilatura read them: words
 * such as {@code comment}, {@code share}, {@code related}, {@code sidebar} name a kind of boilerplate (with their
 * French, German, Spanish, Portuguese and Italian counterparts for the commonest kinds: {@code partage},
 * {@code kommentar}, {@code publicite}...); standard "visually hidden" classes hide text from sighted readers.
 * The attributes are split into words at every character that is not a letter or digit and at lower-to-upper
 * case changes ({@code relatedArticles} is {@code related articles}); a word matches a kind when it equals one of
 * the kind's words, or, for words of five letters or more, starts with one of its stems ({@code comments},
 * {@code sharing}). No site's own class names are listed.
 */
final class ClassNames {
  private ClassNames() {}

  /** Exact words, by the reason code of the kind they name. */
  private static final Map<String, String> EXACT = Map.ofEntries(
      Map.entry("nav", "navigation"), Map.entry("navbar", "navigation"), Map.entry("menu", "navigation"),
      Map.entry("menus", "navigation"), Map.entry("breadcrumb", "navigation"),
      Map.entry("breadcrumbs", "navigation"), Map.entry("pagination", "navigation"),
      Map.entry("pager", "navigation"), Map.entry("masthead", "navigation"), Map.entry("topbar", "navigation"),
      Map.entry("skip", "navigation"), Map.entry("header", "navigation"),
      Map.entry("footer", "footer"), Map.entry("foot", "footer"), Map.entry("colophon", "footer"),
      Map.entry("copyright", "footer"),
      Map.entry("ad", "advertising"), Map.entry("ads", "advertising"), Map.entry("adv", "advertising"),
      Map.entry("advert", "advertising"), Map.entry("adslot", "advertising"), Map.entry("dfp", "advertising"),
      Map.entry("pub", "advertising"), Map.entry("banner", "advertising"), Map.entry("promo", "advertising"),
      Map.entry("sponsored", "advertising"), Map.entry("commercial", "advertising"),
      Map.entry("tags", "tags"), Map.entry("taglist", "tags"), Map.entry("keywords", "tags"),
      Map.entry("topics", "tags"), Map.entry("categories", "tags"),
      Map.entry("meta", "byline"), Map.entry("date", "byline"), Map.entry("time", "byline"),
      Map.entry("dateline", "byline"), Map.entry("posted", "byline"), Map.entry("pubdate", "byline"),
      Map.entry("published", "byline"), Map.entry("signature", "byline"), Map.entry("auteur", "byline"),
      Map.entry("credit", "caption"), Map.entry("credits", "caption"), Map.entry("legend", "caption"),
      Map.entry("legende", "caption"), Map.entry("figcaption", "caption"),
      Map.entry("aside", "aside"), Map.entry("rail", "aside"), Map.entry("widget", "aside"),
      Map.entry("widgets", "aside"),
      Map.entry("print", "share"), Map.entry("tools", "share"), Map.entry("toolbar", "share"),
      Map.entry("outils", "share"),
      Map.entry("popular", "related"), Map.entry("trending", "related"), Map.entry("teaser", "related"),
      Map.entry("teasers", "related"), Map.entry("mostread", "related"), Map.entry("upnext", "related"),
      Map.entry("cookie", "notice"), Map.entry("cookies", "notice"), Map.entry("gdpr", "notice"),
      Map.entry("consent", "notice"), Map.entry("paywall", "notice"), Map.entry("modal", "notice"),
      Map.entry("popup", "notice"));

  /** Word beginnings (five letters or more, so they do not catch unrelated words), by reason code. */
  private static final List<String[]> PREFIXES = List.of(
      new String[] {"comment", "comments"}, new String[] {"disqus", "comments"},
      new String[] {"respond", "comments"}, new String[] {"replies", "comments"},
      new String[] {"reaction", "comments"},
      new String[] {"navigation", "navigation"}, new String[] {"breadcrumb", "navigation"},
      new String[] {"footer", "footer"},
      new String[] {"sidebar", "aside"},
      new String[] {"komment", "comments"}, new String[] {"comenta", "comments"},
      new String[] {"share", "share"}, new String[] {"sharing", "share"}, new String[] {"social", "share"},
      new String[] {"partag", "share"}, new String[] {"teilen", "share"}, new String[] {"compartilh", "share"},
      new String[] {"compartir", "share"}, new String[] {"condivi", "share"},
      new String[] {"publicit", "advertising"}, new String[] {"pubblicit", "advertising"},
      new String[] {"werbung", "advertising"}, new String[] {"anzeige", "advertising"},
      new String[] {"addthis", "share"}, new String[] {"sharethis", "share"},
      new String[] {"related", "related"}, new String[] {"recommend", "related"},
      new String[] {"outbrain", "related"}, new String[] {"taboola", "related"},
      new String[] {"advert", "advertising"}, new String[] {"sponsor", "advertising"},
      new String[] {"newsletter", "notice"}, new String[] {"subscri", "notice"},
      new String[] {"signup", "notice"}, new String[] {"inscription", "notice"},
      new String[] {"abonne", "notice"}, new String[] {"paywall", "notice"},
      new String[] {"caption", "caption"},
      new String[] {"byline", "byline"}, new String[] {"author", "byline"},
      new String[] {"timestamp", "byline"}, new String[] {"publication", "byline"});

  /** Kinds that win over the others named in the same attributes ("comment-meta" is comments, not a byline). */
  private static final Set<String> STRONG = Set.of("comments", "share", "related", "advertising", "notice",
      "caption");

  /** Whole class names that hide text from sighted readers (Bootstrap, WordPress, HTML5 Boilerplate...). */
  private static final Set<String> HIDDEN_CLASSES = Set.of("hidden", "sr-only", "visually-hidden",
      "visuallyhidden", "screen-reader-text", "screen-reader-only", "screenreader", "offscreen", "is-hidden",
      "u-hidden", "element-invisible", "hide");

  /**
   * The kind of boilerplate the element's class, id or role names, or null. When several are named, a strong kind
   * (comments, share, related, advertising, notice, caption) wins over a weak one. An article or main element is
   * never a weak kind (WordPress gives its posts classes such as "tag-x").
   */
  static String mark(Element e) {
    String role = e.attr("role").toLowerCase(Locale.ROOT);
    switch (role) {
      case "navigation", "menubar", "menu" -> {
        return "navigation";
      }
      case "complementary" -> {
        return "aside";
      }
      case "contentinfo" -> {
        return "footer";
      }
      case "banner" -> {
        return "navigation";
      }
      case "dialog", "alertdialog" -> {
        return "notice";
      }
      default -> { }
    }
    String cls = e.className();
    String id = e.id();
    if (cls.isEmpty() && id.isEmpty()) return null;
    boolean contentElement = e.normalName().equals("article") || e.normalName().equals("main");
    String negative = null;
    for (String w : words(cls + " " + id)) {
      String kind = kindOf(w);
      if (kind != null && (negative == null || STRONG.contains(kind) && !STRONG.contains(negative))) {
        negative = kind;
      }
    }
    // an article or main element is not navigation, a byline or a tag list because its classes say "tag-x"
    if (contentElement && negative != null && !STRONG.contains(negative)) return null;
    return negative;
  }

  /** True for an element a browser would not show: hidden attribute, display:none, a visually-hidden class. */
  static boolean hidden(Element e) {
    if (e.hasAttr("hidden")) return true;
    String style = e.attr("style");
    if (!style.isEmpty()) {
      String st = style.toLowerCase(Locale.ROOT).replace(" ", "");
      if (st.contains("display:none") || st.contains("visibility:hidden")) return true;
    }
    String cls = e.className();
    if (cls.isEmpty()) return false;
    for (String c : cls.split("\\s+")) {
      if (HIDDEN_CLASSES.contains(c.toLowerCase(Locale.ROOT))) return true;
    }
    return false;
  }

  static String kindOf(String word) {
    String k = EXACT.get(word);
    if (k != null) return k;
    if (word.length() < 5) return null;
    for (String[] p : PREFIXES) {
      if (word.startsWith(p[0])) return p[1];
    }
    return null;
  }

  /** Lower-case words of an attribute value: split at non-alphanumerics and at lower-to-upper case changes. */
  static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char prev = 0;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (!Character.isLetterOrDigit(c)) {
        flush(out, w);
      } else {
        if (Character.isUpperCase(c) && Character.isLowerCase(prev)) flush(out, w);
        w.append(Character.toLowerCase(c));
      }
      prev = c;
    }
    flush(out, w);
    return out;
  }

  private static void flush(List<String> out, StringBuilder w) {
    if (w.length() > 0) out.add(w.toString());
    w.setLength(0);
  }
}
