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
 */
public final class SyntheticCorpus {
  private static final int PER_FILE = 50_000;
  private static final int SOURCES = 40;

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
    g.write(Path.of(args[1]), n, seed);
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
