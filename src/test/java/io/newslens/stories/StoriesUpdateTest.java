package io.newslens.stories;

import static io.newslens.stories.StoryCorpora.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newslens.Columns;
import io.newslens.cli.Main;
import io.newslens.output.OutputDiff;
import io.newslens.output.Tables;
import io.newslens.state.StateTables;
import io.newslens.stories.StoryCorpora.Article;
import io.newslens.stories.StoryCorpora.StoryWords;
import io.newslens.testing.ChildJvm;
import io.newslens.testing.Folders;
import io.newslens.testing.SparkTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stories across {@code newslens update} (issue 21): existing story ids never change, a new article of an old event
 * joins its story under its id, a new event founds a story with the full run's id, two stories a new duplicate
 * makes one merge (the older id survives, the other becomes an alias), one core gives what two give, and an update
 * adding nothing new changes nothing.
 *
 * <p>The corpus: story A (four articles, March 1–3, three sources), story B (three, March 2–4), story C (three,
 * February 1–2), two single articles, and X (January 5, with an article of its event on January 6) and Y (March 5,
 * opening with X's first 40 words, with an article of its own event on March 6). The update: a4 (story A's event,
 * March 4), n0 and n1 (a new event F, March 10 and 11), c3 (story C's event, March 20: past --story-max-gap, a
 * story of its own), and a bridge (March 6) that is a near-duplicate of both X and Y.
 */
@SparkTest
class StoriesUpdateTest {
  @TempDir Path tmp;

  private static String line(Article a) {
    return "{\"id\":\"" + a.id() + "\",\"source\":\"" + a.source() + "\",\"date\":\"" + a.published()
        + "\",\"title\":\"" + a.title() + "\",\"text\":\"" + a.text() + "\"}\n";
  }

  private static String lines(List<Article> articles) {
    StringBuilder b = new StringBuilder();
    for (Article a : articles) b.append(line(a));
    return b.toString();
  }

  /** Writes base.jsonl and new.jsonl under dir. */
  static void corpus(Path dir) throws java.io.IOException {
    StoryWords a = StoryWords.of(11);
    StoryWords b = StoryWords.of(12);
    StoryWords c = StoryWords.of(13);
    StoryWords d = StoryWords.of(14);
    StoryWords e = StoryWords.of(15);
    StoryWords f = StoryWords.of(16);
    List<Article> base = new ArrayList<>();
    String[] sources = {"s1", "s2", "s3"};
    for (int i = 0; i < 4; i++) base.add(article("a" + i, sources[i % 3], "2024-03-0" + (1 + Math.min(i, 2)), "fr", "A",
        a, 100 + i));
    for (int i = 0; i < 3; i++) base.add(article("b" + i, sources[(i + 1) % 3], "2024-03-0" + (2 + i), "fr", "B", b,
        200 + i));
    for (int i = 0; i < 3; i++) base.add(article("c" + i, sources[i % 3], "2024-02-0" + (1 + i % 2), "fr", "C", c,
        300 + i));
    base.add(article("solo1", "s1", "2024-03-08", "fr", "S1", StoryWords.of(21), 401));
    base.add(article("solo2", "s2", "2024-03-09", "fr", "S2", StoryWords.of(22), 402));
    // X and Y: 90 words each, Y opening with X's first 40; the bridge is X's first 62 words and 22 of Y's own
    List<String> x = words(article("x", "s1", "2024-01-05", "fr", "D", d, 501).text() + " "
        + article("x", "s1", "2024-01-05", "fr", "D", d, 502).text(), 90);
    List<String> yOwn = words(article("y", "s2", "2024-03-05", "fr", "E", e, 601).text() + " "
        + article("y", "s2", "2024-03-05", "fr", "E", e, 602).text(), 50);
    List<String> y = new ArrayList<>(x.subList(0, 40));
    y.addAll(yOwn);
    base.add(new Article("x0", "s1", "Dossier " + d.person1(), "2024-01-05", "fr", String.join(" ", x), "D"));
    base.add(article("x9", "s2", "2024-01-06", "fr", "D", d, 503));
    base.add(new Article("y0", "s2", "Affaire " + e.person1(), "2024-03-05", "fr", String.join(" ", y), "E"));
    base.add(article("y9", "s3", "2024-03-06", "fr", "E", e, 603));
    List<String> bridge = new ArrayList<>(x.subList(0, 62));
    bridge.addAll(y.subList(40, 62));
    List<Article> fresh = List.of(
        article("a4", "s3", "2024-03-04", "fr", "A", a, 104),
        article("n0", "s1", "2024-03-10", "fr", "F", f, 700),
        article("n1", "s2", "2024-03-11", "fr", "F", f, 701),
        article("c3", "s3", "2024-03-20", "fr", "C", c, 303),
        new Article("bridge", "s3", "Pont " + d.person1(), "2024-03-06", "fr", String.join(" ", bridge), "D"));
    Files.writeString(dir.resolve("base.jsonl"), lines(base));
    Files.writeString(dir.resolve("new.jsonl"), lines(fresh));
  }

  private static List<String> words(String text, int n) {
    List<String> w = new ArrayList<>(Arrays.asList(text.split(" ")));
    if (w.size() < n) throw new IllegalStateException("text of " + w.size() + " words");
    return new ArrayList<>(w.subList(0, n));
  }

  private static int cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    if (code != 0) throw new AssertionError("exit " + code + ": " + err + out);
    return code;
  }

  @Test
  void storyIdsNeverChangeAndNewArticlesJoinOrFoundStories(SparkSession spark) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    corpus(in);
    Path baseIn = Files.createDirectories(tmp.resolve("base-in"));
    Files.copy(in.resolve("base.jsonl"), baseIn.resolve("base.jsonl"));
    Path out = tmp.resolve("out");
    SparkSession.setActiveSession(spark);
    cli("run", "--input", baseIn.toString(), "--output", out.toString());
    // a child JVM on one core runs the same update on a copy of the base meanwhile
    Path one = tmp.resolve("one");
    Folders.copyTree(out, one);
    // its base lacks the stored term counts (as an output written before they were kept): it counts every document
    // again, and must give the terms tables the counts' update gives
    for (String t : List.of(StateTables.TERM_DOCS, StateTables.TERM_COUNTS)) Folders.deleteTree(one.resolve(t));
    Path log = tmp.resolve("child");
    Process child = ChildJvm.startMain(log, List.of("-Dspark.master=local[1]"), "update", "--input",
        baseIn.toString(), "--input", in.resolve("new.jsonl").toString(), "--output", one.toString());
    Map<String, String> before = storyOf(spark, out);
    Map<String, String> doc = docIds(spark, out);
    String storyA = before.get(doc.get("a0"));
    for (String id : List.of("a1", "a2", "a3")) assertEquals(storyA, before.get(doc.get(id)), id);
    String storyX = before.get(doc.get("x0"));
    String storyY = before.get(doc.get("y0"));
    assertNotEquals(storyX, storyY, "X (January) and Y (March) are two stories in the base");
    assertEquals(Set.copyOf(before.values()), ids(spark, out, StateTables.STORY_MODEL),
        "state/story_model holds every story");

    cli("update", "--input", baseIn.toString(), "--input", in.resolve("new.jsonl").toString(), "--output",
        out.toString());
    Map<String, String> after = storyOf(spark, out);
    doc = docIds(spark, out);
    assertEquals(doc.size(), after.size(), "every document exactly once in story_articles");
    String survivor = storyX.compareTo(storyY) < 0 ? storyX : storyY; // both in use since version 1
    String merged = survivor.equals(storyX) ? storyY : storyX;
    // every old article keeps its story, but those of the merged-away story, which are the survivor's
    for (Map.Entry<String, String> e : before.entrySet()) {
      String expected = e.getValue().equals(merged) ? survivor : e.getValue();
      assertEquals(expected, after.get(e.getKey()), "old article " + e.getKey());
    }
    // a new article of story A's event joins it under its id
    assertEquals(storyA, after.get(doc.get("a4")));
    // a new event: a new story whose id is its first article's doc_id (n0, the earlier)
    assertEquals(doc.get("n0"), after.get(doc.get("n0")));
    assertEquals(doc.get("n0"), after.get(doc.get("n1")));
    assertFalse(before.containsValue(doc.get("n0")));
    // story C's event three weeks later: a story of its own
    assertEquals(doc.get("c3"), after.get(doc.get("c3")));
    // the bridge makes X and Y one duplicate cluster, so one story: the older id survives, the other is an alias
    assertEquals(survivor, after.get(doc.get("bridge")));
    List<Row> aliases = spark.read().parquet(out.resolve(Tables.ID_ALIASES).toString())
        .filter(org.apache.spark.sql.functions.col(Columns.KIND).equalTo(StateTables.STORY)).collectAsList();
    assertEquals(1, aliases.size(), aliases.toString());
    assertEquals(merged, aliases.get(0).getAs(Columns.OLD_ID));
    assertEquals(survivor, aliases.get(0).getAs(Columns.NEW_ID));
    assertEquals(StateTables.MERGE, aliases.get(0).getAs(Columns.EVENT));
    assertEquals(2, (int) aliases.get(0).<Integer>getAs(Columns.VERSION));

    // the stories table: one row per story, its articles counted, ranks 1..n by time
    Map<String, Long> articles = new TreeMap<>();
    for (String s : after.values()) articles.merge(s, 1L, Long::sum);
    Map<String, Long> listed = new TreeMap<>();
    for (Row r : spark.read().parquet(out.resolve(Tables.STORIES).toString())
        .select(Columns.STORY_ID, Columns.ARTICLES).collectAsList()) {
      listed.put(r.getString(0), r.getLong(1));
    }
    assertEquals(articles, listed);
    assertEquals(articles.keySet(), ids(spark, out, StateTables.STORY_MODEL));
    Map<String, List<Integer>> ranks = new TreeMap<>();
    for (Row r : spark.read().parquet(out.resolve(Tables.STORY_ARTICLES).toString())
        .select(Columns.STORY_ID, Columns.RANK_IN_STORY).collectAsList()) {
      ranks.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getInt(1));
    }
    for (Map.Entry<String, List<Integer>> e : ranks.entrySet()) {
      List<Integer> sorted = new ArrayList<>(e.getValue());
      sorted.sort(null);
      for (int i = 0; i < sorted.size(); i++) assertEquals(i + 1, sorted.get(i), e.getKey());
    }
    // rows the update wrote carry version 2: the new articles', and the old ones whose story or rank changed
    Map<String, Integer> version = new HashMap<>();
    for (Row r : spark.read().parquet(out.resolve(Tables.STORY_ARTICLES).toString())
        .select(Columns.DOC_ID, Columns.VERSION).collectAsList()) {
      version.put(r.getString(0), r.getInt(1));
    }
    for (String id : List.of("a4", "n0", "n1", "c3", "bridge")) assertEquals(2, version.get(doc.get(id)), id);
    assertEquals(1, version.get(doc.get("a0")), "a0 stays first in its story: its row is not rewritten");
    assertEquals(1, version.get(doc.get("b0")), "story B is untouched");

    // an update whose records are all known (the new file again under another name) changes no story; it runs
    // while the child is still at work, so the child's output is compared with a copy of this one before it
    Path again = Files.createDirectories(tmp.resolve("again"));
    Files.copy(in.resolve("new.jsonl"), again.resolve("copy.jsonl"));
    Path snapshot = tmp.resolve("snapshot");
    Folders.copyTree(out, snapshot);
    cli("update", "--input", baseIn.toString(), "--input", in.resolve("new.jsonl").toString(), "--input",
        again.toString(), "--output", out.toString());
    Map<String, long[]> same = OutputDiff.compare(spark, out.toString(), snapshot.toString(), List.of(
        Tables.STORIES, Tables.STORY_ARTICLES, Tables.STORY_TRENDS, Tables.ID_ALIASES, StateTables.STORY_MODEL),
        List.of());
    same.forEach((t, v) -> assertTrue(v[0] == v[1] && v[2] == 0 && v[3] == 0, t + ": " + Arrays.toString(v)));

    // one core gives the same update
    assertEquals(0, ChildJvm.waitFor(child, 1800, log), ChildJvm.tail(log));
    Map<String, long[]> diff = OutputDiff.compare(spark, snapshot.toString(), one.toString(), List.of(
        Tables.STORIES, Tables.STORY_ARTICLES, Tables.STORY_TRENDS, Tables.ID_ALIASES, StateTables.STORY_MODEL,
        StateTables.STORY_DF), List.of());
    assertEquals(6, diff.size());
    diff.forEach((t, v) -> assertTrue(v[0] == v[1] && v[2] == 0 && v[3] == 0, t + ": " + Arrays.toString(v)));
    Map<String, long[]> terms = OutputDiff.compare(spark, snapshot.toString(), one.toString(), List.of(Tables.TERMS,
        Tables.DOC_TERMS, Tables.COLLOCATIONS, Tables.KEYNESS, Tables.TERM_TRENDS, StateTables.TERM_DOCS),
        List.of("*." + Columns.VERSION));
    assertEquals(6, terms.size());
    terms.forEach((t, v) -> assertTrue(v[0] == v[1] && v[2] == 0 && v[3] == 0, t + ": " + Arrays.toString(v)));
    assertTrue(spark.read().parquet(one.resolve(StateTables.TERM_COUNTS).toString()).count() > 0);
  }

  /** doc_id → story_id of an output. */
  private static Map<String, String> storyOf(SparkSession spark, Path out) {
    Map<String, String> m = new TreeMap<>();
    for (Row r : spark.read().parquet(out.resolve(Tables.STORY_ARTICLES).toString())
        .select(Columns.DOC_ID, Columns.STORY_ID).collectAsList()) {
      assertTrue(m.put(r.getString(0), r.getString(1)) == null, "twice in story_articles: " + r);
    }
    return m;
  }

  /** source_id (the record's id) → doc_id. */
  private static Map<String, String> docIds(SparkSession spark, Path out) {
    Map<String, String> m = new TreeMap<>();
    for (Row r : spark.read().parquet(out.resolve(Tables.DOCUMENTS).toString())
        .select(Columns.SOURCE_ID, Columns.DOC_ID).collectAsList()) {
      m.put(r.getString(0), r.getString(1));
    }
    return m;
  }

  private static Set<String> ids(SparkSession spark, Path out, String table) {
    Set<String> s = new TreeSet<>();
    for (Row r : spark.read().parquet(out.resolve(table).toString()).select(Columns.STORY_ID).collectAsList()) {
      assertTrue(s.add(r.getString(0)), "twice in " + table + ": " + r);
    }
    return s;
  }
}
