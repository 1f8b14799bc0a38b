package io.newslens.bench;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newslens.dedup.Banding;
import io.newslens.dedup.Dedup;
import io.newslens.dedup.DedupParams;
import io.newslens.dedup.OnePermutationHasher;
import io.newslens.dedup.SetSimilarity;
import io.newslens.dedup.Shingler;
import io.newslens.dedup.WordTokenizer;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Near-duplicate benchmark: OrangeSum (all or the first N articles by id) plus planted near-duplicates of three
 * kinds, run through (1) the Newslens dedup stage on Spark, (2) the same kernels in plain single-threaded Java, and
 * (3) Spark MLlib's MinHashLSH.approxSimilarityJoin, side by side in one JVM on local[2].
 *
 * <p>Planted kinds (each variant a document of source "planted", published a day after its original):
 * <ul>
 *   <li>reprint: another site's header and footer around the text, and its typography (’ for ', « » for ", a
 *       non-breaking space before ; : ! ?, … for ...);</li>
 *   <li>light_edit: one sentence (not the first) dropped and three words replaced;</li>
 *   <li>trimmed: the first 70 % of the characters, cut at a word boundary.</li>
 * </ul>
 * Recall of a kind: share of variants paired with their original (or an exact duplicate of it). Precision: share
 * of reported pairs involving a planted document that are right: the partner is the original, an exact duplicate of
 * it, another variant of it, or a true near-duplicate of it (exact Jaccard ≥ min-jaccard or containment ≥
 * min-containment). Exact-duplicate groups: the groups of list_of_duplicates.txt whose bodies are byte-identical,
 * and whether each lies within one Newslens cluster.
 *
 * <p>Usage: {@code DedupBench CORPUS.jsonl.gz DUPLICATES.txt OUT.json [articles (0 = all)] [planted] [seed]
 * [mllib: true|false]}
 */
public final class DedupBench {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final String[] KINDS = {"reprint", "light_edit", "trimmed"};

  public record Article(String id, int number, LocalDate date, String text) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: DedupBench CORPUS.jsonl.gz DUPLICATES.txt OUT.json [articles] [planted] [seed] "
          + "[mllib]");
      System.exit(2);
    }
    int limit = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
    int planted = args.length > 4 ? Integer.parseInt(args[4]) : 800;
    long seed = args.length > 5 ? Long.parseLong(args[5]) : 42;
    boolean mllib = args.length <= 6 || Boolean.parseBoolean(args[6]);

    List<Article> corpus = read(Path.of(args[0]), limit);
    Map<String, Article> byId = new HashMap<>();
    for (Article a : corpus) byId.put(a.id(), a);
    List<Article> docs = new ArrayList<>(corpus);
    Map<String, String> originalOf = new HashMap<>();
    Map<String, String> kindOf = new HashMap<>();
    Random rnd = new Random(seed);
    List<Article> eligible = corpus.stream().filter(a -> WordTokenizer.tokenize(a.text()).size() >= 60).toList();
    Set<String> used = new HashSet<>();
    for (int i = 0; i < planted; i++) {
      Article o;
      do {
        o = eligible.get(rnd.nextInt(eligible.size()));
      } while (!used.add(o.id()));
      String kind = KINDS[i % 3];
      String text = switch (kind) {
        case "reprint" -> reprint(o.text(), rnd);
        case "light_edit" -> lightEdit(o.text(), rnd, eligible);
        default -> trimmed(o.text());
      };
      String id = String.format("planted-%s-%04d", kind, i);
      docs.add(new Article(id, -1, o.date() == null ? null : o.date().plusDays(1), text));
      originalOf.put(id, o.id());
      kindOf.put(id, kind);
    }

    DedupParams p = DedupParams.defaults();
    ObjectNode out = JSON.createObjectNode();
    out.put("corpus", args[0]);
    out.put("articles", corpus.size());
    out.put("planted", planted);
    out.put("seed", seed);
    out.put("cores", Runtime.getRuntime().availableProcessors());
    out.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
    out.putPOJO("params", Map.of("shingle_size", p.shingleSize(), "num_hashes", p.numHashes(),
        "banding", p.banding().bands() + "x" + p.banding().rows(), "min_jaccard", p.minJaccard(),
        "min_containment", p.minContainment(), "min_contained_shingles", p.minContainedShingles(),
        "max_bucket", p.maxBucketSize()));

    // shingle sets and exact keys of every document, for the truth
    Map<String, long[]> sets = new HashMap<>();
    Map<String, String> keys = new HashMap<>();
    for (Article a : docs) {
      String[] w = WordTokenizer.tokenize(a.text()).tokens();
      sets.put(a.id(), Shingler.shingleSet(w, p.shingleSize()));
      keys.put(a.id(), Shingler.exactKey(w));
    }
    Truth truth = new Truth(originalOf, kindOf, sets, keys, p);

    SparkSession spark = SparkSession.builder().master("local[2]").appName("DedupBench")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8")
        .config("spark.default.parallelism", "4").getOrCreate();
    try {
      Dataset<Row> df = spark.createDataFrame(rows(docs), new StructType()
          .add(DOC_ID, DataTypes.StringType, false).add(SOURCE, DataTypes.StringType, false)
          .add(PUBLISHED_AT, DataTypes.TimestampType, true).add(TEXT, DataTypes.StringType, true))
          .repartition(4).persist(StorageLevel.MEMORY_ONLY());
      df.count();
      ObjectNode runs = out.putObject("runs");

      // warm-up on a small slice so JIT / codegen do not fall on the first timed run
      Dedup.pairs(df.limit(300), p).count();
      spark.catalog().clearCache();
      df.persist(StorageLevel.MEMORY_ONLY()).count();

      long t0 = System.nanoTime();
      List<Row> pairs = Dedup.pairs(df, p).collectAsList();
      double pairsSec = (System.nanoTime() - t0) / 1e9;
      spark.catalog().clearCache();
      df.persist(StorageLevel.MEMORY_ONLY()).count();
      t0 = System.nanoTime();
      Dedup.Result full = Dedup.apply(df, p);
      List<Row> clusters = full.clusters().select(DOC_ID, CLUSTER_ID).collectAsList();
      double fullSec = (System.nanoTime() - t0) / 1e9;
      ObjectNode n = truth.score(idPairs(pairs));
      n.put("seconds_pairs", round(pairsSec));
      n.put("seconds_pairs_and_clusters", round(fullSec));
      n.put("pairs", pairs.size());
      n.put("exact_pairs", pairs.stream().filter(r -> r.getString(2).equals(Dedup.EXACT)).count());
      Map<String, String> clusterOf = new HashMap<>();
      for (Row r : clusters) clusterOf.put(r.getString(0), r.getString(1));
      n.put("clusters", new HashSet<>(clusterOf.values()).size());
      n.set("orangesum_exact_groups", exactGroups(Path.of(args[1]), byId, clusterOf));
      runs.set("newslens_dedup_spark", n);
      full.release();
      spark.catalog().clearCache();

      runs.set("newslens_kernels_plain_java", plainJava(docs, p, truth));

      if (mllib) {
        ObjectNode m = mllib(spark, docs, sets, truth, seed);
        runs.set("mllib_minhashlsh", m);
        // MLlib's total starts from shingle sets computed outside its timer; ours starts from the texts
        ObjectNode r = out.putObject("speedup_vs_mllib");
        r.put("pairs", round(m.get("seconds_total").asDouble() / pairsSec));
        r.put("pairs_and_clusters", round(m.get("seconds_total").asDouble() / fullSec));
      }
    } finally {
      spark.stop();
    }
    Files.writeString(Path.of(args[2]), JSON.writeValueAsString(out) + "\n");
    System.out.println(JSON.writeValueAsString(out));
  }

  /** The same kernels as the Spark stage, single-threaded, with hash maps for exact groups and LSH buckets. */
  static ObjectNode plainJava(List<Article> docs, DedupParams p, Truth truth) {
    long t0 = System.nanoTime();
    Banding banding = p.banding();
    OnePermutationHasher mh = new OnePermutationHasher(Math.max(p.numHashes(), banding.numHashes()), p.seed());
    int n = docs.size();
    long[][] sets = new long[n][];
    long[][] sigs = new long[n][];
    Map<String, Integer> repOfKey = new HashMap<>();
    List<String[]> pairs = new ArrayList<>();
    Map<Long, List<Integer>> buckets = new HashMap<>();
    for (int i = 0; i < n; i++) {
      long[] w = WordTokenizer.wordHashes(docs.get(i).text());
      String key = Shingler.exactKey(w);
      if (key == null) continue;
      Integer rep = repOfKey.get(key);
      if (rep != null) {
        String a = docs.get(rep).id();
        String b = docs.get(i).id();
        if (a.compareTo(b) > 0) { // keep the smallest id as the representative, with its set and signature
          repOfKey.put(key, i);
          sets[i] = sets[rep];
          sigs[i] = sigs[rep];
          pairs.add(new String[] {b, a});
          continue;
        }
        pairs.add(new String[] {a, b});
        continue;
      }
      repOfKey.put(key, i);
      sets[i] = Shingler.shingleSet(w, p.shingleSize());
      sigs[i] = mh.signature(sets[i]);
    }
    for (int i : repOfKey.values()) {
      for (long k : banding.bandKeys(sigs[i])) buckets.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
    }
    Set<Long> cand = new HashSet<>();
    for (List<Integer> b : buckets.values()) {
      if (b.size() < 2) continue;
      b.sort((x, y) -> docs.get(x).id().compareTo(docs.get(y).id()));
      if (b.size() <= p.maxBucketSize()) {
        for (int x = 0; x < b.size(); x++) for (int y = x + 1; y < b.size(); y++) cand.add(pack(b.get(x), b.get(y)));
      } else {
        for (int x = 1; x < b.size(); x++) {
          cand.add(pack(b.get(0), b.get(x)));
          cand.add(pack(b.get(x - 1), b.get(x)));
        }
      }
    }
    for (long c : cand) {
      int i = (int) (c >>> 32);
      int j = (int) c;
      int inter = SetSimilarity.intersection(sets[i], sets[j]);
      double jac = SetSimilarity.jaccard(inter, sets[i].length, sets[j].length);
      double con = SetSimilarity.containment(inter, sets[i].length, sets[j].length);
      if (jac >= p.minJaccard() || (con >= p.minContainment()
          && Math.min(sets[i].length, sets[j].length) >= p.minContainedShingles())) {
        String a = docs.get(i).id();
        String b = docs.get(j).id();
        pairs.add(a.compareTo(b) < 0 ? new String[] {a, b} : new String[] {b, a});
      }
    }
    double sec = (System.nanoTime() - t0) / 1e9;
    ObjectNode o = truth.score(pairs);
    o.put("seconds_pairs", round(sec));
    o.put("pairs", pairs.size());
    o.put("candidates", cand.size());
    return o;
  }

  /** The (first, second) string columns of each row: the pair ids {@link Truth#score} takes. */
  static List<String[]> idPairs(List<Row> rows) {
    List<String[]> out = new ArrayList<>(rows.size());
    for (Row r : rows) out.add(new String[] {r.getString(0), r.getString(1)});
    return out;
  }

  private static long pack(int a, int b) {
    return ((long) Math.min(a, b) << 32) | Math.max(a, b);
  }

  /** MLlib MinHashLSH on sparse binary vectors of the same shingle hashes (2^24 slots), 5 tables, Jaccard ≥ 0.3. */
  static ObjectNode mllib(SparkSession spark, List<Article> docs, Map<String, long[]> sets, Truth truth, long seed) {
    long t0 = System.nanoTime();
    List<Row> rows = new ArrayList<>();
    for (Article a : docs) {
      Vector v = binaryVector(sets.get(a.id()));
      if (v != null) rows.add(RowFactory.create(a.id(), v));
    }
    Dataset<Row> vec = spark.createDataFrame(rows, new StructType().add("id", DataTypes.StringType, false)
        .add("features", SQLDataTypes.VectorType(), false)).repartition(4).persist(StorageLevel.MEMORY_ONLY());
    vec.count();
    double buildSec = (System.nanoTime() - t0) / 1e9;
    t0 = System.nanoTime();
    MinHashLSHModel model = new MinHashLSH().setNumHashTables(5).setSeed(seed).setInputCol("features")
        .setOutputCol("hashes").fit(vec);
    Dataset<Row> hashed = model.transform(vec).persist(StorageLevel.MEMORY_ONLY());
    hashed.count();
    double hashSec = (System.nanoTime() - t0) / 1e9;
    t0 = System.nanoTime();
    List<Row> joined = model.approxSimilarityJoin(hashed, hashed, 0.7, "distance")
        .select(col("datasetA.id").as("a"), col("datasetB.id").as("b"), col("distance"))
        .filter(col("a").lt(col("b"))).collectAsList();
    double joinSec = (System.nanoTime() - t0) / 1e9;
    List<String[]> pairs = idPairs(joined);
    ObjectNode o = truth.score(pairs);
    o.put("seconds_build_vectors", round(buildSec));
    o.put("seconds_fit_transform", round(hashSec));
    o.put("seconds_join", round(joinSec));
    o.put("seconds_total", round(buildSec + hashSec + joinSec));
    o.put("pairs", pairs.size());
    o.put("config", "5 hash tables, distance < 0.7 (Jaccard > 0.3), 2^24 hashed shingle slots");
    hashed.unpersist();
    vec.unpersist();
    return o;
  }

  /** Slots of MLlib's sparse binary vectors: shingle hashes modulo 2^24. */
  static final int MLLIB_DIM = 1 << 24;

  /** A shingle set as MLlib's sparse binary vector ({@link #MLLIB_DIM} slots); null for an empty set, which MinHashLSH rejects. */
  static Vector binaryVector(long[] shingles) {
    if (shingles.length == 0) return null;
    int[] idx = Arrays.stream(shingles).mapToInt(h -> (int) Math.floorMod(h, (long) MLLIB_DIM)).distinct().sorted()
        .toArray();
    double[] ones = new double[idx.length];
    Arrays.fill(ones, 1.0);
    return Vectors.sparse(MLLIB_DIM, idx, ones);
  }

  /** Planted truth and scoring. */
  static final class Truth {
    final Map<String, String> originalOf;
    final Map<String, String> kindOf;
    final Map<String, long[]> sets;
    final Map<String, String> keys;
    final DedupParams p;
    final Map<String, List<String>> variantsOf = new HashMap<>();
    /** Called with the pairs before they are scored: adds the sets and keys of documents not known yet. */
    java.util.function.Consumer<List<String[]>> complete = pairs -> {};

    Truth(Map<String, String> originalOf, Map<String, String> kindOf, Map<String, long[]> sets,
        Map<String, String> keys, DedupParams p) {
      this.originalOf = originalOf;
      this.kindOf = kindOf;
      this.sets = sets;
      this.keys = keys;
      this.p = p;
      originalOf.forEach((v, o) -> variantsOf.computeIfAbsent(o, x -> new ArrayList<>()).add(v));
    }

    boolean sameText(String x, String y) {
      return keys.get(x) != null && keys.get(x).equals(keys.get(y));
    }

    boolean nearDuplicate(String x, String y) {
      long[] a = sets.get(x);
      long[] b = sets.get(y);
      int inter = SetSimilarity.intersection(a, b);
      return SetSimilarity.jaccard(inter, a.length, b.length) >= p.minJaccard()
          || (SetSimilarity.containment(inter, a.length, b.length) >= p.minContainment()
          && Math.min(a.length, b.length) >= p.minContainedShingles());
    }

    /** Is y right as a duplicate of planted variant v? */
    boolean right(String v, String y) {
      String o = originalOf.get(v);
      if (y.equals(o) || sameText(y, o)) return true;
      String oy = originalOf.get(y);
      if (oy != null && (oy.equals(o) || sameText(oy, o))) return true; // a sibling variant
      return nearDuplicate(o, oy != null ? oy : y);
    }

    ObjectNode score(List<String[]> pairs) {
      complete.accept(pairs);
      Map<String, Set<String>> partners = new HashMap<>();
      int involving = 0;
      int right = 0;
      for (String[] pr : pairs) {
        partners.computeIfAbsent(pr[0], x -> new HashSet<>()).add(pr[1]);
        partners.computeIfAbsent(pr[1], x -> new HashSet<>()).add(pr[0]);
        boolean pa = originalOf.containsKey(pr[0]);
        boolean pb = originalOf.containsKey(pr[1]);
        if (!pa && !pb) continue;
        involving++;
        if (pa ? right(pr[0], pr[1]) : right(pr[1], pr[0])) right++;
      }
      Map<String, int[]> byKind = new TreeMap<>();
      List<String> missedExamples = new ArrayList<>();
      for (Map.Entry<String, String> e : new TreeMap<>(originalOf).entrySet()) {
        int[] c = byKind.computeIfAbsent(kindOf.get(e.getKey()), k -> new int[2]);
        c[1]++;
        Set<String> ps = partners.getOrDefault(e.getKey(), Set.of());
        String o = e.getValue();
        if (ps.stream().anyMatch(y -> y.equals(o) || sameText(y, o))) {
          c[0]++;
        } else if (missedExamples.size() < 5) {
          long[] a = sets.get(e.getKey());
          long[] b = sets.get(o);
          int inter = SetSimilarity.intersection(a, b);
          missedExamples.add(e.getKey() + " vs " + o + ": jaccard " + round4(SetSimilarity.jaccard(inter, a.length,
              b.length)) + ", containment " + round4(SetSimilarity.containment(inter, a.length, b.length))
              + ", shingles " + a.length + "/" + b.length);
        }
      }
      ObjectNode n = JSON.createObjectNode();
      ObjectNode rec = n.putObject("recall");
      byKind.forEach((k, c) -> rec.put(k, round4((double) c[0] / c[1])));
      ObjectNode missed = n.putObject("missed");
      byKind.forEach((k, c) -> missed.put(k, c[1] - c[0]));
      n.putPOJO("missed_examples", missedExamples);
      n.put("precision_planted_pairs", involving == 0 ? 1.0 : round4((double) right / involving));
      n.put("planted_pairs_reported", involving);
      n.put("planted_pairs_wrong", involving - right);
      return n;
    }
  }

  /** Byte-identical groups of list_of_duplicates.txt (members present), and how many lie in one cluster. */
  static ObjectNode exactGroups(Path list, Map<String, Article> byId, Map<String, String> clusterOf)
      throws Exception {
    int identical = 0;
    int inOneCluster = 0;
    int otherGroups = 0;
    List<String> split = new ArrayList<>();
    for (String line : Files.readAllLines(list)) {
      if (line.isBlank()) continue;
      List<Article> g = new ArrayList<>();
      for (String f : line.trim().split(",")) {
        Article a = byId.get(id(Integer.parseInt(f.replace(".json", "").trim())));
        if (a != null) g.add(a);
      }
      if (g.size() < 2) continue;
      if (g.stream().map(Article::text).distinct().count() > 1) {
        otherGroups++;
        continue;
      }
      identical++;
      if (g.stream().map(a -> clusterOf.get(a.id())).distinct().count() == 1) {
        inOneCluster++;
      } else if (split.size() < 10) {
        split.add(line.trim());
      }
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("byte_identical_groups_present", identical);
    o.put("found_in_one_cluster", inOneCluster);
    o.put("groups_differing_in_body_skipped", otherGroups);
    o.putPOJO("split_examples", split);
    return o;
  }

  static String id(int number) {
    return String.format("os%05d", number);
  }

  public static List<Article> read(Path path, int limit) throws Exception {
    List<Article> all = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        new FileInputStream(path.toFile()), 1 << 16), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        JsonNode o = JSON.readTree(line);
        int n = o.get("id").asInt();
        String d = o.path("date").asText(null);
        all.add(new Article(id(n), n, d == null ? null : LocalDate.parse(d), o.path("article").asText("")));
      }
    }
    all.sort((a, b) -> Integer.compare(a.number(), b.number()));
    return limit > 0 && limit < all.size() ? new ArrayList<>(all.subList(0, limit)) : all;
  }

  public static List<Row> rows(List<Article> docs) {
    List<Row> rows = new ArrayList<>();
    for (Article a : docs) {
      rows.add(RowFactory.create(a.id(), a.number() < 0 ? "planted" : "orangesum",
          a.date() == null ? null : Timestamp.valueOf(a.date().atStartOfDay()), a.text()));
    }
    return rows;
  }

  // ---- planted variants ---------------------------------------------------------------------------------------

  static String reprint(String text, Random rnd) {
    String t = text.replace("...", "…").replace('\'', '’');
    StringBuilder b = new StringBuilder();
    boolean open = true;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '"') {
        b.append(open ? "« " : " »");
        open = !open;
      } else if ((c == ';' || c == ':' || c == '!' || c == '?') && b.length() > 0 && b.charAt(b.length() - 1) != ' ') {
        b.append('\u00a0').append(c);
      } else {
        b.append(c);
      }
    }
    int day = 1 + rnd.nextInt(28);
    return "L'Écho du Matin – Publié le " + day + "/0" + (1 + rnd.nextInt(9)) + " à 14h05 – Par la rédaction\n\n" + b
        + "\n\nPartager l'article : Facebook Twitter LinkedIn. Abonnez-vous à notre lettre d'information pour "
        + "recevoir l'essentiel de l'actualité chaque matin. © L'Écho du Matin, tous droits réservés.";
  }

  static String lightEdit(String text, Random rnd, List<Article> pool) {
    List<String> sentences = new ArrayList<>(Arrays.asList(text.split("(?<=[.!?])")));
    if (sentences.size() > 2) sentences.remove(1 + rnd.nextInt(sentences.size() - 1));
    String[] words = String.join("", sentences).split(" ");
    String[] donor = pool.get(rnd.nextInt(pool.size())).text().split(" ");
    for (int k = 0; k < 3; k++) words[rnd.nextInt(words.length)] = donor[rnd.nextInt(donor.length)];
    return String.join(" ", words);
  }

  static String trimmed(String text) {
    int cut = (int) (text.length() * 0.7);
    while (cut > 0 && !Character.isWhitespace(text.charAt(cut - 1))) cut--;
    return text.substring(0, cut).strip();
  }

  static double round(double s) {
    return Math.round(s * 1000) / 1000.0;
  }

  static double round4(double s) {
    return Math.round(s * 10000) / 10000.0;
  }
}
