package io.newslens.incremental;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.newslens.clean.Clean;
import io.newslens.output.Tables;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The clean stage of an update: the clean stage again over every document as read (the output's documents
 * {@link Clean#uncleaned}, and the new ones), so each is cleaned with the lines repeated in its source and time
 * window after the update, exactly as a full run on all of them cleans it. The old documents whose cleaning changed
 * (text, boilerplate, language) are dirty: they are rewritten and go through the later stages again with the new
 * ones. Cleaning is a small share of a run (its repeated-line counts are one shuffle of line hashes), so it is
 * redone whole rather than kept as state: the windowed counts would have to be kept per (source, window, line).
 */
final class CleanDelta {
  private CleanDelta() {}

  /**
   * @param cleaned the new and dirty documents, cleaned (documents columns in the base's order, version last)
   * @param dirty ids of old documents whose cleaning changed
   */
  record Result(Dataset<Row> cleaned, Set<String> dirty, Map<String, Object> stats) {}

  /** @param fresh the new documents as ingested (text as read) */
  static Result apply(Workspace w, Dataset<Row> fresh) {
    Dataset<Row> documents = w.base(Tables.DOCUMENTS);
    Column[] order = java.util.Arrays.stream(documents.columns()).map(functions::col).toArray(Column[]::new);
    Dataset<Row> asRead = Clean.uncleaned(documents).drop(VERSION).unionByName(fresh);
    Clean.Result r = Clean.apply(asRead, w.cfg.clean());
    Dataset<Row> all = w.save("cleaned_all", r.documents());
    r.release();
    Column same = col(TEXT).eqNullSafe(col("_text")).and(col(BOILERPLATE).eqNullSafe(col("_boilerplate")))
        .and(col(LANG).eqNullSafe(col("_lang"))).and(col(LANG_CONFIDENCE).eqNullSafe(col("_conf")))
        .and(col(CHAR_COUNT).eqNullSafe(col("_chars")));
    Set<String> dirty = new TreeSet<>();
    for (Row x : all.join(documents.select(col(DOC_ID), col(TEXT).as("_text"), col(BOILERPLATE).as("_boilerplate"),
            col(LANG).as("_lang"), col(LANG_CONFIDENCE).as("_conf"), col(CHAR_COUNT).as("_chars")), DOC_ID)
        .filter(not(same)).select(DOC_ID).collectAsList()) {
      dirty.add(x.getString(0));
    }
    Dataset<Row> wanted = fresh.select(DOC_ID).unionByName(w.ids(dirty));
    Dataset<Row> cleaned = w.save("cleaned", all.join(wanted, new String[] {DOC_ID}, "left_semi")
        .withColumn(VERSION, lit(w.version)).select(order));
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("dirty_documents", dirty.size());
    return new Result(cleaned, dirty, stats);
  }
}
