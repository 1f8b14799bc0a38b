package io.newslens.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A crawl with everything that goes wrong in one, written into a folder by the test that needs it: saved pages
 * (good ones, a windows-1252 one, a wrongly declared charset, another language and script, no body, scripts only, a
 * 50 MB page, binary bytes named .html), a gzipped WARC with one record of every kind plus a gzip bomb, a wrong
 * Content-Length and a cut at the end, a plain WARC 1.0 cut short, and a JSON Lines file. {@link #write} returns
 * the outcome every file must have, as {@link HostileCorpus} does.
 */
public final class CrawlCorpus {
  private CrawlCorpus() {}

  public static final String GOOD = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
      + "<title>Le budget voté - Ville Info</title>"
      + "<link rel=\"canonical\" href=\"https://www.ville-info.fr/budget.html\">"
      + "<meta property=\"og:site_name\" content=\"Ville Info\"></head><body>"
      + "<nav><ul><li><a href=\"/\">Accueil</a></li><li><a href=\"/politique\">Politique</a></li></ul></nav>"
      + "<article><h1>Le budget voté</h1><p>Le conseil municipal a voté jeudi soir le budget de la commune, après "
      + "un long débat sur les écoles, les routes et la piscine.</p><p>L'opposition a voté contre, jugeant les "
      + "impôts trop élevés pour les familles de la ville.</p></article>"
      + "<footer><p>© Ville Info 2020 - Mentions légales</p></footer></body></html>";

  static String article(int i) {
    return GOOD.replace("budget", "budget " + i).replace("jeudi soir", "le " + (i + 1) + " juillet");
  }

  /** Expected outcome per relative path: "kept" or a reason code → count. */
  public static Map<String, Map<String, Long>> write(Path root) {
    try {
      Map<String, Map<String, Long>> expect = new TreeMap<>();
      Charset cp1252 = Charset.forName("windows-1252");
      put(root, "pages/good.html", GOOD.getBytes(UTF_8));
      expect.put("pages/good.html", HostileCorpus.counts("kept", 1));
      put(root, "pages/cp1252.html", ("<html><body><h1>Été brûlant</h1><p>Déjà vu à Noël : 5 € la pièce, "
          + "disait-on au marché de la place centrale.</p></body></html>").getBytes(cp1252));
      expect.put("pages/cp1252.html", HostileCorpus.counts("kept", 1));
      put(root, "pages/liar.html", ("<html><head><meta charset=\"utf-8\"></head><body><p>Déjà l'été à Noël, "
          + "disait-on au marché couvert de la ville.</p></body></html>").getBytes(cp1252));
      expect.put("pages/liar.html", HostileCorpus.counts("kept", 1));
      put(root, "pages/el.html", ("<html lang=\"el\"><head><meta charset=\"utf-8\"><title>Ειδήσεις</title></head>"
          + "<body><p>Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και η μεγαλύτερη πόλη της χώρας, με μακρά ιστορία."
          + "</p><p>Το δημοτικό συμβούλιο ψήφισε τον προϋπολογισμό της πόλης την Πέμπτη το βράδυ.</p></body></html>")
          .getBytes(UTF_8));
      expect.put("pages/el.html", HostileCorpus.counts("kept", 1));
      put(root, "pages/nobody.html", "<html><head><title>Rien</title></head></html>".getBytes(UTF_8));
      expect.put("pages/nobody.html", HostileCorpus.counts("no_article", 1));
      put(root, "pages/scripts.html", ("<html><head><script src=\"a.js\"></script></head><body><script>"
          + "document.write('<p>bonjour</p>');</script><noscript>JavaScript</noscript></body></html>")
          .getBytes(UTF_8));
      expect.put("pages/scripts.html", HostileCorpus.counts("no_article", 1));
      Files.createDirectories(root.resolve("pages"));
      try (OutputStream o = Files.newOutputStream(root.resolve("pages/big.html"))) {
        o.write("<html><body><p>".getBytes(UTF_8));
        byte[] chunk = ("Un paragraphe qui se répète encore et encore. ").repeat(1400).getBytes(UTF_8);
        for (long n = 0; n < 50L << 20; n += chunk.length) o.write(chunk);
        o.write("</p></body></html>".getBytes(UTF_8));
      }
      expect.put("pages/big.html", HostileCorpus.counts("too_large", 1));
      put(root, "pages/fake.html", new byte[] {'%', 'P', 'D', 'F', '-', '1', '.', '7', 0, 0, 1, 2, 3, 4, 5, 6});
      expect.put("pages/fake.html", HostileCorpus.counts("binary_file", 1));
      put(root, "pages/zipped.html.gz", WarcBytes.gzip(article(9).getBytes(UTF_8)));
      expect.put("pages/zipped.html.gz", HostileCorpus.counts("kept", 1));

      byte[] spaces = new byte[64 << 20];
      Arrays.fill(spaces, (byte) ' ');
      byte[] bombBody = WarcBytes.gzip(concat("<html><body><p>".getBytes(UTF_8), spaces));
      byte[] good2 = WarcBytes.http(200, "text/html", article(2).getBytes(UTF_8));
      WarcBytes a = new WarcBytes()
          .record("warcinfo", null, "application/warc-fields", "software: test\r\n".getBytes(UTF_8))
          .record("request", "https://www.ville-info.fr/1", "application/http; msgtype=request",
              "GET /1 HTTP/1.1\r\n\r\n".getBytes(UTF_8))
          .page("https://www.ville-info.fr/1", article(1))
          .response("https://www.ville-info.fr/gone", 404, "text/html", "<p>Introuvable</p>".getBytes(UTF_8))
          .response("https://www.ville-info.fr/logo.png", 200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'})
          .record("revisit", "https://www.ville-info.fr/1", "application/http; msgtype=response",
              "HTTP/1.1 200 OK\r\n\r\n".getBytes(UTF_8))
          .record("metadata", "https://www.ville-info.fr/1", "application/warc-fields", "a: b\r\n".getBytes(UTF_8))
          .record("resource", "https://www.ville-info.fr/r", "text/html", article(3).getBytes(UTF_8))
          .response("https://www.ville-info.fr/bomb", 200, "text/html", bombBody, "Content-Encoding: gzip")
          .record("resource", "https://www.ville-info.fr/big", "text/html", concat("<p>".getBytes(UTF_8), spaces))
          .record("response", "https://www.ville-info.fr/2", "application/http; msgtype=response", good2,
              good2.length - 12L)
          .page("https://www.ville-info.fr/4", article(4))
          .record("response", "https://www.ville-info.fr/5", "application/http; msgtype=response",
              WarcBytes.http(200, "text/html", article(5).getBytes(UTF_8)), "WARC-Truncated: length")
          .response("https://www.ville-info.fr/fake", 200, "text/html", new byte[] {'P', 'K', 3, 4, 0, 0, 9, 9})
          .page("https://www.ville-info.fr/6", article(6))
          .page("https://www.ville-info.fr/7", article(7));
      byte[] gz = a.gzipped();
      long cut = a.offsets(true).get(a.size() - 1) + 30; // inside the last record's gzip member
      put(root, "crawl/a.warc.gz", Arrays.copyOf(gz, (int) cut));
      expect.put("crawl/a.warc.gz", HostileCorpus.counts("kept", 4, "warc_warcinfo", 1, "warc_request", 1,
          "http_status", 1, "not_html", 1, "warc_revisit", 1, "warc_metadata", 1, "too_large", 2, "corrupt_warc", 1,
          "truncated", 1, "binary_payload", 1, "corrupt_gzip", 1));
      WarcBytes b = new WarcBytes("WARC/1.0").page("https://autre.example.org/a", article(8))
          .page("https://autre.example.org/b", article(10));
      byte[] plain = b.bytes();
      put(root, "crawl/b.warc", Arrays.copyOf(plain, plain.length - 100));
      expect.put("crawl/b.warc", HostileCorpus.counts("kept", 1, "corrupt_warc", 1));
      put(root, "news.jsonl", ("{\"id\":\"n1\",\"text\":\"Un article en JSON, sans page ni capture.\"}\n"
          + "{\"id\":\"n2\",\"text\":\"Un second article en JSON.\"}\n").getBytes(UTF_8));
      expect.put("news.jsonl", HostileCorpus.counts("kept", 2));
      return expect;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void put(Path root, String rel, byte[] bytes) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
  }

  static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) o.writeBytes(p);
    return o.toByteArray();
  }
}
