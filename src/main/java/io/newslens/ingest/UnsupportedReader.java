package io.newslens.ingest;

/**
 * A file whose extension names no input format read by streaming (or a gzipped Parquet file): one
 * {@code unsupported_format} rejection.
 */
final class UnsupportedReader extends StreamReader {
  UnsupportedReader(String path, InputFormat format, Opener opener, IngestParams params) {
    super(path, format, opener, params);
  }

  @Override
  protected void advance() {
    reject(0, RawRecord.UNSUPPORTED_FORMAT, "unsupported file extension (expected " + InputFormat.EXTENSIONS
        + ", optionally .gz)", null);
    done = true;
  }
}
