package io.newslens.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Deterministic generator of French-like news corpora for scale runs: words drawn from OrangeSum's unigram
 * distribution (with a bigram continuation for local fluency), sentence lengths and sentences per article drawn from
 * OrangeSum's own, 40 sources each with its own footer/share-prompt boilerplate, dates over 2015–2020, and planted
 * duplicates (5 % reprints with another source's boilerplate, 3 % light edits, 2 % trimmed copies).
 *
 * <p>Usage: {@code SyntheticCorpus ORANGESUM.jsonl.gz OUT_DIR N_DOCS [SEED]} writes OUT_DIR/part-NNNNN.jsonl.gz
 * (50,000 articles a file) and OUT_DIR/planted.tsv (doc id, kind, original id). The same arguments always give
 * the same bytes.
 *
 * <p><b>Page mode</b> ({@code SyntheticCorpus ORANGESUM.jsonl.gz OUT_DIR N_DOCS SEED pages}): full page text whose
 * boilerplate changes every day, for the pagetext benchmark. Writes OUT_DIR/pages/part-NNNNN.jsonl.gz (the page
 * text), OUT_DIR/gold/part-NNNNN.jsonl.gz (the same records with the article body alone) and OUT_DIR/planted.tsv.
 * {@value #PAGE_SOURCES} sources publish 2 to 12 pages a day (about 5 on average) over as many days as N_DOCS needs.
 * Each page is the article inside its source's chrome of the day it was fetched (its publication day, or the next
 * one for a fifth of the pages):
 * <ul>
 *   <li>stable chrome: the site name, a menu of eight sections, a footer of four lines (the same every day: the
 *       corpus-wide rule's case);</li>
 *   <li>daily blocks, drawn per (source, day): five "trending" topics (two or three words each), a ticker of six
 *       "HH:MM headline" lines, a "Les plus lus" list of five headlines, a headless block of two teaser headlines
 *       inside the article after its third paragraph, and (one source in three) a one-line promotion. A daily
 *       block is on the 2 to 12 pages of its source and day, never again: under the corpus-wide rule's 10 pages
 *       when the source is small, and always under its 2 % of the source's pages;</li>
 *   <li>the article: its title, a dateline, then its paragraphs (the gold text).</li>
 * </ul>
 * Planted: second captures of an article one to three days later in that day's chrome, same URL (3 %); the same
 * with one paragraph dropped and a word changed (2 %); reprints of another source's article the same or the next
 * day (3 %); developing stories: 3 to 5 articles of one source and day sharing a background paragraph and a
 * subheading line (5 % of the pages), which must stay. planted.tsv lists the pairs (id, kind, original id) and the
 * story members (id, story, story id).
 */
public final class SyntheticCorpus {
  private static final int PER_FILE = 50_000;
  private static final int SOURCES = 40;
  private static final int PAGE_SOURCES = 20;

  private final String[] words;
  private final double[] cumulative;
  private final Map<String, String[]> next;
  private final int[] sentenceLengths;
  private final int[] sentencesPerDoc;

  private SyntheticCorpus(String[] words, double[] cumulative, Map<String, String[]> next, int[] sentenceLengths,
      int[] sentencesPerDoc) {
    this.words = words;
    this.cumulative = cumulative;
    this.next = next;
    this.sentenceLengths = sentenceLengths;
    this.sentencesPerDoc = sentencesPerDoc;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: SyntheticCorpus ORANGESUM.jsonl.gz OUT_DIR N_DOCS [SEED]");
      System.exit(2);
    }
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 7L;
    long t0 = System.nanoTime();
    SyntheticCorpus g = learn(Path.of(args[0]));
    long n = Long.parseLong(args[2]);
    if (args.length > 4 && args[4].equals("pages")) g.writePages(Path.of(args[1]), n, seed);
    else g.write(Path.of(args[1]), n, seed);
    System.err.printf("SyntheticCorpus: %d articles in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
  }

  /** Learns the word distribution, bigram continuations and length distributions from OrangeSum. */
  static SyntheticCorpus learn(Path orangesum) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Integer> freq = new HashMap<>();
    Map<String, Map<String, Integer>> bigrams = new HashMap<>();
    List<Integer> sentLens = new ArrayList<>();
    List<Integer> docSents = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(orangesum), 1 << 16), StandardCharsets.UTF_8))) {
      String line;
      int docs = 0;
      while ((line = r.readLine()) != null && docs < 20_000) {
        JsonNode n = json.readTree(line);
        String text = n.path("article").asText("");
        String[] sentences = text.split("(?<=[.!?])\\s*(?=[A-ZÀ-Ý«\"])");
        docSents.add(sentences.length);
        for (String s : sentences) {
          String[] toks = s.strip().split("\\s+");
          if (toks.length < 3) continue;
          sentLens.add(toks.length);
          for (int i = 0; i < toks.length; i++) {
            freq.merge(toks[i], 1, Integer::sum);
            if (i + 1 < toks.length && docs % 4 == 0) {
              bigrams.computeIfAbsent(toks[i], k -> new HashMap<>()).merge(toks[i + 1], 1, Integer::sum);
            }
          }
        }
        docs++;
      }
    }
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(freq.entrySet());
    entries.removeIf(e -> e.getValue() < 2);
    entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    String[] words = new String[entries.size()];
    double[] cum = new double[entries.size()];
    double total = 0;
    for (int i = 0; i < words.length; i++) {
      words[i] = entries.get(i).getKey();
      total += entries.get(i).getValue();
      cum[i] = total;
    }
    for (int i = 0; i < cum.length; i++) cum[i] /= total;
    Map<String, String[]> next = new HashMap<>();
    for (Map.Entry<String, Map<String, Integer>> e : bigrams.entrySet()) {
      List<Map.Entry<String, Integer>> nx = new ArrayList<>(e.getValue().entrySet());
      nx.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
      next.put(e.getKey(), nx.stream().limit(8).map(Map.Entry::getKey).toArray(String[]::new));
    }
    return new SyntheticCorpus(words, cum, next, sentLens.stream().mapToInt(Integer::intValue).sorted().toArray(),
        docSents.stream().mapToInt(Integer::intValue).sorted().toArray());
  }

  private String word(SplittableRandom rnd) {
    int i = Arrays.binarySearch(cumulative, rnd.nextDouble());
    return words[Math.min(words.length - 1, i < 0 ? -i - 1 : i)];
  }

  private String sentence(SplittableRandom rnd) {
    int len = Math.max(4, sentenceLengths[rnd.nextInt(sentenceLengths.length)]);
    StringBuilder sb = new StringBuilder();
    String prev = null;
    for (int i = 0; i < len; i++) {
      String w;
      String[] nx = prev == null ? null : next.get(prev);
      w = nx != null && rnd.nextInt(10) < 6 ? nx[rnd.nextInt(nx.length)] : word(rnd);
      if (i == 0) w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
      if (i > 0) sb.append(' ');
      sb.append(w);
      prev = w;
    }
    char last = sb.charAt(sb.length() - 1);
    if (last != '.' && last != '!' && last != '?') sb.append('.');
    return sb.toString();
  }

  private static String footer(int source) {
    String[] prompts = {"Partager l'article sur Facebook Twitter LinkedIn", "Lire aussi : nos autres articles",
        "Abonnez-vous à notre newsletter", "Laisser un commentaire", "© Tous droits réservés"};
    return prompts[source % prompts.length] + " — " + "source" + source + ".example";
  }

  /** A headline: 5 to 14 words, capitalized, no final full stop. */
  private String headline(SplittableRandom rnd) {
    int len = 5 + rnd.nextInt(10);
    StringBuilder sb = new StringBuilder();
    String prev = null;
    for (int i = 0; i < len; i++) {
      String[] nx = prev == null ? null : next.get(prev);
      String w = nx != null && rnd.nextInt(10) < 6 ? nx[rnd.nextInt(nx.length)] : word(rnd);
      w = w.replaceAll("[.!?…:;]+$", "");
      if (w.isEmpty()) w = "actualité";
      if (i == 0) w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
      if (i > 0) sb.append(' ');
      sb.append(w);
      prev = w;
    }
    return sb.toString();
  }

  /** A paragraph of 2 to 5 sentences. */
  private String paragraph(SplittableRandom rnd) {
    int ns = 2 + rnd.nextInt(4);
    StringBuilder sb = new StringBuilder();
    for (int s = 0; s < ns; s++) {
      if (s > 0) sb.append(' ');
      sb.append(sentence(rnd));
    }
    return sb.toString();
  }

  /** The boilerplate of one source on one day (the same for every page of that source fetched that day). */
  private record Daily(List<String> trending, List<String> ticker, List<String> mostRead, List<String> inline,
      String promo) {}

  private Daily daily(long seed, int source, int day) {
    SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + source * 100_003L + day);
    List<String> trending = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String a = word(rnd).replaceAll("[^\\p{L}'-]", "");
      String b = word(rnd).replaceAll("[^\\p{L}'-]", "");
      String t = (a.isEmpty() ? "Info" : Character.toUpperCase(a.charAt(0)) + a.substring(1)) + " " + b;
      trending.add(rnd.nextBoolean() ? t : t + " " + word(rnd).replaceAll("[^\\p{L}'-]", ""));
    }
    List<String> ticker = new ArrayList<>();
    int minute = 23 * 60 + 59 - rnd.nextInt(120);
    for (int i = 0; i < 6; i++) {
      minute -= 7 + rnd.nextInt(60);
      ticker.add(String.format("%02d:%02d %s", Math.max(0, minute) / 60, Math.max(0, minute) % 60, headline(rnd)));
    }
    List<String> mostRead = new ArrayList<>();
    for (int i = 0; i < 5; i++) mostRead.add(headline(rnd));
    List<String> inline = List.of(headline(rnd), headline(rnd));
    String promo = source % 3 == 0 ? "Ce " + new String[] {"lundi", "mardi", "mercredi", "jeudi", "vendredi",
        "samedi", "dimanche"}[day % 7] + " : " + headline(rnd).toLowerCase(java.util.Locale.ROOT) + " en accès libre"
        : null;
    return new Daily(trending, ticker, mostRead, inline, promo);
  }

  private static final String[] SECTIONS = {"Accueil", "Politique", "International", "Économie", "Société", "Culture",
      "Sport", "Sciences", "Régions", "Opinions", "Vidéos", "Podcasts"};

  /** The page: the article (title, paragraphs) inside its source's chrome of the fetch day. */
  private String page(int source, Daily d, String title, String dateline, List<String> paragraphs) {
    List<String> lines = new ArrayList<>();
    lines.add("Le Quotidien " + (char) ('A' + source % 26) + (source / 26 > 0 ? String.valueOf(source / 26) : ""));
    for (int i = 0; i < 8; i++) lines.add(SECTIONS[(source + i) % SECTIONS.length]);
    lines.addAll(d.trending());
    lines.add("En direct");
    lines.addAll(d.ticker());
    lines.add(title);
    lines.add(dateline);
    // the inline teasers after the third line of the article (its second paragraph, or a story's background)
    int inlineAfter = Math.min(2, paragraphs.size() - 1);
    for (int i = 0; i < paragraphs.size(); i++) {
      lines.add(paragraphs.get(i));
      if (i == inlineAfter) lines.addAll(d.inline());
    }
    if (d.promo() != null) lines.add(d.promo());
    lines.add("Les plus lus");
    lines.addAll(d.mostRead());
    lines.add("© Le Quotidien " + source + " - Tous droits réservés");
    lines.add("Mentions légales");
    lines.add("Contact");
    lines.add("Plan du site");
    return String.join("\n", lines);
  }

  /** One generated article: its id, source, publication day, URL, title and paragraphs. */
  private record Article(String id, int source, int day, String url, String title, List<String> paragraphs) {}

  /** Page mode: see the class comment. */
  void writePages(Path out, long n, long seed) throws IOException {
    Files.createDirectories(out.resolve("pages"));
    Files.createDirectories(out.resolve("gold"));
    ObjectMapper json = new ObjectMapper();
    SplittableRandom master = new SplittableRandom(seed);
    // per-source publication rates 2..12 a day; days enough for about 5 pages a source a day
    double[] rate = new double[PAGE_SOURCES];
    double total = 0;
    for (int s = 0; s < PAGE_SOURCES; s++) {
      rate[s] = 2 + master.nextInt(11);
      total += rate[s];
    }
    double[] cumRate = new double[PAGE_SOURCES];
    double acc = 0;
    for (int s = 0; s < PAGE_SOURCES; s++) {
      acc += rate[s] / total;
      cumRate[s] = acc;
    }
    int days = (int) Math.max(1, n / total);
    LocalDate start = LocalDate.of(2019, 1, 1);
    String[] names = {"Marie Dupont", "Jean Martin", "Sophie Bernard", "Luc Petit", "Claire Moreau", "AFP"};
    List<Article> recent = new ArrayList<>();
    Writer pw = null;
    Writer gw = null;
    try (Writer planted = Files.newBufferedWriter(out.resolve("planted.tsv"), StandardCharsets.UTF_8)) {
      planted.write("doc_id\tkind\toriginal\n");
      long i = 0;
      while (i < n) {
        SplittableRandom rnd = master.split();
        double u = rnd.nextDouble();
        List<Article> batch = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<Integer> fetchDelay = new ArrayList<>();
        if (recent.size() > 50 && u < 0.08) {
          Article o = recent.get(rnd.nextInt(recent.size()));
          if (u < 0.05) {
            boolean update = u >= 0.03;
            List<String> ps = new ArrayList<>(o.paragraphs());
            if (update) {
              if (ps.size() > 3) ps.remove(1 + rnd.nextInt(ps.size() - 2));
              int k = rnd.nextInt(ps.size());
              ps.set(k, ps.get(k).replaceFirst(" (\\p{L}+) ", " " + word(rnd) + " "));
            }
            batch.add(new Article("p" + i, o.source(), o.day(), o.url(), o.title(), ps));
            kinds.add((update ? "update" : "recapture") + "\t" + o.id());
            fetchDelay.add(1 + rnd.nextInt(3));
          } else {
            int src = (o.source() + 1 + rnd.nextInt(PAGE_SOURCES - 1)) % PAGE_SOURCES;
            batch.add(new Article("p" + i, src, Math.min(days - 1, o.day() + rnd.nextInt(2)),
                "https://quotidien" + src + ".example/article/p" + i, o.title(), o.paragraphs()));
            kinds.add("reprint\t" + o.id());
            fetchDelay.add(0);
          }
        } else {
          int source = Math.min(PAGE_SOURCES - 1, -Arrays.binarySearch(cumRate, rnd.nextDouble()) - 1);
          if (source < 0) source = 0;
          int day = rnd.nextInt(days);
          boolean story = u >= 0.08 && u < 0.09; // about 1 in 100 draws starts a story of 3-5 articles
          int members = story ? 3 + rnd.nextInt(3) : 1;
          String background = story ? paragraph(rnd) : null;
          String subheading = story ? headline(rnd) : null;
          for (int m = 0; m < members; m++) {
            List<String> ps = new ArrayList<>();
            int np = 3 + rnd.nextInt(5);
            for (int k = 0; k < np; k++) ps.add(paragraph(rnd));
            if (story) {
              ps.add(1, subheading);
              ps.add(2, background);
            }
            String id = "p" + (i + m);
            batch.add(new Article(id, source, day, "https://quotidien" + source + ".example/article/" + id,
                headline(rnd), ps));
            kinds.add(story ? "story\t" + "story-p" + i : null);
            fetchDelay.add(rnd.nextInt(5) == 0 ? 1 : 0);
          }
        }
        for (int b = 0; b < batch.size() && i < n; b++, i++) {
          if (i % PER_FILE == 0) {
            if (pw != null) {
              pw.close();
              gw.close();
            }
            String name = String.format("part-%05d.jsonl.gz", i / PER_FILE);
            pw = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(
                out.resolve("pages").resolve(name)), 1 << 16), StandardCharsets.UTF_8));
            gw = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(
                out.resolve("gold").resolve(name)), 1 << 16), StandardCharsets.UTF_8));
          }
          Article a = batch.get(b);
          String id = "p" + i;
          if (kinds.get(b) != null) planted.write(id + "\t" + kinds.get(b) + "\n");
          int fetchDay = Math.min(days - 1, a.day() + fetchDelay.get(b));
          LocalDate date = start.plusDays(a.day());
          String dateline = "Par " + names[rnd.nextInt(names.length)] + ", publié le "
              + date.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")) + " à "
              + String.format("%02dh%02d", rnd.nextInt(24), rnd.nextInt(60));
          String body = String.join("\n", a.paragraphs());
          String pageText = page(a.source(), daily(seed, a.source(), fetchDay), a.title(), dateline, a.paragraphs());
          for (Writer w : new Writer[] {pw, gw}) {
            ObjectNode o = json.createObjectNode();
            o.put("id", id);
            o.put("url", a.url());
            o.put("date", date.toString());
            o.put("title", a.title());
            o.put("source", "quotidien" + a.source());
            o.put("text", w == pw ? pageText : body);
            w.write(json.writeValueAsString(o));
            w.write('\n');
          }
          Article kept = new Article(id, a.source(), a.day(), a.url(), a.title(), a.paragraphs());
          if (recent.size() < 2000) recent.add(kept);
          else if (rnd.nextInt(20) == 0) recent.set(rnd.nextInt(recent.size()), kept);
        }
      }
    } finally {
      if (pw != null) pw.close();
      if (gw != null) gw.close();
    }
  }

  void write(Path out, long n, long seed) throws IOException {
    Files.createDirectories(out);
    ObjectMapper json = new ObjectMapper();
    SplittableRandom master = new SplittableRandom(seed);
    List<String> recent = new ArrayList<>(); // recent originals, for planting duplicates
    LocalDate start = LocalDate.of(2015, 1, 1);
    Writer w = null;
    try (Writer planted = Files.newBufferedWriter(out.resolve("planted.tsv"), StandardCharsets.UTF_8)) {
      planted.write("doc_id\tkind\toriginal\n");
      for (long i = 0; i < n; i++) {
        if (i % PER_FILE == 0) {
          if (w != null) w.close();
          w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(
              out.resolve(String.format("part-%05d.jsonl.gz", i / PER_FILE))), 1 << 16), StandardCharsets.UTF_8));
        }
        SplittableRandom rnd = master.split();
        int source = rnd.nextInt(SOURCES);
        String id = "s" + i;
        String body;
        double u = rnd.nextDouble();
        if (recent.size() > 50 && u < 0.10) {
          String original = recent.get(rnd.nextInt(recent.size()));
          String[] parts = original.split("\t", 2);
          String[] sents = parts[1].split("\n");
          String kind;
          if (u < 0.05) {
            kind = "reprint";
            body = String.join("\n", sents).replace("'", "’");
          } else if (u < 0.08) {
            kind = "light_edit";
            List<String> keep = new ArrayList<>(Arrays.asList(sents));
            if (keep.size() > 3) keep.remove(1 + rnd.nextInt(keep.size() - 2));
            body = String.join("\n", keep).replaceFirst(" (\\p{L}+) ", " " + word(rnd) + " ");
            kind = "light_edit";
          } else {
            kind = "trimmed";
            body = String.join("\n", Arrays.copyOf(sents, Math.max(1, (int) Math.ceil(sents.length * 0.7))));
          }
          planted.write(id + "\t" + kind + "\t" + parts[0] + "\n");
        } else {
          int ns = Math.max(2, sentencesPerDoc[rnd.nextInt(sentencesPerDoc.length)]);
          StringBuilder sb = new StringBuilder();
          for (int s = 0; s < ns; s++) {
            if (s > 0) sb.append(s % 4 == 0 ? "\n" : " ");
            sb.append(sentence(rnd));
          }
          body = sb.toString();
          if (recent.size() < 2000) recent.add(id + "\t" + body.replace(". ", ".\n"));
          else if (rnd.nextInt(20) == 0) recent.set(rnd.nextInt(recent.size()), id + "\t" + body.replace(". ", ".\n"));
        }
        ObjectNode o = json.createObjectNode();
        o.put("id", id);
        o.put("url", "https://source" + source + ".example/article/" + id);
        o.put("date", start.plusDays(rnd.nextInt(6 * 365)).toString());
        o.put("title", sentence(rnd));
        o.put("article", body + "\n" + footer(source));
        w.write(json.writeValueAsString(o));
        w.write('\n');
      }
    } finally {
      if (w != null) w.close();
    }
  }
}
