package io.newslens.ingest;

import java.io.Serializable;
import java.util.Map;

/**
 * One record as read from an input, before it becomes a row: either a document (reason == null) or a rejection
 * with a reason code and a readable message. Every reader emits exactly one RawRecord per record it met, so
 * records read = documents + rejected holds by construction and is checked again on the written tables.
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
    String excerpt) implements Serializable {

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
