package io.newslens.topics;

import static io.newslens.Columns.*;
import static io.newslens.testing.TestCorpora.doc;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

import io.newslens.analyze.Tokens;
import io.newslens.testing.SparkTest;
import io.newslens.testing.TestCorpora;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The stage on a planted corpus: three topics of ten words each, 20 documents per topic (15 tokens drawn from its
 * words), one word in every document (over --topic-max-df), plus edge documents: empty, only stop words, one term,
 * no tokens row, a duplicate of a fitted story and a duplicate whose representative has no terms.
 */
@SparkTest
class TopicsTest {
  static final String[][] PLANTED = {
      {"football", "match", "but", "equipe", "joueur", "stade", "entraineur", "ligue", "coupe", "supporter"},
      {"election", "ministre", "gouvernement", "vote", "parlement", "president", "loi", "senat", "depute", "parti"},
      {"pluie", "orage", "temperature", "neige", "vent", "meteo", "degre", "nuage", "soleil", "alerte"}};

  /** duplicate_clusters' columns the stage reads */
  static final StructType CLUSTERS = new StructType().add(DOC_ID, "string").add(REPRESENTATIVE, "string")
      .add(IS_REPRESENTATIVE, "boolean");

  record Corpus3(Dataset<Row> tokens, Dataset<Row> documents, Dataset<Row> clusters) {}

  static Corpus3 corpus(SparkSession spark) {
    Random r = new Random(11);
    List<Row> tokenRows = new ArrayList<>();
    List<TestCorpora.Doc> docs = new ArrayList<>();
    List<Row> clusterRows = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      for (int i = 0; i < 20; i++) {
        String id = "t" + t + "_" + i;
        List<String> words = new ArrayList<>();
        for (int j = 0; j < 15; j++) words.add(PLANTED[t][r.nextInt(10)]);
        words.add("dire");
        tokenRows.add(tokens(id, words, List.of("le", "de")));
        docs.add(doc(id, i % 2 == 0 ? "lemonde.fr" : "liberation.fr", "2024-0" + (1 + i % 3) + "-15", "x"));
        clusterRows.add(RowFactory.create(id, id, true));
      }
    }
    tokenRows.add(tokens("empty", List.of(), List.of()));
    tokenRows.add(tokens("stoponly", List.of(), List.of("le", "la", "les")));
    tokenRows.add(tokens("one", List.of("football"), List.of()));
    tokenRows.add(tokens("copy", List.of("election", "vote"), List.of()));
    tokenRows.add(tokens("orphan", List.of("pluie", "neige", "orage", "pluie"), List.of()));
    for (String id : List.of("empty", "stoponly", "one", "notokens", "copy", "orphan")) {
      docs.add(doc(id, "lemonde.fr", "2024-01-20", "x"));
    }
    clusterRows.add(RowFactory.create("empty", "empty", true));
    clusterRows.add(RowFactory.create("stoponly", "stoponly", true));
    clusterRows.add(RowFactory.create("one", "one", true));
    clusterRows.add(RowFactory.create("notokens", "notokens", true));
    clusterRows.add(RowFactory.create("copy", "t1_0", false)); // a duplicate of a fitted story
    clusterRows.add(RowFactory.create("orphan", "empty", false)); // its representative has no terms
    return new Corpus3(spark.createDataFrame(tokenRows, Tokens.SCHEMA),
        TestCorpora.documents(spark, docs.toArray(new TestCorpora.Doc[0])),
        spark.createDataFrame(clusterRows, CLUSTERS));
  }

  static Row tokens(String id, List<String> words, List<String> stops) {
    List<Row> ts = new ArrayList<>();
    int pos = 0;
    for (String w : words) {
      ts.add(RowFactory.create(w, w.toUpperCase(Locale.ROOT).charAt(0) + w.substring(1), 0, 0, pos, pos + w.length(), false));
      pos += w.length() + 1;
    }
    for (String s : stops) ts.add(RowFactory.create(s, s, 0, 0, pos, pos + s.length(), true));
    return RowFactory.create(id, "fr", ts);
  }

  static TopicsParams params(TopicsParams.Algorithm a, int iterations) {
    return new TopicsParams(3, 0, 0, 1, a, iterations, 2, 0.5, 1000, 10, 1.0, 0.01, 10, 20, 30, 2, "month", 42L);
  }

  @Test
  void gibbsRecoversPlantedTopicsAndEveryArticleGetsAMixture(SparkSession spark) {
    Corpus3 c = corpus(spark);
    Topics.Result res = Topics.apply(c.tokens(), c.documents(), c.clusters(), params(TopicsParams.Algorithm.GIBBS, 60));

    // vocabulary: 30 planted words; "dire" is in 60 of 64 fitted documents (> 50 %), stop words are never terms
    List<Row> vocab = res.vocabulary().collectAsList();
    assertEquals(30, vocab.size());
    assertTrue(vocab.stream().noneMatch(v -> v.getAs(TERM).equals("dire") || v.getAs(TERM).equals("le")));
    assertEquals("Football", res.vocabulary().filter(col(TERM).equalTo("football")).first().getAs(DISPLAY));

    List<Row> topics = res.topics().collectAsList();
    assertEquals(3, topics.size());
    Map<Integer, Integer> topicOfGroup = new HashMap<>();
    for (Row t : topics) {
      List<Row> terms = t.getList(t.fieldIndex(TOP_TERMS));
      assertEquals(10, terms.size());
      Set<String> top = new HashSet<>();
      for (Row term : terms) top.add(term.getAs(TERM));
      int group = -1;
      for (int g = 0; g < 3; g++) if (top.equals(Set.of(PLANTED[g]))) group = g;
      assertTrue(group >= 0, "topic " + t.getAs(TOPIC_ID) + " mixes groups: " + top);
      topicOfGroup.put(group, t.getAs(TOPIC_ID));
      // relevant_terms: the same planted words ranked by relevance, each with its P(term | topic); the label is its
      // top three
      List<Row> relevant = t.getList(t.fieldIndex(RELEVANT_TERMS));
      assertEquals(10, relevant.size());
      Set<String> byRelevance = new HashSet<>();
      for (Row term : relevant) byRelevance.add(term.getAs(TERM));
      assertEquals(top, byRelevance);
      assertEquals(relevant.get(0).getAs(DISPLAY) + " / " + relevant.get(1).getAs(DISPLAY) + " / "
          + relevant.get(2).getAs(DISPLAY), t.getAs(LABEL));
      double w = 0;
      for (Row term : terms) w += term.<Double>getAs(WEIGHT);
      assertTrue(w > 0.95 && w <= 1.0, "weights of a planted topic's 10 words: " + w);
      // a planted topic's words co-occur with high probability within a group: strongly positive coherence
      assertTrue(t.<Double>getAs(COHERENCE) > 0.3, "coherence " + t.getAs(COHERENCE));
      // 20 of 61 stories with terms, plus the prior-weighted ones: about a third each
      assertEquals(1.0 / 3, t.<Double>getAs(SHARE), 0.06);
    }
    assertEquals(3, new HashSet<>(topicOfGroup.values()).size());

    Map<String, Row> dt = new HashMap<>();
    for (Row r : res.docTopics().collectAsList()) dt.put(r.getAs(DOC_ID), r);
    assertEquals(66, dt.size());
    for (Row r : dt.values()) {
      List<Double> m = r.getList(r.fieldIndex(MIXTURE));
      assertEquals(3, m.size());
      assertEquals(1.0, m.stream().mapToDouble(Double::doubleValue).sum(), 1e-9, (String) r.getAs(DOC_ID));
      assertEquals(m.stream().mapToDouble(Double::doubleValue).max().getAsDouble(), r.<Double>getAs(DOMINANT_WEIGHT), 0.0);
    }
    for (int g = 0; g < 3; g++) {
      for (int i = 0; i < 20; i++) {
        Row r = dt.get("t" + g + "_" + i);
        assertEquals(topicOfGroup.get(g), r.<Integer>getAs(DOMINANT_TOPIC), (String) r.getAs(DOC_ID));
        assertEquals(Topics.FITTED, r.getAs(MIXTURE_SOURCE));
        assertTrue(r.<Double>getAs(DOMINANT_WEIGHT) > 0.8);
      }
    }
    // edge documents
    for (String id : List.of("empty", "stoponly", "notokens")) {
      assertEquals(Topics.PRIOR, dt.get(id).getAs(MIXTURE_SOURCE), id);
      assertEquals(0, dt.get(id).<Integer>getAs(LENGTH));
    }
    assertEquals(Topics.FITTED, dt.get("one").getAs(MIXTURE_SOURCE));
    assertEquals(topicOfGroup.get(0), dt.get("one").<Integer>getAs(DOMINANT_TOPIC));
    assertEquals(Topics.REPRESENTATIVE_SOURCE, dt.get("copy").getAs(MIXTURE_SOURCE));
    assertEquals(dt.get("t1_0").getList(dt.get("t1_0").fieldIndex(MIXTURE)), dt.get("copy").getList(dt.get("copy").fieldIndex(MIXTURE)));
    assertEquals(Topics.INFERRED, dt.get("orphan").getAs(MIXTURE_SOURCE));
    assertEquals(topicOfGroup.get(2), dt.get("orphan").<Integer>getAs(DOMINANT_TOPIC));

    Topics.Stats s = res.stats();
    assertEquals(3, s.k());
    assertEquals("gibbs", s.algorithm());
    assertEquals(30, s.vocabularySize());
    assertEquals(61, s.docsFitted()); // 60 planted + "one"
    assertEquals(Map.of("fitted", 61L, "inferred", 1L, "prior", 3L, "representative", 1L), s.mixtureSources());

    // trends: in every (period, source) group the topic shares sum to 1
    List<Row> sums = res.topicTrends().groupBy(PERIOD, SOURCE)
        .agg(org.apache.spark.sql.functions.sum(SHARE).as("s"), org.apache.spark.sql.functions.first(DOCS).as("n"))
        .collectAsList();
    assertEquals(3 * 2 + 3, sums.size()); // 3 months x 2 sources, plus 3 months over all sources
    for (Row r : sums) assertEquals(1.0, r.getDouble(r.fieldIndex("s")), 1e-9);
    Row janAll = res.topicTrends().filter(col(SOURCE).isNull().and(col(TOPIC_ID).equalTo(0))
        .and(col(PERIOD).equalTo(java.sql.Date.valueOf("2024-01-01")))).first();
    assertEquals(21 + 6, janAll.<Long>getAs(DOCS)); // i % 3 == 0: 7 per group, plus the 6 edge documents
  }

  /**
   * Five short documents whose words rarely repeat (the seeds' shape: 5 articles, K clamped to 5): the maximum-
   * likelihood topic-word prior grows without bound on such counts (the seeds reached beta 255 and gave every article
   * the same mixture). The sampler stops re-estimating before beta passes {@link GibbsLda#MAX_BETA}, keeps the
   * last sound values, and the documents keep mixtures of their own (swamped, they were all equal).
   */
  @Test
  void hyperparameterOptimisationStopsBeforeThePriorSwampsATinyCorpus(SparkSession spark) {
    List<Row> tokenRows = new ArrayList<>();
    List<TestCorpora.Doc> docs = new ArrayList<>();
    List<Row> clusterRows = new ArrayList<>();
    for (int d = 0; d < 5; d++) {
      List<String> words = new ArrayList<>();
      for (int j = 0; j < 40; j++) words.add("w" + d + "x" + j); // words of this document only, once each
      for (int j = 0; j < 10; j++) words.add("s" + d + "x" + j); // shared with the next document
      for (int j = 0; j < 10; j++) words.add("s" + ((d + 4) % 5) + "x" + j); // shared with the previous one
      tokenRows.add(tokens("d" + d, words, List.of()));
      docs.add(doc("d" + d, "lemonde.fr", "2024-01-15", "x"));
      clusterRows.add(RowFactory.create("d" + d, "d" + d, true));
    }
    TopicsParams p = new TopicsParams(5, 0, 0, 1, TopicsParams.Algorithm.GIBBS, 300, 1, 0.5, 1000, 10, 5.0, 0.01,
        10, 50, 30, 2, "month", 42L);
    Topics.Result res = Topics.apply(spark.createDataFrame(tokenRows, Tokens.SCHEMA),
        TestCorpora.documents(spark, docs.toArray(new TestCorpora.Doc[0])),
        spark.createDataFrame(clusterRows, CLUSTERS), p);
    Topics.Stats s = res.stats();
    assertTrue(s.beta() <= GibbsLda.MAX_BETA, "beta " + s.beta());
    assertTrue(s.optimisationStoppedAt() > 50, "stopped at sweep " + s.optimisationStoppedAt());
    assertTrue(s.alphaSum() < 5 * 5, "alpha sum " + s.alphaSum());
    // a swamped prior gives every document the same mixture; these words (once each) carry little signal, so the
    // mixtures are diffuse, but each document keeps its own
    List<List<Double>> mixtures = new ArrayList<>();
    for (Row r : res.docTopics().collectAsList()) mixtures.add(r.getList(r.fieldIndex(MIXTURE)));
    double widest = 0;
    for (List<Double> a : mixtures) {
      for (List<Double> b : mixtures) {
        double l1 = 0;
        for (int k = 0; k < 5; k++) l1 += Math.abs(a.get(k) - b.get(k));
        widest = Math.max(widest, l1);
      }
    }
    assertTrue(widest > 0.3, "largest L1 distance between two documents' mixtures: " + widest);
  }

  @Test
  void gibbsIsDeterministic(SparkSession spark) {
    Corpus3 c = corpus(spark);
    TopicsParams p = params(TopicsParams.Algorithm.GIBBS, 15);
    List<Row> a = Topics.apply(c.tokens(), c.documents(), c.clusters(), p).docTopics()
        .select(DOC_ID, MIXTURE).orderBy(DOC_ID).collectAsList();
    List<Row> b = Topics.apply(c.tokens(), c.documents(), c.clusters(), p).docTopics()
        .select(DOC_ID, MIXTURE).orderBy(DOC_ID).collectAsList();
    assertEquals(a, b);
  }

  @Test
  void partitionCountChangesSamplesNotTopics(SparkSession spark) {
    // AD-LDA samples against a snapshot that is stale by one sweep of the other partitions: with 1 or 3 partitions
    // the draws differ, the recovered topics and every planted document's dominant topic do not, and the mixtures
    // agree within the tolerance below (measured here: 0.0, the separable corpus converges to the same state)
    Corpus3 c = corpus(spark);
    Map<Integer, Map<String, double[]>> byPartitions = new HashMap<>();
    for (int partitions : new int[] {1, 3}) {
      TopicsParams p = new TopicsParams(3, 0, 0, 1, TopicsParams.Algorithm.GIBBS, 40, 2, 0.5, 1000, 10, 1.0, 0.01,
          10, 20, 30, partitions, "month", 42L);
      Topics.Result res = Topics.apply(c.tokens(), c.documents(), c.clusters(), p);
      // align topics by their planted group
      int[] groupOf = new int[3];
      for (Row t : res.topics().collectAsList()) {
        Row first = t.<Row>getList(t.fieldIndex(TOP_TERMS)).get(0);
        for (int g = 0; g < 3; g++) if (List.of(PLANTED[g]).contains(first.<String>getAs(TERM))) groupOf[t.<Integer>getAs(TOPIC_ID)] = g;
      }
      Map<String, double[]> mix = new HashMap<>();
      for (Row r : res.docTopics().collectAsList()) {
        List<Double> m = r.getList(r.fieldIndex(MIXTURE));
        double[] byGroup = new double[3];
        for (int k = 0; k < 3; k++) byGroup[groupOf[k]] = m.get(k);
        mix.put(r.getAs(DOC_ID), byGroup);
      }
      byPartitions.put(partitions, mix);
    }
    double maxDiff = 0;
    for (String id : byPartitions.get(1).keySet()) {
      double[] a = byPartitions.get(1).get(id);
      double[] b = byPartitions.get(3).get(id);
      for (int g = 0; g < 3; g++) maxDiff = Math.max(maxDiff, Math.abs(a[g] - b[g]));
      if (id.startsWith("t")) assertEquals(id.charAt(1) - '0', argmax(b), id);
    }
    assertTrue(maxDiff < 0.1, "largest mixture difference between 1 and 3 partitions: " + maxDiff);
  }

  @Test
  void fitSampleIsBoundedSeededAndTheRestInferred(SparkSession spark) {
    Corpus3 c = corpus(spark);
    // 61 representatives have terms (60 planted and "one"); fit on 40 of them, average the last 10 sweeps
    TopicsParams p = params(TopicsParams.Algorithm.GIBBS, 60).withSampling(2, 10, 40);
    Topics.Result res = Topics.apply(c.tokens(), c.documents(), c.clusters(), p);
    assertEquals(40, res.stats().docsFitted());
    Map<String, Long> sources = res.stats().mixtureSources();
    assertEquals(40L, sources.get(Topics.FITTED));
    assertEquals(66L, sources.values().stream().mapToLong(Long::longValue).sum());
    assertEquals(3L, sources.get(Topics.PRIOR));
    int[] groupOf = new int[3];
    for (Row t : res.topics().collectAsList()) {
      Row first = t.<Row>getList(t.fieldIndex(TOP_TERMS)).get(0);
      for (int g = 0; g < 3; g++) if (List.of(PLANTED[g]).contains(first.<String>getAs(TERM))) groupOf[t.<Integer>getAs(TOPIC_ID)] = g;
    }
    assertEquals(Set.of(0, 1, 2), Set.of(groupOf[0], groupOf[1], groupOf[2]));
    int inferredPlanted = 0;
    for (Row r : res.docTopics().collectAsList()) {
      List<Double> m = r.getList(r.fieldIndex(MIXTURE));
      assertEquals(1.0, m.stream().mapToDouble(Double::doubleValue).sum(), 1e-9, r.<String>getAs(DOC_ID));
      String id = r.getAs(DOC_ID);
      if (id.startsWith("t")) {
        assertEquals(id.charAt(1) - '0', groupOf[r.<Integer>getAs(DOMINANT_TOPIC)], id);
        if (r.<String>getAs(MIXTURE_SOURCE).equals(Topics.INFERRED)) inferredPlanted++;
      }
    }
    assertTrue(inferredPlanted >= 20, "planted representatives outside the sample are inferred: " + inferredPlanted);

    // the sample: exactly the bound, the same for the same seed, another for another seed, everything when it fits
    Dataset<Row> bags = io.newslens.topics.Corpus.build(c.tokens(), c.documents(), c.clusters(), p).fitBags();
    List<Row> a = io.newslens.topics.Corpus.sample(bags, 61, 40, 42L).select(DOC_ID).orderBy(DOC_ID).collectAsList();
    List<Row> b = io.newslens.topics.Corpus.sample(bags, 61, 40, 42L).select(DOC_ID).orderBy(DOC_ID).collectAsList();
    List<Row> other = io.newslens.topics.Corpus.sample(bags, 61, 40, 7L).select(DOC_ID).orderBy(DOC_ID)
        .collectAsList();
    assertEquals(40, a.size());
    assertEquals(a, b);
    assertNotEquals(a, other);
    assertEquals(61, io.newslens.topics.Corpus.sample(bags, 61, 61, 42L).count());
  }

  static int argmax(double[] v) {
    int b = 0;
    for (int i = 1; i < v.length; i++) if (v[i] > v[b]) b = i;
    return b;
  }

  @Test
  void mllibOnlineAndEmHandleEdgeDocuments(SparkSession spark) {
    Corpus3 c = corpus(spark);
    for (TopicsParams.Algorithm alg : List.of(TopicsParams.Algorithm.ONLINE, TopicsParams.Algorithm.EM)) {
      Topics.Result res = Topics.apply(c.tokens(), c.documents(), null, params(alg, 5));
      List<Row> rows = res.docTopics().collectAsList();
      assertEquals(66, rows.size(), alg.id());
      for (Row r : rows) {
        List<Double> m = r.getList(r.fieldIndex(MIXTURE));
        assertEquals(1.0, m.stream().mapToDouble(Double::doubleValue).sum(), 1e-9, alg + " " + r.getAs(DOC_ID));
      }
      assertEquals(alg.id(), res.stats().algorithm());
      // without clusters every document is fitted: "copy" and "orphan" too
      assertEquals(63, res.stats().docsFitted(), alg.id());
      assertEquals(3L, res.stats().mixtureSources().get("prior"));
    }
  }

  @Test
  void autoKKeepsTheMostCoherentCandidate(SparkSession spark) {
    Corpus3 c = corpus(spark);
    TopicsParams p = new TopicsParams(3, 2, 4, 1, TopicsParams.Algorithm.GIBBS, 30, 2, 0.5, 1000, 10, 1.0, 0.01, 10, 20,
        30, 2, "month", 42L);
    Topics.Stats s = Topics.apply(c.tokens(), c.documents(), c.clusters(), p).stats();
    assertEquals(List.of(2, 3, 4), new ArrayList<>(s.coherenceByK().keySet()));
    double best = s.coherenceByK().values().stream().mapToDouble(Double::doubleValue).max().getAsDouble();
    assertEquals(best, s.coherenceByK().get(s.k()), 0.0);
    assertEquals(best, s.meanCoherence(), 0.0);
    assertTrue(s.auto());
  }

  @Test
  void missingColumnsAreNamed(SparkSession spark) {
    Corpus3 c = corpus(spark);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Topics.apply(
        c.tokens(), c.documents().drop(PUBLISHED_AT), null, TopicsParams.defaults()));
    assertTrue(e.getMessage().contains("documents lacks column(s) [published_at]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> params(TopicsParams.Algorithm.GIBBS, 0));
    IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
        () -> TopicsParams.defaults().withTopics(1));
    assertTrue(k.getMessage().contains("--topics"));
  }
}
