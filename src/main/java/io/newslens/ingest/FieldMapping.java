package io.newslens.ingest;

import java.io.Serializable;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds a record's fields by their common names (text/body/article/content, title/headline, …) or by the names a
 * user gave ({@code --field text=article}), and turns a parsed record into a {@link RawRecord}. Pure Java: the
 * JSON, CSV and Parquet readers all go through {@link #map}, so every format follows the same rules.
 */
public record FieldMapping(Map<String, String> explicit, String defaultSource) implements Serializable {

  public static final String TEXT = "text";
  public static final String TITLE = "title";
  public static final String DATE = "date";
  public static final String URL = "url";
  public static final String SOURCE = "source";
  public static final String ID = "id";

  /** Common names per field, tried in this order (case-insensitive). */
  static final Map<String, List<String>> COMMON_NAMES = Map.of(
      TEXT, List.of("text", "body", "article", "content", "article_text", "full_text", "maintext"),
      TITLE, List.of("title", "headline", "heading_title"),
      DATE, List.of("date", "published", "published_at", "publishedat", "pubdate", "date_published", "datetime",
          "timestamp"),
      URL, List.of("url", "link", "canonical_url", "uri"),
      SOURCE, List.of("source", "site", "outlet", "publisher", "domain", "source_domain"),
      ID, List.of("id", "doc_id", "article_id", "uuid", "guid"));

  public static final Set<String> FIELDS = COMMON_NAMES.keySet();

  public FieldMapping {
    explicit = Map.copyOf(explicit == null ? Map.of() : explicit);
    for (String k : explicit.keySet()) {
      if (!FIELDS.contains(k)) {
        throw new IllegalArgumentException("--field " + k + "=…: unknown field '" + k + "'; expected one of "
            + new TreeMap<>(COMMON_NAMES).keySet());
      }
      if (explicit.get(k).isBlank()) {
        throw new IllegalArgumentException("--field " + k + "= needs a column name after '='");
      }
    }
  }

  public static FieldMapping defaults() {
    return new FieldMapping(Map.of(), null);
  }

  /**
   * Maps one parsed record. Values may be String, Number, Boolean, null, or nested structures (List, Map; toString'd
   * into meta). The text must be a non-blank string; everything else is optional. The source id is the record's
   * own id, else its URL, else "file name#record number"; the source is the source field, else the URL's host,
   * else {@code --source}, else the file name without extension.
   */
  public RawRecord map(Map<String, ?> record, String path, String format, long recordNumber) {
    Map<String, String> lowerToKey = new LinkedHashMap<>();
    for (String k : record.keySet()) lowerToKey.putIfAbsent(k.toLowerCase(Locale.ROOT), k);
    Map<String, String> used = new LinkedHashMap<>();
    for (String field : FIELDS) {
      String key = resolve(field, record, lowerToKey);
      if (key != null) used.put(field, key);
    }
    String textKey = used.get(TEXT);
    if (textKey == null || record.get(textKey) == null) {
      String excerpt = String.valueOf(record);
      String tried = explicit.containsKey(TEXT) ? "'" + explicit.get(TEXT) + "'" : String.join("/", COMMON_NAMES.get(TEXT));
      return RawRecord.reject(path, format, recordNumber, RawRecord.MISSING_TEXT,
          "no text field (looked for " + tried + "; name it with --field text=COLUMN)", excerpt);
    }
    Object textValue = record.get(textKey);
    if (!(textValue instanceof CharSequence)) {
      return RawRecord.reject(path, format, recordNumber, RawRecord.TEXT_NOT_STRING,
          "field '" + textKey + "' is a " + kind(textValue) + ", not a string", String.valueOf(record));
    }
    String text = Text.normalizeNewlines(textValue.toString());
    if (text.isBlank()) {
      return RawRecord.reject(path, format, recordNumber, RawRecord.EMPTY_TEXT,
          "field '" + textKey + "' is empty or blank", String.valueOf(record));
    }
    String url = scalar(record, used.get(URL));
    String source = scalar(record, used.get(SOURCE));
    if (source == null || source.isBlank()) source = hostOf(url);
    if (source == null || source.isBlank()) source = defaultSource != null ? defaultSource : Text.fileStem(path);
    String id = scalar(record, used.get(ID));
    // The record's own id; else its URL; else its place in its file (file name and record number, which don't
    // change between runs, unlike a row number of the whole input).
    String sourceId = id != null && !id.isBlank() ? id.strip()
        : url != null && !url.isBlank() ? url.strip() : Text.fileName(path) + "#" + recordNumber;
    Map<String, String> meta = new TreeMap<>();
    for (Map.Entry<String, ?> e : record.entrySet()) {
      if (!used.containsValue(e.getKey()) && e.getValue() != null) meta.put(e.getKey(), String.valueOf(e.getValue()));
    }
    return new RawRecord(path, format, recordNumber, sourceId, source.strip(), url, Text.oneLine(scalar(record,
        used.get(TITLE))), scalar(record, used.get(DATE)), text, "UTF-8", meta, null, null, null);
  }

  private String resolve(String field, Map<String, ?> record, Map<String, String> lowerToKey) {
    if (explicit.containsKey(field)) {
      String name = explicit.get(field);
      return record.containsKey(name) ? name : lowerToKey.get(name.toLowerCase(Locale.ROOT));
    }
    for (String name : COMMON_NAMES.get(field)) {
      String key = lowerToKey.get(name);
      if (key != null && record.get(key) != null) return key;
    }
    return null;
  }

  private static String scalar(Map<String, ?> record, String key) {
    if (key == null) return null;
    Object v = record.get(key);
    return v == null ? null : v.toString();
  }

  private static String kind(Object v) {
    if (v instanceof Number) return "number";
    if (v instanceof Boolean) return "boolean";
    if (v instanceof List<?> || (v != null && v.getClass().isArray())) return "array";
    if (v instanceof Map<?, ?>) return "object";
    return v == null ? "null" : v.getClass().getSimpleName();
  }

  /** The host of a URL without a leading "www.", lower-cased; null when there is none. */
  public static String hostOf(String url) {
    if (url == null || url.isBlank()) return null;
    try {
      String host = URI.create(url.strip()).getHost();
      if (host == null) return null;
      host = host.toLowerCase(Locale.ROOT);
      return host.startsWith("www.") ? host.substring(4) : host;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
