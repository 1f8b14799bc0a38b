package io.newslens.spark;

import static io.newslens.Columns.DOC_A;
import static io.newslens.Columns.DOC_B;
import static io.newslens.Columns.DOC_ID;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Helpers for tables of document pairs (doc_a, doc_b, or keys): duplicate candidates and pairs, reuse pairs. */
public final class Pairs {
  private Pairs() {}

  /**
   * The documents that are in at least one pair: one doc_id column, each id once. Semi-joining a wide table with it
   * brings only the documents a pair needs to the pairs' joins.
   */
  public static Dataset<Row> members(Dataset<Row> pairs) {
    return members(pairs, DOC_A, DOC_B, DOC_ID);
  }

  /** {@link #members(Dataset)} for pairs whose sides are other columns: one column {@code as}, each value once. */
  public static Dataset<Row> members(Dataset<Row> pairs, String a, String b, String as) {
    return pairs.select(col(a).as(as)).union(pairs.select(col(b).as(as))).distinct();
  }
}
