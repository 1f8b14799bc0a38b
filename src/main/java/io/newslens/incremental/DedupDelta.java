package io.newslens.incremental;

import io.newslens.state.ClusterIds;
import io.newslens.state.StateTables;
import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.newslens.dedup.BucketPairs;
import io.newslens.dedup.Dedup;
import io.newslens.dedup.DedupParams;
import io.newslens.dedup.UnionFind;
import io.newslens.output.Tables;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The dedup stage of an update. The candidates a bucket gives depend on its whole membership (an exact group takes
 * part through its smallest doc_id; a bucket over --dedup-max-bucket members gives linear pairs), so every bucket a
 * new or dirty document enters or leaves is paired again from its stored rows ({@link BucketPairs}, as the full run
 * pairs it) before and after the change; the difference changes the candidates' bucket counts (state), a pair
 * becoming a candidate is verified, a pair no longer a candidate by any bucket leaves {@code duplicate_pairs}, and
 * the pairs of a dirty document are verified again. The clusters of every document whose pairs changed are then
 * found again by union-find over their members and new documents, with ids kept by {@link ClusterIds}.
 */
final class DedupDelta {
  private DedupDelta() {}

  /**
   * @param counted documents whose is_representative changed or that are new: doc_id → is_representative after
   * @param representativeOf every touched document's representative after the update
   * @param wasRepresentative old documents among them that represented their cluster before
   */
  record Result(Map<String, Boolean> counted, Map<String, String> representativeOf, Set<String> wasRepresentative,
      Map<String, Object> stats) {}

  /** A stored search row. */
  private record Slot(long bucket, String docId, long hi, long lo, int shingles, boolean exact) {
    static Slot of(Row r) {
      return new Slot(r.getLong(0), r.getString(1), r.getLong(2), r.getLong(3), r.getInt(4), r.getBoolean(5));
    }
  }

  private record Pair(String a, String b) {}

  private static final StructType PAIRS = new StructType().add(DOC_A, DataTypes.StringType, false)
      .add(DOC_B, DataTypes.StringType, false);
  private static final StructType BUCKETS = new StructType().add(Dedup.BUCKET, DataTypes.LongType, false);

  static Result apply(Workspace w, Dataset<Row> cleaned, Set<String> newIds, Set<String> dirty) {
    DedupParams p = w.cfg.dedup();
    Dataset<Row> slots = w.base(StateTables.DEDUP_SLOTS);
    Dataset<Row> changedSlots = w.save("dedup_slots", Dedup.slots(cleaned.select(DOC_ID, TEXT), p));
    List<Slot> incoming = new ArrayList<>();
    for (Row r : changedSlots.collectAsList()) incoming.add(Slot.of(r));
    Set<Long> touched = new HashSet<>();
    for (Slot s : incoming) touched.add(s.bucket());
    if (!dirty.isEmpty()) {
      for (Row r : slots.join(w.ids(dirty), new String[] {DOC_ID}, "left_semi").select(Dedup.BUCKET)
          .collectAsList()) {
        touched.add(r.getLong(0));
      }
    }
    // every touched bucket's members before the change (one scan of the stored rows, the buckets broadcast)
    List<Row> bucketRows = new ArrayList<>();
    for (long b : touched) bucketRows.add(RowFactory.create(b));
    Map<Long, List<Slot>> before = new HashMap<>();
    for (Row r : slots.join(broadcast(w.rows(bucketRows, BUCKETS)), new String[] {Dedup.BUCKET}, "left_semi")
        .select(Dedup.BUCKET, DOC_ID, Dedup.KEY_HI, Dedup.KEY_LO, Dedup.NSH, Dedup.IS_EXACT).collectAsList()) {
      Slot s = Slot.of(r);
      before.computeIfAbsent(s.bucket(), k -> new ArrayList<>()).add(s);
    }
    Map<Long, List<Slot>> after = new HashMap<>();
    for (Map.Entry<Long, List<Slot>> e : before.entrySet()) {
      List<Slot> kept = new ArrayList<>();
      for (Slot s : e.getValue()) if (!dirty.contains(s.docId())) kept.add(s);
      after.put(e.getKey(), kept);
    }
    for (Slot s : incoming) after.computeIfAbsent(s.bucket(), k -> new ArrayList<>()).add(s);

    // each touched bucket paired before and after, as the full run pairs it
    Map<Pair, Integer> delta = new HashMap<>();
    Map<Pair, Integer> exactBefore = new HashMap<>();
    Map<Pair, Integer> exactAfter = new HashMap<>();
    BucketPairs pairing = new BucketPairs(p.maxBucketSize());
    for (long b : touched) {
      pair(pairing, before.getOrDefault(b, List.of()), exactBefore, delta, -1);
      pair(pairing, after.getOrDefault(b, List.of()), exactAfter, delta, +1);
    }
    delta.values().removeIf(v -> v == 0);

    // the candidates whose bucket count changes, and those of dirty documents, with their counts before
    Dataset<Row> candidates = w.base(StateTables.DEDUP_CANDIDATES);
    List<Row> changedPairs = new ArrayList<>();
    for (Pair x : delta.keySet()) changedPairs.add(RowFactory.create(x.a(), x.b()));
    Dataset<Row> relevant = candidates.join(broadcast(w.rows(changedPairs, PAIRS)), new String[] {DOC_A, DOC_B},
        "left_semi");
    if (!dirty.isEmpty()) {
      relevant = relevant.union(candidates.join(broadcast(w.ids(dirty, DOC_A)), new String[] {DOC_A}, "left_semi"))
          .union(candidates.join(broadcast(w.ids(dirty, DOC_B)), new String[] {DOC_B}, "left_semi"));
    }
    Map<Pair, Long> current = new HashMap<>();
    for (Row r : relevant.distinct().groupBy(DOC_A, DOC_B)
        .agg(sum(Dedup.BUCKETS)).collectAsList()) {
      current.put(new Pair(r.getString(0), r.getString(1)), r.getLong(2));
    }
    Set<Pair> all = new HashSet<>(current.keySet());
    all.addAll(delta.keySet());
    Set<Pair> lost = new TreeSet<>(Comparator.comparing(Pair::a).thenComparing(Pair::b));
    Set<Pair> verify = new TreeSet<>(Comparator.comparing(Pair::a).thenComparing(Pair::b));
    for (Pair x : all) {
      long now = current.getOrDefault(x, 0L);
      long then = now + delta.getOrDefault(x, 0);
      boolean touchesDirty = dirty.contains(x.a()) || dirty.contains(x.b());
      if (now > 0 && then <= 0) lost.add(x);
      else if (then > 0 && (now <= 0 || touchesDirty)) verify.add(x);
    }

    List<Row> accepted = verified(w, cleaned, verify, newIds, dirty);
    // duplicate_pairs: the exact pairs of the touched exact groups and the near pairs lost or verified again go;
    // the exact pairs after and the accepted candidates come
    Set<Pair> gone = new HashSet<>(exactBefore.keySet());
    gone.addAll(lost);
    gone.addAll(verify);
    List<Row> added = new ArrayList<>(accepted);
    exactAfter.forEach((x, n) ->
        added.add(RowFactory.create(x.a(), x.b(), Dedup.EXACT, 1.0, 1.0, 1.0, n, n, n, w.version)));
    Dataset<Row> pairsTable = w.base(Tables.DUPLICATE_PAIRS);
    List<Row> goneRows = new ArrayList<>();
    for (Pair x : gone) goneRows.add(RowFactory.create(x.a(), x.b()));
    Dataset<Row> goneDf = w.rows(goneRows, PAIRS);
    Set<Pair> removed = new HashSet<>();
    for (Row r : pairsTable.join(broadcast(goneDf), new String[] {DOC_A, DOC_B}, "left_semi").select(DOC_A, DOC_B)
        .collectAsList()) {
      removed.add(new Pair(r.getString(0), r.getString(1)));
    }
    w.next.rewrite(Tables.DUPLICATE_PAIRS, List.of(DOC_A, DOC_B), goneDf,
        w.rows(added, pairsTable.schema()));

    // state: the new and dirty documents' search rows, the candidates' count changes
    w.next.rewrite(StateTables.DEDUP_SLOTS, List.of(DOC_ID), dirty.isEmpty() ? null : w.ids(dirty), changedSlots);
    List<Row> deltaRows = new ArrayList<>();
    for (Map.Entry<Pair, Integer> e : delta.entrySet()) {
      deltaRows.add(RowFactory.create(e.getKey().a(), e.getKey().b(), e.getValue(), w.version));
    }
    if (!deltaRows.isEmpty()) {
      w.next.append(StateTables.DEDUP_CANDIDATES, w.rows(deltaRows, StateTables.CANDIDATES_SCHEMA).coalesce(1));
    }

    Set<Pair> addedPairs = new HashSet<>();
    for (Row r : added) addedPairs.add(new Pair(r.getString(0), r.getString(1)));
    Result clusters = clusters(w, cleaned, newIds, dirty, removed, addedPairs);
    Map<String, Object> stats = new LinkedHashMap<>(clusters.stats());
    stats.put("touched_buckets", touched.size());
    stats.put("candidates_changed", delta.size());
    stats.put("candidates_verified", verify.size());
    stats.put("candidates_lost", lost.size());
    stats.put("pairs_removed", removed.size());
    stats.put("pairs_added", added.size());
    return new Result(clusters.counted(), clusters.representativeOf(), clusters.wasRepresentative(), stats);
  }

  /** Pairs one bucket's rows (sorted by doc_id); near candidates count {@code sign} in delta, exact pairs go in. */
  private static void pair(BucketPairs pairing, List<Slot> rows, Map<Pair, Integer> exact, Map<Pair, Integer> delta,
      int sign) {
    if (rows.isEmpty()) return;
    List<Slot> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(Slot::docId));
    pairing.start();
    BucketPairs.Sink sink = (a, b, isExact, shingles) -> {
      if (isExact) exact.put(new Pair(a, b), shingles);
      else delta.merge(new Pair(a, b), sign, Integer::sum);
    };
    for (Slot s : sorted) pairing.add(s.docId(), s.hi(), s.lo(), s.shingles(), s.exact(), sink);
    pairing.finish(sink);
  }

  private static final StructType FEATURES = new StructType().add(DOC_ID, DataTypes.StringType, false)
      .add("sh", DataTypes.BinaryType, false).add("sig", DataTypes.BinaryType, false);

  /** The candidates that pass verification, as duplicate_pairs rows of this version. */
  private static List<Row> verified(Workspace w, Dataset<Row> cleaned, Set<Pair> pairs, Set<String> newIds,
      Set<String> dirty) {
    if (pairs.isEmpty()) return List.of();
    DedupParams p = w.cfg.dedup();
    Set<String> ids = new TreeSet<>();
    for (Pair x : pairs) {
      ids.add(x.a());
      ids.add(x.b());
    }
    Set<String> old = new TreeSet<>(ids);
    old.removeAll(newIds);
    old.removeAll(dirty);
    Dataset<Row> texts = cleaned.select(DOC_ID, TEXT).join(w.ids(ids), new String[] {DOC_ID}, "left_semi")
        .union(w.base(Tables.DOCUMENTS).join(broadcast(w.ids(old)), new String[] {DOC_ID}, "left_semi")
            .select(DOC_ID, TEXT));
    Map<String, Dedup.Features> features = new HashMap<>();
    for (Row r : texts.map((MapFunction<Row, Row>) r -> {
      Dedup.Features f = Dedup.features(r.getString(1), p);
      return RowFactory.create(r.getString(0), bytes(f.shingles()), bytes(f.signature()));
    }, Encoders.row(FEATURES)).collectAsList()) {
      features.put(r.getString(0), new Dedup.Features(longs(r.getAs(1)), longs(r.getAs(2))));
    }
    List<Row> out = new ArrayList<>();
    for (Pair x : pairs) {
      Dedup.Verified v = Dedup.verify(Objects.requireNonNull(features.get(x.a()), x.a()),
          Objects.requireNonNull(features.get(x.b()), x.b()));
      if (Dedup.accepts(v.jaccard(), v.containment(), v.shinglesA(), v.shinglesB(), p)) {
        out.add(RowFactory.create(x.a(), x.b(), Dedup.NEAR, v.estimatedJaccard(), v.jaccard(), v.containment(),
            v.shared(), v.shinglesA(), v.shinglesB(), w.version));
      }
    }
    return out;
  }

  /**
   * The clusters of the touched documents found again: the members of every old cluster holding an endpoint of a
   * changed pair, a dirty or a new document, with every pair among them after the change.
   */
  private static Result clusters(Workspace w, Dataset<Row> cleaned, Set<String> newIds, Set<String> dirty,
      Set<Pair> removed, Set<Pair> added) {
    Set<String> seeds = new TreeSet<>(dirty);
    for (Pair x : removed) {
      seeds.add(x.a());
      seeds.add(x.b());
    }
    for (Pair x : added) {
      seeds.add(x.a());
      seeds.add(x.b());
    }
    seeds.removeAll(newIds);
    Dataset<Row> table = w.base(Tables.DUPLICATE_CLUSTERS);
    Set<String> clusterIds = new TreeSet<>();
    for (Row r : table.join(broadcast(w.ids(seeds)), new String[] {DOC_ID}, "left_semi").select(CLUSTER_ID)
        .distinct().collectAsList()) {
      clusterIds.add(r.getString(0));
    }
    Map<String, Row> oldRows = new HashMap<>();
    for (Row r : table.join(broadcast(w.ids(clusterIds, CLUSTER_ID)), new String[] {CLUSTER_ID}, "left_semi")
        .select(DOC_ID, CLUSTER_ID, CLUSTER_SIZE, REPRESENTATIVE, IS_REPRESENTATIVE).collectAsList()) {
      oldRows.put(r.getString(0), r);
    }
    Set<String> members = new TreeSet<>(oldRows.keySet());
    Dataset<Row> pairs = w.base(Tables.DUPLICATE_PAIRS);
    UnionFind uf = new UnionFind();
    for (String d : members) uf.add(d);
    for (String d : newIds) uf.add(d);
    Dataset<Row> memberIds = broadcast(w.ids(members));
    for (Row r : pairs.join(memberIds.withColumnRenamed(DOC_ID, DOC_A), new String[] {DOC_A}, "left_semi")
        .select(DOC_A, DOC_B).collectAsList()) {
      Pair x = new Pair(r.getString(0), r.getString(1));
      if (!removed.contains(x)) uf.union(x.a(), x.b());
    }
    for (Pair x : added) uf.union(x.a(), x.b());
    Map<String, List<String>> components = new TreeMap<>();
    uf.smallestMembers().forEach((d, c) -> components.computeIfAbsent(c, k -> new ArrayList<>()).add(d));

    Map<String, String> oldIds = new HashMap<>();
    oldRows.forEach((d, r) -> oldIds.put(d, r.getString(1)));
    Map<String, Integer> since = new HashMap<>();
    for (Row r : w.base(StateTables.CLUSTER_IDS).filter(col(KIND).equalTo(StateTables.DUPLICATE_CLUSTER))
        .join(broadcast(w.ids(clusterIds, StateTables.ID)), new String[] {StateTables.ID}, "left_semi")
        .select(StateTables.ID, StateTables.SINCE).collectAsList()) {
      since.put(r.getString(0), r.getInt(1));
    }
    ClusterIds.Result ids = ClusterIds.assign(components.values(), oldIds, since);

    // the representative rule over the members' publication times and lengths (dirty and new: as cleaned now)
    Map<String, Dedup.Member> info = new HashMap<>();
    Set<String> fresh = new TreeSet<>(newIds);
    fresh.addAll(dirty);
    for (Row r : cleaned.select(DOC_ID, PUBLISHED_AT, CHAR_COUNT).collectAsList()) {
      info.put(r.getString(0), member(r));
    }
    Set<String> stale = new TreeSet<>(members);
    stale.removeAll(fresh);
    for (Row r : w.base(Tables.DOCUMENTS).join(broadcast(w.ids(stale)), new String[] {DOC_ID}, "left_semi")
        .select(DOC_ID, PUBLISHED_AT, CHAR_COUNT).collectAsList()) {
      info.put(r.getString(0), member(r));
    }
    List<Row> rows = new ArrayList<>();
    Set<String> rewritten = new TreeSet<>();
    Map<String, Boolean> counted = new TreeMap<>();
    Map<String, String> representativeOf = new TreeMap<>();
    Set<String> wasRepresentative = new TreeSet<>();
    int merged = 0;
    for (List<String> component : components.values()) {
      Dedup.Member rep = component.stream().map(d -> Objects.requireNonNull(info.get(d), d))
          .min(Dedup.REPRESENTATIVE_ORDER).orElseThrow();
      for (String d : component) {
        String id = ids.ids().get(d);
        boolean isRep = d.equals(rep.docId());
        Row old = oldRows.get(d);
        representativeOf.put(d, rep.docId());
        if (old != null && old.getBoolean(4)) wasRepresentative.add(d);
        if (old == null || old.getBoolean(4) != isRep) counted.put(d, isRep);
        if (old != null && old.getString(1).equals(id) && old.getInt(2) == component.size()
            && old.getString(3).equals(rep.docId()) && old.getBoolean(4) == isRep) {
          continue; // unchanged row
        }
        if (old != null) rewritten.add(d);
        rows.add(RowFactory.create(d, id, component.size(), rep.docId(), isRep, w.version));
      }
    }
    w.next.rewrite(Tables.DUPLICATE_CLUSTERS, List.of(DOC_ID), w.ids(rewritten), w.rows(rows, table.schema()));
    List<Row> created = new ArrayList<>();
    for (String id : ids.created()) created.add(RowFactory.create(StateTables.DUPLICATE_CLUSTER, id, w.version));
    List<Row> retired = new ArrayList<>();
    for (String id : ids.retired()) retired.add(RowFactory.create(StateTables.DUPLICATE_CLUSTER, id));
    w.next.rewrite(StateTables.CLUSTER_IDS, List.of(KIND, StateTables.ID),
        w.rows(retired, new StructType().add(KIND, DataTypes.StringType).add(StateTables.ID, DataTypes.StringType)),
        w.rows(created, StateTables.CLUSTER_IDS_SCHEMA));
    List<Row> aliases = new ArrayList<>();
    for (ClusterIds.Alias a : ids.aliases()) {
      aliases.add(RowFactory.create(StateTables.DUPLICATE_CLUSTER, a.oldId(), a.newId(), a.event(), w.version));
      if (a.event().equals(StateTables.MERGE)) merged++;
    }
    w.aliases.addAll(aliases);

    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("clusters_touched", clusterIds.size());
    stats.put("cluster_rows_written", rows.size());
    stats.put("clusters_created", ids.created().size());
    stats.put("clusters_merged_away", merged);
    stats.put("aliases", aliases.size());
    return new Result(counted, representativeOf, wasRepresentative, stats);
  }

  private static Dedup.Member member(Row r) {
    Timestamp t = r.isNullAt(1) ? null : r.getTimestamp(1);
    return new Dedup.Member(r.getString(0), t, r.isNullAt(2) ? 0L : r.getInt(2));
  }

  private static byte[] bytes(long[] v) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * 8);
    b.asLongBuffer().put(v);
    return b.array();
  }

  private static long[] longs(byte[] v) {
    long[] out = new long[v.length / 8];
    java.nio.ByteBuffer.wrap(v).asLongBuffer().get(out);
    return out;
  }

}
