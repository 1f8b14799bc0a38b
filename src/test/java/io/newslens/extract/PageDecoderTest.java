package io.newslens.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The charset order (HTTP header, BOM, meta, detection) and what happens when a declaration is wrong. */
class PageDecoderTest {
  static final Charset CP1252 = Charset.forName("windows-1252");

  static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object p : parts) {
      if (p instanceof String s) out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
      else if (p instanceof int[] raw) for (int b : raw) out.write(b);
    }
    return out.toByteArray();
  }

  static final int[] E_ACUTE_UTF8 = {0xC3, 0xA9};
  static final int[] E_ACUTE_1252 = {0xE9};

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      header beats meta               | text/html; charset=ISO-8859-2 | <meta charset=utf-8><p>abc   | ISO-8859-2 | http
      header, quoted                  | text/html; charset="utf-8"    | <p>abc                         | UTF-8      | http
      meta charset                    |                               | <meta charset="koi8-r"><p>abc  | KOI8-R     | meta
      http-equiv                      |                               | <meta http-equiv=Content-Type content="text/html; charset=Shift_JIS"><p>a | Shift_JIS | meta
      latin-1 label is windows-1252   |                               | <meta charset=iso-8859-1><p>a  | windows-1252 | meta
      meta utf-16 on ASCII is UTF-8   |                               | <meta charset=utf-16><p>a      | UTF-8      | meta
      unknown label is skipped        |                               | <meta charset=x-nonsense><p>a  | UTF-8      | detected
      nothing declared, ASCII         |                               | <p>plain                       | UTF-8      | detected
      """)
  void order(String name, String header, String html, String charset, String source) {
    PageExtractor.Decoded d = PageExtractor.decode(html.getBytes(StandardCharsets.US_ASCII), header);
    assertEquals(charset, d.charset().name(), name);
    assertEquals(source, d.source(), name);
  }

  @Test
  void byteOrderMarks() {
    PageExtractor.Decoded utf8 = PageExtractor.decode(bytes(new int[] {0xEF, 0xBB, 0xBF},
        "<meta charset=windows-1252><p>caf", E_ACUTE_UTF8), null);
    assertEquals("UTF-8", utf8.charset().name());
    assertEquals("bom", utf8.source());
    assertEquals("<meta charset=windows-1252><p>café", utf8.text());

    byte[] le = "<p>été".getBytes(StandardCharsets.UTF_16LE);
    byte[] withBom = new byte[le.length + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(le, 0, withBom, 2, le.length);
    PageExtractor.Decoded u16 = PageExtractor.decode(withBom, null);
    assertEquals("UTF-16LE", u16.charset().name());
    assertEquals("<p>été", u16.text());

    // the header comes first; a BOM under a header that says UTF-8 is not part of the text
    PageExtractor.Decoded h = PageExtractor.decode(bytes(new int[] {0xEF, 0xBB, 0xBF}, "<p>x"),
        "text/html;charset=UTF-8");
    assertEquals("http", h.source());
    assertEquals("<p>x", h.text());
  }

  @Test
  void windows1252Page() {
    // 0x80 is the euro sign in windows-1252 (a C1 control in ISO-8859-1), 0xE9 is é
    PageExtractor.Decoded d = PageExtractor.decode(bytes("<meta charset=ISO-8859-1><p>5 ", new int[] {0x80},
        " caf", E_ACUTE_1252), null);
    assertEquals("windows-1252", d.charset().name());
    assertEquals("<meta charset=ISO-8859-1><p>5 € café", d.text());
    PageExtractor.Decoded undeclared = PageExtractor.decode(bytes("<p>caf", E_ACUTE_1252), null);
    assertEquals("windows-1252", undeclared.charset().name());
    assertEquals("detected", undeclared.source());
    assertEquals("<p>café", undeclared.text());
  }

  @Test
  void wrongDeclarationsAreOverruledByTheBytes() {
    // declared UTF-8 (header, then meta), bytes windows-1252: not valid UTF-8
    PageExtractor.Decoded h = PageExtractor.decode(bytes("<p>caf", E_ACUTE_1252), "text/html; charset=utf-8");
    assertEquals("windows-1252", h.charset().name());
    assertEquals("detected", h.source());
    assertEquals("<p>café", h.text());
    PageExtractor.Decoded m = PageExtractor.decode(bytes("<meta charset=utf-8><p>caf", E_ACUTE_1252), null);
    assertEquals("windows-1252", m.charset().name());
    assertEquals("detected", m.source());
    // declared Latin-1, bytes valid UTF-8 with multi-byte sequences: UTF-8
    PageExtractor.Decoded l = PageExtractor.decode(bytes("<p>caf", E_ACUTE_UTF8), "text/html; charset=iso-8859-1");
    assertEquals("UTF-8", l.charset().name());
    assertEquals("detected", l.source());
    assertEquals("<p>café", l.text());
    // declared another single-byte charset: followed, whatever the bytes (nothing contradicts KOI8-R)
    PageExtractor.Decoded k = PageExtractor.decode(bytes("<p>", new int[] {0xC1}), "text/html; charset=koi8-r");
    assertEquals("KOI8-R", k.charset().name());
    assertEquals("<p>а", k.text());
  }

  /** A page cut at maxParseBytes may end inside a character: that does not make it windows-1252. */
  @Test
  void aMultiByteSequenceCutByTheBoundStillReadsAsUtf8() {
    byte[] page = bytes("<p>caf", E_ACUTE_UTF8, " caf", E_ACUTE_UTF8);
    assertEquals("<p>café caf", PageDecoder.strictUtf8(page, 0, page.length - 1, true));
    assertNull(PageDecoder.strictUtf8(page, 0, page.length - 1, false));
    assertNull(PageDecoder.strictUtf8(bytes("<p>", new int[] {0xC3, 0x41}), 0, 5, true));
    PageExtractor.Decoded d = PageDecoder.decode(page, page.length - 1, null);
    assertEquals("UTF-8", d.charset().name());
    assertEquals("<p>café caf", d.text());
  }

  @Test
  void extractReportsTheEncoding() {
    ExtractedPage p = PageExtractor.extract(bytes("<html><body><p>caf", E_ACUTE_1252, "</p></body></html>"),
        "text/html; charset=utf-8", null);
    assertEquals("windows-1252", p.encoding());
    assertEquals("detected", p.encodingSource());
    assertEquals("café", p.pageText());
  }
}
