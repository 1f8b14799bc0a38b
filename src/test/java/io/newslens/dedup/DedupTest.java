package io.newslens.dedup;

import static io.newslens.Columns.*;
import static io.newslens.testing.TestCorpora.doc;
import static org.junit.jupiter.api.Assertions.*;

import io.newslens.dedup.WordTokenizer.Words;
import io.newslens.testing.SparkTest;
import io.newslens.testing.TestCorpora;
import io.newslens.testing.TestCorpora.Doc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

@SparkTest
class DedupTest {

  private static final String BODY = "Le gouvernement a annoncé jeudi une enveloppe de sept milliards d'euros pour "
      + "les soignants. Les syndicats jugent la somme insuffisante et appellent à une nouvelle journée de "
      + "mobilisation la semaine prochaine. Le ministre de la Santé a promis de poursuivre les discussions avec "
      + "les représentants des médecins hospitaliers, des internes et des étudiants en médecine. La réforme doit "
      + "être présentée en conseil des ministres avant la fin du mois de juillet selon le calendrier annoncé.";
  private static final String OTHER = "La sonde spatiale a transmis ses premières images de la surface de la "
      + "comète après un voyage de dix ans. Les ingénieurs de l'agence européenne ont salué une réussite "
      + "technique inédite et préparent déjà les manœuvres des prochaines semaines autour du noyau glacé.";

  @Test
  void seedsHaveNoDuplicatesAndOneClusterEach(SparkSession spark) {
    Dataset<Row> docs = TestCorpora.seedDocuments(spark);
    Dedup.Result r = Dedup.apply(docs, DedupParams.defaults());
    assertEquals(Dedup.PAIR_COLUMNS, List.of(r.pairs().columns()));
    assertEquals(Dedup.CLUSTER_COLUMNS, List.of(r.clusters().columns()));
    assertEquals(0, r.pairs().count());
    List<Row> c = r.clusters().orderBy(DOC_ID).collectAsList();
    assertEquals(5, c.size());
    for (Row row : c) {
      assertEquals(row.getString(0), row.getString(1)); // singleton: cluster id = own doc_id
      assertEquals(1, row.getInt(2));
      assertEquals(row.getString(0), row.getString(3));
      assertTrue(row.getBoolean(4));
    }
  }

  @Test
  void seedReprintedWithAnotherTypographyIsAnExactDuplicate(SparkSession spark) {
    Dataset<Row> seeds = TestCorpora.seedDocuments(spark);
    Row s000 = seeds.filter(org.apache.spark.sql.functions.col(SOURCE).startsWith("000")).first();
    String text = s000.getString(s000.fieldIndex(TEXT));
    String retyped = text.replace('’', '\'').replace("« ", "\"").replace(" »", "\"").replace('\u00a0', ' ')
        .toUpperCase(java.util.Locale.ROOT);
    String trimmed = text.substring(0, (int) (text.length() * 0.7));
    Dataset<Row> docs = seeds.select(DOC_ID, SOURCE, PUBLISHED_AT, TEXT).unionByName(TestCorpora.documents(spark,
        doc("zz-retyped", "copy", "2022-08-20", retyped), doc("zz-trimmed", "trim", "2022-08-21", trimmed))
        .select(DOC_ID, SOURCE, PUBLISHED_AT, TEXT));
    Dedup.Result r = Dedup.apply(docs, DedupParams.defaults());
    String id000 = s000.getString(s000.fieldIndex(DOC_ID));
    Map<String, Row> byB = new TreeMap<>();
    for (Row p : r.pairs().collectAsList()) byB.put(p.getString(1), p);
    assertEquals(Set.of("zz-retyped", "zz-trimmed"), byB.keySet());
    Row exact = byB.get("zz-retyped");
    assertEquals(id000, exact.getString(0));
    assertEquals("exact", exact.getString(2));
    Row near = byB.get("zz-trimmed");
    assertEquals(id000, near.getString(0));
    assertEquals("near", near.getString(2));
    assertEquals(1.0, near.getDouble(5), 1e-9); // containment: every shingle of the trimmed copy is in the original
    assertTrue(near.getDouble(4) > 0.6 && near.getDouble(4) < 0.75, "jaccard " + near.getDouble(4));
    // cluster of three; the seed (no date) loses to the dated copies: earliest published is the retyped copy
    List<Row> c = r.clusters().filter(org.apache.spark.sql.functions.col(CLUSTER_SIZE).equalTo(3)).collectAsList();
    assertEquals(3, c.size());
    for (Row row : c) {
      assertEquals(id000.compareTo("zz") < 0 ? id000 : "zz-retyped", row.getString(1));
      assertEquals("zz-retyped", row.getString(3));
      assertEquals(row.getString(0).equals("zz-retyped"), row.getBoolean(4));
    }
    assertEquals(7, r.clusters().count());
  }

  @Test
  void edgeRowsAndRepresentatives(SparkSession spark) {
    String edited = BODY.replace("jeudi", "mercredi").replace("sept", "huit");
    Dataset<Row> docs = TestCorpora.documents(spark,
        doc("a1", "s1", "2020-07-03", BODY),
        doc("a2", "s2", "2020-07-02", BODY + " Lire aussi notre dossier."), // near (containment 1), earliest
        doc("a3", "s3", "2020-07-02", edited + " Et davantage de texte pour être la plus longue version."),
        doc("b1", "s1", null, OTHER),
        doc("e1", "s1", null, ""),
        doc("e2", "s2", null, "   "),
        doc("e3", "s3", null, null),
        doc("w1", "s1", null, "Bonjour"),
        doc("w2", "s2", null, "bonjour !"),
        doc("w3", "s3", null, "Bonjour tout le monde"));
    Dedup.Result r = Dedup.apply(docs, DedupParams.defaults());
    Map<String, String> kinds = new TreeMap<>();
    for (Row p : r.pairs().collectAsList()) {
      assertTrue(p.getString(0).compareTo(p.getString(1)) < 0);
      kinds.put(p.getString(0) + "-" + p.getString(1), p.getString(2));
    }
    // empty texts are not duplicates of each other; "Bonjour" is an exact duplicate of "bonjour !" only;
    // a one-word text is too short for containment in "Bonjour tout le monde"
    assertEquals(Map.of("a1-a2", "near", "a1-a3", "near", "a2-a3", "near", "w1-w2", "exact"), kinds);
    Map<String, Row> c = new HashMap<>();
    for (Row row : r.clusters().collectAsList()) c.put(row.getString(0), row);
    assertEquals(10, c.size());
    for (String id : List.of("a1", "a2", "a3")) {
      assertEquals("a1", c.get(id).getString(1));
      assertEquals(3, c.get(id).getInt(2));
      assertEquals("a3", c.get(id).getString(3)); // a2 and a3 published first; a3 is longer
    }
    assertEquals("w1", c.get("w2").getString(1));
    assertEquals(2, c.get("w2").getInt(2));
    assertEquals("w2", c.get("w2").getString(3)); // no dates: the longer text ("bonjour !", 9 chars) wins
    for (String id : List.of("b1", "e1", "e2", "e3", "w3")) assertEquals(1, c.get(id).getInt(2));
    long reps = r.clusters().filter(org.apache.spark.sql.functions.col(IS_REPRESENTATIVE)).count();
    assertEquals(7, reps); // {a1,a2,a3}, {w1,w2}, b1, e1, e2, e3, w3
  }

  /**
   * Chains, a star and separate pairs: the clusters found on the driver (union-find) equal those of GraphX row for
   * row, including ids, sizes and representatives.
   */
  @Test
  void driverAndGraphxComponentsAgree(SparkSession spark) {
    List<Doc> docs = new ArrayList<>();
    for (String id : List.of("c1", "c2", "c3", "c4", "c5", "s0", "s1", "s2", "s3", "p1", "p2", "q1", "q2", "x1")) {
      docs.add(doc(id, "s", id.endsWith("2") ? "2021-01-01" : null, "texte " + id));
    }
    StructType pairSchema = new StructType().add(DOC_A, "string", false).add(DOC_B, "string", false);
    List<Row> edges = List.of(RowFactory.create("c4", "c5"), RowFactory.create("c1", "c2"),
        RowFactory.create("c3", "c4"), RowFactory.create("c2", "c3"), RowFactory.create("s0", "s1"),
        RowFactory.create("s0", "s2"), RowFactory.create("s0", "s3"), RowFactory.create("p1", "p2"),
        RowFactory.create("q1", "q2"));
    Dataset<Row> documents = TestCorpora.documents(spark, docs.toArray(new Doc[0]));
    Dataset<Row> pairs = spark.createDataFrame(edges, pairSchema);
    List<Row> driver = Dedup.components(documents, pairs, Long.MAX_VALUE).clusters().orderBy(DOC_ID).collectAsList();
    Dedup.Components g = Dedup.components(documents, pairs, -1);
    List<Row> graphx = g.clusters().orderBy(DOC_ID).collectAsList();
    for (org.apache.spark.graphx.Graph<?, ?> graph : g.graphs()) graph.unpersist(false);
    assertEquals(graphx, driver);
    Map<String, Row> c = new HashMap<>();
    for (Row row : driver) c.put(row.getString(0), row);
    assertEquals("c1", c.get("c5").getString(1));
    assertEquals(5, c.get("c5").getInt(2));
    assertEquals("c2", c.get("c4").getString(3)); // the only dated member of the chain
    assertEquals("s0", c.get("s3").getString(1));
    assertEquals(4, c.get("s3").getInt(2));
    assertEquals(2, c.get("q1").getInt(2));
    assertEquals("x1", c.get("x1").getString(1));
    assertEquals(1, c.get("x1").getInt(2));
  }

  @Test
  void hugeBucketsGiveLinearWork(SparkSession spark) {
    // 12 documents in the same two band buckets (11, 12) and 2 in two others (21, 22), each its own text
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      for (long bucket : new long[] {11L, 12L}) rows.add(slot(bucket, String.format("d%02d", i), i, false));
    }
    for (long bucket : new long[] {21L, 22L}) {
      rows.add(slot(bucket, "x1", 100, false));
      rows.add(slot(bucket, "x2", 101, false));
    }
    Dataset<Row> slots = spark.createDataFrame(rows, Dedup.SLOTS);
    // bucket of 12 > 3: star from d00 (11 pairs) + chain d00-d01 … d10-d11 (11, one shared with the star) = 21
    List<Row> linear = Dedup.buckets(slots, 3).select(DOC_A, DOC_B).distinct().orderBy(DOC_A, DOC_B)
        .collectAsList();
    assertEquals(22, linear.size());
    assertEquals(List.of("d00", "d01"), List.of(linear.get(0).getString(0), linear.get(0).getString(1)));
    assertTrue(linear.stream().anyMatch(r -> r.getString(0).equals("d07") && r.getString(1).equals("d08")));
    assertTrue(linear.stream().anyMatch(r -> r.getString(0).equals("x1") && r.getString(1).equals("x2")));
    assertFalse(linear.stream().anyMatch(r -> r.getString(0).equals("d03") && r.getString(1).equals("d07")));
    // under the limit: every pair, 66 + 1
    assertEquals(67, Dedup.buckets(slots, 100).select(DOC_A, DOC_B).distinct().count());
  }

  @Test
  void anExactGroupTakesPartInBandBucketsThroughItsSmallestDocId(SparkSession spark) {
    // e1, e2, e3 share a text (key 7), n1 has another (key 8): all four in band bucket 5
    List<Row> rows = new ArrayList<>();
    for (String id : List.of("e3", "e1", "e2")) {
      rows.add(slot(7L, id, 7, true));
      rows.add(slot(5L, id, 7, false));
    }
    rows.add(slot(8L, "n1", 8, true));
    rows.add(slot(5L, "n1", 8, false));
    List<Row> found = Dedup.buckets(spark.createDataFrame(rows, Dedup.SLOTS), 100)
        .orderBy(DOC_A, DOC_B).collectAsList();
    // exact: a star from e1 (with the shingle count); near candidates: only e1 with n1
    assertEquals(List.of("e1 e2 true 40", "e1 e3 true 40", "e1 n1 false 0"), found.stream()
        .map(r -> r.getString(0) + " " + r.getString(1) + " " + r.getBoolean(2) + " " + r.getInt(3)).toList());
  }

  /** A {@link Dedup#SLOTS} row whose exact key is (key, key) and whose text has 40 shingles. */
  private static Row slot(long bucket, String id, long key, boolean exact) {
    return org.apache.spark.sql.RowFactory.create(bucket, id, key, key, 40, exact);
  }

  @Test
  void missingColumnsAreNamed(SparkSession spark) {
    Dataset<Row> docs = TestCorpora.documents(spark, doc("a", "s", null, "x")).drop(TEXT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dedup.apply(docs, DedupParams.defaults()));
    assertTrue(e.getMessage().contains("text"), e.getMessage());
  }

  @Test
  void paramsNameTheirFlag() {
    DedupParams d = DedupParams.defaults();
    assertEquals(new Banding(37, 3), d.banding());
    assertEquals(new Banding(20, 5), d.withBanding(20, 5).banding());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withBanding(20, 0));
    assertTrue(e.getMessage().contains("--dedup-rows"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> d.withBanding(40, 4));
    assertTrue(e.getMessage().contains("--dedup-hashes"), e.getMessage());
  }

  /**
   * Recall and precision against a brute-force comparison of every pair: 300 synthetic documents (seed 7) from a
   * 400-word vocabulary, 60 of them variants (trimmed to 70 %, lightly edited, padded with boilerplate).
   */
  @Test
  void matchesBruteForceOnSyntheticDocuments(SparkSession spark) {
    Random rnd = new Random(7);
    String[] vocab = new String[400];
    for (int i = 0; i < vocab.length; i++) vocab[i] = "w" + Integer.toString(i * 7919 % 10007, 36);
    List<Doc> docs = new ArrayList<>();
    List<String> bases = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      StringBuilder b = new StringBuilder();
      int n = 60 + rnd.nextInt(200);
      for (int j = 0; j < n; j++) b.append(vocab[rnd.nextInt(vocab.length)]).append(j % 15 == 14 ? ". " : " ");
      bases.add(b.toString());
      docs.add(doc(String.format("b%03d", i), "src" + (i % 7), null, b.toString()));
    }
    for (int i = 0; i < 60; i++) {
      String base = bases.get(rnd.nextInt(bases.size()));
      String v = switch (i % 3) {
        case 0 -> base.substring(0, (int) (base.length() * 0.7));
        case 1 -> {
          String[] w = base.split(" ");
          for (int j = 0; j < 3; j++) w[rnd.nextInt(w.length)] = "changed";
          yield String.join(" ", w);
        }
        default -> "Partager l'article sur Facebook Twitter LinkedIn. " + base + " Abonnez-vous à notre lettre.";
      };
      docs.add(doc(String.format("v%03d", i), "variants", null, v));
    }
    DedupParams p = DedupParams.defaults();
    Dataset<Row> df = TestCorpora.documents(spark, docs.toArray(new Doc[0]));
    Set<String> found = new TreeSet<>();
    for (Row r : Dedup.pairs(df, p).collectAsList()) found.add(r.getString(0) + " " + r.getString(1));

    List<long[]> sets = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (Doc d : docs) {
      Words w = WordTokenizer.tokenize(d.text());
      sets.add(Shingler.shingleSet(w.tokens(), p.shingleSize()));
      keys.add(Shingler.exactKey(w.tokens()));
    }
    Set<String> truth = new TreeSet<>();
    for (int i = 0; i < docs.size(); i++) {
      for (int j = 0; j < docs.size(); j++) {
        String a = docs.get(i).docId();
        String b = docs.get(j).docId();
        if (a.compareTo(b) >= 0) continue;
        int inter = SetSimilarity.intersection(sets.get(i), sets.get(j));
        double jac = SetSimilarity.jaccard(inter, sets.get(i).length, sets.get(j).length);
        double con = SetSimilarity.containment(inter, sets.get(i).length, sets.get(j).length);
        boolean small = Math.min(sets.get(i).length, sets.get(j).length) < p.minContainedShingles();
        if (keys.get(i).equals(keys.get(j)) || jac >= p.minJaccard() || (con >= p.minContainment() && !small)) {
          truth.add(a + " " + b);
        }
      }
    }
    Set<String> hit = new HashSet<>(found);
    hit.retainAll(truth);
    double recall = (double) hit.size() / truth.size();
    double precision = (double) hit.size() / found.size();
    assertTrue(truth.size() >= 60, "truth " + truth.size());
    assertTrue(recall >= 0.98, "recall " + recall + " of " + truth.size());
    assertEquals(1.0, precision, 1e-12, "precision: every reported pair is verified");
  }
}
