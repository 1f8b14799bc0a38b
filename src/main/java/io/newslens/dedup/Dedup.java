package io.newslens.dedup;

import io.newslens.spark.Pairs;
import io.newslens.spark.Schemas;
import io.newslens.spark.SortedRuns;
import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.graphx.Edge;
import org.apache.spark.graphx.Graph;
import org.apache.spark.graphx.lib.ConnectedComponents;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Dedup stage: exact and near-duplicate articles, and the clusters they form.
 *
 * <ol>
 *   <li>Each text becomes, in one pass ({@link #slots}), the hashes of its normalized words
 *       ({@link WordTokenizer#wordHashes}), its 128-bit exact key and set of word shingles ({@link Shingler}), a
 *       one-permutation MinHash signature ({@link OnePermutationHasher}) and its LSH band keys ({@link Banding}):
 *       one small row per band and one for the exact key. Nothing per document is persisted.</li>
 *   <li>One shuffle clusters those rows by bucket ({@link #buckets}). <b>Exact duplicates</b>: the documents of
 *       an exact key, each paired with the key's smallest doc_id (a star, linear in the group size).
 *       <b>Near-duplicate candidates</b>: the pairs of each band bucket, where an exact key takes part once,
 *       through its smallest doc_id; a bucket larger than {@code maxBucketSize} gives only linear work (each
 *       member with the bucket's smallest doc_id and with its predecessor).</li>
 *   <li>Every candidate is verified by exact Jaccard and containment ({@link SetSimilarity}) over shingle sets
 *       recomputed for the documents of some candidate pair only.</li>
 *   <li><b>Clusters</b>: GraphX connected components over all verified pairs; the cluster id is its smallest
 *       member doc_id, the representative the earliest published member, then the longest, then the smallest
 *       doc_id.</li>
 * </ol>
 *
 * <p>Works on {@code text}: the clean stage's text without site boilerplate, so shared boilerplate cannot make
 * two different articles of one outlet look alike.
 *
 * <p>Not fully lazy: connected components are iterative and run their Spark jobs inside {@link #apply}; so that
 * writing the pairs afterwards does not recompute them, {@code apply} persists the buckets' exact and candidate
 * pairs, the distinct candidates, their documents' shingle sets and the verified pairs (memory and disk), and
 * GraphX keeps its graphs cached; {@link Result#release} frees all of them once the tables are written. A caller
 * that writes the pairs first can call {@link #clusters} on the pairs read back.
 */
public final class Dedup {
  private Dedup() {}

  /**
   * pairs: see {@link #PAIR_COLUMNS}; clusters: one row per document, see {@link #CLUSTER_COLUMNS}. Both are read
   * from what {@code apply} persisted: call {@link #release} once they are written, not before.
   */
  public record Result(Dataset<Row> pairs, Dataset<Row> clusters, Dataset<Row> bucketPairs,
      List<Dataset<Row>> cached, List<Graph<?, ?>> graphs) {
    /**
     * Every near-duplicate candidate with the number of buckets that gave it: doc_a, doc_b, {@link #BUCKETS}
     * (read from what {@code apply} persisted; lazy).
     */
    public Dataset<Row> candidateBuckets() {
      return bucketPairs.filter(not(col(IS_EXACT))).groupBy(DOC_A, DOC_B).agg(count(lit(1)).cast("int").as(BUCKETS));
    }

    /** Unpersists what finding the pairs persisted, the verified pairs and the connected-components graphs. */
    public void release() {
      for (Dataset<Row> d : cached) d.unpersist(false);
      for (Graph<?, ?> g : graphs) g.unpersist(false);
    }
  }

  /**
   * The verified pairs and what computing them persisted: the buckets' exact and candidate pairs, the distinct
   * candidates and their documents' shingle sets.
   */
  private record Found(Dataset<Row> pairs, Dataset<Row> bucketPairs, List<Dataset<Row>> persisted) {}

  /** Candidate rows of the state: the buckets that gave a pair. */
  public static final String BUCKETS = "buckets";

  /** A clusters table and the GraphX graphs its lineage reads (cached until unpersisted). */
  record Components(Dataset<Row> clusters, List<Graph<?, ?>> graphs) {}

  public static final String EXACT = "exact";
  public static final String NEAR = "near";

  /**
   * duplicate_pairs: doc_a &lt; doc_b, kind ("exact" | "near"), estimated_jaccard (MinHash), jaccard and
   * containment (exact, over shingle sets; containment = |A∩B| / min(|A|,|B|)), shared_shingles, shingles_a,
   * shingles_b. Exact pairs form a star per group: the smallest doc_id with each other member.
   */
  public static final List<String> PAIR_COLUMNS = List.of(DOC_A, DOC_B, KIND, ESTIMATED_JACCARD, JACCARD,
      CONTAINMENT, SHARED_SHINGLES, SHINGLES_A, SHINGLES_B);

  /** duplicate_clusters: doc_id, cluster_id, cluster_size, representative, is_representative. */
  public static final List<String> CLUSTER_COLUMNS =
      List.of(DOC_ID, CLUSTER_ID, CLUSTER_SIZE, REPRESENTATIVE, IS_REPRESENTATIVE);

  /** {@link #SLOTS} columns. */
  public static final String BUCKET = "bucket";
  public static final String KEY_HI = "exact_hi";
  public static final String KEY_LO = "exact_lo";
  public static final String NSH = "n_shingles";
  public static final String IS_EXACT = "is_exact";
  private static final String SH = "shingles";
  private static final String SIG = "signature";

  /**
   * The rows the search shuffles, one per document and bucket: the document's exact-key row (bucket = the first
   * half of its 128-bit exact key, is_exact) and one row per LSH band (bucket = the band key). Every row carries
   * the exact key and the shingle count.
   */
  public static final StructType SLOTS = new StructType()
      .add(BUCKET, DataTypes.LongType, false)
      .add(DOC_ID, DataTypes.StringType, false)
      .add(KEY_HI, DataTypes.LongType, false)
      .add(KEY_LO, DataTypes.LongType, false)
      .add(NSH, DataTypes.IntegerType, false)
      .add(IS_EXACT, DataTypes.BooleanType, false);

  /** What the buckets yield: exact pairs (is_exact, with their shingle count) and LSH candidate pairs. */
  private static final StructType FOUND = new StructType()
      .add(DOC_A, DataTypes.StringType, false)
      .add(DOC_B, DataTypes.StringType, false)
      .add(IS_EXACT, DataTypes.BooleanType, false)
      .add(NSH, DataTypes.IntegerType, false);

  /** A document's shingle set (sorted longs as bytes) and MinHash signature, for verification. */
  private static final StructType SETS = new StructType()
      .add(DOC_ID, DataTypes.StringType, false)
      .add(SH, DataTypes.BinaryType, false)
      .add(SIG, DataTypes.BinaryType, false);

  private static final StructType VERIFIED = new StructType()
      .add(ESTIMATED_JACCARD, DataTypes.DoubleType, false)
      .add(JACCARD, DataTypes.DoubleType, false)
      .add(CONTAINMENT, DataTypes.DoubleType, false)
      .add(SHARED_SHINGLES, DataTypes.IntegerType, false)
      .add(SHINGLES_A, DataTypes.IntegerType, false)
      .add(SHINGLES_B, DataTypes.IntegerType, false);

  /** Pairs and clusters of {@code documents} (needs doc_id, published_at, text; uses char_count if present). */
  public static Result apply(Dataset<Row> documents, DedupParams p) {
    requireColumns(documents, DOC_ID, PUBLISHED_AT, TEXT);
    Found found = find(documents, p);
    Dataset<Row> pairs = found.pairs().persist(StorageLevel.MEMORY_AND_DISK());
    Components c = components(documents, pairs);
    List<Dataset<Row>> cached = new ArrayList<>(found.persisted());
    cached.add(pairs);
    return new Result(pairs, c.clusters(), found.bucketPairs(), List.copyOf(cached), c.graphs());
  }

  /**
   * The {@link #SLOTS} rows of {@code documents}, in one pass over the texts: each text's word hashes, exact key,
   * shingle set, one-permutation MinHash signature and band keys. Documents without words give no rows.
   */
  public static Dataset<Row> slots(Dataset<Row> documents, DedupParams p) {
    Banding banding = p.banding();
    OnePermutationHasher hasher = hasher(p);
    int k = p.shingleSize();
    return documents.select(col(DOC_ID), col(TEXT)).flatMap((FlatMapFunction<Row, Row>) r -> {
      long[] wh = WordTokenizer.wordHashes(r.getString(1));
      if (wh.length == 0) return Collections.emptyIterator();
      long[] key = Shingler.exactKeyHashes(wh);
      long[] sh = Shingler.shingleSet(wh, k);
      long[] bands = banding.bandKeys(hasher.signature(sh));
      String id = r.getString(0);
      List<Row> out = new ArrayList<>(bands.length + 1);
      out.add(RowFactory.create(key[0], id, key[0], key[1], sh.length, true));
      for (long b : bands) out.add(RowFactory.create(b, id, key[0], key[1], sh.length, false));
      return out.iterator();
    }, Encoders.row(SLOTS));
  }

  /** The seeded MinHash family: the signature covers both the estimate's hashes and every band's rows. */
  private static OnePermutationHasher hasher(DedupParams p) {
    return new OnePermutationHasher(Math.max(p.numHashes(), p.banding().numHashes()), p.seed());
  }

  /** A text's shingle set (sorted hashes of its word shingles) and MinHash signature: what verification compares. */
  public record Features(long[] shingles, long[] signature) {}

  /** The {@link Features} of one text. */
  public static Features features(String text, DedupParams p) {
    return features(text, hasher(p), p.shingleSize());
  }

  private static Features features(String text, OnePermutationHasher hasher, int shingleSize) {
    long[] sh = Shingler.shingleSet(WordTokenizer.wordHashes(text), shingleSize);
    return new Features(sh, hasher.signature(sh));
  }

  /** A candidate pair's similarities: the duplicate_pairs columns from estimated_jaccard to shingles_b. */
  public record Verified(double estimatedJaccard, double jaccard, double containment, int shared, int shinglesA,
      int shinglesB) {}

  /** Verifies a candidate pair: MinHash estimate, exact Jaccard and containment of the shingle sets. */
  public static Verified verify(Features a, Features b) {
    int inter = SetSimilarity.intersection(a.shingles(), b.shingles());
    int na = a.shingles().length;
    int nb = b.shingles().length;
    return new Verified(MinHasher.estimate(a.signature(), b.signature()), SetSimilarity.jaccard(inter, na, nb),
        SetSimilarity.containment(inter, na, nb), inter, na, nb);
  }

  /**
   * Whether a verified candidate is a near-duplicate: Jaccard at least {@code minJaccard}, or containment at least
   * {@code minContainment} with the smaller text holding at least {@code minContainedShingles} shingles.
   */
  public static boolean accepts(double jaccard, double containment, int shinglesA, int shinglesB, DedupParams p) {
    return jaccard >= p.minJaccard()
        || (containment >= p.minContainment() && Math.min(shinglesA, shinglesB) >= p.minContainedShingles());
  }

  /** The {@link #SETS} rows of {@code documents} (doc_id, text): shingle set and signature, recomputed. */
  private static Dataset<Row> sets(Dataset<Row> documents, DedupParams p) {
    OnePermutationHasher hasher = hasher(p);
    int k = p.shingleSize();
    return documents.select(col(DOC_ID), col(TEXT)).map((MapFunction<Row, Row>) r -> {
      Features f = features(r.getString(1), hasher, k);
      return RowFactory.create(r.getString(0), toBytes(f.shingles()), toBytes(f.signature()));
    }, Encoders.row(SETS));
  }

  /**
   * The verified duplicate pairs alone (lazy; the bucket search's output, the distinct candidates and their shingle
   * sets are marked persisted and stay so: {@link #apply} is the entry point that releases them).
   */
  public static Dataset<Row> pairs(Dataset<Row> documents, DedupParams p) {
    return find(documents, p).pairs();
  }

  private static Found find(Dataset<Row> documents, DedupParams p) {
    requireColumns(documents, DOC_ID, TEXT);
    // the search's one shuffle: exact-key and band rows together; read twice (exact pairs, candidates), so kept
    Dataset<Row> found = buckets(slots(documents, p), p.maxBucketSize()).persist(StorageLevel.MEMORY_AND_DISK());

    Dataset<Row> exact = found.filter(col(IS_EXACT)).select(col(DOC_A), col(DOC_B), lit(EXACT).as(KIND),
        lit(1.0).as(ESTIMATED_JACCARD), lit(1.0).as(JACCARD), lit(1.0).as(CONTAINMENT), col(NSH).as(SHARED_SHINGLES),
        col(NSH).as(SHINGLES_A), col(NSH).as(SHINGLES_B));
    // read by both sides' members and by the verification join: Spark does not reuse the distinct's exchange
    // across them (five copies of it in the plan), so it is computed once and kept
    Dataset<Row> candidates = found.filter(not(col(IS_EXACT))).select(DOC_A, DOC_B).distinct()
        .persist(StorageLevel.MEMORY_AND_DISK());

    UserDefinedFunction verify = udf((UDF4<byte[], byte[], byte[], byte[], Row>) (sa, sb, ga, gb) -> {
      Verified v = verify(new Features(toLongs(sa), toLongs(ga)), new Features(toLongs(sb), toLongs(gb)));
      return RowFactory.create(v.estimatedJaccard(), v.jaccard(), v.containment(), v.shared(), v.shinglesA(),
          v.shinglesB());
    }, VERIFIED).asNondeterministic().asNonNullable();
    UserDefinedFunction accepted = udf((UDF4<Double, Double, Integer, Integer, Boolean>) (j, c, na, nb) ->
        accepts(j, c, na, nb, p), DataTypes.BooleanType);

    // shingle sets are recomputed for the documents of some candidate pair only (a semi join on doc_id first);
    // joined twice below, to doc_a and to doc_b, so kept: the texts are read and shingled once
    Dataset<Row> side = sets(documents.join(Pairs.members(candidates), new String[] {DOC_ID}, "left_semi"), p)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> near = candidates
        .join(side.toDF(DOC_A, "sh_a", "sig_a"), DOC_A)
        .join(side.toDF(DOC_B, "sh_b", "sig_b"), DOC_B)
        .select(col(DOC_A), col(DOC_B), verify.apply(col("sh_a"), col("sh_b"), col("sig_a"), col("sig_b")).as("v"))
        .select(col(DOC_A), col(DOC_B), lit(NEAR).as(KIND), col("v.*"))
        .filter(accepted.apply(col(JACCARD), col(CONTAINMENT), col(SHINGLES_A), col(SHINGLES_B)));

    return new Found(exact.unionByName(near).select(PAIR_COLUMNS.stream().map(functions::col)
        .toArray(Column[]::new)), found, List.of(found, candidates, side));
  }

  /**
   * Exact pairs and LSH candidate pairs ({@link #FOUND} rows, doc_a &lt; doc_b; a candidate can come from several
   * buckets) from {@link #SLOTS} rows, in one shuffle that clusters and sorts them by bucket, then doc_id.
   * <ul>
   *   <li>An exact-key bucket pairs the smallest doc_id of each exact key with every other document of that key
   *       (a star, linear in the group size).</li>
   *   <li>A band bucket takes each exact key once, through its smallest doc_id (the texts are the same, so an
   *       exact group's members share every bucket), and gives all pairs of its members when there are at most
   *       {@code maxBucket}; in a larger bucket each member is paired with the bucket's smallest doc_id and with
   *       the previous one ({@link Banding#bucketPairs}), so work stays linear while the members still end up
   *       connected.</li>
   * </ul>
   */
  static Dataset<Row> buckets(Dataset<Row> slots, int maxBucket) {
    return slots.repartition(col(BUCKET)).sortWithinPartitions(col(BUCKET), col(DOC_ID))
        .mapPartitions((MapPartitionsFunction<Row, Row>) it -> new BucketIterator(it, maxBucket),
            Encoders.row(FOUND));
  }

  /**
   * Reads {@link #SLOTS} rows sorted by bucket then doc_id and yields each bucket's {@link #FOUND} rows (see
   * {@link #buckets}). A band bucket is buffered up to maxBucket members; past that its pairs are streamed (each
   * member with the first and with its predecessor). The exact keys a bucket has seen are kept while it is read:
   * one per member, which is the bucket's size only in a bucket of that many different texts.
   */
  private static final class BucketIterator extends SortedRuns {
    private final BucketPairs pairs;
    private final BucketPairs.Sink sink = (a, b, exact, shingles) -> emit(RowFactory.create(a, b, exact, shingles));

    BucketIterator(Iterator<Row> in, int maxBucket) {
      super(in);
      this.pairs = new BucketPairs(maxBucket);
    }

    @Override
    protected void run(long bucket) {
      pairs.start();
      for (Row r; (r = take(bucket)) != null; ) {
        pairs.add(r.getString(1), r.getLong(2), r.getLong(3), r.getInt(4), r.getBoolean(5), sink);
      }
      pairs.finish(sink);
    }
  }

  /**
   * One row per document: connected components over the pairs' edges, found on the driver by union-find up to
   * {@link #DRIVER_MAX_EDGES} pairs (one collect instead of GraphX's Pregel supersteps), else by GraphX (whose
   * vertex ids are xxhash64 of doc_id: a collision, odds about n²/2^65, 3·10^-8 at a million documents, would merge
   * two clusters). Every document of
   * {@code documents} appears; one in no pair is its own cluster of size 1. cluster_id = the smallest member
   * doc_id (derived from the members only); representative = earliest published_at (nulls last), then longest
   * text (char_count when present), then smallest doc_id. GraphX's graphs stay cached ({@link #apply} releases
   * them).
   */
  public static Dataset<Row> clusters(Dataset<Row> documents, Dataset<Row> pairs) {
    return components(documents, pairs).clusters();
  }

  /**
   * Up to this many verified pairs, the components are found on the driver ({@link UnionFind}) from the collected
   * pairs (about 300 bytes a pair while collected); beyond it by GraphX connected components in Spark.
   */
  static final long DRIVER_MAX_EDGES = 1_000_000L;

  private static final StructType MEMBERS = new StructType().add(DOC_ID, DataTypes.StringType, false)
      .add(CLUSTER_ID, DataTypes.StringType, false);

  private static Components components(Dataset<Row> documents, Dataset<Row> pairs) {
    return components(documents, pairs, DRIVER_MAX_EDGES);
  }

  static Components components(Dataset<Row> documents, Dataset<Row> pairs, long driverMaxEdges) {
    requireColumns(documents, DOC_ID, PUBLISHED_AT, TEXT);
    requireColumns(pairs, DOC_A, DOC_B);
    Dataset<Row> member;
    List<Graph<?, ?>> graphs = List.of();
    if (pairs.count() <= driverMaxEdges) {
      UnionFind uf = new UnionFind();
      for (Row r : pairs.select(DOC_A, DOC_B).collectAsList()) uf.union(r.getString(0), r.getString(1));
      List<Row> rows = new ArrayList<>(uf.size());
      uf.smallestMembers().forEach((doc, cluster) -> rows.add(RowFactory.create(doc, cluster)));
      member = documents.sparkSession().createDataFrame(rows, MEMBERS);
    } else {
      ClassTag<Integer> intTag = ClassTag$.MODULE$.apply(Integer.class);
      JavaRDD<Row> edgeRows = pairs.select(xxhash64(col(DOC_A)), xxhash64(col(DOC_B))).javaRDD();
      // every GraphX superstep runs a task per partition: no more edge partitions than the cluster has cores
      // (the pairs come in 16 + 2; OrangeSum's 2,437 edges made 18-task stages of a few milliseconds of work each)
      int cores = documents.sparkSession().sparkContext().defaultParallelism();
      if (edgeRows.getNumPartitions() > cores) edgeRows = edgeRows.coalesce(cores);
      RDD<Edge<Integer>> edges = edgeRows.map(r -> new Edge<>(r.getLong(0), r.getLong(1), 1)).rdd();
      Graph<Integer, Integer> graph = Graph.fromEdges(edges, 0, StorageLevel.MEMORY_AND_DISK(),
          StorageLevel.MEMORY_AND_DISK(), intTag, intTag);
      Graph<Object, Integer> cc = ConnectedComponents.run(graph, intTag, intTag);
      JavaRDD<Row> comps = cc.vertices().toJavaRDD()
          .map(t -> RowFactory.create((Long) t._1(), (Long) t._2()));
      Dataset<Row> comp = documents.sparkSession().createDataFrame(comps,
          new StructType().add("vid", DataTypes.LongType, false).add("comp", DataTypes.LongType, false));
      Dataset<Row> ids = Pairs.members(pairs).withColumn("vid", xxhash64(col(DOC_ID)));
      member = ids.join(comp, "vid")
          .withColumn(CLUSTER_ID, min(col(DOC_ID)).over(Window.partitionBy("comp")))
          .select(DOC_ID, CLUSTER_ID);
      graphs = List.of(graph, cc);
    }

    Column len = Arrays.asList(documents.columns()).contains(CHAR_COUNT)
        ? coalesce(col(CHAR_COUNT).cast("long"), length(col(TEXT)).cast("long"), lit(0L))
        : coalesce(length(col(TEXT)).cast("long"), lit(0L));
    WindowSpec cluster = Window.partitionBy(CLUSTER_ID);
    Dataset<Row> table = documents.select(col(DOC_ID), col(PUBLISHED_AT), len.as("len"))
        .join(member, new String[] {DOC_ID}, "left")
        .withColumn(CLUSTER_ID, coalesce(col(CLUSTER_ID), col(DOC_ID)))
        .withColumn(CLUSTER_SIZE, count(lit(1)).over(cluster).cast("int"))
        .withColumn(REPRESENTATIVE, first(col(DOC_ID)).over(cluster.orderBy(col(PUBLISHED_AT).asc_nulls_last(),
            col("len").desc(), col(DOC_ID).asc()).rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing())))
        .withColumn(IS_REPRESENTATIVE, col(DOC_ID).equalTo(col(REPRESENTATIVE)))
        .select(CLUSTER_COLUMNS.stream().map(functions::col).toArray(Column[]::new));
    return new Components(table, graphs);
  }

  /** A cluster member as the representative rule sees it: published_at (null: unknown) and text length. */
  public record Member(String docId, java.sql.Timestamp publishedAt, long length) {}

  /**
   * The representative rule of {@link #clusters} in plain Java: earliest published_at (unknown last), then longest
   * text, then smallest doc_id; the first member in this order represents its cluster.
   */
  public static final java.util.Comparator<Member> REPRESENTATIVE_ORDER = java.util.Comparator
      .comparing(Member::publishedAt, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
      .thenComparing(java.util.Comparator.comparingLong(Member::length).reversed())
      .thenComparing(Member::docId);

  static void requireColumns(Dataset<Row> df, String... names) {
    Schemas.require(df, "dedup: input lacks column(s)", names);
  }

  static byte[] toBytes(long[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 8);
    b.asLongBuffer().put(v);
    return b.array();
  }

  static long[] toLongs(byte[] v) {
    long[] out = new long[v.length / 8];
    ByteBuffer.wrap(v).asLongBuffer().get(out);
    return out;
  }
}
