package io.newslens.extract;

import io.newslens.extract.PageExtractor.Decoded;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes a page's bytes. The charset comes from, in this order: the HTTP Content-Type header, a byte order mark,
 * a {@code <meta charset>} or {@code http-equiv} in the first {@value #META_SCAN_BYTES} bytes, detection. A
 * declaration the bytes contradict is not followed: a page declared UTF-8 whose bytes are not valid UTF-8, or
 * declared Latin-1 / windows-1252 / ASCII whose bytes are valid UTF-8 with multi-byte sequences, is detected
 * instead (source {@code detected}). Detection takes UTF-8 when the bytes are valid UTF-8, else windows-1252.
 * As browsers do (WHATWG Encoding), the labels ISO-8859-1, Latin-1 and US-ASCII decode as windows-1252, and a
 * {@code meta} naming UTF-16 on bytes that are not UTF-16 means UTF-8. Bytes that do not decode become U+FFFD.
 */
final class PageDecoder {
  private PageDecoder() {}

  static final int META_SCAN_BYTES = 8192;
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final Pattern HTTP_CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern META_CHARSET = Pattern.compile(
      "<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);

  static Decoded decode(byte[] body, int length, String httpContentType) {
    Decoded d = choose(body, length, length < body.length, httpContentType);
    // a byte order mark decoded under a declared UTF-8 (or read as UTF-8 by the contradiction rule) is U+FEFF
    return d.text().startsWith("\uFEFF") ? new Decoded(d.text().substring(1), d.charset(), d.source()) : d;
  }

  private static Decoded choose(byte[] body, int length, boolean cut, String httpContentType) {
    Charset http = charsetIn(httpContentType, HTTP_CHARSET);
    if (http != null) return declared(body, 0, length, cut, http, "http");
    if (length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
      return new Decoded(lenient(body, 3, length, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "bom");
    }
    if (length >= 2 && (body[0] & 0xFF) == 0xFE && (body[1] & 0xFF) == 0xFF) {
      return new Decoded(lenient(body, 2, length, StandardCharsets.UTF_16BE), StandardCharsets.UTF_16BE, "bom");
    }
    if (length >= 2 && (body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xFE) {
      return new Decoded(lenient(body, 2, length, StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE, "bom");
    }
    String head = new String(body, 0, Math.min(length, META_SCAN_BYTES), StandardCharsets.ISO_8859_1);
    Charset meta = charsetIn(head, META_CHARSET);
    if (meta != null) {
      if (meta.name().startsWith("UTF-16") || meta.name().startsWith("UTF-32")) meta = StandardCharsets.UTF_8;
      return declared(body, 0, length, cut, meta, "meta");
    }
    return detect(body, 0, length, cut);
  }

  /** A declared charset, unless the bytes contradict it. */
  private static Decoded declared(byte[] body, int offset, int length, boolean cut, Charset cs, String source) {
    if (cs.equals(StandardCharsets.UTF_8)) {
      String s = strictUtf8(body, offset, length, cut);
      return s != null ? new Decoded(s, cs, source) : detect(body, offset, length, cut);
    }
    if (cs.equals(WINDOWS_1252) && hasHighBytes(body, offset, length)) {
      String s = strictUtf8(body, offset, length, cut);
      if (s != null) return new Decoded(s, StandardCharsets.UTF_8, "detected");
    }
    return new Decoded(lenient(body, offset, length, cs), cs, source);
  }

  private static Decoded detect(byte[] body, int offset, int length, boolean cut) {
    String s = strictUtf8(body, offset, length, cut);
    if (s != null) return new Decoded(s, StandardCharsets.UTF_8, "detected");
    return new Decoded(lenient(body, offset, length, WINDOWS_1252), WINDOWS_1252, "detected");
  }

  /**
   * The bytes as UTF-8, or null when they are not valid UTF-8. When the bytes were {@code cut} from a longer
   * page, a multi-byte sequence cut by their end does not count against them (it is left out).
   */
  static String strictUtf8(byte[] body, int offset, int length, boolean cut) {
    int end = length;
    int back = 0;
    // drop an incomplete trailing sequence: up to 3 continuation bytes after a lead byte at the very end
    for (int k = length - 1; cut && k >= offset && back < 4; k--, back++) {
      int b = body[k] & 0xFF;
      if ((b & 0xC0) != 0x80) {
        int need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        if (length - k < need) end = k;
        break;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body, offset, end - offset))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean hasHighBytes(byte[] body, int offset, int length) {
    for (int k = offset; k < length; k++) {
      if (body[k] < 0) return true;
    }
    return false;
  }

  static Charset charsetIn(String s, Pattern p) {
    if (s == null) return null;
    Matcher m = p.matcher(s);
    if (!m.find()) return null;
    String name = m.group(1).toLowerCase(Locale.ROOT);
    switch (name) {
      case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "iso_8859-1", "cp1252" -> {
        return WINDOWS_1252;
      }
      case "utf8" -> {
        return StandardCharsets.UTF_8;
      }
      default -> { }
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }

  private static String lenient(byte[] body, int offset, int length, Charset cs) {
    return new String(body, offset, length - offset, cs);
  }
}
