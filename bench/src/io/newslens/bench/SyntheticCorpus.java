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
 * <p><b>Stories</b> (when STORY_SHARE &gt; 0): that share of the original articles belong to planted stories, events
 * with their own vocabulary (two people, a place, eight terms: made-up words, so no story shares them by chance)
 * told by several sources over up to four days (every article of a story within three days of the others), each
 * article in its own wording: its own generic sentences, and in about two of five of them two or three of the
 * story's words, a different choice each time; its title names one of the people or the place and one term. Story
 * sizes: 2–5 articles for 70 % of stories, 6–13 for 20 %, 14–41 for 10 % (mean about 7).
 *
 * <p>Usage: {@code SyntheticCorpus ORANGESUM.jsonl.gz OUT_DIR N_DOCS [SEED] [STORY_SHARE]} writes
 * OUT_DIR/part-NNNNN.jsonl.gz (50,000 articles a file), OUT_DIR/planted.tsv (doc id, kind, original id) and, with
 * stories, OUT_DIR/stories.tsv (doc id, story id; a reprint of a story article is listed with its original's
 * story). The same arguments always give the same bytes; STORY_SHARE 0 (the default) gives the corpus of the
 * growth benchmark, byte for byte.
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
    double storyShare = args.length > 4 ? Double.parseDouble(args[4]) : 0.0;
    long t0 = System.nanoTime();
    SyntheticCorpus g = learn(Path.of(args[0]));
    long n = Long.parseLong(args[2]);
    g.write(Path.of(args[1]), n, seed, storyShare);
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

  /** A planted story still to be told: its id, vocabulary, first day, days it lasts and articles left. */
  private static final class Story {
    final String id;
    final String[] people;
    final String place;
    final String[] terms;
    final int start;
    final int days;
    int left;

    Story(String id, SplittableRandom rnd, int start, int days, int size) {
      this.id = id;
      this.people = new String[] {capital(madeUp(rnd)) + " " + capital(madeUp(rnd)),
          capital(madeUp(rnd)) + " " + capital(madeUp(rnd))};
      this.place = capital(madeUp(rnd));
      this.terms = new String[8];
      for (int i = 0; i < terms.length; i++) terms[i] = madeUp(rnd);
      this.start = start;
      this.days = days;
      this.left = size;
    }

    /** One of the story's words: a person, the place or a term. */
    String word(SplittableRandom rnd) {
      int k = rnd.nextInt(11);
      return k < 2 ? people[k] : k == 2 ? place : terms[k - 3];
    }
  }

  private static final String[] SYLLABLES = {"ba", "bre", "ca", "dor", "el", "fi", "gan", "ho", "il", "ja", "kel",
      "lu", "mar", "nes", "ob", "pra", "qui", "ros", "sal", "tin", "ul", "var", "wen", "xa", "yor", "zu", "dri", "flo",
      "gro", "sta"};

  /** A made-up word of three or four syllables (810,000 of them). */
  static String madeUp(SplittableRandom rnd) {
    StringBuilder b = new StringBuilder();
    int n = 3 + rnd.nextInt(2);
    for (int i = 0; i < n; i++) b.append(SYLLABLES[rnd.nextInt(SYLLABLES.length)]);
    return b.toString();
  }

  static String capital(String w) {
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  /** A story article's sentence: a generic one with two or three of the story's words put in. */
  private String storySentence(Story st, SplittableRandom rnd) {
    List<String> toks = new ArrayList<>(Arrays.asList(sentence(rnd).split(" ")));
    int k = 2 + rnd.nextInt(2);
    for (int i = 0; i < k; i++) toks.add(1 + rnd.nextInt(toks.size()), st.word(rnd));
    String last = toks.get(toks.size() - 1);
    if (!last.endsWith(".")) toks.set(toks.size() - 1, last + ".");
    return String.join(" ", toks);
  }

  void write(Path out, long n, long seed) throws IOException {
    write(out, n, seed, 0.0);
  }

  void write(Path out, long n, long seed, double storyShare) throws IOException {
    Files.createDirectories(out);
    ObjectMapper json = new ObjectMapper();
    SplittableRandom master = new SplittableRandom(seed);
    // the stories draw from their own stream, never touched when STORY_SHARE is 0 (the growth corpus, byte for byte)
    SplittableRandom storyRnd = new SplittableRandom(seed ^ 0x5354_4f52_4945_53L);
    List<String> recent = new ArrayList<>(); // recent originals, for planting duplicates
    List<Story> open = new ArrayList<>();
    Map<String, String> storyOf = new HashMap<>();
    long stories = 0;
    LocalDate start = LocalDate.of(2015, 1, 1);
    Writer w = null;
    Writer storyTruth = storyShare > 0 ? Files.newBufferedWriter(out.resolve("stories.tsv"), StandardCharsets.UTF_8)
        : null;
    if (storyTruth != null) storyTruth.write("doc_id\tstory\n");
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
          String story = storyOf.get(parts[0]);
          if (story != null) storyTruth.write(id + "\t" + story + "\n");
        } else if (storyShare > 0 && storyRnd.nextDouble() < storyShare) {
          Story st;
          if (open.isEmpty() || (open.size() < 5000 && storyRnd.nextInt(7) == 0)) {
            double u2 = storyRnd.nextDouble();
            int size = 2 + (u2 < 0.7 ? storyRnd.nextInt(4) : u2 < 0.9 ? 4 + storyRnd.nextInt(8)
                : 12 + storyRnd.nextInt(28));
            st = new Story("story" + stories++, storyRnd, storyRnd.nextInt(6 * 365 - 4), storyRnd.nextInt(4), size);
            open.add(st);
          } else {
            st = open.get(storyRnd.nextInt(open.size()));
          }
          int ns = Math.max(2, sentencesPerDoc[storyRnd.nextInt(sentencesPerDoc.length)]);
          StringBuilder sb = new StringBuilder();
          for (int s = 0; s < ns; s++) {
            if (s > 0) sb.append(s % 4 == 0 ? "\n" : " ");
            sb.append(s < 2 || storyRnd.nextInt(5) < 2 ? storySentence(st, storyRnd) : sentence(storyRnd));
          }
          body = sb.toString();
          String title = (storyRnd.nextBoolean() ? st.people[storyRnd.nextInt(2)] : st.place) + " : "
              + st.terms[storyRnd.nextInt(st.terms.length)] + " " + sentence(storyRnd).toLowerCase(java.util.Locale.ROOT);
          String date = start.plusDays(st.start + storyRnd.nextInt(st.days + 1)).toString();
          storyOf.put(id, st.id);
          storyTruth.write(id + "\t" + st.id + "\n");
          if (--st.left == 0) open.remove(st);
          if (recent.size() < 2000) recent.add(id + "\t" + body.replace(". ", ".\n"));
          else if (storyRnd.nextInt(20) == 0) recent.set(storyRnd.nextInt(recent.size()), id + "\t" + body.replace(". ", ".\n"));
          ObjectNode o = json.createObjectNode();
          o.put("id", id);
          o.put("url", "https://source" + source + ".example/article/" + id);
          o.put("date", date);
          o.put("title", title);
          o.put("article", body + "\n" + footer(source));
          w.write(json.writeValueAsString(o));
          w.write('\n');
          continue;
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
      if (storyTruth != null) storyTruth.close();
    }
  }
}
