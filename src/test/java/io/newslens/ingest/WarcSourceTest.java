package io.newslens.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newslens.extract.ExtractedPage;
import io.newslens.extract.PageExtractor;
import io.newslens.testing.WarcBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/** WARC bytes in, one outcome per record out: pages, every skip reason, damage and byte ranges. */
class WarcSourceTest {
  private static final IngestParams P = IngestParams.defaults();

  static final String ARTICLE = "<html lang=\"fr\"><head><title>Un titre</title></head><body><h1>Un titre</h1>"
      + "<p>Le premier paragraphe de l'article, assez long pour être un article.</p>"
      + "<p>Le second paragraphe dit encore quelque chose.</p></body></html>";

  static String page(int i) {
    return ARTICLE.replace("Un titre", "Titre " + i).replace("premier", "premier (" + i + ")");
  }

  /** A byte-array file that can be opened anywhere. */
  static RecordSource.Opener opener(byte[] bytes) {
    return new RecordSource.Opener() {
      @Override
      public InputStream open() {
        return new ByteArrayInputStream(bytes);
      }

      @Override
      public InputStream openAt(long offset) {
        return new ByteArrayInputStream(bytes, (int) Math.min(offset, bytes.length),
            (int) Math.max(0, bytes.length - offset));
      }

      @Override
      public long length() {
        return bytes.length;
      }
    };
  }

  static List<RawRecord> read(String name, byte[] bytes, long start, long end, IngestParams p) {
    List<RawRecord> out = new ArrayList<>();
    try (RecordSource r = new WarcSource("file:/in/" + name, opener(bytes), p, start, end)) {
      r.forEachRemaining(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static List<RawRecord> read(String name, byte[] bytes) {
    return read(name, bytes, 0, Long.MAX_VALUE, P);
  }

  /** "kept@OFFSET" or "reason@OFFSET", in order. */
  static List<String> outcomes(List<RawRecord> rs) {
    return rs.stream().map(r -> (r.rejected() ? r.reason() : "kept") + "@" + r.recordNumber()).toList();
  }

  static List<String> expected(List<Long> offsets, String... outcomes) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < outcomes.length; i++) out.add(outcomes[i] + "@" + offsets.get(i));
    return out;
  }

  static byte[] deflate(byte[] b) {
    java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
    try (DeflaterOutputStream d = new DeflaterOutputStream(o)) {
      d.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return o.toByteArray();
  }

  /** One record of every kind a crawl holds. */
  static WarcBytes everyKind(String version) {
    byte[] html = ARTICLE.getBytes(UTF_8);
    return new WarcBytes(version)
        .record("warcinfo", null, "application/warc-fields", "software: test\r\n".getBytes(UTF_8))
        .record("request", "https://ex.fr/a", "application/http; msgtype=request",
            "GET /a HTTP/1.1\r\nHost: ex.fr\r\n\r\n".getBytes(UTF_8))
        .page("https://ex.fr/a", ARTICLE)
        .response("https://ex.fr/gone", 404, "text/html", "<html><body><p>Introuvable</p></body></html>"
            .getBytes(UTF_8))
        .response("https://ex.fr/logo.png", 200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13})
        .record("revisit", "https://ex.fr/a", "application/http; msgtype=response",
            "HTTP/1.1 200 OK\r\n\r\n".getBytes(UTF_8),
            "WARC-Profile: http://netpreserve.org/warc/1.1/revisit/identical-payload-digest")
        .record("metadata", "https://ex.fr/a", "application/warc-fields", "outlink: https://ex.fr/b\r\n"
            .getBytes(UTF_8))
        .record("resource", "https://ex.fr/r", "text/html", page(2).getBytes(UTF_8))
        .response("https://ex.fr/gz", 200, "text/html", WarcBytes.chunked(WarcBytes.gzip(page(3).getBytes(UTF_8)),
            100), "Transfer-Encoding: chunked", "Content-Encoding: gzip")
        .response("https://ex.fr/deflate", 200, "text/html", deflate(page(4).getBytes(UTF_8)),
            "Content-Encoding: deflate")
        .response("https://ex.fr/br", 200, "text/html", new byte[] {1, 2, 3}, "Content-Encoding: br")
        .record("response", "https://ex.fr/cut", "application/http; msgtype=response",
            WarcBytes.http(200, "text/html", html), "WARC-Truncated: length")
        .response("https://ex.fr/untyped", 200, null, page(5).getBytes(UTF_8))
        .response("https://ex.fr/untyped.bin", 200, null, new byte[] {'%', 'P', 'D', 'F', 0, 1, 2})
        .response("https://ex.fr/fake.html", 200, "text/html", new byte[] {'<', 'h', 0, 0, 1, 2, 3, 4, 5, 0})
        .response("https://ex.fr/empty", 200, "text/html", "<html><head><script>var x = 1;</script></head>"
            .getBytes(UTF_8))
        .record("conversion", "https://ex.fr/a", "text/plain", "texte".getBytes(UTF_8))
        .response("https://ex.fr/bad-gzip", 200, "text/html", new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3},
            "Content-Encoding: gzip");
  }

  static final String[] EVERY_KIND = {"warc_warcinfo", "warc_request", "kept", "http_status", "not_html",
      "warc_revisit", "warc_metadata", "kept", "kept", "kept", "unsupported_encoding", "truncated", "kept",
      "not_html", "binary_payload", "no_article", "warc_other_type", "corrupt_payload"};

  @Test
  void everyRecordOfAPlainAndAGzippedWarcIsAPageOrARejectionWithItsReason() {
    for (String version : List.of("WARC/1.0", "WARC/1.1")) {
      WarcBytes w = everyKind(version);
      assertEquals(EVERY_KIND.length, w.size());
      assertEquals(expected(w.offsets(false), EVERY_KIND), outcomes(read("a.warc", w.bytes())), version);
      assertEquals(expected(w.offsets(true), EVERY_KIND), outcomes(read("a.warc.gz", w.gzipped())), version);
    }
  }

  @Test
  void aPageRecordCarriesItsCaptureAndItsExtraction() {
    WarcBytes w = everyKind("WARC/1.1");
    List<RawRecord> rs = read("a.warc.gz", w.gzipped());
    RawRecord a = rs.get(2);
    ExtractedPage expect = PageExtractor.extract(ARTICLE.getBytes(UTF_8), "text/html; charset=UTF-8",
        "https://ex.fr/a");
    assertEquals("warc", a.inputFormat());
    assertEquals("<urn:uuid:00000000-0000-4000-8000-000000000003>", a.sourceId());
    assertEquals("2020-07-03T10:00:03Z", a.fetchedAt());
    assertEquals(expect.pageText(), a.text());
    assertEquals(expect.metadata().canonicalUrl() != null ? expect.metadata().canonicalUrl() : "https://ex.fr/a",
        a.url());
    assertEquals(expect.metadata().siteName() != null ? expect.metadata().siteName() : "ex.fr", a.source());
    assertEquals(expect.encoding(), a.encoding());
    assertEquals("https://ex.fr/a", a.meta().get("warc_target_uri"));
    assertEquals("<urn:uuid:00000000-0000-4000-8000-000000000003>", a.meta().get("warc_record_id"));
    assertEquals("text/html; charset=UTF-8", a.meta().get("http_content_type"));
    assertNull(a.publishedRaw() == null ? null : "the WARC date is never a publication date",
        a.publishedRaw() != null && a.publishedRaw().startsWith("2020-07-03T10") ? "WARC-Date used" : null);
    PageExtraction x = a.extraction();
    assertNotNull(x);
    assertEquals("http", x.encodingSource());
    assertEquals(expect.method(), x.method());
    assertEquals(expect.pageText().length(), x.pageChars());
    assertEquals(expect.articleText().length(), x.articleChars());
    // the decoded gzip+chunked and deflate pages are the pages themselves
    assertEquals(PageExtractor.extract(page(3).getBytes(UTF_8), "text/html", null).pageText(), rs.get(8).text());
    assertEquals(PageExtractor.extract(page(4).getBytes(UTF_8), "text/html", null).pageText(), rs.get(9).text());
    assertTrue(rs.get(3).message().startsWith("HTTP status 404"), rs.get(3).message());
    assertEquals("payload type image/png", rs.get(4).message());
    assertTrue(rs.get(11).message().startsWith("WARC-Truncated: length"), rs.get(11).message());
  }

  @Test
  void aWrongContentLengthLosesOnlyItsRecord() {
    for (long delta : new long[] {-10, 25, 100_000}) {
      byte[] html = page(2).getBytes(UTF_8);
      byte[] block = WarcBytes.http(200, "text/html", html);
      WarcBytes w = new WarcBytes().page("https://ex.fr/1", page(1))
          .record("response", "https://ex.fr/2", "application/http; msgtype=response", block, block.length + delta)
          .page("https://ex.fr/3", page(3)).page("https://ex.fr/4", page(4));
      for (boolean gz : new boolean[] {false, true}) {
        List<RawRecord> rs = read(gz ? "w.warc.gz" : "w.warc", gz ? w.gzipped() : w.bytes());
        List<Long> at = w.offsets(gz);
        String damage = "corrupt_warc";
        assertEquals(List.of("kept@" + at.get(0), damage + "@" + at.get(1), "kept@" + at.get(2),
            "kept@" + at.get(3)), outcomes(rs), "delta " + delta + (gz ? " gz" : ""));
        assertTrue(rs.get(1).message().contains("reading resumed at the next record"), rs.get(1).message());
      }
    }
  }

  @Test
  void aTruncatedWarcKeepsTheRecordsBeforeTheCutAndSaysWhere() {
    WarcBytes w = new WarcBytes();
    for (int i = 0; i < 5; i++) w.page("https://ex.fr/" + i, page(i));
    for (boolean gz : new boolean[] {false, true}) {
      byte[] all = gz ? w.gzipped() : w.bytes();
      List<Long> at = w.offsets(gz);
      byte[] cut = Arrays.copyOf(all, (int) (at.get(3) + 40)); // inside the fourth record
      List<RawRecord> rs = read(gz ? "t.warc.gz" : "t.warc", cut);
      assertEquals(List.of("kept@" + at.get(0), "kept@" + at.get(1), "kept@" + at.get(2),
          (gz ? "corrupt_gzip@" : "corrupt_warc@") + at.get(3)), outcomes(rs));
      String m = rs.get(3).message();
      assertTrue(m.contains("unreadable at byte " + at.get(3) + " after 3 record(s) of this file")
          && m.endsWith("the rest of the file was not read"), m);
    }
  }

  @Test
  void aGzipBombStopsInflatingAtTheRecordLimit() {
    byte[] zeros = new byte[64 << 20]; // 64 MiB of spaces inside a page, compressed to about 64 KiB
    Arrays.fill(zeros, (byte) ' ');
    byte[] bomb = WarcBytes.gzip(concat("<html><body><p>".getBytes(UTF_8), zeros));
    assertTrue(bomb.length < 200_000, "bomb " + bomb.length);
    WarcBytes w = new WarcBytes().response("https://ex.fr/bomb", 200, "text/html", bomb, "Content-Encoding: gzip")
        .page("https://ex.fr/after", page(1));
    List<RawRecord> rs = read("b.warc.gz", w.gzipped());
    assertEquals(List.of("too_large@0", "kept@" + w.offsets(true).get(1)), outcomes(rs));
    assertEquals("payload is larger than --max-record-bytes=4194304 once decoded", rs.get(0).message());
  }

  @Test
  void emptyAndNotWarc() {
    assertEquals(List.of("empty_file@0"), outcomes(read("e.warc", new byte[0])));
    assertEquals(List.of("empty_file@0"), outcomes(read("e.warc.gz", new byte[0])));
    List<RawRecord> rs = read("x.warc", "this is not a WARC file\r\n\r\n".getBytes(UTF_8));
    assertEquals(List.of("corrupt_warc@0"), outcomes(rs));
    assertTrue(rs.get(0).message().endsWith("the rest of the file was not read"), rs.get(0).message());
    assertEquals(List.of("corrupt_gzip@0"), outcomes(read("x.warc.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 9})));
  }

  static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) o.writeBytes(p);
    return o.toByteArray();
  }

  // ---- byte ranges ----

  static WarcBytes many(int n) {
    WarcBytes w = new WarcBytes();
    for (int i = 0; i < n; i++) {
      if (i % 4 == 1) w.record("request", "https://ex.fr/" + i, "application/http; msgtype=request",
          ("GET /" + i + " HTTP/1.1\r\n\r\n").getBytes(UTF_8));
      // a payload holding a WARC header line and a gzip magic, to tempt the scan
      w.page("https://ex.fr/" + i, page(i) + "<!-- \nWARC/1.0\r\n \u001f\u008b\u0008 -->");
    }
    return w;
  }

  @Test
  void byteRangesReadEveryRecordExactlyOnce() {
    WarcBytes w = many(40);
    for (boolean gz : new boolean[] {false, true}) {
      byte[] file = gz ? w.gzipped() : w.bytes();
      List<String> whole = outcomes(read("m.warc" + (gz ? ".gz" : ""), file));
      assertEquals(w.size(), whole.size());
      for (long split : new long[] {100, 1000, 2500, 7777, file.length - 1L}) {
        List<String> union = new ArrayList<>();
        List<long[]> ranges;
        try {
          ranges = WarcSplits.plan(opener(file), file.length, gz, split);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        assertEquals((file.length + split - 1) / split, ranges.size(), "split " + split);
        for (long[] r : ranges) union.addAll(outcomes(read("m.warc" + (gz ? ".gz" : ""), file, r[0], r[1], P)));
        assertEquals(whole, union, (gz ? "gz" : "plain") + " split " + split);
      }
    }
  }

  @Test
  void aDamagedRecordAtTheStartOfARangeIsReadByTheRangeBefore() {
    byte[] block = WarcBytes.http(200, "text/html", page(2).getBytes(UTF_8));
    WarcBytes w = new WarcBytes().page("https://ex.fr/1", page(1))
        .record("response", "https://ex.fr/2", "application/http; msgtype=response", block, block.length - 12)
        .page("https://ex.fr/3", page(3)).page("https://ex.fr/4", page(4));
    for (boolean gz : new boolean[] {false, true}) {
      byte[] file = gz ? w.gzipped() : w.bytes();
      String name = gz ? "d.warc.gz" : "d.warc";
      List<Long> at = w.offsets(gz);
      List<String> whole = outcomes(read(name, file));
      assertEquals(List.of("kept@" + at.get(0), "corrupt_warc@" + at.get(1), "kept@" + at.get(2),
          "kept@" + at.get(3)), whole);
      for (long cut = at.get(0) + 1; cut <= at.get(2); cut += 7) {
        List<String> union = new ArrayList<>(outcomes(read(name, file, 0, cut, P)));
        union.addAll(outcomes(read(name, file, cut, Long.MAX_VALUE, P)));
        assertEquals(whole, union, (gz ? "gz" : "plain") + " cut at " + cut);
      }
    }
  }

  @Test
  void aWarcGzippedAsOneMemberIsReadByOneTask() throws IOException {
    WarcBytes w = many(10);
    byte[] one = WarcBytes.gzip(w.bytes());
    assertEquals(1, WarcSplits.plan(opener(one), one.length, true, 500).size());
    assertEquals(w.size(), read("one.warc.gz", one).size());
    assertTrue(read("one.warc.gz", one).stream().allMatch(r -> r.reason() == null || r.reason().equals("warc_request")));
    byte[] members = w.gzipped();
    assertTrue(WarcSplits.plan(opener(members), members.length, true, 500).size() > 1);
  }

  @Test
  void recordStartsAreFoundAndFalseOnesRefused() throws IOException {
    WarcBytes w = many(6);
    for (boolean gz : new boolean[] {false, true}) {
      byte[] file = gz ? w.gzipped() : w.bytes();
      List<Long> at = w.offsets(gz);
      assertEquals(at.get(1), WarcSplits.nextRecordStart(opener(file), 1, file.length, gz));
      assertEquals(at.get(3), WarcSplits.nextRecordStart(opener(file), at.get(2) + 1, file.length, gz));
      assertEquals(-1, WarcSplits.nextRecordStart(opener(file), at.get(2) + 1, at.get(3), gz));
      assertEquals(-1, WarcSplits.nextRecordStart(opener(file), at.get(at.size() - 1) + 1, Long.MAX_VALUE, gz));
    }
  }
}
