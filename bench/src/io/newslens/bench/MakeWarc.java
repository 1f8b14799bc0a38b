package io.newslens.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.netpreserve.jwarc.HttpRequest;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * Writes a WARC file (gzipped record by record, with jwarc as a crawler would) from a folder of saved pages, as a
 * crawl of them: a warcinfo record, then for every page a request and a response record (HTTP 200, text/html) whose
 * target URI is {@code https://crawl.example/PASS/NAME} (each pass over the pages gives distinct URIs); with
 * {@code --extras}, every tenth page also gets a revisit record, a 404 response, and an image/png response.
 * Deterministic: record ids are name-based UUIDs, dates count seconds from a fixed instant.
 *
 * <p>Usage: {@code MakeWarc PAGES_DIR OUT.warc.gz PAGES REPEATS [--extras]} (PAGES: how many of the folder's pages,
 * in name order; 0 for all).
 */
public final class MakeWarc {
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int pages = Integer.parseInt(args[2]);
    int repeats = Integer.parseInt(args[3]);
    boolean extras = args.length > 4 && args[4].equals("--extras");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".html")).sorted().toList());
    }
    if (pages > 0 && pages < files.size()) files = files.subList(0, pages);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Instant t0 = Instant.parse("2020-07-03T00:00:00Z");
    long n = 0;
    try (WarcWriter w = new WarcWriter(Files.newByteChannel(out, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), WarcCompression.GZIP)) {
      w.write(new Warcinfo.Builder().recordId(id("warcinfo")).date(t0).filename(out.getFileName().toString())
          .fields(Map.of("software", List.of("newslens bench MakeWarc"), "format", List.of("WARC File Format 1.1")))
          .build());
      for (int pass = 0; pass < repeats; pass++) {
        for (Path f : files) {
          String name = f.getFileName().toString();
          URI uri = URI.create("https://crawl.example/" + pass + "/" + name);
          Instant at = t0.plusSeconds(++n);
          byte[] html = Files.readAllBytes(f);
          HttpRequest req = new HttpRequest.Builder("GET", uri.getRawPath()).addHeader("Host", "crawl.example")
              .build();
          w.write(new WarcRequest.Builder(uri).recordId(id("req " + uri)).date(at).body(req).build());
          HttpResponse resp = new HttpResponse.Builder(200, "OK")
              .body(MediaType.parse("text/html; charset=utf-8"), html).build();
          w.write(new WarcResponse.Builder(uri).recordId(id("resp " + uri)).date(at).body(resp).build());
          if (extras && n % 10 == 0) {
            w.write(new WarcRevisit.Builder(uri, WarcRevisit.IDENTICAL_PAYLOAD_DIGEST_1_1)
                .recordId(id("revisit " + uri)).date(at.plusSeconds(3600)).build());
            URI gone = URI.create(uri + ".old");
            w.write(new WarcResponse.Builder(gone).recordId(id("404 " + gone)).date(at)
                .body(new HttpResponse.Builder(404, "Not Found")
                    .body(MediaType.parse("text/html"), "<html><body><p>Not found</p></body></html>".getBytes())
                    .build()).build());
            URI png = URI.create(uri + ".png");
            w.write(new WarcResponse.Builder(png).recordId(id("png " + png)).date(at)
                .body(new HttpResponse.Builder(200, "OK").body(MediaType.parse("image/png"),
                    new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13}).build()).build());
          }
        }
      }
    }
    System.out.printf("%s: %d pages x %d passes, %d bytes%n", out, files.size(), repeats, Files.size(out));
  }

  private static UUID id(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
