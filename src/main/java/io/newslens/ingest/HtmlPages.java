package io.newslens.ingest;

import io.newslens.extract.ExtractedPage;
import io.newslens.extract.PageExtractor;
import io.newslens.extract.PageMetadata;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the bytes of one HTML page (a {@code .html} file, or the payload of a WARC record) into a record: the
 * {@link PageExtractor} decodes and extracts it; the record's text is the page's whole visible text (the clean stage
 * removes the extractor's dropped spans from it as boilerplate, so {@code raw_text} keeps the page and {@code text}
 * becomes the article). Title, publication date, canonical URL and site name come from the page's own metadata;
 * authors, description, page language and the extractor's other findings go to {@code meta}. Pure Java.
 */
final class HtmlPages {
  private HtmlPages() {}

  /**
   * Where a page came from.
   *
   * @param path the input file
   * @param format the input format code ({@code html}, {@code warc})
   * @param recordNumber the record's number (1 for a file; the record's byte offset in a WARC file)
   * @param sourceId the record's own id (the file name, the WARC-Record-ID)
   * @param url where the page was fetched (the WARC target URI), or null: the URL when the page names no canonical
   * @param httpContentType the HTTP Content-Type header, or null
   * @param fetchedAt when the page was fetched (ISO-8601 instant: the WARC-Date), or null
   * @param meta what the container says about the record (WARC record id, target URI…), added to {@code meta}
   */
  record Origin(String path, String format, long recordNumber, String sourceId, String url, String httpContentType,
      String fetchedAt, Map<String, String> meta) {}

  /** {@code meta} keys this reader fills. */
  static final String AUTHORS = "authors";
  static final String DESCRIPTION = "description";
  static final String PAGE_LANG = "page_lang";
  static final String SITE_NAME = "site_name";

  /** Extracts the page and maps it; a page with no article text, or one the extractor fails on, is a rejection. */
  static RawRecord read(byte[] body, Origin o, FieldMapping mapping) {
    ExtractedPage page;
    try {
      page = PageExtractor.extract(body, o.httpContentType(), o.url());
    } catch (RuntimeException | StackOverflowError e) {
      return RawRecord.reject(o.path(), o.format(), o.recordNumber(), RawRecord.EXTRACTION_FAILED,
          "the page could not be extracted: " + Bytes.rootMessage(e), null);
    }
    if (!page.hasArticle()) {
      String what = page.pageText() == null || page.pageText().isBlank() ? "the page has no visible text"
          : "no article text among the page's " + page.pageText().length() + " chars of visible text";
      return RawRecord.reject(o.path(), o.format(), o.recordNumber(), RawRecord.NO_ARTICLE,
          what + " (" + page.method() + ")", page.pageText());
    }
    PageMetadata m = page.metadata();
    String url = firstNonBlank(m.canonicalUrl(), o.url());
    String source = firstNonBlank(m.siteName(), FieldMapping.hostOf(url), mapping.defaultSource(),
        Text.fileStem(o.path()));
    Map<String, String> meta = new TreeMap<>();
    m.extra().forEach((k, v) -> {
      if (v != null && !v.isBlank()) meta.put(k, v);
    });
    if (!m.authors().isEmpty()) meta.put(AUTHORS, String.join("; ", m.authors()));
    putIfPresent(meta, DESCRIPTION, m.description());
    putIfPresent(meta, PAGE_LANG, m.lang());
    putIfPresent(meta, SITE_NAME, m.siteName());
    meta.putAll(o.meta());
    return new RawRecord(o.path(), o.format(), o.recordNumber(), o.sourceId(), source.strip(), url,
        Text.oneLine(m.title()), blankToNull(m.published()), page.pageText(),
        page.encoding(), meta, null, null, null, o.fetchedAt(), PageExtraction.of(page));
  }

  /** Whether the bytes start like an HTML document (after white space, a BOM or a comment): used when no type says. */
  static boolean looksLikeHtml(byte[] body) {
    int n = Math.min(body.length, 1024);
    String head = new String(body, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1)
        .toLowerCase(java.util.Locale.ROOT);
    return head.contains("<html") || head.contains("<!doctype html") || head.contains("<head")
        || head.contains("<body") || head.contains("<p>") || head.contains("<div");
  }

  private static void putIfPresent(Map<String, String> meta, String key, String value) {
    if (value != null && !value.isBlank()) meta.put(key, value.strip());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) if (v != null && !v.isBlank()) return v;
    return null;
  }
}
