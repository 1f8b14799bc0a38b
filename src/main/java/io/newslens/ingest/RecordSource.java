package io.newslens.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

/**
 * The records of one input file (or of one byte range of it), as a lazy stream of {@link RawRecord}s: one per record
 * met, documents and rejections alike, so memory stays bounded by {@link IngestParams#maxRecordBytes()} whatever the
 * file size. A failure in the middle of a file keeps the records read so far and ends with one rejection that says
 * how far it got. {@link InputFormat#open} picks the reader of a path; pure Java: Spark calls it from a flatMap,
 * tests call it on byte arrays.
 */
public interface RecordSource extends Iterator<RawRecord>, Closeable {

  /** Opens the raw bytes of the file (before gunzip). */
  @FunctionalInterface
  interface Opener {
    InputStream open() throws IOException;

    /**
     * The raw bytes from {@code offset} on: by default the file opened and skipped; a file system that can seek
     * overrides it (readers of byte ranges call it).
     */
    default InputStream openAt(long offset) throws IOException {
      InputStream in = open();
      long left = offset;
      while (left > 0) {
        long n = in.skip(left);
        if (n <= 0) {
          if (in.read() < 0) break;
          n = 1;
        }
        left -= n;
      }
      return in;
    }

    /** The file's length in bytes, or -1 when unknown. */
    default long length() throws IOException {
      return -1;
    }
  }

  /** Opens the whole file as one source. */
  static RecordSource open(String path, Opener opener, IngestParams params) {
    return InputFormat.of(path).open(path, opener, params);
  }
}
