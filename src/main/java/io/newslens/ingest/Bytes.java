package io.newslens.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/** Byte-level helpers every reader shares: bounded reads, binary sniffing, strict decoding, BOMs, messages. */
final class Bytes {
  private Bytes() {}

  /** At most {@code max} bytes of the stream (fewer at its end): a limit is checked on what this returns. */
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

  /** NUL bytes, or more than 5 % control bytes, in the first 8 KiB. */
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

  /** Starts with the byte order mark of UTF-16 (either byte order): such text is full of NUL bytes. */
  static boolean hasUtf16Bom(byte[] b) {
    return b.length >= 2 && ((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE));
  }

  static String strictDecode(byte[] bytes, Charset cs) throws CharacterCodingException {
    return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
  }

  static String stripBom(String s) {
    return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
  }

  static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return t.getClass().getSimpleName() + ": " + firstLine(t.getMessage());
  }
}
