package io.newslens.incremental;

import io.newslens.state.StateTables;
import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.newslens.output.Tables;
import io.newslens.reuse.Reuse;
import io.newslens.reuse.ReuseParams;
import io.newslens.spark.SortedRuns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The reuse stage of an update. Only the n-grams of new and dirty documents change postings: their stored postings
 * (n-grams in more than --reuse-max-docs documents excepted: those anchor nothing and only their counts are kept)
 * are read with the changed documents' and each n-gram goes through {@link GramChanges} in one sorted shuffle of
 * those postings, as the full run reads its n-grams. The pairs of changed documents are then built from their hits
 * exactly as a full run builds every pair; the pairs of unchanged documents whose anchors flipped (the passages they
 * had when an anchor stopped being one, every pair when one became an anchor) are computed again from their texts.
 */
final class ReuseDelta {
  private ReuseDelta() {}

  private static final String OLD = "_old";
  private static final String KIND = "_kind";
  private static final int HIT = 0;
  private static final int FLIP = 1;
  private static final int COMMON = 2;

  private static final StructType CHANGE = new StructType()
      .add(KIND, DataTypes.IntegerType, false)
      .add("key_a", DataTypes.LongType, false)
      .add("key_b", DataTypes.LongType, false)
      .add(Reuse.GRAM, DataTypes.LongType, false)
      .add("first_a", DataTypes.IntegerType, false)
      .add("last_a", DataTypes.IntegerType, false)
      .add("first_b", DataTypes.IntegerType, false)
      .add("last_b", DataTypes.IntegerType, false);

  static Map<String, Object> apply(Workspace w, Dataset<Row> cleaned, Set<String> dirty) {
    ReuseParams p = w.cfg.reuse();
    int maxDocs = p.maxDocs();
    int boilerplate = p.boilerplateDocs();
    Dataset<Row> postings = w.base(StateTables.REUSE_POSTINGS);
    Dataset<Row> changedDocs = Reuse.keyed(cleaned);
    Dataset<Row> changedPostings = w.save("reuse_postings", Reuse.postings(changedDocs, p));
    Set<Long> changedKeys = new HashSet<>();
    for (Row r : changedDocs.select(Reuse.DOC_KEY).collectAsList()) changedKeys.add(r.getLong(0));
    Dataset<Row> documents = w.base(Tables.DOCUMENTS);
    Dataset<Row> dirtyKeys = Reuse.keyed(documents.join(broadcast(w.ids(dirty)), new String[] {DOC_ID}, "left_semi"))
        .select(Reuse.DOC_KEY);
    Dataset<Row> dirtyOld = postings.join(broadcast(dirtyKeys), new String[] {Reuse.DOC_KEY}, "left_semi");

    // n-grams whose postings change, and the common ones among them (counts only) that stay common
    Dataset<Row> grams = w.save("reuse_grams", changedPostings.select(Reuse.GRAM)
        .union(dirtyOld.select(Reuse.GRAM)).distinct());
    Dataset<Row> gained = changedPostings.groupBy(Reuse.GRAM).agg(count(lit(1)).as("_gained"));
    Dataset<Row> dropped = dirtyOld.groupBy(Reuse.GRAM).agg(count(lit(1)).as("_dropped"));
    // a changed n-gram's stored count: the sum of its reuse_common rows (exact while it is common)
    Dataset<Row> counted = w.save("reuse_counted", w.base(StateTables.REUSE_COMMON)
        .join(broadcast(grams), new String[] {Reuse.GRAM}, "left_semi")
        .groupBy(Reuse.GRAM).agg(sum(DOCS).as(DOCS)));
    Dataset<Row> common = counted.filter(col(DOCS).gt(maxDocs))
        .join(gained, new String[] {Reuse.GRAM}, "left").join(dropped, new String[] {Reuse.GRAM}, "left")
        .withColumn("_change", coalesce(col("_gained"), lit(0L)).minus(coalesce(col("_dropped"), lit(0L))));
    common = w.save("reuse_common", common.select(col(Reuse.GRAM), col(DOCS), col("_change")));
    Dataset<Row> stillCommon = common.filter(col(DOCS).plus(col("_change")).gt(maxDocs)).select(Reuse.GRAM);

    // every other changed n-gram's postings before (stored) and after (changed documents' new ones), one shuffle.
    // An n-gram that stays common is left out on both sides: its new postings alone would look like a rare n-gram
    Dataset<Row> rareGrams = broadcast(grams.join(stillCommon, new String[] {Reuse.GRAM}, "left_anti"));
    Dataset<Row> oldPostings = postings.join(rareGrams, new String[] {Reuse.GRAM}, "left_semi");
    Dataset<Row> newPostings = changedPostings.join(rareGrams, new String[] {Reuse.GRAM}, "left_semi");
    Dataset<Row> both = oldPostings.withColumn(OLD, lit(true)).unionByName(newPostings.withColumn(OLD, lit(false)));
    Set<Long> changed = changedKeys;
    Dataset<Row> changes = w.save("reuse_changes", both
        .select(col(Reuse.GRAM), col(Reuse.DOC_KEY), col(Reuse.SOURCE_KEY), col("first"), col("last"), col(OLD))
        .repartition(col(Reuse.GRAM)).sortWithinPartitions(col(Reuse.GRAM), col(Reuse.DOC_KEY), col(OLD))
        .mapPartitions((MapPartitionsFunction<Row, Row>) it -> new ChangeIterator(it, changed, maxDocs, boilerplate),
            Encoders.row(CHANGE)));

    // pairs of changed documents: all their hits are here
    Dataset<Row> hits = changes.filter(col(KIND).equalTo(HIT)).drop(KIND);
    Dataset<Row> fresh = passages(w, "reuse_pairs_new", candidates(hits, p), p);

    // pairs of unchanged documents an n-gram flipped for
    Dataset<Row> keys = Reuse.keyed(documents).select(Reuse.DOC_KEY, DOC_ID);
    Dataset<Row> flips = changes.filter(col(KIND).equalTo(FLIP)).select("key_a", "key_b").distinct()
        .join(keys.toDF("key_a", "id_a"), "key_a").join(keys.toDF("key_b", "id_b"), "key_b")
        .select(least(col("id_a"), col("id_b")).as(DOC_A), greatest(col("id_a"), col("id_b")).as(DOC_B));
    List<Row> flipped = flips.collectAsList();
    Dataset<Row> again = null;
    if (!flipped.isEmpty()) {
      again = passages(w, "reuse_pairs_flipped",
          recomputed(w, w.rows(flipped, flips.schema()), changedPostings, dirtyOld, dirtyKeys, p), p);
    }

    // reuse_passages: every passage of a dirty document or of a flipped pair goes, the pairs found come
    Dataset<Row> table = w.base(Tables.REUSE_PASSAGES);
    Dataset<Row> dirtyIds = broadcast(w.ids(dirty));
    Dataset<Row> gone = table.join(dirtyIds.withColumnRenamed(DOC_ID, DOC_A), new String[] {DOC_A}, "left_semi")
        .union(table.join(dirtyIds.withColumnRenamed(DOC_ID, DOC_B), new String[] {DOC_B}, "left_semi"))
        .select(DOC_A, DOC_B);
    if (!flipped.isEmpty()) gone = gone.union(w.rows(flipped, flips.schema()));
    Dataset<Row> added = again == null ? fresh : fresh.unionByName(again);
    Column[] order = Arrays.stream(table.columns()).map(functions::col).toArray(Column[]::new);
    added = w.save("reuse_passages", added.withColumn(VERSION, lit(w.version)).select(order));
    w.next.rewrite(Tables.REUSE_PASSAGES, List.of(DOC_A, DOC_B), gone.distinct(), added);

    // state: the changed documents' postings, the common n-grams' count changes and the newly common ones. A newly
    // common n-gram's row brings the sum of its rows to its count: it may have rows from when it was common before
    w.next.rewrite(StateTables.REUSE_POSTINGS, List.of(Reuse.DOC_KEY), dirty.isEmpty() ? null : dirtyKeys,
        changedPostings);
    Dataset<Row> becameCommon = changes.filter(col(KIND).equalTo(COMMON))
        .select(col(Reuse.GRAM), col("key_a").as("_now"))
        .join(counted, new String[] {Reuse.GRAM}, "left")
        .select(col(Reuse.GRAM), col("_now").minus(coalesce(col(DOCS), lit(0L))).as(DOCS));
    Dataset<Row> commonRows = common.filter(col("_change").notEqual(0))
        .select(col(Reuse.GRAM), col("_change").as(DOCS))
        .union(becameCommon)
        .withColumn(VERSION, lit(w.version));
    w.next.append(StateTables.REUSE_COMMON, commonRows);

    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("changed_documents", changedKeys.size());
    stats.put("flipped_pairs", flipped.size());
    stats.put("passages_added", added.count());
    return stats;
  }

  /**
   * Candidate pairs from their hits (key_a, key_b, gram, first_a, last_a, first_b, last_b): the pairs sharing
   * enough anchors close together ({@link Reuse#isCandidate}), with their anchors' number and sorted n-grams.
   */
  private static Dataset<Row> candidates(Dataset<Row> hits, ReuseParams p) {
    UserDefinedFunction clustered = Reuse.candidateFilter(p);
    return hits.groupBy("key_a", "key_b")
        .agg(collect_list(struct(col(Reuse.GRAM), col("first_a"), col("last_a"), col("first_b"), col("last_b")))
            .as("hits"))
        .filter(clustered.apply(col("hits")))
        .select(col("key_a"), col("key_b"), size(col("hits")).cast("long").as(ANCHORS),
            sort_array(col("hits." + Reuse.GRAM)).as("grams"));
  }

  /**
   * The passages of candidate pairs (key_a, key_b, anchors, grams), aligned from the texts of the documents as
   * they are after the update, in the reuse_passages columns (without version); {@code name} names the work table
   * the pairs are saved to (one per call).
   */
  private static Dataset<Row> passages(Workspace w, String name, Dataset<Row> pairs, ReuseParams p) {
    // a work table of its own: the passages stay lazy over it until reuse_passages is written
    Dataset<Row> found = w.save(name, pairs);
    Dataset<Row> members = found.select(col("key_a").as(Reuse.DOC_KEY)).union(found.select(col("key_b")))
        .distinct();
    Dataset<Row> texts = textsAfter(w).join(broadcast(members), new String[] {Reuse.DOC_KEY}, "left_semi");
    return Reuse.passages(found, texts, p);
  }

  /** doc_key, doc_id, source, text of every document after the update: the changed ones as cleaned now. */
  private static Dataset<Row> textsAfter(Workspace w) {
    Dataset<Row> changed = Reuse.keyed(w.read("cleaned")).select(Reuse.DOC_KEY, DOC_ID, SOURCE, TEXT);
    Dataset<Row> old = Reuse.keyed(w.base(Tables.DOCUMENTS)).select(Reuse.DOC_KEY, DOC_ID, SOURCE, TEXT)
        .join(changed.select(DOC_ID), new String[] {DOC_ID}, "left_anti");
    return changed.unionByName(old);
  }

  /**
   * The hits of pairs of unchanged documents (doc_a, doc_b) computed from scratch: the n-grams their texts share,
   * kept where the n-gram is an anchor after the update (its postings after: stored, without the dirty documents'
   * old ones, with the changed documents' new ones).
   */
  private static Dataset<Row> recomputed(Workspace w, Dataset<Row> pairs, Dataset<Row> changedPostings,
      Dataset<Row> dirtyOld, Dataset<Row> dirtyKeys, ReuseParams p) {
    int n = p.ngram();
    Dataset<Row> texts = textsAfter(w);
    Dataset<Row> joined = pairs
        .join(texts.toDF("key_a", DOC_A, "source_a", "text_a").drop("source_a"), DOC_A)
        .join(texts.toDF("key_b", DOC_B, "source_b", "text_b").drop("source_b"), DOC_B);
    StructType shared = new StructType().add("key_a", DataTypes.LongType, false).add("key_b", DataTypes.LongType, false)
        .add(Reuse.GRAM, DataTypes.LongType, false).add("first_a", DataTypes.IntegerType, false)
        .add("last_a", DataTypes.IntegerType, false).add("first_b", DataTypes.IntegerType, false)
        .add("last_b", DataTypes.IntegerType, false);
    Dataset<Row> sharedGrams = w.save("reuse_shared", joined.select("key_a", "text_a", "key_b", "text_b")
        .flatMap((FlatMapFunction<Row, Row>) r -> {
          // A is the document with the smaller key, as in the full run's n-gram groups
          boolean swap = r.getLong(0) > r.getLong(2);
          long ka = swap ? r.getLong(2) : r.getLong(0);
          long kb = swap ? r.getLong(0) : r.getLong(2);
          Reuse.Grams a = Reuse.distinctGrams(r.getString(swap ? 3 : 1), n);
          Reuse.Grams b = Reuse.distinctGrams(r.getString(swap ? 1 : 3), n);
          List<Row> out = new ArrayList<>();
          for (int i = 0, j = 0; i < a.hashes().length && j < b.hashes().length; ) {
            int c = Long.compare(a.hashes()[i], b.hashes()[j]);
            if (c < 0) i++;
            else if (c > 0) j++;
            else {
              out.add(RowFactory.create(ka, kb, a.hashes()[i], a.first()[i], a.last()[i], b.first()[j], b.last()[j]));
              i++;
              j++;
            }
          }
          return out.iterator();
        }, Encoders.row(shared)));
    // the anchor status after the update of every n-gram they share
    Dataset<Row> grams = sharedGrams.select(Reuse.GRAM).distinct();
    Dataset<Row> after = w.base(StateTables.REUSE_POSTINGS).join(broadcast(grams), new String[] {Reuse.GRAM},
            "left_semi")
        .join(dirtyKeys, new String[] {Reuse.DOC_KEY}, "left_anti")
        .unionByName(changedPostings.join(broadcast(grams), new String[] {Reuse.GRAM}, "left_semi"));
    int maxDocs = p.maxDocs();
    int boilerplate = p.boilerplateDocs();
    UserDefinedFunction isAnchor = udf((UDF1<scala.collection.Seq<Object>, Boolean>) s -> {
      long[] sources = new long[s.size()];
      scala.collection.Iterator<Object> it = s.iterator();
      for (int i = 0; it.hasNext(); i++) sources[i] = (Long) it.next();
      return io.newslens.reuse.AnchorGroups.isAnchor(sources, sources.length, maxDocs, boilerplate);
    }, DataTypes.BooleanType).asNonNullable();
    // an n-gram in more than --reuse-max-docs documents is never an anchor: counted first, its sources not collected
    Dataset<Row> rare = after.groupBy(Reuse.GRAM).agg(count(lit(1)).as("_n")).filter(col("_n").leq(maxDocs))
        .select(Reuse.GRAM);
    Dataset<Row> anchors = after.join(rare, new String[] {Reuse.GRAM}, "left_semi").groupBy(Reuse.GRAM)
        .agg(collect_list(col(Reuse.SOURCE_KEY)).as("_sources"))
        .filter(isAnchor.apply(col("_sources"))).select(Reuse.GRAM);
    return candidates(sharedGrams.join(anchors, new String[] {Reuse.GRAM}, "left_semi"), p);
  }

  /** Reads (gram, doc_key, source_key, first, last, old) sorted by gram, doc_key, old, and yields each change. */
  private static final class ChangeIterator extends SortedRuns {
    private final Set<Long> changed;
    private final int maxDocs;
    private final int boilerplate;
    private final List<GramChanges.Posting> before = new ArrayList<>();
    private final List<GramChanges.Posting> after = new ArrayList<>();

    ChangeIterator(Iterator<Row> in, Set<Long> changed, int maxDocs, int boilerplate) {
      super(in);
      this.changed = changed;
      this.maxDocs = maxDocs;
      this.boilerplate = boilerplate;
    }

    @Override
    protected void run(long gram) {
      before.clear();
      after.clear();
      for (Row r; (r = take(gram)) != null; ) {
        GramChanges.Posting x = new GramChanges.Posting(r.getLong(1), r.getLong(2), r.getInt(3), r.getInt(4));
        if (r.getBoolean(5)) {
          before.add(x);
          if (!changed.contains(x.doc())) after.add(x);
        } else {
          after.add(x);
        }
      }
      GramChanges.apply(before, after, changed, maxDocs, boilerplate, new GramChanges.Sink() {
        @Override
        public void hit(long a, long b, int firstA, int lastA, int firstB, int lastB) {
          emit(RowFactory.create(HIT, a, b, gram, firstA, lastA, firstB, lastB));
        }

        @Override
        public void flip(long a, long b) {
          emit(RowFactory.create(FLIP, a, b, gram, 0, 0, 0, 0));
        }

        @Override
        public void becameCommon(long docs) {
          emit(RowFactory.create(COMMON, docs, 0L, gram, 0, 0, 0, 0));
        }
      });
    }
  }
}
