package io.newslens.incremental;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.newslens.clean.Clean;
import io.newslens.clean.RepeatedLines;
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
 * The clean stage of an update: the new documents cleaned, and the old ones whose cleaning they change cleaned again,
 * each exactly as a full run on all of them cleans it ({@link Clean#addTo}). The line occurrences of every document
 * are counted again (one shuffle of line hashes, no cleaning), over the old documents and over all; only the old
 * documents holding a line whose repeated-line verdict flips, in their source or their time window, are cleaned
 * again. Those whose cleaning changed (text, boilerplate, language) are dirty: they are rewritten and go through the
 * later stages again with the new ones. The counts are not kept as state: the windowed ones would have to be kept per
 * (source, window, line), and counting is the cheap part of cleaning.
 */
final class CleanDelta {
  private CleanDelta() {}

  /**
   * @param cleaned the new and dirty documents, cleaned (documents columns in the base's order, version last)
   * @param dirty ids of old documents whose cleaning changed
   * @param stats lines whose verdict flipped in a source and in a window (distinct (scope, line)), old documents
   *     cleaned again, dirty documents
   */
  record Result(Dataset<Row> cleaned, Set<String> dirty, Map<String, Object> stats) {}

  /** @param fresh the new documents as ingested (text as read) */
  static Result apply(Workspace w, Dataset<Row> fresh) {
    Dataset<Row> documents = w.base(Tables.DOCUMENTS);
    Column[] order = java.util.Arrays.stream(documents.columns()).map(functions::col).toArray(Column[]::new);
    Clean.Addition a = Clean.addTo(documents.drop(VERSION), fresh, w.cfg.clean());
    Dataset<Row> cleaned = w.save("cleaned", a.documents().withColumn(VERSION, lit(w.version)).select(order));
    Column inSource = col(Clean.TIMELINE).equalTo(lit(RepeatedLines.NONE));
    Row flipped = a.flips().agg(
        countDistinct(when(inSource, struct(col(Clean.SOURCE_KEY), col(Clean.LINE_KEY)))),
        countDistinct(when(not(inSource), struct(col(Clean.SOURCE_KEY), col(Clean.TIMELINE), col(Clean.WINDOW_BUCKET),
            col(Clean.LINE_KEY)))),
        countDistinct(col(Clean.DOC_KEY))).first();
    a.release();
    Set<String> dirty = new TreeSet<>();
    for (Row x : cleaned.select(DOC_ID).join(fresh.select(DOC_ID), new String[] {DOC_ID}, "left_anti")
        .collectAsList()) {
      dirty.add(x.getString(0));
    }
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("lines_flipped_in_source", flipped.getLong(0));
    stats.put("lines_flipped_in_window", flipped.getLong(1));
    stats.put("rechecked_documents", flipped.getLong(2));
    stats.put("dirty_documents", dirty.size());
    return new Result(cleaned, dirty, stats);
  }
}
