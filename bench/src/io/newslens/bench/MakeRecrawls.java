package io.newslens.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Second captures of OrangeSum pages, for the end-to-end test of near-duplicates on web pages: the sample holds one
 * page per article, so without them the gold run has no pair to find. A "re-crawl" of page A is what a crawler
 * would fetch on another day: A's head (title, metadata, canonical URL) and article column
 * ({@code div.sticky-text-column}, the region the OrangeSum gold was parsed from) inside the page chrome of B, the
 * page published closest in date after A (another day's menus, ticker, teasers and "à lire aussi" box). Its gold is
 * A's gold text, so the gold-text run holds one exact pair per re-crawl, which the HTML run must find, and nothing
 * else.
 *
 * <p>Usage: {@code MakeRecrawls PAGES_DIR GOLD_JSONL N SEED OUT_PAGES_DIR OUT_GOLD_JSONL}: writes {@code <id>-r.html}
 * for N pages A drawn with the seed, and their gold lines (id {@code <id>-r}, the text, title, date, url and category
 * of A) to OUT_GOLD_JSONL.
 */
public final class MakeRecrawls {
  record Page(String id, String date, ObjectNode gold) {}

  public static void main(String[] args) throws Exception {
    Path pages = Path.of(args[0]);
    ObjectMapper json = new ObjectMapper();
    List<Page> all = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
      if (line.isBlank()) continue;
      ObjectNode g = (ObjectNode) json.readTree(line);
      all.add(new Page(g.path("id").asText(), g.path("date").asText(), g));
    }
    all.sort(Comparator.comparing(Page::date).thenComparing(Page::id));
    int n = Integer.parseInt(args[2]);
    Random rnd = new Random(Long.parseLong(args[3]));
    Path out = Path.of(args[4]);
    Files.createDirectories(out);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < all.size() - 1; i++) order.add(i); // the last page has no later one
    java.util.Collections.shuffle(order, rnd);
    try (BufferedWriter gold = Files.newBufferedWriter(Path.of(args[5]), StandardCharsets.UTF_8)) {
      for (int i : order.subList(0, Math.min(n, order.size()))) {
        Page a = all.get(i);
        Page b = all.get(i + 1);
        Document docA = Jsoup.parse(pages.resolve(a.id() + ".html").toFile(), "UTF-8");
        Document docB = Jsoup.parse(pages.resolve(b.id() + ".html").toFile(), "UTF-8");
        Element columnA = docA.selectFirst("div.sticky-text-column");
        Element columnB = docB.selectFirst("div.sticky-text-column");
        if (columnA == null || columnB == null) throw new IllegalStateException("no article column in " + a + " or " + b);
        docB.head().replaceWith(docA.head());
        columnB.replaceWith(columnA);
        Files.writeString(out.resolve(a.id() + "-r.html"), docB.outerHtml(), StandardCharsets.UTF_8);
        ObjectNode g = json.createObjectNode();
        g.put("id", a.id() + "-r");
        g.put("text", a.gold().path("text").asText());
        g.put("title", a.gold().path("title").asText());
        g.put("date", a.date());
        g.put("url", a.gold().path("url").asText());
        g.put("source", a.gold().path("category").asText());
        gold.write(json.writeValueAsString(g));
        gold.newLine();
      }
    }
  }
}
