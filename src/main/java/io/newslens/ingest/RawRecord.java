package io.newslens.ingest;

import java.io.Serializable;
import java.util.Map;

/**
 * One record as read from an input, before it becomes a row: either a document (reason == null) or a rejection
 * with a reason code and a readable message. Every reader emits exactly one RawRecord per record it met, so
 * records read = documents + rejected holds by construction and is checked again on the written tables.
 * {@code fetchedAt} (an ISO-8601 instant: when a crawler fetched the page) and {@code extraction} are set for HTML
 * pages only.
 */
public record RawRecord(
    String inputPath,
    String inputFormat,
    long recordNumber,
    String sourceId,
    String source,
    String url,
    String title,
    String publishedRaw,
    String text,
    String encoding,
    Map<String, String> meta,
    String reason,
    String message,
    String excerpt,
    String fetchedAt,
    PageExtraction extraction) implements Serializable {

  /** A document or rejection of a format that is not a crawl (no fetch time, no extraction). */
  public RawRecord(String inputPath, String inputFormat, long recordNumber, String sourceId, String source,
      String url, String title, String publishedRaw, String text, String encoding, Map<String, String> meta,
      String reason, String message, String excerpt) {
    this(inputPath, inputFormat, recordNumber, sourceId, source, url, title, publishedRaw, text, encoding, meta,
        reason, message, excerpt, null, null);
  }

  /** Rejection reason codes, as written to the {@code rejected} table. */
  public static final String MALFORMED_JSON = "malformed_json";
  public static final String NOT_AN_OBJECT = "not_an_object";
  public static final String MISSING_TEXT = "missing_text";
  public static final String TEXT_NOT_STRING = "text_not_string";
  public static final String EMPTY_TEXT = "empty_text";
  public static final String INVALID_UTF8 = "invalid_utf8";
  public static final String BINARY_FILE = "binary_file";
  public static final String EMPTY_FILE = "empty_file";
  public static final String CORRUPT_GZIP = "corrupt_gzip";
  public static final String CORRUPT_PARQUET = "corrupt_parquet";
  public static final String MALFORMED_CSV = "malformed_csv";
  public static final String TOO_LARGE = "too_large";
  public static final String UNREADABLE = "unreadable";
  public static final String UNSUPPORTED_FORMAT = "unsupported_format";
  // HTML pages and WARC records
  /** The page has no article text (the extractor found none: an empty body, a script-only page). */
  public static final String NO_ARTICLE = "no_article";
  /** The extractor failed on the page (its message says how). */
  public static final String EXTRACTION_FAILED = "extraction_failed";
  /** A WARC payload whose media type is not HTML (an image, a PDF, JSON, a DNS record…). */
  public static final String NOT_HTML = "not_html";
  /** A WARC response whose HTTP status is not 200. */
  public static final String HTTP_STATUS = "http_status";
  /** A WARC record with a WARC-Truncated header: the crawler did not store the whole payload. */
  public static final String TRUNCATED = "truncated";
  /** An HTML-typed payload holding binary data (NUL or control bytes). */
  public static final String BINARY_PAYLOAD = "binary_payload";
  /** An HTTP Content-Encoding that cannot be undone here (br, zstd, an unknown or repeated one). */
  public static final String UNSUPPORTED_ENCODING = "unsupported_encoding";
  /** An HTTP message or content-encoded payload that cannot be decoded (bad headers, chunks or deflate data). */
  public static final String CORRUPT_PAYLOAD = "corrupt_payload";
  /** A WARC file that cannot be parsed from some byte on (bad header, wrong Content-Length, cut short). */
  public static final String CORRUPT_WARC = "corrupt_warc";
  /** WARC records that hold no page capture: revisit, request, metadata, warcinfo, and other types. */
  public static final String WARC_REVISIT = "warc_revisit";
  public static final String WARC_REQUEST = "warc_request";
  public static final String WARC_METADATA = "warc_metadata";
  public static final String WARC_WARCINFO = "warc_warcinfo";
  public static final String WARC_OTHER_TYPE = "warc_other_type";

  static final int EXCERPT_CHARS = 200;

  public boolean rejected() {
    return reason != null;
  }

  public static RawRecord reject(String path, String format, long recordNumber, String reason, String message,
      String excerpt) {
    return new RawRecord(path, format, recordNumber, null, null, null, null, null, null, null, null, reason, message,
        excerpt(excerpt));
  }

  static String excerpt(String s) {
    if (s == null) return null;
    String head = s.length() <= EXCERPT_CHARS ? s : s.substring(0, EXCERPT_CHARS);
    String one = head.replaceAll("[\\p{Cntrl}&&[^\\t]]", " ");
    return head.length() == s.length() ? one : one + "…";
  }
}
