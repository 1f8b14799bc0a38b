package io.newslens.terms;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The documents' sizes per (language, source, period, counted or not), brought to the driver in one Spark job;
 * every per-language, per-source and per-period total the terms tables join (documents, tokens, content tokens of
 * the counted documents) and the stage's document counts for the manifest are summed from these rows on the driver,
 * and the totals are handed to Spark as local relations, so joining or broadcasting them runs no job. Seven small
 * queries over the documents' flags did this before, each one or two Spark jobs (a round of task scheduling on every
 * executor of a cluster, and a query to plan on a laptop). The rows are as many as the corpus's (language, source,
 * period) combinations, never one per document.
 */
final class CountedTotals {
  /**
   * One (language, source, period, counted) cell: a null source or period is a cell of its own, as in a SQL group
   * by; counted is null for tokens without a documents row (they count nowhere).
   */
  private record Cell(String lang, String source, String period, java.sql.Date periodStart, Boolean counted) {}

  /** Documents, tokens and content tokens of a cell or of a sum of cells; a null sum stays null, as SQL's sum. */
  private static final class Sizes {
    long docs;
    Long tokens;
    Long content;

    void add(long d, Long t, Long c) {
      docs += d;
      if (t != null) tokens = tokens == null ? t : tokens + t;
      if (c != null) content = content == null ? c : content + c;
    }
  }

  private final SparkSession spark;
  private final Map<Cell, Sizes> cells = new LinkedHashMap<>();

  private CountedTotals(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * @param flags the documents' flags: lang, source, period, period_start (a date), counted, and the columns
   *              {@code tokensCol} and {@code contentCol} (a document's tokens and content tokens)
   */
  static CountedTotals of(Dataset<Row> flags, String tokensCol, String contentCol) {
    CountedTotals t = new CountedTotals(flags.sparkSession());
    List<Row> rows = flags.groupBy(col(LANG), col(SOURCE), col(PERIOD), col(PERIOD_START), col(Terms.COUNTED))
        .agg(count(lit(1)), sum(tokensCol), sum(contentCol)).collectAsList();
    for (Row r : rows) {
      Cell c = new Cell(r.getString(0), r.getString(1), r.getString(2), r.isNullAt(3) ? null : r.getDate(3),
          r.isNullAt(4) ? null : r.getBoolean(4));
      t.cells.computeIfAbsent(c, k -> new Sizes())
          .add(r.getLong(5), r.isNullAt(6) ? null : r.getLong(6), r.isNullAt(7) ? null : r.getLong(7));
    }
    return t;
  }

  /** Documents with tokens; counted ones; counted ones without a period; counted ones without a source. */
  long[] documentCounts() {
    long[] n = new long[4];
    cells.forEach((c, s) -> {
      n[0] += s.docs;
      if (!Boolean.TRUE.equals(c.counted())) return;
      n[1] += s.docs;
      if (c.period() == null) n[2] += s.docs;
      if (c.source() == null) n[3] += s.docs;
    });
    return n;
  }

  /** lang, {@code docsCol} (counted documents), {@code tokensCol}, {@code contentCol}: one row per language. */
  Dataset<Row> perLanguage(String docsCol, String tokensCol, String contentCol) {
    Map<List<Object>, Sizes> by = summed(c -> key(c.lang()));
    List<Row> rows = new ArrayList<>();
    by.forEach((k, s) -> rows.add(RowFactory.create(k.get(0), s.docs, s.tokens, s.content)));
    return local(rows, new StructType().add(LANG, DataTypes.StringType).add(docsCol, DataTypes.LongType, false)
        .add(tokensCol, DataTypes.LongType).add(contentCol, DataTypes.LongType));
  }

  /**
   * lang, subset, {@code contentCol}: the content tokens of each source ({@code groupCol} = source) or period
   * (period) of a language, over the documents that have one.
   */
  Dataset<Row> perSubset(String groupCol, String contentCol) {
    Map<List<Object>, Sizes> by = summed(c -> subset(c, groupCol) == null ? null : key(c.lang(), subset(c, groupCol)));
    List<Row> rows = new ArrayList<>();
    by.forEach((k, s) -> rows.add(RowFactory.create(k.get(0), k.get(1), s.content)));
    return local(rows, new StructType().add(LANG, DataTypes.StringType).add(SUBSET, DataTypes.StringType)
        .add(contentCol, DataTypes.LongType));
  }

  /**
   * lang, {@code contentCol}: a language's content tokens over its documents with a source or a period
   * ({@code groupCol}).
   */
  Dataset<Row> perLanguageWith(String groupCol, String contentCol) {
    Map<List<Object>, Sizes> by = summed(c -> subset(c, groupCol) == null ? null : key(c.lang()));
    List<Row> rows = new ArrayList<>();
    by.forEach((k, s) -> rows.add(RowFactory.create(k.get(0), s.content)));
    return local(rows, new StructType().add(LANG, DataTypes.StringType).add(contentCol, DataTypes.LongType));
  }

  /** lang, period, period_start, {@code contentCol}, {@code docsCol}: the dated documents of each period. */
  Dataset<Row> perPeriod(String contentCol, String docsCol) {
    Map<List<Object>, Sizes> by = summed(c -> c.period() == null ? null : key(c.lang(), c.period(), c.periodStart()));
    List<Row> rows = new ArrayList<>();
    by.forEach((k, s) -> rows.add(RowFactory.create(k.get(0), k.get(1), k.get(2), s.content, s.docs)));
    return local(rows, new StructType().add(LANG, DataTypes.StringType).add(PERIOD, DataTypes.StringType)
        .add(PERIOD_START, DataTypes.DateType).add(contentCol, DataTypes.LongType)
        .add(docsCol, DataTypes.LongType, false));
  }

  private static String subset(Cell c, String groupCol) {
    return switch (groupCol) {
      case SOURCE -> c.source();
      case PERIOD -> c.period();
      default -> throw new IllegalArgumentException("no totals per " + groupCol);
    };
  }

  /** A grouping key that may hold nulls (List.of may not). */
  private static List<Object> key(Object... parts) {
    return java.util.Arrays.asList(parts);
  }

  /** The counted documents' cells summed per key; a cell whose key is null is left out. */
  private Map<List<Object>, Sizes> summed(Function<Cell, List<Object>> keyOf) {
    Map<List<Object>, Sizes> by = new LinkedHashMap<>();
    cells.forEach((c, s) -> {
      if (!Boolean.TRUE.equals(c.counted())) return;
      List<Object> k = keyOf.apply(c);
      if (k != null) by.computeIfAbsent(k, x -> new Sizes()).add(s.docs, s.tokens, s.content);
    });
    return by;
  }

  private Dataset<Row> local(List<Row> rows, StructType schema) {
    return spark.createDataFrame(rows, schema);
  }
}
