package io.newslens.terms;

import static io.newslens.Columns.*;
import static io.newslens.terms.TokenTables.text;
import static io.newslens.testing.TestCorpora.doc;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newslens.testing.SparkTest;
import io.newslens.testing.TestCorpora;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The terms stage on a four-article corpus whose every statistic was worked out by hand.
 *
 * <pre>
 * d1 A 2024-01-05  La Corée du Nord tire un missile. La Russie soutient la Corée du Nord.   14 tokens, 8 content
 * d2 A 2024-01-20  Le Conseil de sécurité condamne la Corée Du Nord.                           9 tokens, 5 content
 * d3 B 2024-02-03  La Russie et la Chine bloquent le Conseil de sécurité.                    10 tokens, 5 content
 * d4 B (no date)   Missile russe. La Russie dément.                                            5 tokens, 4 content
 * </pre>
 * N = 4 documents, 38 tokens, 22 content tokens. df: russie 3; corée, nord, conseil, sécurité, missile 2; the
 * other seven terms 1. idf = ln(5/(df+1)): ln(5/4) = 0.22314, ln(5/3) = 0.51083, ln(5/2) = 0.91629.
 */
@SparkTest
class TermsTest {
  private static final double EPS = 1e-9;
  private static final double IDF1 = Math.log(5.0 / 2); // df 1 of 4
  private static final double IDF2 = Math.log(5.0 / 3); // df 2 of 4
  private static final double IDF3 = Math.log(5.0 / 4); // df 3 of 4

  static final TokenTables.Text D1 = text("d1", "fr",
      "La Corée du Nord tire un missile. La Russie soutient la Corée du Nord.");
  static final TokenTables.Text D2 = text("d2", "fr", "Le Conseil de sécurité condamne la Corée Du Nord.");
  static final TokenTables.Text D3 = text("d3", "fr", "La Russie et la Chine bloquent le Conseil de sécurité.");
  static final TokenTables.Text D4 = text("d4", "fr", "Missile russe. La Russie dément.");

  private static Dataset<Row> documents(SparkSession spark) {
    return TestCorpora.documents(spark, doc("d1", "A", "2024-01-05", D1.text()),
        doc("d2", "A", "2024-01-20", D2.text()), doc("d3", "B", "2024-02-03", D3.text()),
        doc("d4", "B", null, D4.text()));
  }

  /** Params for the tiny corpus: 4 terms per document, phrases seen twice, every over-represented term. */
  static TermsParams tiny() {
    return TermsParams.defaults().withTopTerms(4).withCollocations(2, 100).withKeyness(10, 2, 0.0)
        .withTrendTerms(2).withFrequentShare(0.5).withKeynessMaxDp(1.0);
  }

  /** The five tables of one run, collected once (each collect runs the whole lazy plan again). */
  record Collected(List<Row> terms, List<Row> docTerms, List<Row> collocations, List<Row> keyness,
      List<Row> termTrends, Terms.Result result) {
    static Collected of(Terms.Result r) {
      return new Collected(r.terms().collectAsList(), r.docTerms().collectAsList(), r.collocations().collectAsList(),
          r.keyness().collectAsList(), r.termTrends().collectAsList(), r);
    }
  }

  private static Collected base;

  /** The four-article corpus through the stage with {@link #tiny()}, run once for the class. */
  private static synchronized Collected run(SparkSession spark) {
    if (base == null) {
      base = Collected.of(Terms.apply(TokenTables.tokens(spark, D1, D2, D3, D4), documents(spark), null, tiny()));
    }
    return base;
  }

  /** The one row whose column {@code column} equals {@code value} (and optional further column/value pairs). */
  static Row row(List<Row> rows, Object... columnValues) {
    List<Row> hits = rows.stream().filter(r -> {
      for (int i = 0; i < columnValues.length; i += 2) {
        if (!columnValues[i + 1].equals(r.getAs((String) columnValues[i]))) return false;
      }
      return true;
    }).toList();
    assertEquals(1, hits.size(), "rows with " + List.of(columnValues) + ": " + hits);
    return hits.get(0);
  }

  static List<Row> sorted(List<Row> rows, String... columns) {
    java.util.Comparator<Row> c = (a, b) -> 0;
    for (String col : columns) {
      c = c.thenComparing(r -> (Comparable) r.getAs(col));
    }
    List<Row> out = new ArrayList<>(rows);
    out.sort(c);
    return out;
  }

  @Test
  void termsTableHasHandComputedIdf(SparkSession spark) {
    Collected r = run(spark);
    assertEquals(List.of(TERM, DISPLAY, LANG, TF, DF, IDF, SHARE, DP, FREQUENT),
        List.of(r.result().terms().columns()));
    List<Row> t = r.terms();
    assertEquals(13, t.size());
    Row coree = row(t, TERM, "corée");
    assertEquals("Corée", coree.getAs(DISPLAY));
    assertEquals("fr", coree.getAs(LANG));
    assertEquals(3L, (long) coree.getAs(TF));
    assertEquals(2L, (long) coree.getAs(DF));
    assertEquals(IDF2, coree.getAs(IDF), EPS);
    assertEquals(0.5, coree.getAs(SHARE), EPS);
    Row russie = row(t, TERM, "russie");
    assertEquals(3L, (long) russie.getAs(DF));
    assertEquals(IDF3, russie.getAs(IDF), EPS);
    assertEquals(0.75, russie.getAs(SHARE), EPS);
    // --frequent-share 0.5: russie (3 of 4 articles) is frequent, corée (2 of 4) is not
    assertEquals(true, russie.getAs(FREQUENT));
    assertEquals(false, coree.getAs(FREQUENT));
    Row chine = row(t, TERM, "chine");
    assertEquals(IDF1, chine.getAs(IDF), EPS);
    assertEquals(0.25, chine.getAs(SHARE), EPS);
    // "missile" once and "Missile" once: the tie goes to the smallest surface
    assertEquals("Missile", row(t, TERM, "missile").getAs(DISPLAY));
    // no stop word is a term
    assertTrue(t.stream().noneMatch(x -> TokenTables.STOP.contains((String) x.getAs(TERM))));
  }

  @Test
  void docTermsRankByTfIdfWithTermTieBreak(SparkSession spark) {
    Collected r = run(spark);
    assertEquals(List.of(DOC_ID, LANG, TERM, DISPLAY, TF, IDF, WEIGHT, RANK), List.of(r.result().docTerms().columns()));
    // d1: corée, nord 2·0.51083 = 1.02165 (tie → corée first); soutient, tire 0.91629; then missile, russie cut
    assertEquals(List.of("1 corée Corée 2 1.021651", "2 nord Nord 2 1.021651", "3 soutient soutient 1 0.916291",
        "4 tire tire 1 0.916291"), ranks(r.docTerms(), "d1"));
    // d4: dément, russe 0.91629; missile 0.51083; russie 0.22314
    assertEquals(List.of("1 dément dément 1 0.916291", "2 russe russe 1 0.916291",
        "3 missile Missile 1 0.510826", "4 russie Russie 1 0.223144"), ranks(r.docTerms(), "d4"));
    assertEquals(2 * IDF2, row(r.docTerms(), DOC_ID, "d1", TERM, "corée").getAs(WEIGHT), EPS);
    assertEquals(16, r.docTerms().size()); // 4 documents × 4 terms
  }

  static List<String> ranks(List<Row> docTerms, String docId) {
    return sorted(docTerms, RANK).stream().filter(r -> docId.equals(r.getAs(DOC_ID)))
        .map(r -> r.getAs(RANK) + " " + r.getAs(TERM) + " " + r.getAs(DISPLAY) + " " + r.getAs(TF) + " "
            + String.format(java.util.Locale.ROOT, "%.6f", (double) r.getAs(WEIGHT)))
        .collect(Collectors.toList());
  }

  @Test
  void collocationsWithStopWordsInsideAndHandComputedScores(SparkSession spark) {
    List<Row> rows = sorted(run(spark).collocations(), RANK);
    assertEquals(2, rows.size(), rows.toString());
    Row korea = rows.get(0);
    // "Corée du Nord" twice, "Corée Du Nord" once: the most frequent surface wins
    assertEquals("Corée du Nord", korea.getAs(PHRASE));
    assertEquals(List.of("corée", "du", "nord"), korea.getList(korea.fieldIndex(PHRASE_TERMS)));
    assertEquals(3, (int) korea.getAs(WORDS));
    assertEquals(3L, (long) korea.getAs(COUNT));
    assertEquals(3L, (long) korea.getAs(FIRST_COUNT));
    assertEquals(3L, (long) korea.getAs(LAST_COUNT));
    assertEquals(38L, (long) korea.getAs(CORPUS_TOKENS));
    assertEquals(3.6629650127224296, korea.getAs(PMI), EPS); // log2(3·38 / (3·3))
    assertEquals(1.0, korea.getAs(NPMI), EPS); // the words never occur apart
    assertEquals(20.990510102937698, korea.getAs(G2), EPS); // G² of [[3, 0], [0, 35]]
    assertEquals(1, (int) korea.getAs(RANK));
    Row council = rows.get(1);
    assertEquals("Conseil de sécurité", council.getAs(PHRASE));
    assertEquals(2L, (long) council.getAs(COUNT));
    assertEquals(4.247927513443585, council.getAs(PMI), EPS); // log2(2·38 / (2·2)) = log2 19
    assertEquals(15.670595848125602, council.getAs(G2), EPS); // G² of [[2, 0], [0, 36]]
    assertEquals(2, (int) council.getAs(RANK));
  }

  static List<String> keyRows(List<Row> keyness) {
    return sorted(keyness, DIMENSION, SUBSET, RANK).stream()
        .map(r -> String.join(" ", r.getAs(DIMENSION), r.getAs(SUBSET), r.getAs(TERM), r.getAs(DISPLAY),
            "" + r.getAs(COUNT_TARGET), "" + r.getAs(COUNT_REFERENCE), "" + r.getAs(TOKENS_TARGET),
            "" + r.getAs(TOKENS_REFERENCE), "" + r.getAs(RANK)))
        .toList();
  }

  @Test
  void keynessBySourceAndMonth(SparkSession spark) {
    List<Row> k = run(spark).keyness();
    // d4 has no date: the period reference is d3 alone (5 content tokens)
    assertEquals(List.of(
        "period 2024-01 corée Corée 3 0 13 5 1",
        "period 2024-01 nord Nord 3 0 13 5 2",
        "source A corée Corée 3 0 13 9 1",
        "source A nord Nord 3 0 13 9 2",
        "source B russie Russie 2 1 9 13 1"), keyRows(k));
    Row a = row(k, DIMENSION, "source", SUBSET, "A", TERM, "corée");
    assertEquals(3.480205305322121, a.getAs(G2), EPS); // G² of [[3, 0], [10, 9]]
    assertEquals(2.0544477840223765, a.getAs(LOG_RATIO), EPS); // log2((3/13) / (0.5/9))
    Row b = row(k, DIMENSION, "source", SUBSET, "B");
    assertEquals(0.9398777253067758, b.getAs(G2), EPS); // G² of [[2, 1], [7, 12]]
    assertEquals(1.5305147166987798, b.getAs(LOG_RATIO), EPS); // log2((2/9) / (1/13))
    Row m = row(k, DIMENSION, "period", TERM, "corée");
    assertEquals(2.1748958170765844, m.getAs(G2), EPS); // G² of [[3, 0], [10, 5]]
    assertEquals(1.2064508774674263, m.getAs(LOG_RATIO), EPS); // log2((3/13) / (0.5/5))
  }

  /**
   * DP by hand. Content tokens: d1 8, d2 5, d3 5, d4 4 (N = 22). corée f = (2, 1, 0, 0), F = 3: Σ max(0, f·N − n·F)
   * = (44 − 24) + (22 − 15) = 27 over F·N = 66: 9/22. russie f = (1, 0, 1, 1): (22 − 15) + (22 − 12) = 17, 17/66
   * (d1 holds less than its share). chine, only in d3: 1 − 5/22 = 17/22.
   */
  @Test
  void termsCarryGriesDpOverTheCountedArticles(SparkSession spark) {
    List<Row> t = run(spark).terms();
    assertEquals(9.0 / 22, row(t, TERM, "corée").getAs(DP), EPS);
    assertEquals(17.0 / 66, row(t, TERM, "russie").getAs(DP), EPS);
    assertEquals(17.0 / 22, row(t, TERM, "chine").getAs(DP), EPS);
  }

  /**
   * Keyness DP over the subset's articles. Source A = d1 (8 content tokens), d2 (5): corée f = (2, 1), F = 3, N = 13:
   * (26 − 24) + max(0, 13 − 15) = 2 over 39 = 0.0513 (nord the same, period 2024-01 the same documents). Source B =
   * d3 (5), d4 (4): russie f = (1, 1), F = 2, N = 9: max(0, 9 − 10) + (9 − 8) = 1 over 18 = 0.0556.
   */
  @Test
  void keyTermsMustBeSpreadOverTheirSubset(SparkSession spark) {
    List<Row> k = run(spark).keyness();
    assertEquals(2.0 / 39, row(k, DIMENSION, "source", SUBSET, "A", TERM, "corée").getAs(DP), EPS);
    assertEquals(2.0 / 39, row(k, DIMENSION, "period", TERM, "nord").getAs(DP), EPS);
    assertEquals(1.0 / 18, row(k, DIMENSION, "source", SUBSET, "B", TERM, "russie").getAs(DP), EPS);
    // --keyness-max-dp 0.053 keeps A's terms (0.0513) and drops B's russie (0.0556); the ranks stay dense
    List<Row> spread = Terms.apply(TokenTables.tokens(spark, D1, D2, D3, D4), documents(spark), null,
        tiny().withKeynessMaxDp(0.053)).keyness().collectAsList();
    assertEquals(List.of(
        "period 2024-01 corée Corée 3 0 13 5 1",
        "period 2024-01 nord Nord 3 0 13 5 2",
        "source A corée Corée 3 0 13 9 1",
        "source A nord Nord 3 0 13 9 2"), keyRows(spread));
  }

  @Test
  void keynessThresholdsAndBound(SparkSession spark) {
    // G² >= 3: only source A's two terms (3.48) are left; top 1: corée wins the tie on term
    List<Row> strict = Terms.apply(TokenTables.tokens(spark, D1, D2, D3, D4), documents(spark), null,
        tiny().withKeyness(1, 2, 3.0)).keyness().collectAsList();
    assertEquals(List.of("source A corée Corée 3 0 13 9 1"), keyRows(strict));
  }

  @Test
  void trendsCoverEveryPeriodOfTheTopTerms(SparkSession spark) {
    List<Row> tr = run(spark).termTrends();
    List<String> got = sorted(tr, TERM, PERIOD).stream()
        .map(r -> String.join(" ", r.getAs(TERM), r.getAs(DISPLAY), r.getAs(PERIOD), "" + r.getAs(PERIOD_START),
            "" + r.getAs(COUNT), "" + r.getAs(DOC_COUNT), "" + r.getAs(PERIOD_TOKENS), "" + r.getAs(PERIOD_DOCS)))
        .toList();
    assertEquals(List.of(
        "corée Corée 2024-01 2024-01-01 3 2 13 2",
        "corée Corée 2024-02 2024-02-01 0 0 5 1",
        "nord Nord 2024-01 2024-01-01 3 2 13 2",
        "nord Nord 2024-02 2024-02-01 0 0 5 1"), got);
    assertEquals(3.0 / 13, row(tr, TERM, "corée", PERIOD, "2024-01").getAs(REL_FREQ), EPS);
    assertEquals(0.0, row(tr, TERM, "corée", PERIOD, "2024-02").getAs(REL_FREQ), EPS);
  }

  @Test
  void statsSayWhatWasCounted(SparkSession spark) {
    TermsStats s = run(spark).result().stats();
    assertEquals(new TermsStats(CountMode.CLUSTER, CountMode.RAW, PeriodUnit.MONTH, 4, 4, 1, 0), s);
    assertEquals("raw", s.toMap().get("count_mode"));
    assertEquals(1L, s.toMap().get("undated_documents"));
  }

  private static Dataset<Row> clusters(SparkSession spark) {
    StructType schema = new StructType().add(DOC_ID, DataTypes.StringType).add(CLUSTER_ID, DataTypes.StringType)
        .add(CLUSTER_SIZE, DataTypes.IntegerType).add(REPRESENTATIVE, DataTypes.StringType)
        .add(IS_REPRESENTATIVE, DataTypes.BooleanType);
    List<Row> rows = new ArrayList<>();
    for (String d : List.of("d1", "d3", "d4")) rows.add(RowFactory.create(d, "c" + d, 1, d, true));
    rows.add(RowFactory.create("d2", "c2", 2, "d2", true));
    rows.add(RowFactory.create("d5", "c2", 2, "d2", false));
    return spark.createDataFrame(rows, schema);
  }

  @Test
  void aReprintCountsOnceByClusterAndTwiceRaw(SparkSession spark) {
    // d5 reprints d2 in another source
    TokenTables.Text d5 = text("d5", "fr", D2.text());
    Dataset<Row> tokens = TokenTables.tokens(spark, D1, D2, D3, D4, d5);
    Dataset<Row> docs = documents(spark).unionByName(TestCorpora.documents(spark,
        doc("d5", "C", "2024-01-21", D2.text())));
    List<String> korea = List.of("corée", "du", "nord");

    // against the contract, d2 also appears as a non-representative of a second cluster: it must not be doubled
    Dataset<Row> clusters = clusters(spark).union(spark.createDataFrame(
        List.of(RowFactory.create("d2", "c9", 2, "d9", false)), clusters(spark).schema()));
    Terms.Result clusterRun = Terms.apply(tokens, docs, clusters, tiny());
    Collected byCluster = Collected.of(clusterRun);
    Row coree = row(byCluster.terms(), TERM, "corée");
    assertEquals(2L, (long) coree.getAs(DF));
    assertEquals(3L, (long) coree.getAs(TF));
    assertEquals(IDF2, coree.getAs(IDF), EPS);
    Row phrase = row(byCluster.collocations(), PHRASE, "Corée du Nord");
    assertEquals(3L, (long) phrase.getAs(COUNT));
    // the reprint still gets its own top terms: condamne 0.91629, then conseil, corée, nord at 0.51083
    List<String> d2 = List.of("1 condamne condamne 1 0.916291", "2 conseil Conseil 1 0.510826",
        "3 corée Corée 1 0.510826", "4 nord Nord 1 0.510826");
    assertEquals(d2, ranks(byCluster.docTerms(), "d2"));
    assertEquals(d2, ranks(byCluster.docTerms(), "d5"));
    // source C holds only the uncounted reprint: the keyness table is the one without d5
    assertEquals(keyRows(run(spark).keyness()), keyRows(byCluster.keyness()));
    assertEquals(new TermsStats(CountMode.CLUSTER, CountMode.CLUSTER, PeriodUnit.MONTH, 5, 4, 1, 0),
        clusterRun.stats());
    clusterRun.release();

    Terms.Result rawRun = Terms.apply(tokens, docs, clusters(spark), tiny().withCountMode(CountMode.RAW));
    Collected raw = Collected.of(rawRun);
    Row rawCoree = row(raw.terms(), TERM, "corée");
    assertEquals(3L, (long) rawCoree.getAs(DF));
    assertEquals(4L, (long) rawCoree.getAs(TF));
    assertEquals(Math.log(6.0 / 4), rawCoree.getAs(IDF), EPS); // ln((5 + 1) / (3 + 1))
    // "Corée du Nord" twice and "Corée Du Nord" twice now: the tie goes to the smallest surface
    Row rawPhrase = raw.collocations().stream()
        .filter(r -> korea.equals(r.getList(r.fieldIndex(PHRASE_TERMS)))).findFirst().orElseThrow();
    assertEquals(4L, (long) rawPhrase.getAs(COUNT));
    assertEquals("Corée Du Nord", rawPhrase.getAs(PHRASE));
    assertEquals(new TermsStats(CountMode.RAW, CountMode.RAW, PeriodUnit.MONTH, 5, 5, 1, 0), rawRun.stats());
    rawRun.release();
  }

  @Test
  void edgeDocuments(SparkSession spark) {
    // e1: empty body; e2: one token in an undetermined language, no source; e3: tokens but no documents row
    Dataset<Row> tokens = TokenTables.tokens(spark, D1, D2, D3, D4, text("e1", "fr", ""),
        text("e2", "und", "Bonjour"), text("e3", "fr", "Fantôme fantôme"));
    Dataset<Row> docs = documents(spark).unionByName(TestCorpora.documents(spark,
        doc("e1", "A", "2024-03-01", ""), doc("e2", null, "2024-01-02", "Bonjour")));
    Terms.Result result = Terms.apply(tokens, docs, null, tiny());
    Collected r = Collected.of(result);
    // the empty French document counts in N = 5: idf(corée) = ln(6/3)
    assertEquals(Math.log(2), row(r.terms(), TERM, "corée").getAs(IDF), EPS);
    // "und" is its own language: N = 1, df = 1, idf = ln(2/2) = 0
    Row hello = row(r.terms(), TERM, "bonjour");
    assertEquals("und", hello.getAs(LANG));
    assertEquals(0.0, hello.getAs(IDF), EPS);
    assertEquals(1.0, hello.getAs(SHARE), EPS);
    assertEquals(List.of("1 bonjour Bonjour 1 0.000000"), ranks(r.docTerms(), "e2"));
    assertEquals(List.of(), ranks(r.docTerms(), "e1"));
    assertEquals(List.of(), ranks(r.docTerms(), "e3"));
    assertTrue(r.terms().stream().noneMatch(x -> "fantôme".equals(x.getAs(TERM))));
    // e1's month has no content token: its trend rows hold zeros, not NaN
    Row march = row(r.termTrends(), TERM, "corée", PERIOD, "2024-03");
    assertEquals(0L, (long) march.getAs(PERIOD_TOKENS));
    assertEquals(1L, (long) march.getAs(PERIOD_DOCS));
    assertEquals(0.0, march.getAs(REL_FREQ), EPS);
    assertEquals(new TermsStats(CountMode.CLUSTER, CountMode.RAW, PeriodUnit.MONTH, 6, 6, 1, 1), result.stats());
    result.release();
  }

  @Test
  void inputSchemasAreCheckedFirst(SparkSession spark) {
    Dataset<Row> tokens = TokenTables.tokens(spark, D1);
    Dataset<Row> docs = documents(spark);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Terms.apply(tokens.drop(LANG), docs, null, tiny()));
    assertTrue(e.getMessage().startsWith("tokens: missing column(s) lang"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Terms.apply(tokens, docs.drop(PUBLISHED_AT).drop(SOURCE), null, tiny()));
    assertTrue(e.getMessage().startsWith("documents: missing column(s) published_at, source"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Terms.apply(tokens, docs, docs.select(DOC_ID), tiny()));
    assertTrue(e.getMessage().startsWith("clusters: missing column(s) is_representative"), e.getMessage());
  }
}
