package io.newslens.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Table tests of the kernel: small hand-written pages in, the expected article, dropped lines and metadata out. */
class PageExtractorTest {

  static final String ENGLISH = """
      <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
      <title>Council approves new bridge - The Riverside Gazette</title>
      <meta property="og:site_name" content="The Riverside Gazette">
      <meta name="author" content="Jane Doe">
      <meta property="article:published_time" content="2021-03-04T09:30:00+00:00">
      <link rel="canonical" href="/news/2021/03/04/bridge">
      </head><body>
      <header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
      <li><a href="/sport">Sport</a></li></ul></nav></header>
      <main><article>
      <h1>Council approves new bridge</h1>
      <p class="byline">By Jane Doe</p>
      <p>The city council voted on Tuesday to build a new bridge across the river, ending a debate that has lasted
      for more than ten years.</p>
      <figure><img src="b.jpg"><figcaption>An artist's view of the bridge.</figcaption></figure>
      <p>The bridge will carry cyclists and pedestrians, and the work should start in the spring of next year if
      the funding is confirmed.</p>
      <h2>What happens next</h2>
      <p>Residents can comment on the plans until the end of the month, the council said in a statement published
      on its website.</p>
      <ul><li>Public meeting on 12 March at the town hall</li><li>Final vote in April</li></ul>
      <blockquote>We have waited for this bridge for a very long time, and we are happy that the council listened
      to us.</blockquote>
      <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
      </article>
      <aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Old bridge closed for repairs</a></li>
      <li><a href="/b">River levels rise after storm</a></li><li><a href="/c">New cycle lanes planned</a></li></ul>
      </aside>
      <section id="comments"><h3>3 comments</h3><p>Great news, I cross the river every day and the old bridge is
      always full of cars in the morning.</p></section>
      </main>
      <div class="cookie-banner">We use cookies to improve your experience on our site. By continuing you accept
      our use of cookies.</div>
      <footer><p>© 2021 The Riverside Gazette. All rights reserved.</p><a href="/about">About us</a></footer>
      </body></html>
      """;

  static final String FRENCH = """
      <html lang="fr"><head><meta charset="utf-8"><title>Le port de Brest s'agrandit | Le Courrier de l'Ouest</title>
      <script type="application/ld+json">
      {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Le Courrier de l'Ouest"},
        {"@type": "NewsArticle", "headline": "Le port de Brest s'agrandit",
         "datePublished": "2020-06-15T16:40:00+02:00", "dateModified": "2020-06-16T08:00:00+02:00",
         "author": [{"@type": "Person", "name": "Marie Le Goff"}, {"@type": "Person", "name": "Yann Kerbrat"}],
         "publisher": {"@type": "Organization", "name": "Le Courrier de l'Ouest"},
         "articleSection": "Économie",}
      ]}
      </script>
      <meta property="og:url" content="https://courrier.example/eco/port-de-brest.html">
      </head><body>
      <div id="menu"><a href="/">Accueil</a> <a href="/eco">Économie</a> <a href="/sport">Sport</a></div>
      <div class="contenu">
      <h1>Le port de Brest s'agrandit</h1>
      <div class="partage"><a href="#">Facebook</a><a href="#">Twitter</a><button>Partager</button></div>
      <p class="date">AFP, publié le lundi 15 juin 2020 à 16h40</p>
      <div class="texte">
      <p><strong>Les travaux du nouveau quai commenceront à l'automne, a annoncé lundi la région, qui financera la
      moitié du chantier.</strong></p>
      <p>Le quai, long de quatre cents mètres, doit accueillir les navires des énergies marines renouvelables
      dès la fin de l'année prochaine.</p>
      <div class="encadre"><p>À lire aussi</p><ul><li><a href="/x">Brest : la rade sous surveillance</a></li>
      <li><a href="/y">Les chantiers navals recrutent</a></li></ul></div>
      <p>Pour les dockers, c'est une bonne nouvelle : le port a perdu des trafics ces dernières années et
      espère ainsi retrouver de l'activité.</p>
      <p>Publicité</p>
      <p>La région rappelle que le projet a été soumis à une enquête publique au printemps, sans opposition
      majeure.</p>
      </div>
      </div>
      <div class="newsletter"><p>Inscrivez-vous à notre lettre d'information pour recevoir chaque matin
      l'essentiel de l'actualité de la région.</p></div>
      <div id="footer"><a href="/mentions">Mentions légales</a> <a href="/contact">Contact</a></div>
      </body></html>
      """;

  @Test
  void englishNewsPage() {
    ExtractedPage p = extract(ENGLISH, "https://gazette.example/news/bridge-123");
    assertEquals(String.join("\n\n",
        "The city council voted on Tuesday to build a new bridge across the river, ending a debate that has lasted "
            + "for more than ten years.",
        "The bridge will carry cyclists and pedestrians, and the work should start in the spring of next year if "
            + "the funding is confirmed.",
        "What happens next",
        "Residents can comment on the plans until the end of the month, the council said in a statement published "
            + "on its website.",
        "Public meeting on 12 March at the town hall",
        "Final vote in April",
        "We have waited for this bridge for a very long time, and we are happy that the council listened to us."),
        p.articleText());
    Map<String, String> dropped = droppedLines(p);
    assertEquals("navigation", dropped.get("Home"));
    assertEquals("title", dropped.get("Council approves new bridge"));
    assertEquals("byline", dropped.get("By Jane Doe"));
    assertEquals("caption", dropped.get("An artist's view of the bridge."));
    assertEquals("share", dropped.get("Share on Facebook Share on Twitter"));
    assertEquals("aside", dropped.get("Old bridge closed for repairs"));
    assertEquals("comments", dropped.get("3 comments"));
    assertEquals("notice", dropped.get("We use cookies to improve your experience on our site. By continuing you "
        + "accept our use of cookies."));
    assertEquals("footer", dropped.get("© 2021 The Riverside Gazette. All rights reserved."));
    assertNull(p.contractViolation());
    assertEquals("dom_score", p.method());
    assertTrue(p.score() > 0.9, "the article holds nearly all content weight: " + p.score());

    PageMetadata m = p.metadata();
    assertEquals("Council approves new bridge", m.title());
    assertEquals("2021-03-04T09:30:00+00:00", m.published());
    assertEquals(List.of("Jane Doe"), m.authors());
    assertEquals("https://gazette.example/news/2021/03/04/bridge", m.canonicalUrl());
    assertEquals("The Riverside Gazette", m.siteName());
    assertEquals("en", m.lang());
    assertEquals("UTF-8", p.encoding());
    assertEquals("meta", p.encodingSource());
  }

  @Test
  void frenchNewsPage() {
    ExtractedPage p = extract(FRENCH, "https://courrier.example/eco/port-de-brest.html?xtor=RSS");
    assertEquals(String.join("\n\n",
        "Les travaux du nouveau quai commenceront à l'automne, a annoncé lundi la région, qui financera la moitié "
            + "du chantier.",
        "Le quai, long de quatre cents mètres, doit accueillir les navires des énergies marines renouvelables dès "
            + "la fin de l'année prochaine.",
        "Pour les dockers, c'est une bonne nouvelle : le port a perdu des trafics ces dernières années et espère "
            + "ainsi retrouver de l'activité.",
        "La région rappelle que le projet a été soumis à une enquête publique au printemps, sans opposition "
            + "majeure."),
        p.articleText());
    Map<String, String> dropped = droppedLines(p);
    assertEquals("navigation", dropped.get("Accueil Économie Sport"));
    assertEquals("title", dropped.get("Le port de Brest s'agrandit"));
    assertEquals("share", dropped.get("FacebookTwitter"));
    assertEquals("byline", dropped.get("AFP, publié le lundi 15 juin 2020 à 16h40"));
    assertEquals("boilerplate_pattern", dropped.get("À lire aussi"));
    assertEquals("link_dense", dropped.get("Brest : la rade sous surveillance"));
    assertEquals("boilerplate_pattern", dropped.get("Publicité"));
    assertEquals("notice", dropped.get("Inscrivez-vous à notre lettre d'information pour recevoir chaque matin "
        + "l'essentiel de l'actualité de la région."));
    assertEquals("footer", dropped.get("Mentions légales Contact"));
    assertNull(p.contractViolation());

    PageMetadata m = p.metadata();
    assertEquals("Le port de Brest s'agrandit", m.title());
    assertEquals("2020-06-15T16:40:00+02:00", m.published());
    assertEquals(List.of("Marie Le Goff", "Yann Kerbrat"), m.authors());
    assertEquals("https://courrier.example/eco/port-de-brest.html", m.canonicalUrl());
    assertEquals("Le Courrier de l'Ouest", m.siteName());
    assertEquals("fr", m.lang());
    assertEquals("2020-06-16T08:00:00+02:00", m.extra().get("modified"));
    assertEquals("Économie", m.extra().get("section"));
  }

  /** A teaser river below the article (linked headline + summary, repeated) is not part of the article. */
  @Test
  void teaserListBelowTheArticleIsDropped() {
    StringBuilder html = new StringBuilder("<html><body><div class='page'><div class='story'>");
    for (int i = 1; i <= 4; i++) {
      html.append("<p>Paragraph ").append(i).append(" of the story tells what happened in the valley when the ")
          .append("water rose during the night and the farmers moved their animals to the hills.</p>");
    }
    html.append("</div><div class='river'>");
    for (int i = 1; i <= 5; i++) {
      html.append("<div class='item'><h3><a href='/s").append(i).append("'>Other story number ").append(i)
          .append("</a></h3><p>A short summary of the other story, which is about something else.</p></div>");
    }
    html.append("</div></div></body></html>");
    ExtractedPage p = extract(html.toString(), null);
    assertEquals(4, p.articleText().split("\n\n").length, p.articleText());
    assertTrue(p.articleText().startsWith("Paragraph 1 of the story"));
    assertEquals("related", droppedLines(p).get("A short summary of the other story, which is about something else."));
    assertNull(p.contractViolation());
  }

  /** A page in a language the function-word list does not cover still gives its article (Greek here). */
  @Test
  void languageTheFunctionWordsDoNotCover() {
    String html = "<html lang='el'><body><ul class='menu'><li><a href='/'>Αρχική</a></li><li><a href='/k'>Κόσμος"
        + "</a></li></ul><div class='article-body'>"
        + "<p>Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για τη στήριξη των νοικοκυριών, που θα ισχύσουν από τον "
        + "επόμενο μήνα και θα κοστίσουν περίπου ένα δισεκατομμύριο ευρώ.</p>"
        + "<p>Η αντιπολίτευση χαρακτήρισε τα μέτρα ανεπαρκή και ζήτησε να συζητηθούν άμεσα στη Βουλή, πριν από "
        + "την ψήφιση του προϋπολογισμού.</p></div><div class='footer'>Όροι χρήσης</div></body></html>";
    ExtractedPage p = extract(html, null);
    assertEquals(2, p.articleText().split("\n\n").length, p.articleText());
    assertTrue(p.articleText().startsWith("Η κυβέρνηση ανακοίνωσε"));
    assertEquals("el", p.metadata().lang());
  }

  /** The baselines: all visible text, and the text inside p elements. */
  @Test
  void baselines() {
    byte[] body = FRENCH.getBytes(StandardCharsets.UTF_8);
    ExtractedPage all = PageExtractor.extract(body, null, null,
        ExtractParams.defaults().withMethod(ExtractParams.Method.ALL_TEXT));
    assertEquals(all.pageText(), all.articleText());
    assertEquals(List.of(), all.dropped());
    assertEquals("all_text", all.method());
    ExtractedPage p = PageExtractor.extract(body, null, null,
        ExtractParams.defaults().withMethod(ExtractParams.Method.P_TEXT));
    assertEquals("p_text", p.method());
    assertTrue(p.articleText().startsWith("AFP, publié le lundi"), p.articleText());
    assertTrue(p.articleText().contains("Publicité"));
    assertTrue(!p.articleText().contains("Accueil"));
    assertNull(p.contractViolation());
  }

  /** Blocks: br splits lines, pre keeps its lines, hidden elements and scripts are not visible text. */
  @Test
  void pageTextIsOneVisibleBlockPerLine() {
    String html = "<body><p>one<br>two</p><pre>a  b\nc</pre><div hidden>secret</div><span style='display: none'>"
        + "x</span><p class='sr-only'>skip</p><script>var s;</script><div>tail <b>bold</b>&nbsp;end</div></body>";
    ExtractedPage p = PageExtractor.extract(html.getBytes(StandardCharsets.UTF_8), null, null,
        ExtractParams.defaults().withMethod(ExtractParams.Method.ALL_TEXT));
    assertEquals("one\n\ntwo\n\na b\n\nc\n\ntail bold end", p.pageText());
  }

  @Test
  void paramsAreValidated() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new ExtractParams(ExtractParams.Method.ARTICLE, 10, 512));
    assertTrue(e.getMessage().contains("maxParseBytes"));
  }

  static ExtractedPage extract(String html, String url) {
    return PageExtractor.extract(html.getBytes(StandardCharsets.UTF_8), null, url);
  }

  /** Each dropped line of pageText, to its reason. */
  static Map<String, String> droppedLines(ExtractedPage p) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Span s : p.dropped()) {
      for (String line : p.pageText().substring(s.start(), s.end()).split("\n\n")) out.put(line, s.reason());
    }
    return out;
  }
}
