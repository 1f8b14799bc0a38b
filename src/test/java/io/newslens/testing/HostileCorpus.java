package io.newslens.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.newslens.Columns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A corpus of everything that goes wrong in real inputs, written into a folder by the test that needs it, with the
 * outcome every file must have: how many documents it gives and how many rejections with which reason.
 * Relative paths under {@code parq/NAME/} stand for the Parquet part file Spark wrote there.
 */
public final class HostileCorpus {
  private HostileCorpus() {}

  /** Articles larger than the default --max-record-bytes (4 MiB). */
  public static final int BIG_ARTICLE_BYTES = 20 << 20;

  /** Expected outcome per relative path: "kept" or a reason code → count. */
  public static Map<String, Map<String, Long>> write(Path root, SparkSession spark) {
    try {
      Map<String, Map<String, Long>> expect = new TreeMap<>();
      // JSON Lines in a deep folder: one record of every kind
      put(root, "deep/a/b/c/d/e/f/g/news.jsonl", join(
          line("{\"id\":\"n1\",\"title\":\"Un\",\"text\":\"Premier article.\",\"url\":\"https://www.example.fr/1\","
              + "\"date\":\"2023-09-13T22:20:04Z\"}"),
          line("{\"id\":\"n2\",\"text\":\"Deuxième arti"), // truncated
          line("[1,2,3]"),
          line("{\"id\":\"n4\",\"title\":\"sans texte\"}"),
          line("{\"id\":\"n5\",\"text\":42}"),
          line("{\"id\":\"n6\",\"text\":\"   \"}"),
          line("{\"id\":\"n7\",\"text\":\"\"}"),
          line("{\"id\":\"dup\",\"text\":\"Premier doublon.\"}"),
          line("{\"id\":\"dup\",\"text\":\"Second doublon.\"}"),
          concat("{\"id\":\"n10\",\"text\":\"octets ".getBytes(UTF_8), new byte[] {(byte) 0xff, (byte) 0xfe},
              "\"}\n".getBytes(UTF_8)),
          "{\"id\":\"n11\",\"text\":\"Fin de ligne\\r\\nWindows.\"}\r\n".getBytes(UTF_8),
          line("pas du JSON"),
          line("{\"id\":\"n13\",\"text\":null,\"body\":\"Le corps.\"}")));
      expect.put("deep/a/b/c/d/e/f/g/news.jsonl", counts("kept", 5, "malformed_json", 2, "not_an_object", 1,
          "missing_text", 1, "text_not_string", 1, "empty_text", 2, "invalid_utf8", 1));
      put(root, "bom.jsonl", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
          line("{\"id\":\"b1\",\"text\":\"Avec BOM.\"}")));
      expect.put("bom.jsonl", counts("kept", 1));
      put(root, "array.json", ("[{\"id\":\"j1\",\"text\":\"A\"},\n {\"id\":\"j2\",\"text\":5},\n"
          + " {\"id\":\"dup\",\"text\":\"Troisième doublon, autre source.\"}]").getBytes(UTF_8));
      expect.put("array.json", counts("kept", 2, "text_not_string", 1));
      put(root, "txt/latin1.txt", "Été brûlant\n\nDéjà vu à Noël : 5 € la pièce.\n".getBytes(Charset.forName("ISO-8859-1")));
      expect.put("txt/latin1.txt", counts("kept", 1));
      put(root, "txt/binary.txt", new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, (byte) 0x9c, 0x1f});
      expect.put("txt/binary.txt", counts("binary_file", 1));
      put(root, "txt/empty.txt", new byte[0]);
      expect.put("txt/empty.txt", counts("empty_file", 1));
      put(root, "txt/blank.txt", " \n\t\r\n  ".getBytes(UTF_8));
      expect.put("txt/blank.txt", counts("empty_text", 1));
      put(root, "txt/crlf.txt", "Titre Windows\r\n\r\nLigne un.\r\nLigne deux.\r\n".getBytes(UTF_8));
      expect.put("txt/crlf.txt", counts("kept", 1));
      byte[] big = new byte[BIG_ARTICLE_BYTES];
      Arrays.fill(big, (byte) 'a');
      for (int i = 80; i < big.length; i += 81) big[i] = '\n';
      put(root, "txt/big.txt", big);
      expect.put("txt/big.txt", counts("too_large", 1));
      Files.createDirectories(root.resolve("big"));
      try (OutputStream o = Files.newOutputStream(root.resolve("big/big.jsonl"))) {
        o.write("{\"id\":\"huge\",\"text\":\"".getBytes(UTF_8));
        byte[] chunk = new byte[1 << 16];
        Arrays.fill(chunk, (byte) 'b');
        for (int i = 0; i < BIG_ARTICLE_BYTES; i += chunk.length) o.write(chunk);
        o.write("\"}\n{\"id\":\"after\",\"text\":\"Après le géant.\"}\n".getBytes(UTF_8));
      }
      expect.put("big/big.jsonl", counts("too_large", 1, "kept", 1));
      // two gzip members, the second cut short: the first member's two records are kept
      byte[] second = gzip(line("{\"id\":\"g3\",\"text\":\"perdu\"}"));
      put(root, "gz/truncated.jsonl.gz", concat(gzip(join(line("{\"id\":\"g1\",\"text\":\"Un.\"}"),
          line("{\"id\":\"g2\",\"text\":\"Deux.\"}"))), Arrays.copyOf(second, 12)));
      expect.put("gz/truncated.jsonl.gz", counts("kept", 2, "corrupt_gzip", 1));
      put(root, "gz/good.txt.gz", gzip("Titre compressé\n\nCorps compressé.".getBytes(UTF_8)));
      expect.put("gz/good.txt.gz", counts("kept", 1));
      put(root, "notes.xml", "<notes/>".getBytes(UTF_8));
      expect.put("notes.xml", counts("unsupported_format", 1));
      put(root, "table.csv", ("id,title,text\r\nc1,Titre,\"Ligne 1\r\nLigne 2, avec virgule\"\r\n"
          + "c2,Trop,de,champs,ici\r\nc3,Fin,\"Dernier \"\"cité\"\"\"\r\n").getBytes(UTF_8));
      expect.put("table.csv", counts("kept", 2, "malformed_csv", 1));
      put(root, "fake.parquet", "this is not parquet at all".getBytes(UTF_8));
      expect.put("fake.parquet", counts("corrupt_parquet", 1));
      // hidden files and folders are never read
      put(root, ".hidden/secret.jsonl", line("{\"text\":\"ne doit pas être lu\"}"));
      put(root, "_tmp/x.txt", "Caché\n\nne doit pas être lu".getBytes(UTF_8));
      if (spark != null) {
        StructType a = new StructType().add("id", DataTypes.StringType).add("headline", DataTypes.StringType)
            .add("body", DataTypes.StringType);
        spark.createDataFrame(List.of(RowFactory.create("p1", "Parquet un", "Corps parquet un."),
            RowFactory.create("p2", "Parquet deux", "Corps parquet deux.")), a)
            .coalesce(1).write().parquet(root.resolve("parq/good").toString());
        expect.put("parq/good/*", counts("kept", 2));
        StructType b = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.IntegerType);
        spark.createDataFrame(List.of(RowFactory.create("p3", 7)), b)
            .coalesce(1).write().parquet(root.resolve("parq/numbers").toString());
        expect.put("parq/numbers/*", counts("text_not_string", 1));
        StructType c = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.BinaryType);
        spark.createDataFrame(List.of(RowFactory.create("p4", "Texte binaire.".getBytes(UTF_8)),
            RowFactory.create("p5", new byte[] {'x', (byte) 0xC3, '('})), c)
            .coalesce(1).write().parquet(root.resolve("parq/binary").toString());
        expect.put("parq/binary/*", counts("kept", 1, "invalid_utf8", 1));
      }
      return expect;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a run made of each input file under root, in the form of {@link #write}'s map. */
  public static Map<String, Map<String, Long>> outcomes(Path root, Dataset<Row> docs, Dataset<Row> rejected) {
    Map<String, Map<String, Long>> actual = new TreeMap<>();
    for (Row r : docs.groupBy(Columns.INPUT_PATH).count().collectAsList()) {
      actual.computeIfAbsent(key(root, r.getString(0)), k -> new TreeMap<>()).put("kept", r.getLong(1));
    }
    for (Row r : rejected.groupBy(Columns.INPUT_PATH, Columns.REASON)
        .count().collectAsList()) {
      actual.computeIfAbsent(key(root, r.getString(0)), k -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
    }
    return actual;
  }

  /** The key of {@link #write}'s map for an input path found under root. */
  public static String key(Path root, String inputPath) {
    String rel = inputPath.substring(inputPath.indexOf(root.toString()) + root.toString().length() + 1);
    return rel.startsWith("parq/") ? rel.substring(0, rel.lastIndexOf('/')) + "/*" : rel;
  }

  static Map<String, Long> counts(Object... kv) {
    Map<String, Long> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], ((Integer) kv[i + 1]).longValue());
    return m;
  }

  private static void put(Path root, String rel, byte[] bytes) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
  }

  private static byte[] line(String s) {
    return (s + "\n").getBytes(UTF_8);
  }

  private static byte[] join(byte[]... parts) {
    return concat(parts);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) o.writeBytes(p);
    return o.toByteArray();
  }

  private static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(o)) {
      g.write(b);
    }
    return o.toByteArray();
  }

  /** Total records of an expectation map (documents + rejections). */
  public static long total(Map<String, Map<String, Long>> expect) {
    return expect.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
  }

  /** Kept records of an expectation map. */
  public static long kept(Map<String, Map<String, Long>> expect) {
    return expect.values().stream().mapToLong(m -> m.getOrDefault("kept", 0L)).sum();
  }

}
