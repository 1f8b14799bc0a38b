package io.newslens.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Undoes an HTTP Content-Encoding with the JDK: gzip (x-gzip), deflate (zlib-wrapped as the RFC says, or raw as
 * some servers send it), identity. Brotli and zstd need decoders that are not on the class path: {@link
 * Unsupported}. The result is a stream: the caller reads as much as it allows, so a compression bomb inflates no
 * further than the record limit.
 */
final class ContentEncoding {
  private ContentEncoding() {}

  /** An encoding this reader cannot undo. */
  static final class Unsupported extends Exception {
    Unsupported(String message) {
      super(message);
    }
  }

  /** The decoded stream of {@code body} given the Content-Encoding header values (possibly none). */
  static InputStream decode(InputStream body, List<String> headerValues) throws IOException, Unsupported {
    List<String> codings = headerValues.stream()
        .flatMap(v -> java.util.Arrays.stream(v.split(",")))
        .map(v -> v.strip().toLowerCase(Locale.ROOT))
        .filter(v -> !v.isEmpty() && !v.equals("identity") && !v.equals("none"))
        .toList();
    if (codings.isEmpty()) return body;
    if (codings.size() > 1) throw new Unsupported("more than one Content-Encoding: " + codings);
    return switch (codings.get(0)) {
      case "gzip", "x-gzip" -> new GZIPInputStream(body, 1 << 16);
      case "deflate" -> inflate(body);
      default -> throw new Unsupported("Content-Encoding " + codings.get(0) + " cannot be decoded here");
    };
  }

  private static InputStream inflate(InputStream body) throws IOException {
    BufferedInputStream in = new BufferedInputStream(body, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    // a zlib header: compression method 8 and a check value that makes the first two bytes a multiple of 31
    boolean zlib = b0 >= 0 && b1 >= 0 && (b0 & 0x0F) == 8 && ((b0 << 8) | b1) % 31 == 0;
    return new InflaterInputStream(in, new Inflater(!zlib), 1 << 16);
  }
}
