package io.newslens.incremental;

import io.newslens.state.StateTables;
import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.newslens.clean.Clean;
import io.newslens.clean.Cleaner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The clean stage of an update: counts the new documents' lines into the state, finds the lines whose boilerplate
 * status flipped ({@link BoilerplateDelta}) and the old documents holding them (dirty: cleaned again), and cleans
 * the new and dirty documents with their sources' repeated lines after the update — so every document is cleaned
 * as a full run on all of them would clean it.
 */
final class CleanDelta {
  private CleanDelta() {}

  /**
   * @param cleaned the new and dirty documents, cleaned (documents columns in the base's order, version last)
   * @param dirty ids of old documents cleaned again
   */
  record Result(Dataset<Row> cleaned, Set<String> dirty, Map<String, Object> stats) {}

  private static final StructType LINES = new StructType().add(SOURCE, DataTypes.StringType, true)
      .add(Clean.LINE_KEY, DataTypes.LongType, false);
  private static final StructType BODIES = new StructType().add(SOURCE, DataTypes.StringType, true)
      .add(Clean.LINE_BODY, DataTypes.LongType, false);
  private static final StructType REPEATED = new StructType().add(SOURCE, DataTypes.StringType, true)
      .add(Clean.REPEATED, DataTypes.createArrayType(DataTypes.LongType, false), false);

  /**
   * @param fresh the new documents as ingested (text as read)
   */
  static Result apply(Workspace w, Dataset<Row> fresh) {
    // the new documents' lines (one small collect: lines per document, not tokens)
    Dataset<Row> newLines = Clean.lines(fresh, w.cfg.clean());
    Map<String, BoilerplateDelta.NewDocument> docs = new LinkedHashMap<>();
    Map<String, List<Long>> keysOf = new HashMap<>();
    Map<String, Object[]> head = new HashMap<>();
    for (Row r : newLines.collectAsList()) {
      String id = r.getString(0);
      keysOf.computeIfAbsent(id, k -> new ArrayList<>()).add(r.getLong(3));
      head.putIfAbsent(id, new Object[] {r.getString(1), r.getLong(2)});
    }
    for (Map.Entry<String, List<Long>> e : keysOf.entrySet()) {
      Object[] h = head.get(e.getKey());
      docs.put(e.getKey(), new BoilerplateDelta.NewDocument(e.getKey(), (String) h[0], (Long) h[1],
          e.getValue().stream().mapToLong(Long::longValue).toArray()));
    }

    Map<BoilerplateDelta.Line, Long> counts = new HashMap<>();
    for (Row r : w.base(StateTables.CLEAN_COUNTS).collectAsList()) {
      counts.put(new BoilerplateDelta.Line(r.getString(0), r.getLong(1)), r.getLong(2));
    }
    // what the counts do not hold: the old occurrences of the new documents' other lines, and of their bodies
    List<Row> touched = new ArrayList<>();
    List<Row> bodies = new ArrayList<>();
    for (BoilerplateDelta.NewDocument d : docs.values()) {
      if (d.source() == null) continue;
      bodies.add(RowFactory.create(d.source(), d.body()));
      for (long k : d.keys()) {
        if (k != Cleaner.DOCUMENT_KEY && !counts.containsKey(new BoilerplateDelta.Line(d.source(), k))) {
          touched.add(RowFactory.create(d.source(), k));
        }
      }
    }
    Dataset<Row> lines = w.base(StateTables.CLEAN_LINES);
    Dataset<Row> old = lines.join(broadcast(w.rows(touched, LINES).distinct()), new String[] {SOURCE, Clean.LINE_KEY},
            "left_semi")
        .union(lines.filter(col(Clean.LINE_KEY).equalTo(lit(Cleaner.DOCUMENT_KEY)))
            .join(broadcast(w.rows(bodies, BODIES).distinct()), new String[] {SOURCE, Clean.LINE_BODY}, "left_semi"))
        .select(SOURCE, Clean.LINE_KEY, Clean.LINE_BODY);
    List<BoilerplateDelta.Occurrence> occurrences = new ArrayList<>();
    for (Row r : old.collectAsList()) {
      occurrences.add(new BoilerplateDelta.Occurrence(r.getString(0), r.getLong(1), r.getLong(2)));
    }
    BoilerplateDelta.Result delta = BoilerplateDelta.apply(counts, occurrences, List.copyOf(docs.values()),
        w.cfg.clean());

    // the old documents holding a flipped line are cleaned again
    Set<String> dirty = new TreeSet<>();
    if (!delta.flipped().isEmpty()) {
      List<Row> flipped = new ArrayList<>();
      for (BoilerplateDelta.Line l : delta.flipped()) flipped.add(RowFactory.create(l.source(), l.key()));
      for (Row r : lines.join(broadcast(w.rows(flipped, LINES)), new String[] {SOURCE, Clean.LINE_KEY}, "left_semi")
          .select(DOC_ID).distinct().collectAsList()) {
        dirty.add(r.getString(0));
      }
    }

    List<Row> repeated = new ArrayList<>();
    delta.repeated().forEach((s, keys) -> repeated.add(RowFactory.create(s, keys)));
    Dataset<Row> repeatedBySource = w.rows(repeated, REPEATED);
    Dataset<Row> documents = w.base(io.newslens.output.Tables.DOCUMENTS);
    Column[] order = java.util.Arrays.stream(documents.columns()).map(functions::col).toArray(Column[]::new);
    Dataset<Row> cleaned = Clean.cleanWith(fresh, repeatedBySource, w.cfg.clean())
        .withColumn(VERSION, lit(w.version)).select(order);
    if (!dirty.isEmpty()) {
      Dataset<Row> again = Clean.uncleaned(documents.join(w.ids(dirty), new String[] {DOC_ID}, "left_semi"))
          .drop(VERSION);
      cleaned = cleaned.unionByName(Clean.cleanWith(again, repeatedBySource, w.cfg.clean())
          .withColumn(VERSION, lit(w.version)).select(order));
    }
    cleaned = w.save("cleaned", cleaned);

    // state: the new documents' lines (append-only) and the counts after them (small, rewritten)
    w.next.append(StateTables.CLEAN_LINES, newLines.withColumn(VERSION, lit(w.version)));
    List<Row> countRows = new ArrayList<>();
    delta.counts().forEach((l, n) -> countRows.add(RowFactory.create(l.source(), l.key(), n)));
    w.next.replace(StateTables.CLEAN_COUNTS, w.rows(countRows, StateTables.CLEAN_COUNTS_SCHEMA).coalesce(1));

    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("new_bodies", delta.newBodies());
    stats.put("flipped_lines", delta.flipped().size());
    stats.put("dirty_documents", dirty.size());
    return new Result(cleaned, dirty, stats);
  }
}
