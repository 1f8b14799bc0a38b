package io.newslens.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pages that are not what a page should be: each gives an answer (often: no article), never an exception. */
class HostilePagesTest {

  static ExtractedPage extract(String html) {
    return PageExtractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html", null);
  }

  @Test
  void emptyAndNullBodies() {
    for (byte[] body : new byte[][] {new byte[0], null}) {
      ExtractedPage p = PageExtractor.extract(body, null, null);
      assertEquals("", p.pageText());
      assertFalse(p.hasArticle());
      assertEquals(0.0, p.score());
      assertNull(p.contractViolation());
    }
  }

  @Test
  void noBody() {
    ExtractedPage p = extract("<html><head><title>Only a head</title><meta name=description content=d></head>");
    assertEquals("", p.pageText());
    assertFalse(p.hasArticle());
    assertEquals("Only a head", p.metadata().title());
    assertEquals("d", p.metadata().description());
  }

  @Test
  void scriptOnly() {
    ExtractedPage p = extract("<script>document.write('<p>' + 'hello'.repeat(100) + '</p>');</script>"
        + "<noscript>Please enable JavaScript.</noscript><style>p{}</style>");
    assertEquals("", p.pageText());
    assertFalse(p.hasArticle());
  }

  @Test
  void onlyNavigationHasNoArticle() {
    ExtractedPage p = extract("<body><nav><a href=/a>Home</a> <a href=/b>World</a></nav>"
        + "<footer><a href=/c>Contact</a></footer></body>");
    assertFalse(p.hasArticle());
    assertEquals("Home World\n\nContact", p.pageText());
    assertNull(p.contractViolation());
  }

  @Test
  void deeplyNested() {
    String html = "<div>".repeat(100_000) + "<p>Deep inside the page there is a paragraph that is long enough to be "
        + "an article, with words that read like a sentence in English.</p>" + "</div>".repeat(100_000);
    ExtractedPage p = extract(html);
    assertEquals("Deep inside the page there is a paragraph that is long enough to be an article, with words that "
        + "read like a sentence in English.", p.articleText());
    assertNull(p.contractViolation());
  }

  /** 50 MB: only the first maxParseBytes are decoded and parsed, and the metadata says where the page was cut. */
  @Test
  void hugePageIsCut() {
    String para = "<p>This paragraph repeats until the page weighs fifty megabytes, which no news article does, "
        + "so the extractor reads only the start of it and says so.</p>\n";
    StringBuilder b = new StringBuilder(50 << 20);
    b.append("<html><head><title>Huge</title></head><body><article>");
    while (b.length() < 50 << 20) b.append(para);
    byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
    b = null;
    ExtractedPage p = PageExtractor.extract(body, null, null);
    assertEquals(String.valueOf(ExtractParams.DEFAULT_MAX_PARSE_BYTES), p.metadata().extra().get("truncated_at"));
    assertTrue(p.pageText().length() < ExtractParams.DEFAULT_MAX_PARSE_BYTES, "bounded: " + p.pageText().length());
    assertTrue(p.hasArticle());
    assertEquals("Huge", p.metadata().title());
    assertNull(p.contractViolation());
    ExtractedPage small = PageExtractor.extract(body, null, null,
        new ExtractParams(ExtractParams.Method.ARTICLE, 4096, 512));
    assertEquals("4096", small.metadata().extra().get("truncated_at"));
  }

  @Test
  void binaryPayloadWithAnHtmlContentType() {
    byte[] noise = new byte[200_000];
    new Random(42).nextBytes(noise);
    ExtractedPage p = PageExtractor.extract(noise, "text/html", null);
    assertNull(p.contractViolation());
    assertEquals("windows-1252", p.encoding()); // random bytes are not UTF-8
    assertEquals("binary", p.method());
    assertEquals("", p.pageText());
    assertFalse(p.hasArticle());
    // a gzip body served without its Content-Encoding undone is binary too
    byte[] gz = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0};
    assertEquals("binary", PageExtractor.extract(gz, "text/html", null).method());
  }

  @Test
  void brokenMarkup() {
    ExtractedPage p = extract("<body><div class=story><p>An unclosed paragraph that goes on for a while, with "
        + "enough words to read like an article sentence.<p>Another one <b>bold <i>and italic</b> that also goes on "
        + "long enough to be kept as article text.</div></span></td><p>Tail after stray end tags, short.");
    assertTrue(p.articleText().startsWith("An unclosed paragraph"), p.articleText());
    assertTrue(p.articleText().contains("Another one bold and italic that also goes on"));
    assertNull(p.contractViolation());
  }

  /** Random pages built from pieces of real page furniture: the contract holds on every one. */
  @Test
  void contractHoldsOnGeneratedPages() {
    String[] pieces = {"<nav><a href=/>Home</a><a href=/w>World</a></nav>", "<h1>A title here</h1>",
        "<p class=byline>By Some One</p>", "<p>A paragraph of article text that reads like a sentence and goes on.</p>",
        "<ul><li><a href=/r>Related</a></li><li><a href=/s>Other</a></li><li><a href=/t>More</a></li></ul>",
        "<figure><figcaption>Caption</figcaption></figure>", "<div class=comments><p>Nice.</p></div>",
        "<table><tr><td>1</td><td>2</td></tr></table>", "<pre>code\n  more</pre>", "<br><br>", "text<br>",
        "<blockquote>Quoted words of someone.</blockquote>", "<footer>© 2020</footer>", "<div>", "</div>",
        "<p>Advertisement</p>", "<h2>Sub</h2>", "\u00A0", "<time datetime=2020-01-01>1 Jan 2020</time>"};
    Random r = new Random(7);
    for (int page = 0; page < 500; page++) {
      StringBuilder html = new StringBuilder("<body>");
      int n = 1 + r.nextInt(40);
      for (int i = 0; i < n; i++) html.append(pieces[r.nextInt(pieces.length)]);
      ExtractedPage p = extract(html.toString());
      assertNull(p.contractViolation(), () -> "page " + html);
      assertTrue(Arrays.stream(p.pageText().split("\n\n")).noneMatch(String::isBlank) || p.pageText().isEmpty());
    }
  }
}
