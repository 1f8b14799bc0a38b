package io.newslens.dedup;

import io.newslens.spark.Pairs;
import io.newslens.spark.Schemas;
import io.newslens.spark.SortedRuns;
import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
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
 *   <li>Each text becomes, in one pass ({@code mapPartitions}), the hashes of its normalized words
 *       ({@link WordTokenizer#wordHashes}), their exact key and set of word shingles ({@link Shingler}), a
 *       one-permutation MinHash signature ({@link OnePermutationHasher}) and its LSH band keys ({@link Banding}):
 *       a small persisted feature table of longs.</li>
 *   <li><b>Exact duplicates</b>: documents sharing an exact key; each is paired with the group's smallest doc_id
 *       (a star, linear in the group size). Only that smallest member goes on to the near-duplicate search.</li>
 *   <li><b>Near duplicates</b>: banded LSH ({@link Banding}) gives candidate pairs per bucket; a bucket larger
 *       than {@code maxBucketSize} gives only linear work (each member with the bucket's smallest doc_id and with
 *       its successor). Every candidate is verified by exact Jaccard and containment ({@link SetSimilarity}).</li>
 *   <li><b>Clusters</b>: GraphX connected components over all verified pairs; the cluster id is its smallest
 *       member doc_id, the representative the earliest published member, then the longest, then the smallest
 *       doc_id.</li>
 * </ol>
 *
 * <p>Works on {@code text}: the clean stage's text without site boilerplate, so shared boilerplate cannot make
 * two different articles of one outlet look alike.
 *
 * <p>Not fully lazy: connected components are iterative and run their Spark jobs inside {@link #apply}; so that
 * writing the pairs afterwards does not recompute them, {@code apply} persists the per-document features, the
 * candidate pairs (read by three joins) and the verified pairs (memory and disk), and GraphX keeps its graphs
 * cached; {@link Result#release} frees all of them once the tables are written. A caller that writes the pairs
 * first can call {@link #clusters} on the pairs read back.
 */
public final class Dedup {
  private Dedup() {}

  /**
   * pairs: see {@link #PAIR_COLUMNS}; clusters: one row per document, see {@link #CLUSTER_COLUMNS}. Both are read
   * from what {@code apply} persisted: call {@link #release} once they are written, not before.
   */
  public record Result(Dataset<Row> pairs, Dataset<Row> clusters, List<Dataset<Row>> cached,
      List<Graph<?, ?>> graphs) {
    /** Unpersists the features, the candidate and verified pairs, and the connected-components graphs. */
    public void release() {
      for (Dataset<Row> d : cached) d.unpersist(false);
      for (Graph<?, ?> g : graphs) g.unpersist(false);
    }
  }

  /** The verified pairs and what computing them persisted (the features and the candidate pairs). */
  private record Found(Dataset<Row> pairs, Dataset<Row> features, Dataset<Row> candidates) {}

  /** A clusters table and the GraphX graphs its lineage reads (cached until unpersisted). */
  private record Components(Dataset<Row> clusters, List<Graph<?, ?>> graphs) {}

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

  private static final String KEY = "exact_key";
  private static final String NSH = "n_shingles";
  private static final String SH = "shingles";
  private static final String SIG = "signature";
  static final String BANDS = "band_keys";
  private static final String REP = "exact_rep";

  /** The per-document feature table: one row per document with at least one word. */
  private static final StructType FEATURES = new StructType()
      .add(DOC_ID, DataTypes.StringType, false)
      .add(KEY, DataTypes.StringType, false)
      .add(NSH, DataTypes.IntegerType, false)
      .add(SH, DataTypes.BinaryType, false)
      .add(SIG, DataTypes.BinaryType, false)
      .add(BANDS, DataTypes.createArrayType(DataTypes.LongType, false), false);

  private static final StructType VERIFIED = new StructType()
      .add(ESTIMATED_JACCARD, DataTypes.DoubleType, false)
      .add(JACCARD, DataTypes.DoubleType, false)
      .add(CONTAINMENT, DataTypes.DoubleType, false)
      .add(SHARED_SHINGLES, DataTypes.IntegerType, false)
      .add(SHINGLES_A, DataTypes.IntegerType, false)
      .add(SHINGLES_B, DataTypes.IntegerType, false);

  private static final StructType PAIR = new StructType()
      .add(DOC_A, DataTypes.StringType, false)
      .add(DOC_B, DataTypes.StringType, false);

  /** Pairs and clusters of {@code documents} (needs doc_id, published_at, text; uses char_count if present). */
  public static Result apply(Dataset<Row> documents, DedupParams p) {
    requireColumns(documents, DOC_ID, PUBLISHED_AT, TEXT);
    Found found = find(documents, p);
    Dataset<Row> pairs = found.pairs().persist(StorageLevel.MEMORY_AND_DISK());
    Components c = components(documents, pairs);
    return new Result(pairs, c.clusters(), List.of(found.features(), found.candidates(), pairs), c.graphs());
  }

  /**
   * The per-document features, in one pass over the texts: exact key, shingle set (sorted longs as bytes), its
   * one-permutation MinHash signature and the signature's LSH band keys. Documents without words are left out.
   */
  static Dataset<Row> features(Dataset<Row> documents, DedupParams p) {
    Banding banding = p.banding();
    OnePermutationHasher hasher = new OnePermutationHasher(Math.max(p.numHashes(), banding.numHashes()), p.seed());
    int k = p.shingleSize();
    return documents.select(col(DOC_ID), col(TEXT)).mapPartitions((MapPartitionsFunction<Row, Row>) it ->
        new Iterator<Row>() {
          Row next = advance();

          private Row advance() {
            while (it.hasNext()) {
              Row r = it.next();
              long[] wh = WordTokenizer.wordHashes(r.getString(1));
              if (wh.length == 0) continue;
              long[] sh = Shingler.shingleSet(wh, k);
              long[] sig = hasher.signature(sh);
              return RowFactory.create(r.getString(0), Shingler.exactKey(wh), sh.length, toBytes(sh), toBytes(sig),
                  banding.bandKeys(sig));
            }
            return null;
          }

          @Override
          public boolean hasNext() {
            return next != null;
          }

          @Override
          public Row next() {
            if (next == null) throw new java.util.NoSuchElementException();
            Row r = next;
            next = advance();
            return r;
          }
        }, Encoders.row(FEATURES));
  }

  /**
   * The verified duplicate pairs alone (lazy; the per-document features and the candidate pairs are marked
   * persisted, and stay so: {@link #apply} is the entry point that releases them).
   */
  public static Dataset<Row> pairs(Dataset<Row> documents, DedupParams p) {
    return find(documents, p).pairs();
  }

  private static Found find(Dataset<Row> documents, DedupParams p) {
    requireColumns(documents, DOC_ID, TEXT);
    Dataset<Row> features = features(documents, p).persist(StorageLevel.MEMORY_AND_DISK());

    // exact duplicates: a star from the smallest doc_id of each exact key
    Dataset<Row> narrow = features.select(DOC_ID, KEY, NSH);
    Dataset<Row> groups = narrow.groupBy(KEY).agg(min(col(DOC_ID)).as(REP), count(lit(1)).as("n"))
        .filter(col("n").gt(1)).select(KEY, REP);
    Dataset<Row> exact = narrow.join(groups, KEY).filter(col(DOC_ID).notEqual(col(REP))).select(col(REP).as(DOC_A),
        col(DOC_ID).as(DOC_B), lit(EXACT).as(KIND), lit(1.0).as(ESTIMATED_JACCARD), lit(1.0).as(JACCARD),
        lit(1.0).as(CONTAINMENT), col(NSH).as(SHARED_SHINGLES), col(NSH).as(SHINGLES_A), col(NSH).as(SHINGLES_B));

    // near duplicates among the representatives only: band keys of the others are dropped (a narrow anti join)
    Dataset<Row> repBands = features.select(DOC_ID, BANDS)
        .join(exact.select(col(DOC_B).as(DOC_ID)), new String[] {DOC_ID}, "left_anti");
    // read by the semi join below and by both sides' joins: without persisting, Spark recomputed the band shuffle
    // for each (OrangeSum: five shuffles of 1.26 M band rows for 1,404 candidate pairs)
    Dataset<Row> candidates = candidates(repBands, p.maxBucketSize()).persist(StorageLevel.MEMORY_AND_DISK());

    UserDefinedFunction verify = udf((UDF4<byte[], byte[], byte[], byte[], Row>) (sa, sb, ga, gb) -> {
      long[] a = toLongs(sa);
      long[] b = toLongs(sb);
      int inter = SetSimilarity.intersection(a, b);
      return RowFactory.create(MinHasher.estimate(toLongs(ga), toLongs(gb)), SetSimilarity.jaccard(inter, a.length,
          b.length), SetSimilarity.containment(inter, a.length, b.length), inter, a.length, b.length);
    }, VERIFIED).asNondeterministic().asNonNullable();

    // only the features of documents in some candidate pair are joined to the pairs (a semi join first)
    Dataset<Row> side = features.select(DOC_ID, SH, SIG)
        .join(Pairs.members(candidates), new String[] {DOC_ID}, "left_semi");
    Dataset<Row> near = candidates
        .join(side.toDF(DOC_A, "sh_a", "sig_a"), DOC_A)
        .join(side.toDF(DOC_B, "sh_b", "sig_b"), DOC_B)
        .select(col(DOC_A), col(DOC_B), verify.apply(col("sh_a"), col("sh_b"), col("sig_a"), col("sig_b")).as("v"))
        .select(col(DOC_A), col(DOC_B), lit(NEAR).as(KIND), col("v.*"))
        .filter(col(JACCARD).geq(p.minJaccard()).or(col(CONTAINMENT).geq(p.minContainment())
            .and(least(col(SHINGLES_A), col(SHINGLES_B)).geq(p.minContainedShingles()))));

    return new Found(exact.unionByName(near).select(PAIR_COLUMNS.stream().map(functions::col)
        .toArray(Column[]::new)), features, candidates);
  }

  /**
   * Candidate pairs (doc_a &lt; doc_b, distinct) from banded LSH over {@code bands} (doc_id, band_keys): all pairs
   * of a bucket with at most {@code maxBucket} members; in a larger bucket each member is paired with the bucket's
   * smallest doc_id and with the next doc_id in order ({@link Banding#bucketPairs}), so work stays linear while the
   * members still end up connected.
   */
  static Dataset<Row> candidates(Dataset<Row> bands, int maxBucket) {
    // one shuffle: band rows clustered and sorted by bucket, then doc_id; each bucket is read as one group
    return bands.select(explode(col(BANDS)).as("bucket"), col(DOC_ID))
        .repartition(col("bucket")).sortWithinPartitions(col("bucket"), col(DOC_ID))
        .mapPartitions((MapPartitionsFunction<Row, Row>) it -> new BucketPairIterator(it, maxBucket),
            Encoders.row(PAIR))
        .distinct();
  }

  /**
   * Reads (bucket, doc_id) rows sorted by bucket then doc_id and yields each bucket's candidate pairs
   * ({@link Banding#bucketPairs}). A bucket is buffered up to maxBucket members; past that its pairs are streamed
   * (each member with the first and with its predecessor), so memory stays bounded.
   */
  private static final class BucketPairIterator extends SortedRuns {
    private final int maxBucket;
    private final String[] members;

    BucketPairIterator(Iterator<Row> in, int maxBucket) {
      super(in);
      this.maxBucket = maxBucket;
      this.members = new String[maxBucket + 1];
    }

    @Override
    protected void run(long bucket) {
      int n = 0;
      String first = null;
      String prev = null;
      for (Row r; (r = take(bucket)) != null; ) {
        String id = r.getString(1);
        if (prev != null && prev.equals(id)) continue; // one document twice in a bucket (a 64-bit key collision)
        if (n <= maxBucket) {
          members[n] = id;
          if (n == maxBucket) bufferedPairs(n + 1); // over the limit: star and chain for what is buffered
        } else { // and stream the rest
          emit(RowFactory.create(first, id));
          emit(RowFactory.create(prev, id));
        }
        if (n == 0) first = id;
        prev = id;
        n++;
      }
      if (n >= 2 && n <= maxBucket) bufferedPairs(n);
    }

    private void bufferedPairs(int n) {
      for (long x : Banding.bucketPairs(n, maxBucket)) {
        emit(RowFactory.create(members[(int) (x >>> 32)], members[(int) x]));
      }
    }
  }

  /**
   * One row per document: connected components (GraphX) over the pairs' edges. Every document of
   * {@code documents} appears; one in no pair is its own cluster of size 1. cluster_id = the smallest member
   * doc_id (derived from the members only); representative = earliest published_at (nulls last), then longest
   * text (char_count when present), then smallest doc_id. Vertex ids are xxhash64 of doc_id: a collision (odds
   * about n²/2^65, 3·10^-8 at a million documents) would merge two clusters. The GraphX graphs stay cached
   * ({@link #apply} releases them).
   */
  public static Dataset<Row> clusters(Dataset<Row> documents, Dataset<Row> pairs) {
    return components(documents, pairs).clusters();
  }

  private static Components components(Dataset<Row> documents, Dataset<Row> pairs) {
    requireColumns(documents, DOC_ID, PUBLISHED_AT, TEXT);
    requireColumns(pairs, DOC_A, DOC_B);
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
    Dataset<Row> member = ids.join(comp, "vid")
        .withColumn(CLUSTER_ID, min(col(DOC_ID)).over(Window.partitionBy("comp")))
        .select(DOC_ID, CLUSTER_ID);

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
    return new Components(table, List.of(graph, cc));
  }

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
