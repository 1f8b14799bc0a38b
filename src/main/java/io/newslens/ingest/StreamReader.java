package io.newslens.ingest;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.ZipException;

/**
 * The common part of the readers that stream a whole file: opening it (gunzipped member by member when its name
 * ends in {@code .gz}), the queue of records met, and the rule that an I/O failure in the middle of the file keeps
 * the records read so far and ends with one rejection saying after how many records it stopped. A subclass reads
 * the next record(s) in {@link #advance()}.
 */
abstract class StreamReader extends QueuedSource {
  protected final String path;
  protected final InputFormat format;
  protected final IngestParams params;
  protected final FieldMapping mapping;
  protected InputStream in;
  protected long recordNumber;

  StreamReader(String path, InputFormat format, Opener opener, IngestParams params) {
    this.path = path;
    this.format = format;
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

  /**
   * Reads on: queues the next record(s) with {@link #emit}, or sets {@code done}. An IOException ends the file with
   * one rejection ({@code corrupt_gzip} for a gzipped file, else {@code unreadable}).
   */
  protected abstract void advance() throws IOException;

  private InputStream openGzip(InputStream raw) {
    try {
      PushbackInputStream pb = new PushbackInputStream(raw, 1);
      int first = pb.read();
      if (first == -1) {
        emit(RawRecord.reject(path, format.code(), 0, RawRecord.EMPTY_FILE, "file is empty", null));
        done = true;
        pb.close();
        return null;
      }
      pb.unread(first);
      return new GzipMembers(pb);
    } catch (IOException e) {
      fail(RawRecord.CORRUPT_GZIP, "not a readable gzip file: " + e.getMessage());
      return null;
    }
  }

  /**
   * The file as the one record of a one-record-per-file format: at most --max-record-bytes read; null, with a
   * {@code too_large} or {@code empty_file} rejection queued, when it is larger or empty. Ends the file.
   */
  protected final byte[] wholeFile() throws IOException {
    done = true;
    recordNumber = 1;
    byte[] bytes = Bytes.readAtMost(in, params.maxRecordBytes() + 1L);
    if (bytes.length > params.maxRecordBytes()) {
      reject(1, RawRecord.TOO_LARGE, "file is larger than --max-record-bytes=" + params.maxRecordBytes(), null);
      return null;
    }
    if (bytes.length == 0) {
      reject(1, RawRecord.EMPTY_FILE, "file is empty", null);
      return null;
    }
    return bytes;
  }

  /** Queues a rejection of record {@code number} of this file. */
  protected final void reject(long number, String reason, String message, String excerpt) {
    emit(RawRecord.reject(path, format.code(), number, reason, message, excerpt));
  }

  @Override
  protected final void step() {
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

  @Override
  public void close() throws IOException {
    done = true;
    if (in != null) in.close();
  }

  /** Ends the file with one rejection at the current record number. */
  protected final void fail(String reason, String message) {
    reject(recordNumber, reason, message, null);
    done = true;
    try {
      close();
    } catch (IOException ignored) {
      // already failing; the rejection says why
    }
  }
}
