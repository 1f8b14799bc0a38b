package io.newslens.analyze;

import io.newslens.spark.Schemas;
import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;

/**
 * Analyze stage: the cleaned documents (doc_id, lang, text) become the {@code tokens} table, exactly
 * {@link Tokens#SCHEMA}: one row per document, its tokens in text order with term, surface, sentence, paragraph,
 * offsets into documents.text and the stop flag. Each partition runs {@link TextAnalyzer#analyze}; the Lucene
 * analyzers live in a static per-JVM cache ({@link LanguageAnalyzers}), so nothing Lucene is in the closure.
 * Every input row gives one output row (an empty text gives an empty token array). Display forms for people come
 * from {@link Tokens#displayForms} over this table.
 */
public final class Analyze {
  private Analyze() {}

  /** The stage's table. */
  public record Result(Dataset<Row> tokens) {}

  public static final List<String> REQUIRED = List.of(DOC_ID, LANG, TEXT);

  public static Result apply(Dataset<Row> documents, AnalyzeParams p) {
    List<String> missing = Schemas.missing(documents, REQUIRED);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("analyze: the documents table lacks column(s) " + missing
          + " (run the clean stage first); it has " + Arrays.toString(documents.columns()));
    }
    if (!documents.schema().apply(TEXT).dataType().equals(DataTypes.StringType)) {
      throw new IllegalArgumentException("analyze: column text must be a string");
    }
    boolean stem = p.stemming();
    int max = p.maxTokensPerDocument();
    StopWords added = p.stopWords();
    Dataset<Row> tokens = documents.select(col(DOC_ID), col(LANG), col(TEXT))
        .map((MapFunction<Row, Row>) r -> toRow(r.getString(0), r.getString(1), r.getString(2), stem, max, added),
            Encoders.row(Tokens.SCHEMA));
    return new Result(tokens);
  }

  static Row toRow(String docId, String lang, String text, boolean stem, int max, StopWords added) {
    // rows straight from the token stream: no Token records, no list copies; the array is wrapped, not copied
    List<Row> tokens = new ArrayList<>();
    String used = TextAnalyzer.analyze(text, lang, stem, max, added,
        (term, surface, sentence, paragraph, start, end, stop) ->
            tokens.add(RowFactory.create(term, surface, sentence, paragraph, start, end, stop)));
    return RowFactory.create(docId, used,
        scala.collection.immutable.ArraySeq.unsafeWrapArray(tokens.toArray(new Row[0])));
  }
}
