package io.newslens.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newslens.extract.ExtractParams;
import io.newslens.extract.ExtractedPage;
import io.newslens.extract.PageExtractor;
import io.newslens.extract.Span;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Main-text extraction on the two benchmarks, and the extraction kernel's throughput.
 *
 * <pre>bench/java io.newslens.bench.ExtractBench SCRAPINGHUB_DIR ORANGESUM_HTML_DIR WORK_DIR [METHODS] [ROUNDS]</pre>
 * (a directory given as {@code -} skips that benchmark)
 *
 * <p>For each benchmark (ScrapingHub's article-extraction-benchmark, 181 pages; OrangeSum's 2,000 raw pages) and
 * each method — {@code article} (the extractor), {@code all_text} and {@code p_text} (the two baselines),
 * {@code boilerpipe} (boilerpipe 1.2's ArticleExtractor on the JVM, bench-only dependency, given the page as
 * {@link PageExtractor#decode} decodes it) — writes WORK_DIR/pred-BENCH-METHOD.jsonl ({@code id}, {@code text})
 * for {@code extract_score.py}, and for {@code article} WORK_DIR/meta-BENCH.jsonl (the metadata, method, score).
 * Every {@code article} page is checked against the contract of {@link ExtractedPage}: the dropped spans are whole
 * lines of pageText, in order, not overlapping, and articleText is pageText without them, blocks joined by a blank
 * line. Violations are counted in WORK_DIR/throughput.json and make the run fail.
 *
 * <p>Throughput: the OrangeSum pages are held in memory and extracted on one thread, ROUNDS rounds (default 3)
 * after one warm-up round, for {@code article}, {@code all_text} (decode, parse, linearize and metadata only) and
 * boilerpipe; wall time, the extracting thread's CPU time (ThreadMXBean) and the whole JVM's (with GC and JIT)
 * per round, the 1-minute load average before and after each. Pages per second per core = pages / thread CPU s.
 */
public final class ExtractBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Page(String id, String url, byte[] html) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: ExtractBench SCRAPINGHUB_DIR ORANGESUM_HTML_DIR WORK_DIR [METHODS] [ROUNDS]");
      System.exit(2);
    }
    Path sh = Path.of(args[0]);
    Path os = Path.of(args[1]);
    Path work = Path.of(args[2]);
    List<String> methods = List.of((args.length > 3 ? args[3] : "article,all_text,p_text,boilerpipe").split(","));
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    Files.createDirectories(work);

    Map<String, List<Page>> benches = new LinkedHashMap<>();
    if (!args[0].equals("-")) benches.put("scrapinghub", scrapinghub(sh));
    if (!args[1].equals("-")) benches.put("orangesum", orangesum(os));

    ObjectNode out = JSON.createObjectNode();
    int violations = 0;
    for (Map.Entry<String, List<Page>> b : benches.entrySet()) {
      for (String m : methods) {
        Function<Page, String> f = extractor(m);
        Path pred = work.resolve("pred-" + b.getKey() + "-" + m + ".jsonl");
        Path meta = work.resolve("meta-" + b.getKey() + ".jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(pred, StandardCharsets.UTF_8);
            BufferedWriter mw = m.equals("article") ? Files.newBufferedWriter(meta, StandardCharsets.UTF_8) : null) {
          for (Page p : b.getValue()) {
            String text;
            if (m.equals("article")) {
              ExtractedPage e = PageExtractor.extract(p.html(), null, p.url());
              String problem = e.contractViolation();
              if (problem != null) {
                violations++;
                System.err.println("contract violated on " + b.getKey() + " " + p.id() + ": " + problem);
              }
              text = e.articleText();
              mw.write(JSON.writeValueAsString(metaRow(p.id(), e)));
              mw.newLine();
            } else {
              text = f.apply(p);
            }
            ObjectNode row = JSON.createObjectNode().put("id", p.id()).put("text", text);
            w.write(JSON.writeValueAsString(row));
            w.newLine();
          }
        }
        System.err.println("extract bench: " + b.getKey() + " " + m + " -> " + pred);
      }
    }
    out.put("contract_violations", violations);
    out.put("contract_pages_checked", methods.contains("article")
        ? benches.values().stream().mapToInt(List::size).sum() : 0);
    if (rounds > 0 && benches.containsKey("orangesum")) out.set("throughput", throughput(benches.get("orangesum"), methods, rounds));
    JSON.enable(SerializationFeature.INDENT_OUTPUT).writeValue(work.resolve("throughput.json").toFile(), out);
    if (violations > 0) {
      System.err.println("extract bench: " + violations + " pages violate the ExtractedPage contract");
      System.exit(1);
    }
  }

  private static Function<Page, String> extractor(String method) {
    return switch (method) {
      case "article" -> p -> PageExtractor.extract(p.html(), null, p.url()).articleText();
      case "all_text" -> p -> PageExtractor.extract(p.html(), null, p.url(),
          ExtractParams.defaults().withMethod(ExtractParams.Method.ALL_TEXT)).articleText();
      case "p_text" -> p -> PageExtractor.extract(p.html(), null, p.url(),
          ExtractParams.defaults().withMethod(ExtractParams.Method.P_TEXT)).articleText();
      case "boilerpipe" -> p -> boilerpipe(PageExtractor.decode(p.html(), null).text());
      default -> throw new IllegalArgumentException("unknown method " + method
          + " (article, all_text, p_text, boilerpipe)");
    };
  }

  private static String boilerpipe(String html) {
    try {
      String t = de.l3s.boilerpipe.extractors.ArticleExtractor.INSTANCE.getText(html);
      return t == null ? "" : t;
    } catch (Exception | StackOverflowError e) {
      return "";
    }
  }

  private static ObjectNode metaRow(String id, ExtractedPage e) {
    ObjectNode r = JSON.createObjectNode().put("id", id);
    r.put("title", e.metadata().title());
    r.put("published", e.metadata().published());
    ArrayNode a = r.putArray("authors");
    e.metadata().authors().forEach(a::add);
    r.put("canonical_url", e.metadata().canonicalUrl());
    r.put("site_name", e.metadata().siteName());
    r.put("lang", e.metadata().lang());
    r.put("description", e.metadata().description());
    r.put("method", e.method());
    r.put("score", e.score());
    r.put("encoding", e.encoding());
    r.put("encoding_source", e.encodingSource());
    Map<String, Integer> reasons = new HashMap<>();
    for (Span s : e.dropped()) reasons.merge(s.reason(), 1, Integer::sum);
    r.set("dropped_spans", JSON.valueToTree(new java.util.TreeMap<>(reasons)));
    return r;
  }

  private static ObjectNode throughput(List<Page> pages, List<String> methods, int rounds) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    ObjectNode t = JSON.createObjectNode();
    t.put("pages", pages.size());
    long bytes = pages.stream().mapToLong(p -> p.html().length).sum();
    t.put("megabytes", bytes / 1e6);
    t.put("rounds", rounds);
    t.put("threads", 1);
    ArrayNode rows = t.putArray("runs");
    List<String> timed = new ArrayList<>();
    for (String m : List.of("article", "all_text", "boilerpipe")) if (methods.contains(m)) timed.add(m);
    for (String m : timed) {
      Function<Page, String> f = extractor(m);
      long sink = 0;
      for (Page p : pages) sink += f.apply(p).length(); // warm-up
      double bestCpu = Double.MAX_VALUE;
      double bestWall = Double.MAX_VALUE;
      for (int r = 0; r < rounds; r++) {
        double load0 = loadAverage();
        long p0 = processCpuNanos();
        long c0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        for (Page p : pages) sink += f.apply(p).length();
        double wall = (System.nanoTime() - w0) / 1e9;
        double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        double process = (processCpuNanos() - p0) / 1e9;
        bestCpu = Math.min(bestCpu, cpu);
        bestWall = Math.min(bestWall, wall);
        rows.addObject().put("method", m).put("round", r + 1).put("cpu_s", cpu).put("process_cpu_s", process)
            .put("wall_s", wall)
            .put("pages_per_cpu_second", pages.size() / cpu).put("pages_per_wall_second", pages.size() / wall)
            .put("load_average_start", load0).put("load_average_end", loadAverage());
      }
      t.putObject("best_" + m).put("pages_per_cpu_second", pages.size() / bestCpu)
          .put("pages_per_wall_second", pages.size() / bestWall)
          .put("megabytes_per_cpu_second", bytes / 1e6 / bestCpu).put("checksum", sink);
    }
    return t;
  }

  /** CPU time of the whole JVM (the extracting thread plus GC and JIT threads). */
  static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static List<Page> scrapinghub(Path dir) throws IOException {
    List<Page> pages = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(dir.resolve("gold.jsonl"), StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank()) continue;
        JsonNode g = JSON.readTree(line);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(g.get("html").asText())))) {
          pages.add(new Page(g.get("id").asText(), g.get("url").asText(), in.readAllBytes()));
        }
      }
    }
    return pages;
  }

  private static List<Page> orangesum(Path dir) throws IOException {
    Map<String, JsonNode> gold = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(dir.resolve("gold.jsonl"), StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank()) {
          JsonNode g = JSON.readTree(line);
          gold.put(g.get("html").asText(), g);
        }
      }
    }
    Map<String, byte[]> html = new HashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new GZIPInputStream(Files.newInputStream(dir.resolve("pages.tar.gz"))))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        if (e.isFile()) html.put(Path.of(e.getName()).getFileName().toString(), tar.readAllBytes());
      }
    }
    List<Page> pages = new ArrayList<>();
    for (JsonNode g : gold.values()) {
      byte[] b = html.get(g.get("html").asText());
      if (b == null) throw new IOException("pages.tar.gz has no " + g.get("html").asText());
      pages.add(new Page(g.get("id").asText(), g.get("url").asText(), b));
    }
    return pages;
  }
}
