package io.newslens.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a stream line by line as bytes, never holding more than {@code maxLineBytes} of one line: a longer line is
 * skipped to its end and reported as {@link #overflow()}.
 */
final class LineReader {
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buf = new byte[1 << 16];
  private int bufPos;
  private int bufLen;
  private boolean overflow;

  LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** Whether the last line returned was longer than the limit (it was then returned as an empty array). */
  boolean overflow() {
    return overflow;
  }

  /** The next line's bytes without its terminator (\n or \r\n); null at the end of the stream. */
  byte[] next() throws IOException {
    overflow = false;
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    boolean any = false;
    while (true) {
      if (bufPos == bufLen) {
        bufLen = in.read(buf);
        bufPos = 0;
        if (bufLen <= 0) {
          bufLen = 0;
          return any ? finish(line) : null;
        }
      }
      any = true;
      int start = bufPos;
      while (bufPos < bufLen && buf[bufPos] != '\n') bufPos++;
      if (!overflow) {
        if (line.size() + (bufPos - start) > maxLineBytes) {
          overflow = true;
          line = new ByteArrayOutputStream(0);
        } else {
          line.write(buf, start, bufPos - start);
        }
      }
      if (bufPos < bufLen) {
        bufPos++; // consume '\n'
        return finish(line);
      }
    }
  }

  private byte[] finish(ByteArrayOutputStream line) {
    if (overflow) return new byte[0];
    byte[] b = line.toByteArray();
    if (b.length > 0 && b[b.length - 1] == '\r') return Arrays.copyOf(b, b.length - 1);
    return b;
  }
}
