package io.newslens.ingest;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Table-driven: bytes in, records out (one per record met), for every format and every reason code. */
class RecordSourceTest {
  private static final IngestParams P = IngestParams.defaults();
  private static final IngestParams SMALL = new IngestParams(FieldMapping.defaults(), 1024, 0);

  static List<RawRecord> read(String name, byte[] bytes, IngestParams p) {
    List<RawRecord> out = new ArrayList<>();
    try (RecordSource r = RecordSource.open("file:/in/" + name, () -> new ByteArrayInputStream(bytes), p)) {
      r.forEachRemaining(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static List<RawRecord> read(String name, String text) {
    return read(name, text.getBytes(UTF_8), P);
  }

  /** "kept:TEXT" for a document, the reason code for a rejection, one per record in order. */
  static List<String> outcomes(List<RawRecord> rs) {
    return rs.stream().map(r -> r.rejected() ? r.reason() + "@" + r.recordNumber() : "kept:" + r.text()).toList();
  }

  static byte[] gzip(byte[] b) {
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

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) o.writeBytes(p);
    return o.toByteArray();
  }

  // ---- JSON Lines ----

  @Test
  void jsonLinesEveryOutcome() {
    byte[] bytes = concat(
        "\uFEFF{\"id\":\"1\",\"text\":\"one\"}\r\n".getBytes(UTF_8), // BOM + CRLF
        "\n".getBytes(UTF_8), // blank line: not a record
        "{\"id\":\"2\",\"text\":\"tw".getBytes(UTF_8), "\n".getBytes(UTF_8), // truncated
        "[1,2]\n".getBytes(UTF_8),
        "{\"id\":\"4\",\"title\":\"no text\"}\n".getBytes(UTF_8),
        "{\"id\":\"5\",\"text\":5}\n".getBytes(UTF_8),
        "{\"id\":\"6\",\"text\":\"  \"}\n".getBytes(UTF_8),
        "{\"id\":\"7\",\"text\":\"bad ".getBytes(UTF_8), new byte[] {(byte) 0xff, (byte) 0xfe}, "\"}\n".getBytes(UTF_8),
        "{\"id\":\"8\",\"text\":\"x\"} trailing\n".getBytes(UTF_8),
        "not json\n".getBytes(UTF_8),
        "{\"id\":\"10\",\"text\":\"ten\"}".getBytes(UTF_8)); // no final newline
    List<RawRecord> rs = read("a.jsonl", bytes, P);
    assertEquals(List.of("kept:one", "malformed_json@2", "not_an_object@3", "missing_text@4", "text_not_string@5",
        "empty_text@6", "invalid_utf8@7", "malformed_json@8", "malformed_json@9", "kept:ten"), outcomes(rs));
    assertEquals("1", rs.get(0).sourceId());
    assertEquals("{\"id\":\"2\",\"text\":\"tw", rs.get(1).excerpt());
    assertTrue(rs.stream().allMatch(r -> r.inputPath().equals("file:/in/a.jsonl") && r.inputFormat().equals("jsonl")));
  }

  @Test
  void jsonLineLongerThanTheLimitIsTooLargeAndReadingGoesOn() {
    String big = "{\"text\":\"" + "x".repeat(2000) + "\"}\n";
    List<RawRecord> rs = read("a.ndjson", (big + "{\"text\":\"ok\"}\n").getBytes(UTF_8), SMALL);
    assertEquals(List.of("too_large@1", "kept:ok"), outcomes(rs));
    assertEquals("line is longer than --max-record-bytes=1024", rs.get(0).message());
  }

  @Test
  void stringsLongerThanJacksonsDefaultLimitAreReadWhenTheRecordLimitAllows() {
    String text = "y".repeat(20_000_001); // Jackson 2.15+ refuses strings over 20,000,000 chars by default
    IngestParams p = new IngestParams(FieldMapping.defaults(), 32 << 20, 0);
    List<RawRecord> rs = read("big.jsonl", ("{\"text\":\"" + text + "\"}\n").getBytes(UTF_8), p);
    assertEquals(1, rs.size());
    assertNull(rs.get(0).reason(), rs.get(0).message());
    assertEquals(20_000_001, rs.get(0).text().length());
  }

  // ---- .json ----

  @Test
  void jsonArrayOfObjects() {
    List<RawRecord> rs = read("a.json", " [ {\"id\":\"j1\",\"text\":\"A\"}, {\"id\":\"j2\",\"text\":5}, 3,"
        + " {\"headline\":\"H\",\"body\":\"B\"} ]");
    assertEquals(List.of("kept:A", "text_not_string@2", "not_an_object@3", "kept:B"), outcomes(rs));
    assertEquals("H", rs.get(3).title());
  }

  @Test
  void truncatedJsonArrayKeepsWhatWasReadAndSaysWhere() {
    List<RawRecord> rs = read("a.json", "[{\"text\":\"A\"},{\"text\":\"B\"},{\"text\":\"C");
    assertEquals(List.of("kept:A", "kept:B", "malformed_json@3"), outcomes(rs));
  }

  @Test
  void jsonArrayElementOverTheLimitIsTooLarge() {
    List<RawRecord> rs = read("a.json", ("[{\"text\":\"A\"},{\"text\":\"" + "z".repeat(5000) + "\"}]")
        .getBytes(UTF_8), SMALL);
    assertEquals(List.of("kept:A", "too_large@2"), outcomes(rs));
  }

  @Test
  void jsonFileWithOnePrettyPrintedObject() {
    List<RawRecord> rs = read("one.json", "{\n  \"title\": \"T\",\n  \"text\": \"Un article\"\n}\n");
    assertEquals(List.of("kept:Un article"), outcomes(rs));
    assertEquals("one.json#1", rs.get(0).sourceId());
  }

  @Test
  void jsonFileWithJsonLines() {
    assertEquals(List.of("kept:a", "malformed_json@2", "kept:c"),
        outcomes(read("lines.json", "{\"text\":\"a\"}\n{oops\n{\"text\":\"c\"}\n")));
  }

  @Test
  void emptyAndBlankJson() {
    assertEquals(List.of("empty_file@0"), outcomes(read("e.json", "")));
    assertEquals(List.of("empty_text@0"), outcomes(read("e.json", " \n ")));
  }

  // ---- .txt ----

  @Test
  void txtTitleIsTheFirstNonEmptyLineAndTheDateLineIsFound() {
    List<RawRecord> rs = read("dir/kim.txt", "\uFEFF\r\nKim s’aligne\r\n\r\nSous-titre\r\n2023-09-13 22:20:04\r\nCorps.\r\n");
    RawRecord r = rs.get(0);
    assertEquals(1, rs.size());
    assertEquals("Kim s’aligne", r.title());
    assertEquals("2023-09-13 22:20:04", r.publishedRaw());
    assertEquals("\nKim s’aligne\n\nSous-titre\n2023-09-13 22:20:04\nCorps.\n", r.text());
    assertEquals("kim.txt", r.sourceId());
    assertEquals("kim", r.source());
    assertEquals("UTF-8", r.encoding());
  }

  @Test
  void latin1TxtIsDecodedAsWindows1252() {
    RawRecord r = read("l.txt", "Été\n\nDéjà vu à Paris – 5 €".getBytes(java.nio.charset.Charset.forName("windows-1252")),
        P).get(0);
    assertNull(r.reason());
    assertEquals("windows-1252", r.encoding());
    assertEquals("Été", r.title());
    assertEquals("Été\n\nDéjà vu à Paris – 5 €", r.text());
    assertEquals("windows-1252", read("l2.txt", "caf\u00e9".getBytes(ISO_8859_1), P).get(0).encoding());
  }

  @Test
  void txtRejections() {
    assertEquals(List.of("empty_file@1"), outcomes(read("e.txt", new byte[0], P)));
    assertEquals(List.of("empty_text@1"), outcomes(read("b.txt", " \r\n\t\n")));
    assertEquals(List.of("binary_file@1"), outcomes(read("bin.txt", new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2}, P)));
    // 0x81 is undefined in windows-1252 and invalid in UTF-8
    assertEquals(List.of("invalid_utf8@1"), outcomes(read("x.txt", new byte[] {'a', (byte) 0x81, 'b'}, P)));
    byte[] big = new byte[1025];
    Arrays.fill(big, (byte) 'a');
    assertEquals(List.of("too_large@1"), outcomes(read("big.txt", big, SMALL)));
  }

  // ---- CSV / TSV ----

  @Test
  void csvWithHeaderMultiLineFieldsAndBadRows() {
    String csv = "\uFEFFid,title,text,published\r\n"
        + "c1,Titre,\"Ligne 1\r\nLigne 2, avec virgule\",2023-09-13\r\n"
        + "c2,T2,\"dit \"\"bonjour\"\"\",\r\n"
        + "c3,T3,a,b,c,d\r\n"
        + "c4,T4\r\n"
        + "\r\n"
        + "c5,T5,fin,\r\n";
    List<RawRecord> rs = read("t.csv", csv);
    assertEquals(List.of("kept:Ligne 1\nLigne 2, avec virgule", "kept:dit \"bonjour\"", "malformed_csv@3",
        "missing_text@4", "kept:fin"), outcomes(rs));
    assertEquals("c1", rs.get(0).sourceId());
    assertEquals("2023-09-13", rs.get(0).publishedRaw());
  }

  @Test
  void tsvAndCsvLimits() {
    assertEquals(List.of("kept:corps"), outcomes(read("t.tsv", "id\ttext\nx\tcorps\n")));
    assertEquals(List.of("empty_file@0"), outcomes(read("e.csv", "")));
    // a row over the limit is rejected and reading goes on
    String big = "text\nok\n" + "w".repeat(2000) + "\nafter\n";
    assertEquals(List.of("kept:ok", "too_large@2", "kept:after"),
        outcomes(read("big.csv", big.getBytes(UTF_8), SMALL)));
    // a field far over the limit stops the file before it can fill the memory: the rest is reported with it
    String huge = "text\nok\n\"" + "w".repeat(300_000) + "\"\nnot reached\n";
    List<RawRecord> rs = read("huge.csv", huge.getBytes(UTF_8), SMALL);
    assertEquals(List.of("kept:ok", "too_large@1"), outcomes(rs));
    assertTrue(rs.get(1).message().startsWith("CSV unreadable after 1 record(s): "), rs.get(1).message());
    assertEquals(List.of("invalid_utf8@0"),
        outcomes(read("u.csv", concat("text\n".getBytes(UTF_8), new byte[] {(byte) 0xC3, '(', '\n'}), P)));
  }

  // ---- gzip ----

  @Test
  void gzippedFilesAreReadLikeTheirInnerFormat() {
    byte[] gz = gzip("{\"text\":\"a\"}\n{\"text\":\"b\"}\n".getBytes(UTF_8));
    assertEquals(List.of("kept:a", "kept:b"), outcomes(read("x.jsonl.gz", gz, P)));
    RawRecord r = read("y.TXT.GZ", gzip("T\n\nbody".getBytes(UTF_8)), P).get(0);
    assertEquals("T", r.title());
    assertEquals("txt", r.inputFormat());
  }

  @Test
  void truncatedGzipKeepsTheRecordsBeforeTheCut() {
    byte[] first = gzip("{\"text\":\"a\"}\n{\"text\":\"b\"}\n".getBytes(UTF_8));
    byte[] second = gzip("{\"text\":\"c\"}\n".repeat(50).getBytes(UTF_8));
    byte[] truncated = concat(first, Arrays.copyOf(second, 12));
    List<RawRecord> rs = read("t.jsonl.gz", truncated, P);
    assertEquals(List.of("kept:a", "kept:b", "corrupt_gzip@2"), outcomes(rs));
    assertTrue(rs.get(2).message().contains(" after 2 record(s): "), rs.get(2).message());
  }

  @Test
  void notGzipAndEmptyGzip() {
    assertEquals(List.of("corrupt_gzip@0"), outcomes(read("n.jsonl.gz", "{\"text\":\"a\"}")));
    assertEquals(List.of("empty_file@0"), outcomes(read("e.txt.gz", new byte[0], P)));
    assertEquals(List.of("empty_file@1"), outcomes(read("e2.txt.gz", gzip(new byte[0]), P)));
  }

  // ---- files that cannot be read ----

  @Test
  void unreadableAndUnsupported() {
    List<RawRecord> rs = new ArrayList<>();
    try (RecordSource r = RecordSource.open("file:/in/gone.jsonl", () -> {
      throw new java.io.FileNotFoundException("/in/gone.jsonl (Permission denied)");
    }, P)) {
      r.forEachRemaining(rs::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertEquals(List.of("unreadable@0"), outcomes(rs));
    assertEquals("cannot open: /in/gone.jsonl (Permission denied)", rs.get(0).message());
    assertEquals(List.of("unsupported_format@0"), outcomes(read("notes.xml", "<a/>")));
  }

  @Test
  void metaKeepsUnmappedFields() {
    RawRecord r = read("m.jsonl", "{\"text\":\"t\",\"category\":\"france\",\"tags\":[\"a\",\"b\"],\"n\":3}\n").get(0);
    assertEquals(Map.of("category", "france", "tags", "[a, b]", "n", "3"), r.meta());
  }
}
