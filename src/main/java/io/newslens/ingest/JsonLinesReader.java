package io.newslens.ingest;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** {@code .jsonl}, {@code .ndjson}: one JSON object per line; blank lines are not records. */
class JsonLinesReader extends StreamReader {
  /** The format code of records read as lines (also those of a .json file holding JSON Lines). */
  private static final String LINES = "jsonl";

  private LineReader lines;

  JsonLinesReader(String path, Opener opener, IngestParams params) {
    this(path, InputFormat.JSONL, opener, params);
  }

  JsonLinesReader(String path, InputFormat format, Opener opener, IngestParams params) {
    super(path, format, opener, params);
  }

  @Override
  protected void advance() throws IOException {
    readJsonLine();
  }

  /** Reads the next line of {@code in} (from wherever the subclass left it) as one record. */
  protected final void readJsonLine() throws IOException {
    if (lines == null) lines = new LineReader(in, params.maxRecordBytes());
    byte[] line = lines.next();
    if (line == null) {
      done = true;
      return;
    }
    recordNumber++;
    if (line.length == 0 && lines.overflow()) {
      emit(RawRecord.reject(path, LINES, recordNumber, RawRecord.TOO_LARGE,
          "line is longer than --max-record-bytes=" + params.maxRecordBytes(), null));
      return;
    }
    String s;
    try {
      s = Bytes.strictDecode(line, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      emit(RawRecord.reject(path, LINES, recordNumber, RawRecord.INVALID_UTF8,
          "line is not valid UTF-8", new String(line, StandardCharsets.UTF_8)));
      return;
    }
    if (recordNumber == 1) s = Bytes.stripBom(s);
    if (s.isBlank()) {
      recordNumber--; // a blank line is not a record
      return;
    }
    emit(JsonRecords.map(s, path, LINES, recordNumber, params));
  }
}
