package io.newslens.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipException;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTargetRecord;

/**
 * The records of a WARC file (1.0 or 1.1, plain or gzipped record by record), or of the byte range
 * {@code [start, end)} of one: the records that begin in the range (the last one read past its end), and any
 * damaged records right after it, up to the first sound record start, where the next range's task begins. Read with
 * jwarc. Each {@code response} record whose HTTP status is 200 and whose payload is HTML (by its Content-Type, or
 * by its first bytes when it has none), and each {@code resource} record of HTML, becomes one page through
 * {@link HtmlPages}, after its HTTP transfer and content encodings are undone; every other record is a rejection
 * with its reason (see {@link RawRecord}): so every record of the file is accounted for. A record's number is its
 * byte offset in the file (in the compressed file for {@code .warc.gz}), as in a CDX index.
 *
 * <p>A record is turned into a page only after the reader has checked the record's end (the blank lines after its
 * declared Content-Length): a record whose length is wrong is one {@code corrupt_warc} rejection, never a page cut
 * short. After damage (a bad header or length, a cut in the middle of a gzip member) the reader looks for the next
 * record start ({@link WarcSplits#nextRecordStart}) and goes on from there; the rejection says which bytes were
 * skipped, or that the rest of the file was not read.
 */
final class WarcSource extends QueuedSource {
  private final String path;
  private final Opener opener;
  private final IngestParams params;
  private final long start;
  private final long end;
  private final boolean gzipped;
  private WarcReader reader;
  /** Offset of the file where {@link #reader} started. */
  private long base;
  /** The last record read, kept until its end is checked. */
  private Held held;
  /** Records begun in this range. */
  private long records;
  /** jwarc's warning during the last read: a record that does not end with the two blank lines after its length. */
  private String badEnd;

  WarcSource(String path, Opener opener, IngestParams params, long start, long end) {
    this.path = path;
    this.opener = opener;
    this.params = params;
    this.start = start;
    this.end = end;
    this.gzipped = InputFormat.gzipped(path);
  }

  /** A record read: either already a rejection, or a page's bytes waiting for the check of the record's end. */
  private record Held(long position, RawRecord outcome, byte[] body, HtmlPages.Origin origin) {}

  @Override
  public void close() throws IOException {
    done = true;
    if (reader != null) reader.close();
    reader = null;
  }

  @Override
  protected void step() {
    if (reader == null && !openFirst()) return;
    Optional<WarcRecord> r;
    badEnd = null;
    IOException failure = null;
    try {
      r = reader.next(); // reads the held record to its end first
    } catch (IOException e) {
      failure = e;
      r = Optional.empty();
    } catch (RuntimeException e) {
      failure = new IOException(e);
      r = Optional.empty();
    }
    if (badEnd != null && held != null) {
      // the held record does not end where its Content-Length says: it is damaged, and the reader lost from there
      damaged(new org.netpreserve.jwarc.ParsingException(badEnd + " (wrong Content-Length?)"), held.position());
      return;
    }
    if (failure != null) {
      damaged(failure);
      return;
    }
    release();
    long position = base + reader.position();
    // a record beginning past the range belongs to the next range's task, which starts at the first record start
    // that passes WarcSplits.isRecordStart: a damaged record there fails it, so it is read (and reported) here
    if (r.isEmpty() || (position >= end && WarcSplits.isRecordStart(opener, position))) {
      finish();
      return;
    }
    records++;
    held = capture(r.get(), position);
  }

  /** Opens the reader at the first record of the range; false (and done) when the range holds none. */
  private boolean openFirst() {
    InputStream in;
    long at;
    try {
      at = start == 0 ? 0 : WarcSplits.nextRecordStart(opener, start, end, gzipped);
      if (at < 0 || at >= end) {
        finish();
        return false;
      }
      PushbackInputStream pb = new PushbackInputStream(opener.openAt(at), 1);
      int first = pb.read();
      if (first < 0) {
        pb.close();
        if (at == 0) {
          emit(RawRecord.reject(path, InputFormat.WARC.code(), 0, RawRecord.EMPTY_FILE, "file is empty",
              null));
        }
        finish();
        return false;
      }
      pb.unread(first);
      in = pb;
    } catch (IOException | RuntimeException e) {
      emit(RawRecord.reject(path, InputFormat.WARC.code(), start, RawRecord.UNREADABLE,
          "cannot open: " + Bytes.rootMessage(e), null));
      finish();
      return false;
    }
    return open(at, in);
  }

  /** Starts a jwarc reader on {@code in} (the file from byte {@code at}); false (and damage reported) if it fails. */
  private boolean open(long at, InputStream in) {
    base = at;
    try {
      reader = new WarcReader(in);
      reader.onWarning(w -> badEnd = w);
      return true;
    } catch (IOException | RuntimeException e) {
      try {
        in.close();
      } catch (IOException ignored) {
        // reported below
      }
      damaged(e);
      return false;
    }
  }

  private void release() {
    if (held == null) return;
    Held h = held;
    held = null;
    emit(h.outcome() != null ? h.outcome() : HtmlPages.read(h.body(), h.origin(), params.fields()));
  }

  private void finish() {
    done = true;
    try {
      close();
    } catch (IOException ignored) {
      // nothing more is read
    }
  }

  /**
   * The file cannot be parsed at some byte: one rejection there (replacing the held record when the damage is
   * inside it), then reading resumes at the next record start within the range, if any.
   */
  private void damaged(Exception e) {
    // jwarc moves its position to a record's start once the record before has been read to its end: the position
    // is then the start of the record that could not be parsed (or the held record's, if the failure is inside it)
    damaged(e, base + (reader == null ? 0 : reader.position()));
  }

  private void damaged(Exception e, long at) {    if (held != null && held.position() != at) release();
    boolean heldDamaged = held != null;
    held = null;
    String reason = gzipped && isGzipFailure(e) ? RawRecord.CORRUPT_GZIP : RawRecord.CORRUPT_WARC;
    String where = start == 0 && end == Long.MAX_VALUE ? "file" : "range";
    String what = (reason.equals(RawRecord.CORRUPT_GZIP) ? "gzip data" : "WARC data") + " unreadable at byte " + at
        + " after " + (heldDamaged ? records - 1 : records) + " record(s) of this " + where + ": "
        + Bytes.rootMessage(e);
    try {
      close();
    } catch (IOException ignored) {
      // replaced below, or done
    }
    long next = -1;
    try {
      if (at + 1 < end) next = WarcSplits.nextRecordStart(opener, at + 1, end, gzipped);
    } catch (IOException | RuntimeException e2) {
      next = -1;
    }
    if (next < 0) {
      emit(RawRecord.reject(path, InputFormat.WARC.code(), at, reason,
          what + "; the rest of the " + where + " was not read", null));
      finish();
      return;
    }
    emit(RawRecord.reject(path, InputFormat.WARC.code(), at, reason,
        what + "; bytes " + at + " to " + next + " skipped, reading resumed at the next record", null));
    done = false;
    try {
      open(next, opener.openAt(next));
    } catch (IOException | RuntimeException e3) {
      finish();
    }
  }

  private static boolean isGzipFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ZipException) return true;
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("gzip") || m.contains("inflat") || m.contains("deflat")) return true;
    }
    return false;
  }

  // ---- one record ------------------------------------------------------------------------------------------

  /** What a record is: a rejection, or the bytes of an HTML page with where they came from. */
  private Held capture(WarcRecord rec, long position) {
    String type = rec.type();
    String typeReason = switch (type) {
      case "response", "resource" -> null;
      case "revisit" -> RawRecord.WARC_REVISIT;
      case "request" -> RawRecord.WARC_REQUEST;
      case "metadata" -> RawRecord.WARC_METADATA;
      case "warcinfo" -> RawRecord.WARC_WARCINFO;
      default -> RawRecord.WARC_OTHER_TYPE;
    };
    if (typeReason != null) {
      return rejected(position, typeReason, "a WARC " + type + " record holds no page capture");
    }
    Optional<String> truncated = rec.headers().first("WARC-Truncated");
    if (truncated.isPresent()) {
      return rejected(position, RawRecord.TRUNCATED, "WARC-Truncated: " + truncated.get()
          + " (the crawler stored only part of the payload)");
    }
    String target = rec instanceof WarcTargetRecord t ? t.target() : null;
    Map<String, String> meta = new LinkedHashMap<>();
    String id = rec.headers().first("WARC-Record-ID").orElse(null);
    if (id != null) meta.put("warc_record_id", id);
    if (target != null) meta.put("warc_target_uri", target);
    String fetched = rec.headers().first("WARC-Date").isPresent() ? safeDate(rec) : null;
    String contentType;
    InputStream payload;
    try {
      if (rec instanceof WarcResponse resp) {
        String blockType = rec.headers().first("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!blockType.startsWith("application/http")) {
          return rejected(position, RawRecord.NOT_HTML, "a response record of type '" + blockType
              + "', not an HTTP response");
        }
        HttpResponse http;
        try {
          http = resp.http();
        } catch (IOException | RuntimeException e) {
          return rejected(position, RawRecord.CORRUPT_PAYLOAD, "unreadable HTTP response: " + Bytes.rootMessage(e));
        }
        if (http.status() != 200) {
          return rejected(position, RawRecord.HTTP_STATUS, "HTTP status " + http.status()
              + (http.reason() == null || http.reason().isBlank() ? "" : " " + http.reason().strip()));
        }
        contentType = http.headers().first("Content-Type").orElse(null);
        if (contentType != null && !isHtmlType(contentType)) {
          return rejected(position, RawRecord.NOT_HTML, "payload type " + mediaType(contentType));
        }
        if (contentType != null) meta.put("http_content_type", contentType.strip());
        try {
          payload = ContentEncoding.decode(http.body().stream(), http.headers().all("Content-Encoding"));
        } catch (ContentEncoding.Unsupported e) {
          return rejected(position, RawRecord.UNSUPPORTED_ENCODING, e.getMessage());
        }
      } else {
        contentType = rec.headers().first("Content-Type").orElse(null);
        if (contentType != null && !isHtmlType(contentType)) {
          return rejected(position, RawRecord.NOT_HTML, "resource type " + mediaType(contentType));
        }
        payload = rec.body().stream();
      }
      byte[] body = Bytes.readAtMost(payload, params.maxRecordBytes() + 1L);
      if (body.length > params.maxRecordBytes()) {
        return rejected(position, RawRecord.TOO_LARGE, "payload is larger than --max-record-bytes="
            + params.maxRecordBytes() + " once decoded");
      }
      if (contentType == null && !HtmlPages.looksLikeHtml(body)) {
        return rejected(position, RawRecord.NOT_HTML, "no Content-Type, and the payload does not start like HTML");
      }
      if (Bytes.looksBinary(body) && !Bytes.hasUtf16Bom(body)) {
        return rejected(position, RawRecord.BINARY_PAYLOAD, "an HTML-typed payload holding binary data (NUL or "
            + "control bytes)");
      }
      String sourceId = id != null ? id : Text.fileName(path) + "#" + position;
      return new Held(position, null, body, new HtmlPages.Origin(path, InputFormat.WARC.code(), position, sourceId,
          target, contentType, fetched, meta));
    } catch (IOException | RuntimeException e) {
      // the payload's own encoding is broken; if the record's framing is broken too, the next read says so
      return rejected(position, RawRecord.CORRUPT_PAYLOAD, "unreadable payload: " + Bytes.rootMessage(e));
    }
  }

  private Held rejected(long position, String reason, String message) {
    return new Held(position, RawRecord.reject(path, InputFormat.WARC.code(), position, reason, message, null),
        null, null);
  }

  private static String safeDate(WarcRecord rec) {
    try {
      return rec.date().toString();
    } catch (RuntimeException e) {
      return null; // an unparseable WARC-Date: no fetch time
    }
  }

  /** text/html or application/xhtml+xml, whatever the parameters. */
  static boolean isHtmlType(String contentType) {
    String t = mediaType(contentType);
    return t.equals("text/html") || t.equals("application/xhtml+xml");
  }

  private static String mediaType(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
  }
}
