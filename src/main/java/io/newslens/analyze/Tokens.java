package io.newslens.analyze;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The contract between the analyze stage and every stage after it: the {@code tokens} table, one row per document.
 *
 * <pre>
 * doc_id  string
 * lang    string                       ISO 639-1 code of the analyzer used, or "und"
 * tokens  array&lt;struct&lt;
 *           term      string   analyzed form (stem) used for statistics; for stop words the folded lower-case word
 *           surface   string   the word as written in text (after elision removal: "Ukraine" for "l’Ukraine")
 *           sentence  int      sentence index in the document (0-based)
 *           paragraph int      paragraph index in the document (0-based)
 *           start     int      character offset of the surface in documents.text (inclusive)
 *           end       int      character offset (exclusive)
 *           stop      boolean  a stop word (kept so phrases like "Corée du Nord" can hold it inside)
 *         &gt;&gt;                     in text order
 * </pre>
 */
public final class Tokens {
  private Tokens() {}

  public static final StructType TOKEN = new StructType()
      .add(TERM, DataTypes.StringType, false)
      .add(SURFACE, DataTypes.StringType, false)
      .add(SENTENCE, DataTypes.IntegerType, false)
      .add(PARAGRAPH, DataTypes.IntegerType, false)
      .add(START, DataTypes.IntegerType, false)
      .add(END, DataTypes.IntegerType, false)
      .add(STOP, DataTypes.BooleanType, false);

  public static final StructType SCHEMA = new StructType()
      .add(DOC_ID, DataTypes.StringType, false)
      .add(LANG, DataTypes.StringType, false)
      .add(TOKENS, new ArrayType(TOKEN, false), false);

  /**
   * The display form of every (lang, term): its most frequent surface form in the corpus, ties broken by the
   * lexicographically smallest surface. Columns: lang, term, display, count (occurrences of the term).
   */
  public static Dataset<Row> displayForms(Dataset<Row> tokens) {
    return mostFrequentSurface(tokens
        .select(col(LANG), explode(col(TOKENS)).as("t"))
        .select(col(LANG), col("t." + TERM).as(TERM), col("t." + SURFACE).as(SURFACE))
        .groupBy(LANG, TERM, SURFACE).count());
  }

  private static Dataset<Row> mostFrequentSurface(Dataset<Row> surfaces) {
    return surfaces
        .withColumn("rank", row_number().over(Window.partitionBy(LANG, TERM)
            .orderBy(col("count").desc(), col(SURFACE).asc())))
        .withColumn("total", sum("count").over(Window.partitionBy(LANG, TERM)))
        .filter(col("rank").equalTo(1))
        .select(col(LANG), col(TERM), col(SURFACE).as(DISPLAY), col("total").as("count"));
  }
}
