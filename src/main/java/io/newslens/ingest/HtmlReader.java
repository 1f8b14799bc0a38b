package io.newslens.ingest;

import java.io.IOException;
import java.util.Map;

/**
 * {@code .html}, {@code .htm}: one page per file (gzipped too). The page's bytes (at most --max-record-bytes) go to
 * {@link HtmlPages}; its charset comes from a BOM, then a meta charset, then detection.
 */
final class HtmlReader extends StreamReader {
  HtmlReader(String path, Opener opener, IngestParams params) {
    super(path, InputFormat.HTML, opener, params);
  }

  @Override
  protected void advance() throws IOException {
    byte[] bytes = wholeFile();
    if (bytes == null) return;
    if (Bytes.looksBinary(bytes) && !Bytes.hasUtf16Bom(bytes)) {
      reject(1, RawRecord.BINARY_FILE, "file holds binary data (NUL or control bytes), not HTML", null);
      return;
    }
    emit(HtmlPages.read(bytes, new HtmlPages.Origin(path, format.code(), 1, Text.fileName(path), null, null, null,
        Map.of()), mapping));
  }
}
