package io.newslens.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newslens.extract.ExtractedPage;
import io.newslens.extract.PageExtractor;
import io.newslens.extract.Span;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * .html files: bytes in, one record out. The text and metadata are whatever {@link PageExtractor} makes of the
 * page (the reader's part is to carry them): each expectation is computed from the extractor's own result on the
 * same bytes, except for pages whose outcome does not depend on the extractor (no body, script only, too large,
 * binary).
 */
class HtmlReaderTest {
  private static final IngestParams P = IngestParams.defaults();

  static RawRecord one(String name, byte[] bytes, IngestParams p) {
    List<RawRecord> rs = RecordSourceTest.read(name, bytes, p);
    assertEquals(1, rs.size(), rs.toString());
    return rs.get(0);
  }

  static final String PAGE = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
      + "<title>Un été à Paris - Le Site</title>"
      + "<link rel=\"canonical\" href=\"https://www.lesite.fr/un-ete-a-paris.html\">"
      + "<meta property=\"og:site_name\" content=\"Le Site\">"
      + "<meta property=\"article:published_time\" content=\"2020-07-02T08:00:00+02:00\">"
      + "<meta name=\"author\" content=\"Anne Dupont\"><meta name=\"description\" content=\"Un été chaud.\">"
      + "</head><body><nav><a href=\"/\">Accueil</a> <a href=\"/france\">France</a></nav>"
      + "<article><h1>Un été à Paris</h1><p>Il a fait très chaud à Paris cet été, disent les habitants.</p>"
      + "<p>Les parcs étaient pleins jusqu'à minuit, et les fontaines aussi.</p></article>"
      + "<footer>© Le Site 2020</footer></body></html>";

  @Test
  void aPageCarriesTheExtractorsTextMetadataAndAudit() {
    byte[] bytes = PAGE.getBytes(UTF_8);
    ExtractedPage x = PageExtractor.extract(bytes, null, null);
    RawRecord r = one("site/un-ete.html", bytes, P);
    assertNull(r.reason(), r.message());
    assertEquals("html", r.inputFormat());
    assertEquals(1, r.recordNumber());
    assertEquals("un-ete.html", r.sourceId());
    assertEquals(x.pageText(), r.text());
    assertEquals(Text.oneLine(x.metadata().title()), r.title());
    assertEquals(x.metadata().published(), r.publishedRaw());
    assertEquals(x.metadata().canonicalUrl(), r.url());
    String host = FieldMapping.hostOf(x.metadata().canonicalUrl());
    assertEquals(x.metadata().siteName() != null ? x.metadata().siteName() : host != null ? host : "un-ete",
        r.source());
    assertEquals(x.encoding(), r.encoding());
    assertEquals("UTF-8", r.encoding());
    assertNull(r.fetchedAt(), "a file has no fetch time");
    assertEquals(x.metadata().lang(), r.meta().get("page_lang"));
    assertEquals(x.metadata().authors().isEmpty() ? null : String.join("; ", x.metadata().authors()),
        r.meta().get("authors"));
    PageExtraction e = r.extraction();
    assertEquals(x.method(), e.method());
    assertEquals(x.score(), e.score());
    assertEquals("meta", e.encodingSource());
    assertEquals(x.pageText().length(), e.pageChars());
    assertEquals(x.articleText().length(), e.articleChars());
    assertEquals(x.dropped(), e.dropped());
    assertEquals(x.pageText().lines().filter(l -> !l.isBlank()).count(), e.blocks());
    // the article is the page text without the dropped spans
    assertTrue(e.articleChars() <= e.pageChars());
    assertTrue(e.droppedBlocks() <= e.blocks());
  }

  @Test
  void blockCountsFollowTheDroppedSpans() {
    String page = "Menu\n\nTitre\n\nCorps un.\n\nCorps deux.\n\nPied";
    ExtractedPage x = new ExtractedPage("UTF-8", "meta", page, List.of(new Span(0, 6, "navigation"),
        new Span(page.indexOf("Pied"), page.length(), "footer")), "Titre\n\nCorps un.\n\nCorps deux.", null,
        "test", 0.5);
    PageExtraction e = PageExtraction.of(x);
    assertEquals(5, e.blocks());
    assertEquals(2, e.droppedBlocks());
    assertEquals(page.length(), e.pageChars());
    assertEquals(29, e.articleChars()); // "Titre", "Corps un.", "Corps deux." and two blank lines
    // a span over two blocks and the blank line between them
    ExtractedPage y = new ExtractedPage("UTF-8", "meta", page, List.of(new Span(0, page.indexOf("Corps")
        , "navigation")), "Corps un.\n\nCorps deux.\n\nPied", null, "test", 0.5);
    assertEquals(2, PageExtraction.of(y).droppedBlocks());
  }

  @Test
  void pagesWithNoArticleAreRejectedWithTheirReason() {
    assertEquals(RawRecord.NO_ARTICLE, one("nobody.html", "<html><head><title>Vide</title></head></html>"
        .getBytes(UTF_8), P).reason());
    assertEquals(RawRecord.NO_ARTICLE, one("empty-body.html", "<html><body></body></html>".getBytes(UTF_8), P)
        .reason());
    RawRecord scripts = one("scripts.html", ("<html><head><script>var a = 1;</script></head><body>"
        + "<script>document.write('bonjour');</script><noscript></noscript><style>p{}</style></body></html>")
        .getBytes(UTF_8), P);
    assertEquals(RawRecord.NO_ARTICLE, scripts.reason());
    assertEquals("the page has no visible text (" + PageExtractor.extract(("<html><head><script>var a = 1;"
        + "</script></head><body><script>document.write('bonjour');</script><noscript></noscript><style>p{}"
        + "</style></body></html>").getBytes(UTF_8), null, null).method() + ")", scripts.message());
    assertEquals(RawRecord.EMPTY_FILE, one("zero.html", new byte[0], P).reason());
  }

  @Test
  void aFiftyMegabytePageIsTooLargeAndOnlyTheLimitIsRead() {
    byte[] big = new byte[50 << 20];
    Arrays.fill(big, (byte) 'a');
    byte[] head = "<html><body><p>".getBytes(UTF_8);
    System.arraycopy(head, 0, big, 0, head.length);
    RawRecord r = one("big.html", big, P);
    assertEquals(RawRecord.TOO_LARGE, r.reason());
    assertEquals("file is larger than --max-record-bytes=4194304", r.message());
    assertEquals(RawRecord.TOO_LARGE, one("big.html.gz", RecordSourceTest.gzip(big), P).reason());
  }

  @Test
  void binaryBytesWithAnHtmlNameAreABinaryFile() {
    byte[] pdf = {'%', 'P', 'D', 'F', '-', '1', '.', '4', 0, 0, 1, 2, 3, (byte) 0xff};
    assertEquals(RawRecord.BINARY_FILE, one("doc.html", pdf, P).reason());
  }

  @Test
  void charsetsFromTheBomTheMetaTagOrDetection() {
    Charset cp1252 = Charset.forName("windows-1252");
    String body = "<html><body><p>Été brûlant à Noël : 5 € la pièce, déjà « vu ».</p></body></html>";
    // windows-1252 with no declaration: detected, and the text reads right
    RawRecord w = one("cp1252.html", body.getBytes(cp1252), P);
    assertEquals("windows-1252", w.encoding());
    assertEquals("detected", w.extraction().encodingSource());
    assertTrue(w.text().contains("Été brûlant à Noël : 5 € la pièce"), w.text());
    // declared in a meta tag
    RawRecord m = one("meta.html", ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
        + "charset=windows-1252\"></head>" + body.substring(6)).getBytes(cp1252), P);
    assertEquals("windows-1252", m.encoding());
    assertEquals("meta", m.extraction().encodingSource());
    assertTrue(m.text().contains("5 € la pièce"), m.text());
    // a UTF-8 BOM, and UTF-16 with its BOM (full of NUL bytes, yet text)
    byte[] bom = RecordSourceTest.concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body.getBytes(UTF_8));
    assertEquals("bom", one("bom.html", bom, P).extraction().encodingSource());
    RawRecord u16 = one("u16.html", RecordSourceTest.concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
        body.getBytes(java.nio.charset.StandardCharsets.UTF_16LE)), P);
    assertNull(u16.reason(), u16.message());
    assertTrue(u16.text().contains("déjà « vu »"), u16.text());
  }

  @Test
  void aWronglyDeclaredCharsetIsKeptAndSaysWhereItsCharsetCameFrom() {
    // declared UTF-8, written in windows-1252: the page is kept, decoded as the extractor decides, and its record
    // says which charset and why, so a reader of the table can find such pages
    byte[] bytes = ("<html><head><meta charset=\"utf-8\"></head><body><p>Déjà l'été à Noël, disait-on.</p>"
        + "</body></html>").getBytes(Charset.forName("windows-1252"));
    ExtractedPage x = PageExtractor.extract(bytes, null, null);
    RawRecord r = one("liar.html", bytes, P);
    assertNull(r.reason(), r.message());
    assertEquals(x.encoding(), r.encoding());
    assertEquals(x.encodingSource(), r.extraction().encodingSource());
    assertEquals(x.pageText(), r.text());
  }

  @Test
  void aPageInAnotherLanguageAndScriptIsReadAsIs() {
    String greek = "<html lang=\"el\"><head><meta charset=\"utf-8\"><title>Ειδήσεις</title></head><body>"
        + "<p>Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και η μεγαλύτερη πόλη της χώρας.</p></body></html>";
    RawRecord r = one("el.html", greek.getBytes(UTF_8), P);
    assertNull(r.reason());
    assertTrue(r.text().contains("Η Αθήνα είναι η πρωτεύουσα"), r.text());
    assertEquals(PageExtractor.extract(greek.getBytes(UTF_8), null, null).metadata().lang(),
        r.meta().get("page_lang"));
  }

  @Test
  void extensions() {
    assertEquals(InputFormat.HTML, InputFormat.of("a/b.HTM"));
    assertEquals(InputFormat.HTML, InputFormat.of("a/b.html.gz"));
    assertEquals(InputFormat.WARC, InputFormat.of("CC-NEWS-2024.warc.gz"));
    assertEquals(InputFormat.WARC, InputFormat.of("crawl.WARC"));
    RawRecord gz = one("p.html.gz", RecordSourceTest.gzip(PAGE.getBytes(UTF_8)), P);
    assertNotNull(gz.extraction());
    assertEquals("html", gz.inputFormat());
    RawRecord txt = one("t.txt", "Titre\n\nCorps.".getBytes(UTF_8), P);
    assertNull(txt.extraction());
    assertNull(txt.fetchedAt());
  }
}
