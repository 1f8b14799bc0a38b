package io.newslens.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes WARC files byte by byte, so tests can make every kind of damage (a wrong Content-Length, a cut in the
 * middle) as well as valid files: records are added in order, then {@link #bytes} gives the plain file or
 * {@link #gzipped} the file with each record in its own gzip member, and {@link #offsets} where each record starts.
 */
public final class WarcBytes {
  private final String version;
  private final List<byte[]> records = new ArrayList<>();
  private int serial;

  public WarcBytes(String version) {
    this.version = version;
  }

  public WarcBytes() {
    this("WARC/1.1");
  }

  /** A record of any type with the given block; headers beyond the usual ones may be added. */
  public WarcBytes record(String type, String targetUri, String contentType, byte[] block, String... extraHeaders) {
    return record(type, targetUri, contentType, block, block.length, extraHeaders);
  }

  /** A record whose Content-Length header says {@code declaredLength} whatever the block's real length. */
  public WarcBytes record(String type, String targetUri, String contentType, byte[] block, long declaredLength,
      String... extraHeaders) {
    serial++;
    Map<String, String> h = new LinkedHashMap<>();
    h.put("WARC-Type", type);
    h.put("WARC-Record-ID", String.format("<urn:uuid:00000000-0000-4000-8000-%012d>", serial));
    h.put("WARC-Date", String.format("2020-07-03T10:%02d:%02dZ", serial / 60 % 60, serial % 60));
    if (targetUri != null) h.put("WARC-Target-URI", targetUri);
    if (contentType != null) h.put("Content-Type", contentType);
    for (String x : extraHeaders) {
      int colon = x.indexOf(':');
      h.put(x.substring(0, colon), x.substring(colon + 1).strip());
    }
    h.put("Content-Length", Long.toString(declaredLength));
    StringBuilder head = new StringBuilder(version).append("\r\n");
    h.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("\r\n");
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(head.toString().getBytes(UTF_8));
    o.writeBytes(block);
    o.writeBytes("\r\n\r\n".getBytes(ISO_8859_1));
    records.add(o.toByteArray());
    return this;
  }

  /** An HTTP 200 response of an HTML page. */
  public WarcBytes page(String uri, String html) {
    return response(uri, 200, "text/html; charset=UTF-8", html.getBytes(UTF_8));
  }

  /** An HTTP response record: status, Content-Type (none if null), body as served (extra HTTP headers allowed). */
  public WarcBytes response(String uri, int status, String contentType, byte[] body, String... httpHeaders) {
    return record("response", uri, "application/http; msgtype=response", http(status, contentType, body,
        httpHeaders));
  }

  public static byte[] http(int status, String contentType, byte[] body, String... httpHeaders) {
    StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(status == 200 ? " OK" : " Other")
        .append("\r\n");
    if (contentType != null) h.append("Content-Type: ").append(contentType).append("\r\n");
    boolean chunked = false;
    for (String x : httpHeaders) {
      h.append(x).append("\r\n");
      chunked |= x.toLowerCase(java.util.Locale.ROOT).startsWith("transfer-encoding: chunked");
    }
    if (!chunked) h.append("Content-Length: ").append(body.length).append("\r\n");
    h.append("\r\n");
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(h.toString().getBytes(ISO_8859_1));
    o.writeBytes(body);
    return o.toByteArray();
  }

  /** The body in HTTP chunks of {@code size} bytes. */
  public static byte[] chunked(byte[] body, int size) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (int i = 0; i < body.length; i += size) {
      int n = Math.min(size, body.length - i);
      o.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(ISO_8859_1));
      o.write(body, i, n);
      o.writeBytes("\r\n".getBytes(ISO_8859_1));
    }
    o.writeBytes("0\r\n\r\n".getBytes(ISO_8859_1));
    return o.toByteArray();
  }

  public int size() {
    return records.size();
  }

  /** The plain .warc file. */
  public byte[] bytes() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    records.forEach(o::writeBytes);
    return o.toByteArray();
  }

  /** The .warc.gz file: one gzip member per record. */
  public byte[] gzipped() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    records.forEach(r -> o.writeBytes(gzip(r)));
    return o.toByteArray();
  }

  /** Where each record starts in the plain ({@code gz} false) or gzipped file. */
  public List<Long> offsets(boolean gz) {
    List<Long> out = new ArrayList<>();
    long at = 0;
    for (byte[] r : records) {
      out.add(at);
      at += gz ? gzip(r).length : r.length;
    }
    return out;
  }

  public static byte[] gzip(byte[] b) {
    try {
      ByteArrayOutputStream o = new ByteArrayOutputStream();
      try (GZIPOutputStream g = new GZIPOutputStream(o)) {
        g.write(b);
      }
      return o.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
