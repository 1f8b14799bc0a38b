package io.newslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newslens.Columns;
import io.newslens.output.OutputDiff;
import io.newslens.output.Tables;
import io.newslens.reuse.Reuse;
import io.newslens.state.StateTables;
import io.newslens.testing.Folders;
import io.newslens.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code newslens update} against a full run on all inputs. The corpus (generated, seeded) is made so the update
 * does what matters: a new article joins an existing duplicate cluster, another bridges two existing clusters (a
 * merge: the older id survives, the other becomes an alias), new articles reprint a passage of an old one across
 * sources, and a source's repeated line crosses the boilerplate threshold with the new articles (old articles are
 * cleaned again). Every run has {@code --reuse-max-docs 3}: the n-grams of X's opening are in four articles of the
 * base (common: they anchor nothing) and in two new ones, and the rest of X's n-grams become common with the update.
 */
@SparkTest
class UpdateTest {
  @TempDir Path tmp;
  @TempDir static Path shared;
  /** The corpus's files, the base's inputs and the base run's output, made once for both tests (which copy it). */
  static Path in;
  static Path baseIn;
  static Path base;

  /** Reuse's --reuse-max-docs in every run of this test (an update keeps its base's). */
  static final String[] REUSE = {"--reuse-max-docs", "3"};

  @BeforeAll
  static void baseRun(SparkSession spark) throws IOException {
    in = Files.createDirectories(shared.resolve("in"));
    corpus(in);
    baseIn = Files.createDirectories(shared.resolve("base-in"));
    for (String f : List.of("base1.jsonl", "base2.jsonl")) Files.copy(in.resolve(f), baseIn.resolve(f));
    base = shared.resolve("base");
    Cli run = Cli.run(spark, args("run", "--input", baseIn.toString(), "--output", base.toString()));
    assertEquals(0, run.exit(), run.err());
  }

  private static final String[] WORDS = ("maire conseil ville budget école route projet habitants réunion vote "
      + "région travaux parc marché centre association sport équipe match saison club joueur victoire défaite "
      + "entraîneur public stade festival musique concert artiste scène théâtre livre auteur prix hôpital santé "
      + "médecin patients service urgence gare train ligne bus vélo trafic police enquête tribunal juge avocat "
      + "procès témoin météo pluie orage chaleur été hiver neige récolte ferme agriculteur vigne vin eau rivière "
      + "forêt incendie pompiers secours accident blessé voiture camion pont quartier commerce emploi usine").split(" ");

  /** A seeded text of n words. */
  private static List<String> words(Random r, int n) {
    List<String> w = new ArrayList<>(n);
    for (int i = 0; i < n; i++) w.add(WORDS[r.nextInt(WORDS.length)]);
    return w;
  }

  private static String line(String id, String source, String date, String title, String text) {
    return "{\"id\":\"" + id + "\",\"source\":\"" + source + "\",\"date\":\"" + date + "\",\"title\":\"" + title
        + "\",\"text\":\"" + text.replace("\n", "\\n") + "\"}\n";
  }

  private static String join(List<String> a) {
    return String.join(" ", a) + ".";
  }

  /** Writes base1.jsonl, base2.jsonl (the base) and new.jsonl (the update) under dir. */
  static void corpus(Path dir) throws IOException {
    Random r = new Random(7);
    StringBuilder base1 = new StringBuilder();
    StringBuilder base2 = new StringBuilder();
    StringBuilder fresh = new StringBuilder();
    String footer = "Abonnez-vous à notre lettre du matin pour ne rien manquer.";
    // 24 ordinary articles over three sources and two months; source "c" ends four of them with one footer line
    List<List<String>> bodies = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      List<String> w = words(r, 90);
      bodies.add(w);
      String src = i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c";
      String text = join(w.subList(0, 45)) + "\n" + join(w.subList(45, 90))
          + (src.equals("c") && i < 12 ? "\n" + footer : "");
      String date = String.format("2024-0%d-%02d", 1 + i / 12, 1 + i % 12);
      (i < 12 ? base1 : base2).append(line("o" + i, src, date, "Titre " + i, text));
    }
    // cluster X: o0 and a near copy; cluster Y: a text opening with X's first 40 words (not a duplicate of it)
    List<String> x = bodies.get(0);
    List<String> xCopy = new ArrayList<>(x);
    xCopy.set(10, "changé");
    base2.append(line("x1", "b", "2024-01-02", "Copie", join(xCopy)));
    List<String> common = x.subList(0, 40);
    List<String> y = new ArrayList<>(common);
    y.addAll(words(r, 50));
    base2.append(line("y0", "c", "2024-01-03", "Autre", join(y)));
    List<String> yCopy = new ArrayList<>(y);
    yCopy.set(70, "modifié");
    base2.append(line("y1", "a", "2024-01-04", "Autre copie", join(yCopy)));
    // the update: a third copy of X (joins its cluster), a bridge between X and Y (merges them), a reprint of a
    // passage of o5 in another source, new ordinary articles, source c's footer on enough articles to be repeated
    List<String> x2 = new ArrayList<>(x);
    x2.set(20, "encore");
    fresh.append(line("x2", "c", "2024-03-01", "Troisième copie", join(x2)));
    List<String> bridge = new ArrayList<>(common);
    bridge.addAll(x.subList(40, 62));
    bridge.addAll(y.subList(40, 62));
    fresh.append(line("bridge", "a", "2024-03-02", "Pont", join(bridge)));
    List<String> reprint = new ArrayList<>(words(r, 30));
    reprint.addAll(bodies.get(5).subList(10, 60));
    reprint.addAll(words(r, 20));
    fresh.append(line("reprint", "a", "2024-03-03", "Reprise", join(reprint)));
    for (int i = 0; i < 6; i++) {
      fresh.append(line("n" + i, "c", "2024-03-1" + i, "Nouveau " + i, join(words(r, 80)) + "\n" + footer));
    }
    Files.writeString(dir.resolve("base1.jsonl"), base1);
    Files.writeString(dir.resolve("base2.jsonl"), base2);
    Files.writeString(dir.resolve("new.jsonl"), fresh);
  }

  @Test
  void anUpdateEqualsAFullRunOnAllInputsAndKeepsIds(SparkSession spark) throws IOException {
    Path updated = tmp.resolve("updated");
    Path full = tmp.resolve("full");
    Folders.copyTree(base, updated);
    Map<String, String> clusterOfBase = clusterIds(spark, updated);
    assertEquals(clusterOfBase.get(docId(spark, updated, "o0")), clusterOfBase.get(docId(spark, updated, "x1")));
    assertFalse(clusterOfBase.get(docId(spark, updated, "o0")).equals(clusterOfBase.get(docId(spark, updated, "y0"))));

    Map<String, String> storyOfBase = storyIds(spark, updated);
    List<Row> topicsBefore = spark.read().parquet(updated.resolve(Tables.TOPICS).toString())
        .select(Columns.TOPIC_ID, Columns.LABEL, Columns.ALPHA).orderBy(Columns.TOPIC_ID).collectAsList();
    assertFalse(topicsBefore.isEmpty());
    Cli up = Cli.run(spark, "update", "--input", baseIn.toString(), "--input", in.resolve("new.jsonl").toString(),
        "--output", updated.toString());
    assertEquals(0, up.exit(), up.err());
    assertTrue(up.out().contains(" to version 2 "), up.out());
    assertTrue(up.out().contains("9 new documents") && up.out().contains("(2 already in it)"), up.out());

    // the same files by the same paths (input_path is a column of documents)
    Cli all = Cli.run(spark, args("run", "--input", baseIn.toString(), "--input", in.resolve("new.jsonl").toString(),
        "--output", full.toString()));
    assertEquals(0, all.exit(), all.err());

    // table by table: what the issue promises equal to a full run
    List<String> equal = List.of(Tables.DOCUMENTS, Tables.REJECTED, Tables.TOKENS, Tables.DUPLICATE_PAIRS,
        Tables.DUPLICATE_CLUSTERS, Tables.REUSE_PASSAGES, Tables.TERMS, Tables.DOC_TERMS, Tables.COLLOCATIONS,
        Tables.KEYNESS, Tables.TERM_TRENDS);
    Map<String, long[]> diff = OutputDiff.compare(spark, updated.toString(), full.toString(), equal,
        List.of("*." + Columns.VERSION), List.of(Tables.DUPLICATE_CLUSTERS + "." + Columns.CLUSTER_ID,
            Tables.DUPLICATE_CLUSTERS + "." + Columns.REPRESENTATIVE));
    for (Map.Entry<String, long[]> e : diff.entrySet()) {
      long[] v = e.getValue();
      assertTrue(v[0] == v[1] && v[2] == 0 && v[3] == 0, e.getKey() + ": rows " + v[0] + " / " + v[1]
          + ", only in the update " + v[2] + ", only in the full run " + v[3]);
    }
    assertEquals(equal.size(), diff.size());
    // reuse's state: the common n-grams (by the sums of their rows) and their counts are the full run's
    Map<Long, Long> commonInFull = commonGrams(spark, full);
    assertEquals(commonInFull, commonGrams(spark, updated));
    assertFalse(commonInFull.isEmpty());
    assertEquals(36, spark.read().parquet(updated.resolve(Tables.DOCUMENTS).toString()).count());

    // ids: X's cluster keeps its id, gains x2 and, through the bridge, Y's articles; Y's id becomes an alias
    Map<String, String> after = clusterIds(spark, updated);
    String xId = clusterOfBase.get(docId(spark, updated, "o0"));
    String yId = clusterOfBase.get(docId(spark, updated, "y0"));
    String survivor = xId.compareTo(yId) <= 0 ? xId : yId;
    String merged = survivor.equals(xId) ? yId : xId;
    for (String d : List.of("o0", "x1", "x2", "bridge", "y0", "y1")) {
      assertEquals(survivor, after.get(docId(spark, updated, d)), d);
    }
    List<Row> aliases = spark.read().parquet(updated.resolve(Tables.ID_ALIASES).toString()).collectAsList();
    assertTrue(aliases.stream().anyMatch(a -> a.<String>getAs(Columns.OLD_ID).equals(merged)
        && a.<String>getAs(Columns.NEW_ID).equals(survivor) && a.<Integer>getAs(Columns.VERSION) == 2), aliases.toString());
    // every other cluster id of the base is unchanged
    for (Map.Entry<String, String> e : clusterOfBase.entrySet()) {
      if (!e.getValue().equals(merged)) assertEquals(e.getValue(), after.get(e.getKey()), e.getKey());
    }

    // stories: every base story keeps its id and its articles (or is an alias of the story that took them), every
    // document is in exactly one story (StoriesUpdateTest checks placement)
    Map<String, String> storyAfter = storyIds(spark, updated);
    assertEquals(36, storyAfter.size());
    Map<String, String> storyAlias = new TreeMap<>();
    for (Row a : aliases) {
      if (a.<String>getAs(Columns.KIND).equals("story")) storyAlias.put(a.getAs(Columns.OLD_ID), a.getAs(Columns.NEW_ID));
    }
    for (Map.Entry<String, String> e : storyOfBase.entrySet()) {
      assertEquals(storyAlias.getOrDefault(e.getValue(), e.getValue()), storyAfter.get(e.getKey()), e.getKey());
    }

    // topics: the model is the base's; old articles keep their mixtures, new ones are inferred with it
    assertEquals(topicsBefore, spark.read().parquet(updated.resolve(Tables.TOPICS).toString())
        .select(Columns.TOPIC_ID, Columns.LABEL, Columns.ALPHA).orderBy(Columns.TOPIC_ID).collectAsList());
    List<Row> docTopics = spark.read().parquet(updated.resolve(Tables.DOC_TOPICS).toString()).collectAsList();
    assertEquals(36, docTopics.size());
    long written2 = docTopics.stream().filter(d -> d.<Integer>getAs(Columns.VERSION) == 2).count();
    assertTrue(written2 >= 9 && written2 < 36, "doc_topics rows of version 2: " + written2);
    for (Row d : docTopics) {
      double s = 0;
      for (Object x : d.getList(d.fieldIndex(Columns.MIXTURE))) s += (Double) x;
      assertEquals(1.0, s, 1e-9, d.toString());
    }
    JsonNode m = new ObjectMapper().readTree(updated.resolve("manifest.json").toFile());
    assertEquals(2, m.path("output_version").asInt());
    // clean: source c's footer crosses the threshold (4 old articles, then 10): its 4 old holders are cleaned again
    // and changed, no other line flips and no other old article is cleaned again
    JsonNode clean = m.path("update").path("clean");
    assertEquals(1, clean.path("lines_flipped_in_source").asInt(), clean.toString());
    assertEquals(0, clean.path("lines_flipped_in_window").asInt(), clean.toString());
    assertEquals(4, clean.path("rechecked_documents").asInt(), clean.toString());
    assertEquals(4, clean.path("dirty_documents").asInt(), clean.toString());
    // terms: counted from the stored counts; the 9 new and 4 cleaned articles, and the old ones counted differently
    // now (the bridge merges X and Y: one of their representatives is no longer counted), were read again
    JsonNode terms = m.path("terms").path("update");
    long recounted = terms.path("counted_differently").asLong(-1);
    assertTrue(recounted >= 1, terms.toString());
    assertEquals(13 + recounted, terms.path("documents_counted").asLong(), terms.toString());
    assertTrue(terms.path("count_changes").asLong() > 0, terms.toString());
    assertEquals(36, spark.read().parquet(updated.resolve(StateTables.TERM_DOCS).toString()).count());
    // the stored counts' columns are those the terms stage documents, and the version that wrote each row
    for (Map.Entry<String, org.apache.spark.sql.types.StructType> e : Map.of(StateTables.TERM_DOCS,
        io.newslens.terms.Terms.STATE_DOCUMENTS, StateTables.TERM_COUNTS, io.newslens.terms.Terms.STATE_COUNTS)
        .entrySet()) {
      List<String> columns = new ArrayList<>(List.of(e.getValue().fieldNames()));
      columns.add(Columns.VERSION);
      assertEquals(columns, List.of(spark.read().parquet(updated.resolve(e.getKey()).toString()).columns()),
          e.getKey());
    }
    assertEquals(13 + recounted, spark.read().parquet(updated.resolve(StateTables.TERM_DOCS).toString())
        .filter(Columns.VERSION + " = 2").count());
    assertEquals(1, m.path("topics").path("update").path("model_fitted_by_version").asInt());
    double oov = m.path("topics").path("update").path("oov_share_new").asDouble(-1);
    assertTrue(oov >= 0 && oov <= 1, m.path("topics").toString());
    assertEquals(2, m.path("lineage").path("versions").size());
    for (String t : Tables.ALL) {
      assertEquals(spark.read().parquet(updated.resolve(t).toString()).count(), m.path("tables").path(t)
          .path("rows").asLong(), t);
    }

    // the same update again: every file is known, nothing is written
    Cli again = Cli.run(spark, "update", "--input", baseIn.toString(), "--input", in.resolve("new.jsonl").toString(),
        "--output", updated.toString());
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().contains("nothing to add"), again.out());
    assertEquals(2, new ObjectMapper().readTree(updated.resolve("manifest.json").toFile()).path("output_version").asInt());

    refreshRecomputesEveryTableAndKeepsIds(spark, updated, full);
  }

  /**
   * update --refresh on the updated output: every table as the full run on the same inputs computes it (topics fitted
   * again included), but cluster and story ids, which stay those in use; a stored input gone is refused.
   */
  private void refreshRecomputesEveryTableAndKeepsIds(SparkSession spark, Path updated, Path full) throws IOException {
    Path refreshed = tmp.resolve("refreshed");
    Folders.copyTree(updated, refreshed);
    Map<String, String> clustersBefore = clusterIds(spark, refreshed);
    Map<String, String> storiesBefore = storyIds(spark, refreshed);
    List<Row> aliasesBefore = spark.read().parquet(refreshed.resolve(Tables.ID_ALIASES).toString()).collectAsList();
    Cli fresh = Cli.run(spark, "update", "--refresh", "--output", refreshed.toString());
    assertEquals(0, fresh.exit(), fresh.err());
    assertTrue(fresh.out().contains("refreshed ") && fresh.out().contains(" to version 3 "), fresh.out());

    List<String> tables = new ArrayList<>(Tables.ALL);
    tables.remove(Tables.ID_ALIASES);
    Map<String, long[]> diff = OutputDiff.compare(spark, refreshed.toString(), full.toString(), tables,
        List.of("*." + Columns.VERSION, Tables.STORIES + "." + Columns.STORY_ID),
        List.of(Tables.DUPLICATE_CLUSTERS + "." + Columns.CLUSTER_ID, Tables.STORY_ARTICLES + "." + Columns.STORY_ID));
    assertEquals(tables.size(), diff.size());
    for (Map.Entry<String, long[]> e : diff.entrySet()) {
      long[] v = e.getValue();
      assertTrue(v[0] == v[1] && v[2] == 0 && v[3] == 0, e.getKey() + ": rows " + v[0] + " / " + v[1]
          + ", only in the refresh " + v[2] + ", only in the full run " + v[3]);
    }
    // cluster ids: the update's clusters are the full run's, so every id stays
    assertEquals(clustersBefore, clusterIds(spark, refreshed));
    // story ids: a story holding the article an id in use names keeps an id in use; an id no longer in use is an
    // alias of version 3
    Map<String, String> storiesAfter = storyIds(spark, refreshed);
    Set<String> inUse = new TreeSet<>(storiesAfter.values());
    for (Map.Entry<String, String> e : storiesBefore.entrySet()) {
      if (e.getKey().equals(e.getValue())) {
        assertTrue(storiesBefore.containsValue(storiesAfter.get(e.getKey())), "story of " + e.getKey() + ": "
            + storiesAfter.get(e.getKey()) + " is not an id in use before the refresh");
      }
    }
    List<Row> aliases = spark.read().parquet(refreshed.resolve(Tables.ID_ALIASES).toString()).collectAsList();
    for (String old : new TreeSet<>(storiesBefore.values())) {
      if (inUse.contains(old)) continue;
      assertTrue(aliases.stream().anyMatch(a -> a.<String>getAs(Columns.OLD_ID).equals(old)
          && a.<Integer>getAs(Columns.VERSION) == 3), old + " left without an alias: " + aliases);
    }
    assertTrue(aliases.containsAll(aliasesBefore), "the aliases of earlier versions stay");
    JsonNode m = new ObjectMapper().readTree(refreshed.resolve(Tables.MANIFEST).toFile());
    assertEquals(3, m.path("output_version").asInt());
    assertEquals("refresh", m.path("lineage").path("versions").get(2).path("kind").asText());
    assertEquals(36, m.path("records").path("kept").asLong(), m.path("records").toString());
    assertFalse(m.path("topics").has("update"), "topics are fitted again, not inferred");
    assertTrue(m.path("refresh").path("ids").has("story"), m.path("refresh").toString());

    // a stored input that is gone: refused, the output left as it is
    Path broken = tmp.resolve("broken");
    Folders.copyTree(refreshed, broken);
    Path inputs = broken.resolve(StateTables.INPUTS);
    Path moved = tmp.resolve("inputs-moved");
    spark.read().parquet(inputs.toString()).withColumn(StateTables.PATH, org.apache.spark.sql.functions.when(
            org.apache.spark.sql.functions.col(StateTables.PATH).endsWith("new.jsonl"),
            org.apache.spark.sql.functions.lit("file:/nonexistent/new.jsonl"))
        .otherwise(org.apache.spark.sql.functions.col(StateTables.PATH)))
        .write().parquet(moved.toString());
    Folders.deleteTree(inputs);
    Files.move(moved, inputs);
    Cli gone = Cli.run(spark, "update", "--refresh", "--output", broken.toString());
    assertEquals(2, gone.exit(), gone.out());
    assertEquals(List.of("newslens: update --refresh reads again every input the output was made of: "
        + "file:/nonexistent/new.jsonl is gone; put them back, or make a new output with `newslens run`"),
        gone.errLines());
    assertEquals(3, new ObjectMapper().readTree(broken.resolve(Tables.MANIFEST).toFile()).path("output_version").asInt());
  }

  @Test
  void anUpdateRefusesAParameterThatDiffersFromTheOutputs(SparkSession spark) throws IOException {
    Path out = tmp.resolve("out");
    Folders.copyTree(base, out);
    Cli bad = Cli.run(spark, "update", "--input", in.resolve("new.jsonl").toString(), "--output", out.toString(),
        "--dedup-shingle-size", "7");
    assertEquals(2, bad.exit(), bad.out());
    assertEquals(List.of("newslens: update: --dedup-shingle-size 7 differs from the output's 5 (an update keeps the "
        + "parameters of the output it adds to; `newslens run` makes a new output)"), bad.errLines());
  }

  @Test
  void aRunWithNoStateWritesTheSameTablesAndCannotBeUpdated(SparkSession spark) throws IOException {
    // the shared base run (with state) against a run on the same inputs, by the same paths, without
    Path kept = base;
    Path none = tmp.resolve("none");
    Cli run = Cli.run(spark, args("run", "--input", baseIn.toString(), "--output", none.toString(), "--no-state"));
    assertEquals(0, run.exit(), run.err());

    assertTrue(Files.isDirectory(kept.resolve(Tables.STATE)));
    assertFalse(Files.exists(none.resolve(Tables.STATE)), "a --no-state run wrote state/");
    // every table, row for row (a run's ids are hashes of its inputs, so they are equal too)
    Map<String, long[]> diff = OutputDiff.compare(spark, kept.toString(), none.toString(), Tables.ALL, List.of());
    assertEquals(Tables.ALL.size(), diff.size());
    for (Map.Entry<String, long[]> e : diff.entrySet()) {
      long[] v = e.getValue();
      assertTrue(v[0] == v[1] && v[2] == 0 && v[3] == 0, e.getKey() + ": rows " + v[0] + " / " + v[1]
          + ", only in the run with state " + v[2] + ", only in the one without " + v[3]);
    }
    JsonNode keptState = new ObjectMapper().readTree(kept.resolve(Tables.MANIFEST).toFile()).path("state");
    JsonNode noState = new ObjectMapper().readTree(none.resolve(Tables.MANIFEST).toFile()).path("state");
    assertTrue(keptState.path("written").asBoolean(false), keptState.toString());
    assertFalse(keptState.path("tables").isEmpty(), keptState.toString());
    assertFalse(noState.path("written").asBoolean(true), noState.toString());
    assertTrue(noState.path("tables").isEmpty(), noState.toString());
    assertEquals(0, noState.path("write_ms").asLong(-1));
    // not a job parameter: the manifest's command line (which an update parses again) does not carry it
    JsonNode params = new ObjectMapper().readTree(none.resolve(Tables.MANIFEST).toFile()).path("params");
    assertFalse(params.path("arguments").toString().contains("no-state"), params.toString());
    assertFalse(params.path("effective").has("no-state"), params.toString());

    Cli up = Cli.run(spark, "update", "--input", in.resolve("new.jsonl").toString(), "--output", none.toString());
    assertEquals(2, up.exit(), up.out());
    assertEquals(List.of("newslens: cannot update " + none + ": it was written by `newslens run --no-state`, which "
        + "keeps no state to add to; run `newslens run` again without --no-state"), up.errLines());
    assertEquals(1, new ObjectMapper().readTree(none.resolve(Tables.MANIFEST).toFile()).path("output_version").asInt());
  }

  /** A run's arguments with {@link #REUSE}. */
  private static String[] args(String... a) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(REUSE));
    return all.toArray(new String[0]);
  }

  /** The n-grams state/reuse_common counts in more than --reuse-max-docs documents, with their counts. */
  private static Map<Long, Long> commonGrams(SparkSession spark, Path out) {
    Map<Long, Long> m = new TreeMap<>();
    for (Row r : spark.read().parquet(out.resolve(StateTables.REUSE_COMMON).toString()).groupBy(Reuse.GRAM)
        .agg(org.apache.spark.sql.functions.sum(Columns.DOCS)).collectAsList()) {
      if (r.getLong(1) > Long.parseLong(REUSE[1])) m.put(r.getLong(0), r.getLong(1));
    }
    return m;
  }

  private static Map<String, String> clusterIds(SparkSession spark, Path out) {
    Map<String, String> m = new TreeMap<>();
    for (Row r : spark.read().parquet(out.resolve(Tables.DUPLICATE_CLUSTERS).toString())
        .select(Columns.DOC_ID, Columns.CLUSTER_ID).collectAsList()) {
      m.put(r.getString(0), r.getString(1));
    }
    return m;
  }

  private static Map<String, String> storyIds(SparkSession spark, Path out) {
    Map<String, String> m = new TreeMap<>();
    for (Row r : spark.read().parquet(out.resolve(Tables.STORY_ARTICLES).toString())
        .select(Columns.DOC_ID, Columns.STORY_ID).collectAsList()) {
      assertTrue(m.put(r.getString(0), r.getString(1)) == null, "twice in story_articles: " + r);
    }
    return m;
  }

  private static String docId(SparkSession spark, Path out, String sourceId) {
    return spark.read().parquet(out.resolve(Tables.DOCUMENTS).toString())
        .filter(org.apache.spark.sql.functions.col(Columns.SOURCE_ID).equalTo(sourceId))
        .select(Columns.DOC_ID).first().getString(0);
  }
}
