package io.newslens.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/**
 * Where the records of a WARC file begin, so that one large file can be read by several tasks: each task reads the
 * records that begin in its byte range ({@link WarcSource}), finding the first one by a scan.
 *
 * <p>In a {@code .warc.gz} each record is its own gzip member (the WARC standard's recommendation, followed by
 * Heritrix, wget, warcio, jwarc and Common Crawl): a record starts where a member starts, bytes {@code 1f 8b 08}.
 * In a plain {@code .warc} a record starts with {@code WARC/1.} after a line break. Such bytes can also occur
 * inside a record, so each candidate is checked by reading the record that would start there to its end (its
 * declared length followed by the two blank lines every record ends with): a false start fails that check. A
 * {@code .warc.gz} compressed as one member (e.g. by {@code gzip file.warc}) has no record starts to find: it is
 * read by one task ({@link #plan} checks the first two records).
 */
final class WarcSplits {
  private WarcSplits() {}

  private static final long GZIP_MAGIC = 0x1f8b08L;
  private static final long WARC_START = 0x0A_57_41_52_43_2F_31_2EL; // "\nWARC/1."

  /**
   * The byte ranges of a file of {@code size} bytes read by one task each: {@code [0, Long.MAX_VALUE)} for a file
   * of at most {@code splitBytes} or one that cannot be split, else ranges of {@code splitBytes} (the last one
   * open-ended).
   */
  static List<long[]> plan(RecordSource.Opener opener, long size, boolean gzipped, long splitBytes)
      throws IOException {
    List<long[]> out = new ArrayList<>();
    if (size <= splitBytes || (gzipped && !recordPerMember(opener))) {
      out.add(new long[] {0, Long.MAX_VALUE});
      return out;
    }
    for (long s = 0; s < size; s += splitBytes) {
      out.add(new long[] {s, s + splitBytes >= size ? Long.MAX_VALUE : s + splitBytes});
    }
    return out;
  }

  /** Whether the second record of a .warc.gz starts a gzip member (false for a file of fewer than two records). */
  static boolean recordPerMember(RecordSource.Opener opener) throws IOException {
    long second;
    try (WarcReader r = new WarcReader(opener.openAt(0))) {
      if (r.next().isEmpty() || r.next().isEmpty()) return false;
      second = r.position();
    } catch (IOException | RuntimeException e) {
      return false; // damaged from the start: one task reads what it can and reports the damage
    }
    if (second <= 0) return false;
    try (InputStream in = opener.openAt(second)) {
      byte[] head = Bytes.readAtMost(in, 3);
      return head.length == 3 && ((head[0] & 0xFF) << 16 | (head[1] & 0xFF) << 8 | (head[2] & 0xFF)) == GZIP_MAGIC;
    }
  }

  /**
   * The offset of the first record that begins in {@code [from, limit)}, or -1. Candidates are checked with
   * {@link #isRecordStart}.
   */
  static long nextRecordStart(RecordSource.Opener opener, long from, long limit, boolean gzipped) throws IOException {
    // a plain record start is found by the line break before it: start the scan one byte early
    long scanFrom = gzipped ? from : Math.max(0, from - 1);
    int width = gzipped ? 3 : 8;
    long mask = gzipped ? 0xFFFFFFL : -1L;
    long pattern = gzipped ? GZIP_MAGIC : WARC_START;
    long window = 0;
    long seen = 0;
    try (InputStream in = new BufferedInputStream(opener.openAt(scanFrom), 1 << 16)) {
      byte[] buf = new byte[1 << 16];
      long offset = scanFrom;
      int n;
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++, offset++) {
          window = (window << 8) | (buf[i] & 0xFF);
          seen++;
          if (seen < width || (window & mask) != pattern) continue;
          long candidate = gzipped ? offset - 2 : offset - 6;
          if (candidate >= limit) return -1;
          if (candidate >= from && isRecordStart(opener, candidate)) return candidate;
        }
        if (offset - width >= limit) return -1;
      }
    }
    return -1;
  }

  /**
   * Whether a WARC record starts at {@code offset}: its header parses and it ends where its Content-Length says,
   * with the two blank lines of a record's end (a following record need not be readable).
   */
  static boolean isRecordStart(RecordSource.Opener opener, long offset) {
    try (WarcReader r = new WarcReader(opener.openAt(offset))) {
      boolean[] badEnd = {false};
      r.onWarning(w -> badEnd[0] = true); // a record that does not end with two blank lines after its length
      Optional<WarcRecord> first = r.next();
      if (first.isEmpty() || first.get().headers().first("WARC-Type").isEmpty()) return false;
      try {
        r.next();
      } catch (IOException | RuntimeException e) {
        // jwarc moves its position past the first record once it has read it to its end
        return !badEnd[0] && r.position() > 0;
      }
      return !badEnd[0];
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
