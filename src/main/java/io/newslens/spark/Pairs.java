package io.newslens.spark;

import static io.newslens.Columns.DOC_A;
import static io.newslens.Columns.DOC_B;
import static io.newslens.Columns.DOC_ID;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Helpers for tables of document pairs (doc_a, doc_b): duplicate candidates and pairs, reuse pairs. */
public final class Pairs {
  private Pairs() {}

  /**
   * The documents that are in at least one pair: one doc_id column, each id once. Semi-joining a wide table with it
   * brings only the documents a pair needs to the pairs' joins.
   */
  public static Dataset<Row> members(Dataset<Row> pairs) {
    return pairs.select(col(DOC_A).as(DOC_ID)).union(pairs.select(col(DOC_B).as(DOC_ID))).distinct();
  }
}
