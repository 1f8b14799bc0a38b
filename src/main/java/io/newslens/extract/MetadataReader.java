package io.newslens.extract;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Reads what a page says about itself from its JSON-LD, Open Graph and other meta tags, microdata and markup.
 * Each field takes the first source that has it, in the order listed on {@link PageMetadata}; JSON-LD is read
 * with {@link LenientJson}, so broken JSON-LD still counts. Values are trimmed, their white space collapsed and
 * left-over HTML entities ({@code &amp;amp;}) decoded. The JSON-LD {@code articleBody}, when a page has one, is
 * returned beside the metadata for the main-text extractor to check against the page.
 */
final class MetadataReader {
  private MetadataReader() {}

  /** The metadata, the JSON-LD article body (or null) and the title candidates seen, for title de-duplication. */
  record Result(PageMetadata metadata, String jsonLdBody, List<String> titles) {}

  private static final Pattern URL_DATE = Pattern.compile(
      "/((?:19|20)\\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\\d|3[01])(?:[/._-]|$)");
  private static final Pattern URL_DATE_COMPACT = Pattern.compile(
      "[/_-]((?:19|20)\\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])(?:[/._-]|$)");
  private static final Pattern ISO_DATE = Pattern.compile("^((?:19|2[01])\\d{2})-(\\d{2})-(\\d{2})");
  private static final Pattern SLASH_YMD = Pattern.compile("^((?:19|2[01])\\d{2})/(\\d{1,2})/(\\d{1,2})\\b");
  private static final Pattern TITLE_SEPARATOR = Pattern.compile("(?:\\s+[|\\-\u2013\u2014:\u00B7\u2022/»]+|:)\\s+");

  static Result read(Document doc, String url) {
    Map<String, String> meta = metaTags(doc);
    List<Map<String, Object>> ld = jsonLdObjects(doc);
    Map<String, Object> article = pickArticle(ld);

    String siteName = first(meta.get("og:site_name"), ldName(article == null ? null : article.get("publisher")),
        websiteName(ld), meta.get("application-name"));

    List<String> titles = new ArrayList<>();
    String ldHeadline = article == null ? null : clean(str(article.get("headline")));
    if (ldHeadline == null && article != null) ldHeadline = clean(str(article.get("name")));
    String h1 = h1(doc);
    String docTitle = clean(doc.title());
    for (String t : new String[] {ldHeadline, clean(meta.get("og:title")), clean(meta.get("twitter:title")), h1,
        docTitle}) {
      if (t != null && !titles.contains(t)) titles.add(t);
    }
    String title = null;
    for (String t : new String[] {ldHeadline, clean(meta.get("og:title")), clean(meta.get("twitter:title")), h1}) {
      if (t != null) {
        title = stripSiteName(t, siteName, url, h1);
        break;
      }
    }
    if (title == null && docTitle != null) title = stripSiteName(docTitle, siteName, url, h1);

    String[] dates = {article == null ? null : str(article.get("datePublished")),
        meta.get("article:published_time"), meta.get("og:published_time"), meta.get("published_time"),
        itempropDate(doc, "datePublished"), meta.get("datepublished"), meta.get("pubdate"),
        meta.get("publishdate"), meta.get("publish-date"), meta.get("publish_date"), meta.get("date"),
        meta.get("dc.date"), meta.get("dc.date.issued"), meta.get("dcterms.created"), meta.get("dcterms.date"),
        meta.get("sailthru.date"), meta.get("parsely-pub-date"), meta.get("article.published"),
        article == null ? null : str(article.get("dateCreated")), timeElement(doc)};
    String published = firstDate(dates);
    if (published == null) published = urlDate(url);
    if (published == null) {
      Element canonical = doc.selectFirst("link[rel=canonical][href]");
      if (canonical != null) published = urlDate(canonical.attr("href"));
    }
    if (published == null) published = firstWritten(dates);

    List<String> authors = authors(article, meta, doc);
    String canonical = canonical(doc, meta, article, url);
    String lang = first(attr(doc.selectFirst("html[lang]"), "lang"), meta.get("content-language"),
        article == null ? null : str(article.get("inLanguage")), meta.get("og:locale"));
    String description = first(clean(meta.get("description")), clean(meta.get("og:description")),
        clean(meta.get("twitter:description")), article == null ? null : clean(str(article.get("description"))));

    Map<String, String> extra = new LinkedHashMap<>();
    put(extra, "modified", firstDate(article == null ? null : str(article.get("dateModified")),
        meta.get("article:modified_time"), meta.get("og:updated_time"), meta.get("datemodified")));
    put(extra, "section", first(article == null ? null : clean(str(article.get("articleSection"))),
        meta.get("article:section")));
    put(extra, "keywords", first(article == null ? null : clean(str(article.get("keywords"))),
        clean(meta.get("keywords")), clean(meta.get("news_keywords"))));
    put(extra, "ld_type", article == null ? null : str(article.get("@type")));

    String body = article == null ? null : str(article.get("articleBody"));
    PageMetadata md = new PageMetadata(title, published, authors, canonical, clean(siteName), clean(lang),
        description, extra);
    return new Result(md, body == null || body.isBlank() ? null : body, titles);
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null && !v.isBlank()) m.put(k, v);
  }

  /** name / property / itemprop / http-equiv of every meta tag, lower case, to its content (first one wins). */
  private static Map<String, String> metaTags(Document doc) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Element e : doc.getElementsByTag("meta")) {
      String content = e.hasAttr("content") ? e.attr("content") : null;
      if (content == null || content.isBlank()) continue;
      for (String key : new String[] {"property", "name", "itemprop", "http-equiv"}) {
        String k = e.attr(key).strip().toLowerCase(Locale.ROOT);
        if (!k.isEmpty() && !m.containsKey(k)) m.put(k, content.strip());
      }
    }
    return m;
  }

  // ---------------------------------------------------------------- JSON-LD

  private static final int MAX_LD_CHARS = 2_000_000;

  private static List<Map<String, Object>> jsonLdObjects(Document doc) {
    List<Map<String, Object>> out = new ArrayList<>();
    int budget = MAX_LD_CHARS;
    for (Element s : doc.getElementsByTag("script")) {
      if (!s.attr("type").strip().toLowerCase(Locale.ROOT).startsWith("application/ld+json")) continue;
      String data = s.data();
      if (data.length() > budget) continue;
      budget -= data.length();
      for (Object v : LenientJson.parseAll(data)) collect(v, out, 0);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void collect(Object v, List<Map<String, Object>> out, int depth) {
    if (depth > 8) return;
    if (v instanceof List<?> list) {
      for (Object o : list) collect(o, out, depth + 1);
    } else if (v instanceof Map<?, ?> map) {
      Map<String, Object> m = (Map<String, Object>) map;
      if (m.containsKey("@type")) out.add(m);
      Object graph = m.get("@graph");
      if (graph != null) collect(graph, out, depth + 1);
      Object main = m.get("mainEntity");
      if (main instanceof Map<?, ?>) collect(main, out, depth + 1);
    }
  }

  private static Map<String, Object> pickArticle(List<Map<String, Object>> ld) {
    Map<String, Object> page = null;
    for (Map<String, Object> m : ld) {
      for (String t : types(m)) {
        if (t.endsWith("article") || t.endsWith("posting") || t.equals("report")) return m;
        if (page == null && t.endsWith("webpage") && (m.containsKey("headline") || m.containsKey("datePublished"))) {
          page = m;
        }
      }
    }
    return page;
  }

  private static List<String> types(Map<String, Object> m) {
    List<String> out = new ArrayList<>();
    Object t = m.get("@type");
    if (t instanceof String s) out.add(s.toLowerCase(Locale.ROOT));
    else if (t instanceof List<?> l) {
      for (Object o : l) if (o instanceof String s) out.add(s.toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private static String websiteName(List<Map<String, Object>> ld) {
    for (Map<String, Object> m : ld) {
      if (types(m).contains("website")) {
        String n = str(m.get("name"));
        if (n != null) return n;
      }
    }
    return null;
  }

  /** A name from a string, an object with a name, or the first of a list of those. */
  private static String ldName(Object v) {
    if (v instanceof String s) return s;
    if (v instanceof Map<?, ?> m) return str(m.get("name"));
    if (v instanceof List<?> l && !l.isEmpty()) return ldName(l.get(0));
    return null;
  }

  /** A value as text: strings as they are, the first string of a list, lists of strings joined with ", ". */
  private static String str(Object v) {
    if (v instanceof String s) return s.isBlank() ? null : s;
    if (v instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      for (Object o : l) if (o instanceof String s && !s.isBlank()) parts.add(s.strip());
      return parts.isEmpty() ? null : String.join(", ", parts);
    }
    if (v instanceof Map<?, ?> m && m.get("@value") instanceof String s) return s;
    return null;
  }

  // ---------------------------------------------------------------- fields

  private static List<String> authors(Map<String, Object> article, Map<String, String> meta, Document doc) {
    Set<String> out = new LinkedHashSet<>();
    if (article != null) {
      Object a = article.get("author");
      List<?> list = a instanceof List<?> l ? l : a == null ? List.of() : List.of(a);
      for (Object o : list) addAuthor(out, ldName(o));
    }
    if (out.isEmpty()) {
      addAuthor(out, meta.get("author"));
      addAuthor(out, meta.get("article:author"));
      addAuthor(out, meta.get("dc.creator"));
      addAuthor(out, meta.get("byl"));
    }
    if (out.isEmpty()) {
      for (Element e : doc.select("[itemprop=author]")) {
        Element name = e.selectFirst("[itemprop=name]");
        String n = name != null ? (name.hasAttr("content") ? name.attr("content") : name.text())
            : e.hasAttr("content") ? e.attr("content") : e.text();
        addAuthor(out, n);
        if (out.size() >= 10) break;
      }
    }
    return new ArrayList<>(out);
  }

  private static void addAuthor(Set<String> out, String name) {
    String n = clean(name);
    if (n == null || n.length() > 100) return;
    if (n.startsWith("http://") || n.startsWith("https://") || n.startsWith("www.")) return;
    n = n.replaceFirst("(?i)^(by|par|von|por|di|door)\\s+", "");
    if (!n.isEmpty()) out.add(n);
  }

  private static String canonical(Document doc, Map<String, String> meta, Map<String, Object> article,
      String url) {
    Element link = doc.selectFirst("link[rel~=(?i)^canonical$][href]");
    List<String> candidates = new ArrayList<>();
    if (link != null) candidates.add(link.attr("href"));
    if (meta.get("og:url") != null) candidates.add(meta.get("og:url"));
    if (article != null) {
      Object main = article.get("mainEntityOfPage");
      if (main instanceof Map<?, ?> m && m.get("@id") instanceof String s) candidates.add(s);
      else if (main instanceof String s) candidates.add(s);
      if (article.get("url") instanceof String s) candidates.add(s);
    }
    for (String c : candidates) {
      String abs = absolute(c.strip(), url == null || url.isBlank() ? doc.location() : url);
      if (abs != null) return abs;
    }
    return null;
  }

  /** {@code href} made absolute against {@code base}; null unless the result is an http(s) URL. */
  static String absolute(String href, String base) {
    if (href.isEmpty()) return null;
    try {
      URI u = new URI(href.replace(" ", "%20"));
      if (!u.isAbsolute()) {
        if (base == null || base.isBlank()) return null;
        u = new URI(base.replace(" ", "%20")).resolve(u);
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return scheme.equals("http") || scheme.equals("https") ? u.toString() : null;
    } catch (Exception e) { // URISyntaxException, IllegalArgumentException from resolve
      return null;
    }
  }

  private static String h1(Document doc) {
    Element h = doc.selectFirst("article h1");
    if (h == null) h = doc.selectFirst("h1");
    return h == null ? null : clean(h.text());
  }

  private static String itempropDate(Document doc, String prop) {
    Element e = doc.selectFirst("[itemprop=" + prop + "]");
    if (e == null) return null;
    if (e.hasAttr("content")) return e.attr("content");
    if (e.hasAttr("datetime")) return e.attr("datetime");
    return e.text();
  }

  private static String timeElement(Document doc) {
    Element t = doc.selectFirst("time[pubdate][datetime]");
    if (t == null) t = doc.selectFirst("article time[datetime]");
    if (t == null) t = doc.selectFirst("time[datetime]");
    return t == null ? null : t.attr("datetime");
  }

  /** A yyyy/mm/dd, yyyy-mm-dd or yyyymmdd date in a URL's path, as ISO yyyy-mm-dd. */
  static String urlDate(String url) {
    if (url == null) return null;
    String path = url.replaceFirst("^[a-zA-Z]+://[^/]*", "");
    Matcher m = URL_DATE.matcher(path);
    if (m.find()) return iso(m.group(1), m.group(2), m.group(3));
    m = URL_DATE_COMPACT.matcher(path);
    if (m.find()) return iso(m.group(1), m.group(2), m.group(3));
    return null;
  }

  private static String iso(String y, String mo, String d) {
    try {
      return LocalDate.of(Integer.parseInt(y), Integer.parseInt(mo), Integer.parseInt(d)).toString();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static final Map<String, Integer> MONTHS = months();

  private static Map<String, Integer> months() {
    Map<String, Integer> m = new LinkedHashMap<>();
    String[][] names = {
        {"january", "jan", "janvier", "janv", "januar", "enero", "gennaio", "janeiro"},
        {"february", "feb", "février", "fevrier", "févr", "fevr", "februar", "febrero", "febbraio", "fevereiro"},
        {"march", "mar", "mars", "märz", "marzo", "março"},
        {"april", "apr", "avril", "avr", "abril", "aprile"},
        {"may", "mai", "mayo", "maggio", "maio"},
        {"june", "jun", "juin", "juni", "junio", "giugno", "junho"},
        {"july", "jul", "juillet", "juil", "juli", "julio", "luglio", "julho"},
        {"august", "aug", "août", "aout", "agosto"},
        {"september", "sep", "sept", "septembre", "septiembre", "settembre", "setembro"},
        {"october", "oct", "octobre", "oktober", "octubre", "ottobre", "outubro"},
        {"november", "nov", "novembre", "noviembre", "novembro"},
        {"december", "dec", "décembre", "decembre", "déc", "dezember", "diciembre", "dicembre", "dezembro"}};
    for (int i = 0; i < names.length; i++) for (String n : names[i]) m.put(n, i + 1);
    return Map.copyOf(m);
  }

  private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
      "(?iu)\\b(\\d{1,2})(?:er|st|nd|rd|th)?\\.?\\s+(\\p{L}{3,10})\\.?,?\\s+((?:19|20)\\d{2})\\b");
  private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
      "(?iu)\\b(\\p{L}{3,10})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})\\b");

  /** The first candidate that is a date of a plausible year (1900 to 2199): "0001-01-01" placeholders are not. */
  private static String firstDate(String... candidates) {
    for (String c : candidates) {
      String d = date(c);
      if (d == null) continue;
      Matcher m = ISO_DATE.matcher(d);
      if (m.find()) return d;
    }
    return null;
  }

  /** The first candidate as written, when none is a date we can read (and the URL has none). */
  private static String firstWritten(String... candidates) {
    for (String c : candidates) {
      String d = clean(c);
      if (d != null && !d.startsWith("0")) return d;
    }
    return null;
  }

  /**
   * A publication date as written when it starts with an ISO date (yyyy-mm-dd...), else the date it names as ISO
   * yyyy-mm-dd (RFC 1123, yyyy/mm/dd, "2 July 2020", "July 2, 2020", "2 juillet 2020"...), else as written.
   */
  static String date(String raw) {
    String s = clean(raw);
    if (s == null) return null;
    if (ISO_DATE.matcher(s).find()) return s;
    Matcher m = SLASH_YMD.matcher(s);
    if (m.find()) {
      String d = iso(m.group(1), m.group(2), m.group(3));
      if (d != null) return d;
    }
    try {
      return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toOffsetDateTime().toString();
    } catch (DateTimeParseException e) {
      // not RFC 1123
    }
    String d = namedMonth(DAY_MONTH_YEAR.matcher(s), 1, 2);
    if (d == null) d = namedMonth(MONTH_DAY_YEAR.matcher(s), 2, 1);
    if (d != null) return d;
    return s;
  }

  /** The ISO date a "day month year" or "month day year" match names, or null (no match, unknown month). */
  private static String namedMonth(Matcher m, int dayGroup, int monthGroup) {
    if (!m.find()) return null;
    Integer month = MONTHS.get(m.group(monthGroup).toLowerCase(Locale.ROOT));
    return month == null ? null : iso(m.group(3), String.valueOf(month), m.group(dayGroup));
  }

  /**
   * The title without a site name before or after a separator ("Headline | Site", "Site - Headline"): a part is
   * the site name when it equals the site's declared name or its host's name (letters and digits compared, case
   * ignored). When nothing names the site and the h1 equals one of the parts, that part is the title.
   */
  static String stripSiteName(String title, String siteName, String url, String h1) {
    String[] parts = TITLE_SEPARATOR.split(title);
    if (parts.length < 2) return title;
    Set<String> names = new LinkedHashSet<>();
    if (siteName != null) names.add(key(siteName));
    String host = host(url);
    if (host != null) {
      String[] labels = host.split("\\.");
      for (String l : labels) if (l.length() > 2 && !l.equals("www")) names.add(key(l));
      names.add(key(host));
    }
    names.remove("");
    String last = key(parts[parts.length - 1]);
    String firstPart = key(parts[0]);
    Matcher m = TITLE_SEPARATOR.matcher(title);
    if (names.stream().anyMatch(n -> n.equals(last) || last.length() > 3 && n.contains(last)
        || n.length() > 3 && last.contains(n) && last.length() <= n.length() + 12)) {
      int lastSep = -1;
      while (m.find()) lastSep = m.start();
      return title.substring(0, lastSep).strip();
    }
    if (names.stream().anyMatch(n -> n.equals(firstPart) || firstPart.length() > 3 && n.contains(firstPart))) {
      m.reset();
      if (m.find()) return title.substring(m.end()).strip();
    }
    if (h1 != null) {
      for (String p : parts) if (p.strip().equalsIgnoreCase(h1)) return p.strip();
    }
    return title;
  }

  private static String host(String url) {
    if (url == null) return null;
    try {
      String h = new URI(url.strip().replace(" ", "%20")).getHost();
      return h == null ? null : h.toLowerCase(Locale.ROOT);
    } catch (Exception e) {
      return null;
    }
  }

  private static String key(String s) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (Character.isLetterOrDigit(c)) b.append(Character.toLowerCase(c));
    }
    return b.toString();
  }

  /** Trimmed, white space collapsed, left-over entities decoded; null when nothing is left. */
  static String clean(String s) {
    if (s == null) return null;
    String t = s;
    if (t.indexOf('&') >= 0) t = Parser.unescapeEntities(t, false);
    t = t.replaceAll("[\\s\\u00A0\\u200B]+", " ").strip();
    return t.isEmpty() ? null : t;
  }

  private static String attr(Element e, String name) {
    return e == null ? null : clean(e.attr(name));
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T v : values) {
      if (v instanceof String s ? !s.isBlank() : v != null) return v;
    }
    return null;
  }
}
