package io.newslens.terms;

import static io.newslens.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newslens.analyze.Tokens;
import io.newslens.testing.SparkTest;
import io.newslens.testing.TestCorpora;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The five seed articles through the real ingest and {@link TokenTables}' simple tokenizer. Expected values were
 * counted independently (a separate script over seeds/*.txt with the same tokenizer rules): 5 documents,
 * 3,370 tokens, 1,946 content tokens, 1,003 content terms; "Corée du Nord" 38 times, corée 41, nord 40.
 */
@SparkTest
class TermsSeedsTest {
  private static final double EPS = 1e-6;

  @Test
  void seedsExpectedRows(SparkSession spark) {
    Dataset<Row> docs = TestCorpora.seedDocuments(spark);
    List<Row> tokenRows = new ArrayList<>();
    for (Row d : docs.select(DOC_ID, TEXT).collectAsList()) {
      tokenRows.add(RowFactory.create(d.getString(0), "fr", TokenTables.tokenize(d.getString(1))));
    }
    Dataset<Row> tokens = spark.createDataFrame(tokenRows, Tokens.SCHEMA);
    TermsParams p = TermsParams.defaults().withTopTerms(5).withCollocations(4, 5);
    Terms.Result r = Terms.apply(tokens, docs, null, p);

    List<Row> terms = r.terms().collectAsList();
    assertEquals(1003, terms.size());
    assertEquals(1946L, terms.stream().mapToLong(t -> t.getAs(TF)).sum());
    assertEquals("Poutine 42 5 0.000000", term(terms, "poutine"));
    assertEquals("Pyongyang 10 4 0.182322", term(terms, "pyongyang")); // ln(6/5)
    assertEquals("Vostochny 2 1 1.098612", term(terms, "vostochny")); // ln(6/2)

    List<String> phrases = TermsTest.sorted(r.collocations().collectAsList(), RANK).stream()
        .map(c -> c.getAs(RANK) + " " + c.getAs(PHRASE) + " " + c.getAs(COUNT) + " " + c.getAs(FIRST_COUNT) + " "
            + c.getAs(LAST_COUNT) + " " + c.getAs(CORPUS_TOKENS) + " "
            + String.format(java.util.Locale.ROOT, "%.4f %.4f %.4f", (double) c.getAs(PMI), (double) c.getAs(NPMI),
                (double) c.getAs(G2)))
        .toList();
    assertEquals(List.of(
        "1 Corée du Nord 38 41 40 3370 6.2870 0.9716 379.0938",
        "2 deux pays 13 25 27 3370 6.0202 0.7508 98.5407",
        "3 Vladimir Poutine 10 10 42 3370 6.3262 0.7534 90.2665",
        "4 dirigeant nord-coréen 7 9 11 3370 7.8965 0.8861 76.5095",
        "5 président russe 7 12 13 3370 7.2405 0.8125 66.2325"), phrases);

    List<Row> docTerms = r.docTerms().collectAsList();
    assertEquals(25, docTerms.size()); // 5 per article
    assertEquals(new TermsStats(CountMode.CLUSTER, CountMode.RAW, PeriodUnit.MONTH, 5, 5, 4, 0), r.stats());
    r.release();
  }

  private static String term(List<Row> terms, String term) {
    Row t = TermsTest.row(terms, TERM, term);
    return t.getAs(DISPLAY) + " " + t.getAs(TF) + " " + t.getAs(DF) + " "
        + String.format(java.util.Locale.ROOT, "%.6f", (double) t.getAs(IDF));
  }
}
