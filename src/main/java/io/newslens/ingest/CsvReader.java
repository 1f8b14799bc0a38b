package io.newslens.ingest;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.EOFException;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipException;

/** {@code .csv}, {@code .tsv}: a row after the header row; quoted fields may span lines; UTF-8. */
final class CsvReader extends StreamReader {
  private static final int CSV_BUFFER_CHARS = 1 << 16;

  private CsvParser csv;
  private String[] csvHeader;
  private LimitedReader csvReader;

  CsvReader(String path, InputFormat format, Opener opener, IngestParams params) {
    super(path, format, opener, params);
  }

  @Override
  protected void advance() throws IOException {
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
        fail(csvFailure(e), "cannot read the CSV header: " + Bytes.rootMessage(e));
        return;
      }
      if (csvHeader == null) {
        done = true;
        reject(0, RawRecord.EMPTY_FILE, "file is empty (no header row)", null);
        return;
      }
      for (int i = 0; i < csvHeader.length; i++) {
        csvHeader[i] = csvHeader[i] == null ? "column_" + (i + 1) : Bytes.stripBom(csvHeader[i]).strip();
      }
    }
    String[] row;
    try {
      row = csv.parseNext();
      csvReader.rowDone();
    } catch (RuntimeException e) {
      fail(csvFailure(e), "CSV unreadable after " + recordNumber + " record(s): " + Bytes.rootMessage(e));
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
      reject(recordNumber, RawRecord.TOO_LARGE, "row is longer than --max-record-bytes=" + params.maxRecordBytes(),
          null);
      return;
    }
    if (row.length > csvHeader.length) {
      reject(recordNumber, RawRecord.MALFORMED_CSV, "row has " + row.length + " fields, the header has "
          + csvHeader.length, String.join(",", nonNull(row)));
      return;
    }
    Map<String, Object> rec = new LinkedHashMap<>();
    for (int i = 0; i < csvHeader.length; i++) rec.put(csvHeader[i], i < row.length ? row[i] : null);
    emit(mapping.map(rec, path, fmt, recordNumber));
  }

  /** Thrown when one CSV record pulls more characters than the record limit (plus the parser's read-ahead). */
  private static final class RecordTooLarge extends IOException {
    RecordTooLarge(long limit) {
      super("a record is longer than the limit (" + limit + " characters read without finishing it)");
    }
  }

  /** Counts the characters the CSV parser reads since the last complete row. */
  private static final class LimitedReader extends FilterReader {
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
}
