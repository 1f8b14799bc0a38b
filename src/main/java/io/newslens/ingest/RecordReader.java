package io.newslens.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.zip.ZipException;

/**
 * Reads one input file (txt, JSON Lines, .json holding an array, one object or JSON Lines, CSV/TSV with a header
 * row; optionally gzipped) as a lazy stream of
 * {@link RawRecord}s: one per record met, documents and rejections alike, so memory stays bounded by
 * {@link IngestParams#maxRecordBytes()} whatever the file size. A failure in the middle of a file (a truncated
 * gzip, an unreadable block) keeps the records read so far and ends with one rejection that says how far it got.
 * Pure Java: Spark calls it from a flatMap, tests call it on byte arrays.
 */
public final class RecordReader implements Iterator<RawRecord>, Closeable {

  /** Opens the raw bytes of the file (before gunzip); may be called once. */
  @FunctionalInterface
  public interface Opener {
    InputStream open() throws IOException;
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.util.concurrent.ConcurrentHashMap<Integer, ObjectMapper> MAPPERS =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private final String path;
  private final InputFormat format;
  private final IngestParams params;
  private final FieldMapping mapping;
  private final Deque<RawRecord> pending = new ArrayDeque<>();
  private InputStream in;
  private boolean done;
  private long recordNumber;
  // format state
  private CsvParser csv;
  private String[] csvHeader;
  private JsonParser jsonArray;

  public RecordReader(String path, Opener opener, IngestParams params) {
    this.path = path;
    this.format = InputFormat.of(path);
    this.params = params;
    this.mapping = params.fields();
    try {
      InputStream raw = opener.open();
      this.in = InputFormat.gzipped(path) ? openGzip(raw) : raw;
      if (in == null) done = true;
    } catch (IOException e) {
      fail(RawRecord.UNREADABLE, "cannot open: " + e.getMessage());
    }
  }

  private InputStream openGzip(InputStream raw) {
    try {
      PushbackInputStream pb = new PushbackInputStream(raw, 1);
      int first = pb.read();
      if (first == -1) {
        pending.add(RawRecord.reject(path, format.code(), 0, RawRecord.EMPTY_FILE, "file is empty", null));
        done = true;
        pb.close();
        return null;
      }
      pb.unread(first);
      return new GzipMembers(pb);
    } catch (ZipException | EOFException e) {
      fail(RawRecord.CORRUPT_GZIP, "not a readable gzip file: " + e.getMessage());
      return null;
    } catch (IOException e) {
      fail(RawRecord.CORRUPT_GZIP, "not a readable gzip file: " + e.getMessage());
      return null;
    }
  }

  @Override
  public boolean hasNext() {
    while (pending.isEmpty() && !done) {
      try {
        advance();
      } catch (ZipException | EOFException e) {
        fail(InputFormat.gzipped(path) ? RawRecord.CORRUPT_GZIP : RawRecord.UNREADABLE,
            "input ends abruptly after " + recordNumber + " record(s): " + e.getMessage());
      } catch (IOException e) {
        fail(InputFormat.gzipped(path) ? RawRecord.CORRUPT_GZIP : RawRecord.UNREADABLE,
            "read error after " + recordNumber + " record(s): " + e.getMessage());
      }
    }
    return !pending.isEmpty();
  }

  @Override
  public RawRecord next() {
    if (!hasNext()) throw new NoSuchElementException();
    return pending.poll();
  }

  @Override
  public void close() throws IOException {
    done = true;
    if (in != null) in.close();
  }

  private void fail(String reason, String message) {
    pending.add(RawRecord.reject(path, format.code(), recordNumber, reason, message, null));
    done = true;
    try {
      close();
    } catch (IOException ignored) {
      // already failing; the rejection says why
    }
  }

  private void advance() throws IOException {
    switch (format) {
      case TXT -> readTxt();
      case JSONL -> readJsonLine();
      case JSON -> readJson();
      case CSV, TSV -> readCsv();
      default -> {
        pending.add(RawRecord.reject(path, format.code(), 0, RawRecord.UNSUPPORTED_FORMAT,
            "unsupported file extension (expected .txt, .jsonl, .ndjson, .json, .csv, .tsv, .parquet, optionally .gz)",
            null));
        done = true;
      }
    }
  }

  // ---- .txt: one article per file -------------------------------------------------------------------------

  private void readTxt() throws IOException {
    done = true;
    recordNumber = 1;
    byte[] bytes = readAtMost(in, params.maxRecordBytes() + 1L);
    if (bytes.length > params.maxRecordBytes()) {
      pending.add(RawRecord.reject(path, "txt", 1, RawRecord.TOO_LARGE,
          "file is larger than --max-record-bytes=" + params.maxRecordBytes(), null));
      return;
    }
    if (bytes.length == 0) {
      pending.add(RawRecord.reject(path, "txt", 1, RawRecord.EMPTY_FILE, "file is empty", null));
      return;
    }
    if (looksBinary(bytes)) {
      pending.add(RawRecord.reject(path, "txt", 1, RawRecord.BINARY_FILE,
          "file holds binary data (NUL or control bytes), not text", null));
      return;
    }
    String encoding = "UTF-8";
    String content;
    try {
      content = strictDecode(bytes, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      // Legacy single-byte text is common in old archives: accept windows-1252 when it decodes cleanly.
      try {
        content = strictDecode(bytes, WINDOWS_1252);
        encoding = "windows-1252";
      } catch (CharacterCodingException e2) {
        pending.add(RawRecord.reject(path, "txt", 1, RawRecord.INVALID_UTF8,
            "not valid UTF-8 (nor windows-1252) text", null));
        return;
      }
    }
    content = Text.normalizeNewlines(stripBom(content));
    if (content.isBlank()) {
      pending.add(RawRecord.reject(path, "txt", 1, RawRecord.EMPTY_TEXT, "file holds only white space", null));
      return;
    }
    String date = null;
    List<String> head = new ArrayList<>();
    for (String line : content.split("\n", 60)) {
      if (line.isBlank()) continue;
      if (!head.isEmpty() && date == null && Dates.isDateLine(line)) date = line.strip();
      head.add(line);
      if (head.size() >= Text.TITLE_LINES) break;
    }
    String title = Text.txtTitle(head);
    String name = Text.fileName(path);
    String source = mapping.defaultSource() != null ? mapping.defaultSource() : Text.fileStem(path);
    pending.add(new RawRecord(path, "txt", 1, name, source, null, title, date, content, encoding, Map.of(), null,
        null, null));
  }

  // ---- JSON Lines ------------------------------------------------------------------------------------------

  private void readJsonLine() throws IOException {
    byte[] line = readLine();
    if (line == null) {
      done = true;
      return;
    }
    recordNumber++;
    if (line.length == 0 && overflow) {
      pending.add(RawRecord.reject(path, "jsonl", recordNumber, RawRecord.TOO_LARGE,
          "line is longer than --max-record-bytes=" + params.maxRecordBytes(), null));
      return;
    }
    String s;
    try {
      s = strictDecode(line, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      pending.add(RawRecord.reject(path, "jsonl", recordNumber, RawRecord.INVALID_UTF8,
          "line is not valid UTF-8", new String(line, StandardCharsets.UTF_8)));
      return;
    }
    if (recordNumber == 1) s = stripBom(s);
    if (s.isBlank()) {
      recordNumber--; // a blank line is not a record
      return;
    }
    pending.add(mapJson(s, "jsonl"));
  }

  /**
   * A mapper whose string limit is the record limit (Jackson's default of 20 M chars would reject a legal record
   * when --max-record-bytes is larger, and would let a JSON array element grow to 20 M chars when it is smaller).
   */
  private ObjectMapper jsonMapper() {
    return MAPPERS.computeIfAbsent(params.maxRecordBytes(), max -> new ObjectMapper(
        com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                .maxStringLength(max).build())
            .build()));
  }

  private RawRecord mapJson(String s, String fmt) {
    JsonNode node;
    try {
      try (JsonParser p = jsonMapper().getFactory().createParser(s)) {
        node = jsonMapper().readTree(p);
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
          "malformed JSON: " + firstLine(e.getMessage()), s);
    }
    return mapNode(node, s, fmt);
  }

  private RawRecord mapNode(JsonNode node, String raw, String fmt) {
    if (node == null || !node.isObject()) {
      return RawRecord.reject(path, fmt, recordNumber, RawRecord.NOT_AN_OBJECT,
          "expected a JSON object, found " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(
              java.util.Locale.ROOT)), raw);
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

  // ---- .json: an array of objects, one object, or JSON Lines with a .json name ------------------------------

  private boolean jsonLinesMode;

  private void readJson() throws IOException {
    if (jsonArray == null && !jsonLinesMode) {
      PushbackInputStream pb = new PushbackInputStream(in, 8);
      in = pb;
      int c;
      int skipped = 0;
      do {
        c = pb.read();
        skipped++;
      } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF);
      if (c == -1) {
        done = true;
        pending.add(skipped <= 1
            ? RawRecord.reject(path, "json", 0, RawRecord.EMPTY_FILE, "file is empty", null)
            : RawRecord.reject(path, "json", 0, RawRecord.EMPTY_TEXT, "file holds only white space", null));
        return;
      }
      pb.unread(c);
      if (c == '[') {
        jsonArray = jsonMapper().getFactory().createParser(in);
        jsonArray.nextToken(); // START_ARRAY
      } else {
        // One object per file (pretty-printed or not) when the whole file is one JSON value, else JSON Lines.
        byte[] head = readAtMost(in, params.maxRecordBytes() + 1L);
        if (head.length <= params.maxRecordBytes() && readSingleObject(head)) return;
        in = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), in);
        jsonLinesMode = true;
      }
    }
    if (jsonLinesMode) {
      readJsonLine();
      return;
    }
    JsonToken t;
    try {
      t = jsonArray.nextToken();
    } catch (IOException e) {
      fail(RawRecord.MALFORMED_JSON, "malformed JSON array after " + recordNumber + " element(s): "
          + firstLine(e.getMessage()));
      return;
    }
    if (t == null || t == JsonToken.END_ARRAY) {
      done = true;
      return;
    }
    recordNumber++;
    try {
      JsonNode node = jsonMapper().readTree(jsonArray);
      pending.add(mapNode(node, node == null ? null : node.toString(), "json"));
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      // The parser cannot resynchronise inside an over-long value: the rest of the file is reported with it.
      fail(RawRecord.TOO_LARGE, "JSON array element " + recordNumber + " has a value longer than --max-record-bytes="
          + params.maxRecordBytes() + "; the rest of the file was not read");
    } catch (IOException e) {
      fail(RawRecord.MALFORMED_JSON, "malformed JSON array element " + recordNumber + ": " + firstLine(e.getMessage()));
    }
  }

  /** True (and the record queued) when the bytes are exactly one JSON object; the file is then read. */
  private boolean readSingleObject(byte[] bytes) {
    String s;
    try {
      s = stripBom(strictDecode(bytes, StandardCharsets.UTF_8));
    } catch (CharacterCodingException e) {
      return false;
    }
    try (JsonParser p = jsonMapper().getFactory().createParser(s)) {
      JsonNode node = jsonMapper().readTree(p);
      if (node == null || !node.isObject() || p.nextToken() != null) return false;
      recordNumber = 1;
      pending.add(mapNode(node, s, "json"));
      done = true;
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  // ---- CSV / TSV with a header row -------------------------------------------------------------------------

  private void readCsv() throws IOException {
    String fmt = format.code();
    if (csv == null) {
      CsvParserSettings s = new CsvParserSettings();
      // univocity allocates maxCharsPerColumn chars up front for every file (8 MB at 4 MiB, 2 GB at 1 GiB):
      // let its buffer grow instead, and bound a record by counting the chars it pulls (LimitedReader).
      s.setMaxCharsPerColumn(-1);
      s.setInputBufferSize(CSV_BUFFER_CHARS);
      s.setReadInputOnSeparateThread(false); // no reader thread per file inside a Spark task
      s.setMaxColumns(4096);
      s.setLineSeparatorDetectionEnabled(true);
      s.setHeaderExtractionEnabled(false);
      s.setSkipEmptyLines(true);
      if (format == InputFormat.TSV) s.getFormat().setDelimiter('\t');
      csv = new CsvParser(s);
      CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      csvReader = new LimitedReader(new InputStreamReader(in, dec),
          params.maxRecordBytes() + 2L * CSV_BUFFER_CHARS);
      try {
        csv.beginParsing(csvReader);
        csvHeader = csv.parseNext();
        csvReader.rowDone();
      } catch (RuntimeException e) {
        fail(csvFailure(e), "cannot read the CSV header: " + rootMessage(e));
        return;
      }
      if (csvHeader == null) {
        done = true;
        pending.add(RawRecord.reject(path, fmt, 0, RawRecord.EMPTY_FILE, "file is empty (no header row)", null));
        return;
      }
      for (int i = 0; i < csvHeader.length; i++) {
        csvHeader[i] = csvHeader[i] == null ? "column_" + (i + 1) : stripBom(csvHeader[i]).strip();
      }
    }
    String[] row;
    try {
      row = csv.parseNext();
      csvReader.rowDone();
    } catch (RuntimeException e) {
      fail(csvFailure(e), "CSV unreadable after " + recordNumber + " record(s): " + rootMessage(e));
      return;
    }
    if (row == null) {
      done = true;
      return;
    }
    recordNumber++;
    long bytes = 0;
    for (String v : row) bytes += v == null ? 0 : Text.utf8Length(v);
    if (bytes > params.maxRecordBytes()) {
      pending.add(RawRecord.reject(path, fmt, recordNumber, RawRecord.TOO_LARGE,
          "row is longer than --max-record-bytes=" + params.maxRecordBytes(), null));
      return;
    }
    if (row.length > csvHeader.length) {
      pending.add(RawRecord.reject(path, fmt, recordNumber, RawRecord.MALFORMED_CSV,
          "row has " + row.length + " fields, the header has " + csvHeader.length, String.join(",", nonNull(row))));
      return;
    }
    Map<String, Object> rec = new LinkedHashMap<>();
    for (int i = 0; i < csvHeader.length; i++) rec.put(csvHeader[i], i < row.length ? row[i] : null);
    pending.add(mapping.map(rec, path, fmt, recordNumber));
  }

  private static final int CSV_BUFFER_CHARS = 1 << 16;
  private LimitedReader csvReader;

  /** Thrown when one CSV record pulls more characters than the record limit (plus the parser's read-ahead). */
  private static final class RecordTooLarge extends IOException {
    RecordTooLarge(long limit) {
      super("a record is longer than the limit (" + limit + " characters read without finishing it)");
    }
  }

  /** Counts the characters the CSV parser reads since the last complete row. */
  private static final class LimitedReader extends java.io.FilterReader {
    private final long limit;
    private long sinceRow;

    LimitedReader(Reader in, long limit) {
      super(in);
      this.limit = limit;
    }

    void rowDone() {
      sinceRow = 0;
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0 && ++sinceRow > limit) throw new RecordTooLarge(limit);
      return c;
    }

    @Override
    public int read(char[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0 && (sinceRow += n) > limit) throw new RecordTooLarge(limit);
      return n;
    }
  }

  private static String[] nonNull(String[] row) {
    String[] out = new String[row.length];
    for (int i = 0; i < row.length; i++) out[i] = row[i] == null ? "" : row[i];
    return out;
  }

  private String csvFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RecordTooLarge) return RawRecord.TOO_LARGE;
      if (t instanceof CharacterCodingException) return RawRecord.INVALID_UTF8;
      if (t instanceof ZipException || t instanceof EOFException) {
        return InputFormat.gzipped(path) ? RawRecord.CORRUPT_GZIP : RawRecord.UNREADABLE;
      }
    }
    return RawRecord.MALFORMED_CSV;
  }

  // ---- bytes -----------------------------------------------------------------------------------------------

  private boolean overflow;
  private final byte[] buf = new byte[1 << 16];
  private int bufPos;
  private int bufLen;

  /** The next line's bytes without its terminator; an empty array with {@code overflow} set for an over-long line. */
  private byte[] readLine() throws IOException {
    overflow = false;
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    boolean any = false;
    while (true) {
      if (bufPos == bufLen) {
        bufLen = in.read(buf);
        bufPos = 0;
        if (bufLen <= 0) {
          bufLen = 0;
          return any ? finish(line) : null;
        }
      }
      any = true;
      int start = bufPos;
      while (bufPos < bufLen && buf[bufPos] != '\n') bufPos++;
      if (!overflow) {
        if (line.size() + (bufPos - start) > params.maxRecordBytes()) {
          overflow = true;
          line = new ByteArrayOutputStream(0);
        } else {
          line.write(buf, start, bufPos - start);
        }
      }
      if (bufPos < bufLen) {
        bufPos++; // consume '\n'
        return finish(line);
      }
    }
  }

  private byte[] finish(ByteArrayOutputStream line) {
    if (overflow) return new byte[0];
    byte[] b = line.toByteArray();
    if (b.length > 0 && b[b.length - 1] == '\r') return java.util.Arrays.copyOf(b, b.length - 1);
    return b;
  }

  static byte[] readAtMost(InputStream in, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] b = new byte[1 << 16];
    long total = 0;
    int n;
    while (total < max && (n = in.read(b, 0, (int) Math.min(b.length, max - total))) > 0) {
      out.write(b, 0, n);
      total += n;
    }
    return out.toByteArray();
  }

  static boolean looksBinary(byte[] bytes) {
    int n = Math.min(bytes.length, 8192);
    int control = 0;
    for (int i = 0; i < n; i++) {
      int b = bytes[i] & 0xFF;
      if (b == 0) return true;
      if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') control++;
    }
    return control > n / 20;
  }

  static String strictDecode(byte[] bytes, Charset cs) throws CharacterCodingException {
    return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
  }

  static String stripBom(String s) {
    return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return t.getClass().getSimpleName() + ": " + firstLine(t.getMessage());
  }
}
