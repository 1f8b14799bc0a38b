package io.newslens.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Decompresses a gzip file member by member, so that no read call spans two members: the records of the intact
 * members before a damaged one are all delivered before the damage is reported. (The JDK's GZIPInputStream drops
 * a damaged member after the first silently, taking it for trailing garbage; Commons Compress, shipped with Spark,
 * reports it, but in its concatenated mode the bytes already inflated in the failing read call are lost.)
 */
final class GzipMembers extends InputStream {
  private final BufferedInputStream src;
  private GzipCompressorInputStream member;
  private boolean ended;

  GzipMembers(InputStream raw) throws IOException {
    this.src = new BufferedInputStream(raw, 1 << 16);
    this.member = new GzipCompressorInputStream(src, false);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    while (!ended) {
      int n = member.read(b, off, len);
      if (n != 0 || len == 0) {
        if (n > 0) return n;
        // end of this member: another one follows unless the file ends here
        src.mark(1);
        if (src.read() == -1) {
          ended = true;
          return -1;
        }
        src.reset();
        member = new GzipCompressorInputStream(src, false);
      } else {
        return 0;
      }
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    src.close();
  }
}
