package io.newslens.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Parsing JSON records and mapping a parsed object through {@link FieldMapping}; shared by the JSON readers. */
final class JsonRecords {
  private JsonRecords() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ConcurrentHashMap<Integer, ObjectMapper> MAPPERS = new ConcurrentHashMap<>();

  /**
   * A mapper whose string limit is the record limit (Jackson's default of 20 M chars would reject a legal record
   * when --max-record-bytes is larger, and would let a JSON array element grow to 20 M chars when it is smaller).
   */
  static ObjectMapper mapper(int maxRecordBytes) {
    return MAPPERS.computeIfAbsent(maxRecordBytes, max -> new ObjectMapper(JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(max).build())
        .build()));
  }

  /** One JSON value held in {@code s} (a line, or a whole file) as a record, or its rejection. */
  static RawRecord map(String s, String path, String fmt, long recordNumber, IngestParams params) {
    ObjectMapper mapper = mapper(params.maxRecordBytes());
    JsonNode node;
    try {
      try (JsonParser p = mapper.getFactory().createParser(s)) {
        node = mapper.readTree(p);
        if (node == null) {
          return RawRecord.reject(path, fmt, recordNumber, RawRecord.MALFORMED_JSON, "malformed JSON: no value", s);
        }
        if (p.nextToken() != null) {
          return RawRecord.reject(path, fmt, recordNumber, RawRecord.MALFORMED_JSON,
              "malformed JSON: more than one value on the line", s);
        }
      }
    } catch (IOException e) {
      return RawRecord.reject(path, fmt, recordNumber, RawRecord.MALFORMED_JSON,
          "malformed JSON: " + Bytes.firstLine(e.getMessage()), s);
    }
    return mapNode(node, s, path, fmt, recordNumber, params.fields());
  }

  /** A parsed value as a record: an object goes through the field mapping, anything else is not_an_object. */
  static RawRecord mapNode(JsonNode node, String raw, String path, String fmt, long recordNumber,
      FieldMapping mapping) {
    if (node == null || !node.isObject()) {
      return RawRecord.reject(path, fmt, recordNumber, RawRecord.NOT_AN_OBJECT,
          "expected a JSON object, found " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(
              Locale.ROOT)), raw);
    }
    Map<String, Object> rec = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> rec.put(e.getKey(), plain(e.getValue())));
    return mapping.map(rec, path, fmt, recordNumber);
  }

  private static Object plain(JsonNode v) {
    if (v.isTextual()) return v.textValue();
    if (v.isNull() || v.isMissingNode()) return null;
    if (v.isNumber()) return v.numberValue();
    if (v.isBoolean()) return v.booleanValue();
    return JSON.convertValue(v, Object.class);
  }
}
