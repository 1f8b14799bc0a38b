package io.newslens.topics;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distributed collapsed Gibbs sampling for LDA (AD-LDA) with MALLET-style hyperparameter optimization, on Spark.
 *
 * <p>Each Spark partition holds one {@link GibbsPartition} (its documents, tokens and assignments) in a cached RDD.
 * Every iteration the driver broadcasts a {@link GibbsPartition.Snapshot} of the global word-topic counts, each
 * partition sweeps its tokens against it, and the new global counts are the sum of the partitions' own counts (a
 * reduce of dense K x V int arrays; no drift, since counts are recomputed from assignments, not from deltas). After
 * {@code burnIn} sweeps and then every {@code optimizeInterval}, the asymmetric alpha and the symmetric beta are
 * re-estimated from count histograms ({@link Dirichlet}), which is what keeps topics balanced.
 *
 * <p>Determinism: partitioning is a hash of doc_id, documents are sorted by doc_id inside partitions and every
 * document draws from its own generator seeded from (seed, iteration, doc_id), so a run is bit-for-bit repeatable
 * for a given number of partitions. With another partition count, the snapshot staleness differs and so do the
 * samples: the topics are statistically equivalent, not identical (see the tests for the tolerance measured).
 */
public final class GibbsLda implements TopicModel {
  private static final Logger LOG = LoggerFactory.getLogger(GibbsLda.class);
  private static final int CHECKPOINT_EVERY = 10;
  /**
   * The largest topic-word prior the hyperparameter optimisation may reach. Beyond one pseudo-count per word and
   * topic the prior outweighs the counts of a small corpus and every topic tends to the uniform distribution; the
   * maximum-likelihood estimate does run away when words rarely repeat within a topic (five short articles reached
   * 255 and gave every article the same mixture). Real corpora end far below it: OrangeSum 0.064, 1,000 of its
   * articles 0.11, 45 of them 0.095, the synthetic corpora 0.076.
   */
  public static final double MAX_BETA = 1.0;

  private final int k;
  private final int iterations;
  private final GibbsPartition.Snapshot model;
  private final Dataset<Row> mixtures;
  private final int[][] topIds;
  private final double[][] topWeights;
  private final int inferenceIterations;
  private final long seed;
  private final Sampler sampler;
  private final int optimisationStoppedAt;
  private final double[][] termCounts;

  private GibbsLda(int k, int iterations, GibbsPartition.Snapshot model, Dataset<Row> mixtures, int[][] topIds,
      double[][] topWeights, int inferenceIterations, long seed, Sampler sampler, int optimisationStoppedAt,
      double[][] termCounts) {
    this.termCounts = termCounts;
    this.k = k;
    this.iterations = iterations;
    this.model = model;
    this.mixtures = mixtures;
    this.topIds = topIds;
    this.topWeights = topWeights;
    this.inferenceIterations = inferenceIterations;
    this.seed = seed;
    this.sampler = sampler;
    this.optimisationStoppedAt = optimisationStoppedAt;
  }

  static final StructType MIXTURES = new StructType().add(DOC_ID, DataTypes.StringType, false)
      .add(MIXTURE, DataTypes.createArrayType(DataTypes.DoubleType, false), false);

  /**
   * Fit corpora of at most this many tokens are sampled on the driver, one thread per core, instead of in Spark
   * tasks: the same partitions, snapshots and reductions, so the model is bit-for-bit the one Spark tasks would fit,
   * without a Spark job and a broadcast per synchronisation (75 of each at 300 sweeps; they were most of the topics
   * stage's time on small corpora and most of its cost on a cluster). The default fit sample
   * ({@link TopicsParams#DEFAULT_FIT_DOCS} articles) stays below it on news (OrangeSum's 15,000 representatives hold
   * about 1.8 M vocabulary tokens); the assignments cost 8 bytes a token on the driver.
   */
  public static final long LOCAL_MAX_TOKENS = 20_000_000L;

  /**
   * Fits K topics on {@code fitBags} (doc_id, term_ids, counts, length &gt; 0) over a vocabulary of size V.
   */
  public static GibbsLda fit(Dataset<Row> fitBags, int vocabularySize, int numTopics, TopicsParams p) {
    return fit(fitBags, vocabularySize, numTopics, p, LOCAL_MAX_TOKENS);
  }

  /** As {@link #fit(Dataset, int, int, TopicsParams)}, sampling on the driver up to {@code localMaxTokens}. */
  static GibbsLda fit(Dataset<Row> fitBags, int vocabularySize, int numTopics, TopicsParams p, long localMaxTokens) {
    SparkSession spark = fitBags.sparkSession();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int partitions = p.partitions() > 0 ? p.partitions() : TopicsParams.DEFAULT_SAMPLER_PARTITIONS;
    final int K = numTopics;
    final int V = vocabularySize;
    final long seed = p.seed();

    Dataset<Row> arranged = fitBags.select(DOC_ID, TERM_IDS, COUNTS)
        .repartition(partitions, col(DOC_ID)).sortWithinPartitions(DOC_ID);
    JavaRDD<GibbsPartition> initial = arranged.javaRDD().mapPartitions((Iterator<Row> rows) -> {
      List<String> ids = new ArrayList<>();
      List<int[]> docs = new ArrayList<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        ids.add(r.getString(0));
        docs.add(expand(r.getList(1), r.getList(2)));
      }
      return Collections.singletonList(
          GibbsPartition.initialize(ids.toArray(new String[0]), docs.toArray(new int[0][]), K, seed)).iterator();
    }).persist(StorageLevel.MEMORY_AND_DISK());
    long[] size = initial.map(s -> {
      int m = 0;
      for (int d = 0; d < s.documents(); d++) m = Math.max(m, s.length(d));
      return new long[] {m, s.tokens()};
    }).reduce((x, y) -> new long[] {Math.max(x[0], y[0]), x[1] + y[1]});
    int maxLength = (int) size[0];
    Sampler sampler;
    if (size[1] <= localMaxTokens) {
      List<GibbsPartition> local = initial.collect();
      initial.unpersist(false);
      sampler = new LocalSampler(local.toArray(new GibbsPartition[0]), K, V, driverCores(spark));
    } else {
      sampler = new SparkSampler(jsc, initial, K, V);
    }
    LOG.info("gibbs: {} tokens in {} partitions, sampled {}", size[1], partitions,
        sampler instanceof LocalSampler l ? "on the driver (" + l.threads + " threads)" : "in Spark tasks");
    GibbsPartition.Counts counts = sampler.counts(-1);

    double[] alpha = new double[K];
    Arrays.fill(alpha, p.alphaSum() / K);
    double beta = p.beta();
    final int iterations = p.iterations();
    // the averaging window: the last averageSweeps sweeps, never the burn-in (an unconverged state is no sample)
    final int averageFrom = p.averageSweeps() == 0 ? Integer.MAX_VALUE
        : Math.max(Math.min(p.burnIn(), iterations - 1) + 1, iterations - p.averageSweeps() + 1);
    // word-topic counts summed over the synchronisations inside the averaging window (top terms and their weights)
    long[] wordTopicSum = new long[K * V];
    long[] topicSum = new long[K];
    int summed = 0;
    int stoppedAt = 0; // the sweep after which alpha and beta were no longer re-estimated, 0 if they always were
    for (int done = 0; done < iterations; ) {
      final int first = done + 1;
      final int count = Math.min(p.localSweeps(), iterations - done);
      final int last = done + count;
      GibbsPartition.Snapshot snap = new GibbsPartition.Snapshot(K, V, counts.wordTopic, counts.topicTotals,
          alpha.clone(), beta);
      boolean optimize = false;
      for (int it = first; it <= last && stoppedAt == 0; it++) {
        optimize |= p.optimizeInterval() > 0 && it > p.burnIn() && it % p.optimizeInterval() == 0;
      }
      counts = sampler.sweeps(snap, first, count, seed, averageFrom, optimize ? maxLength : -1);
      if (last >= averageFrom) {
        for (int i = 0; i < wordTopicSum.length; i++) wordTopicSum[i] += counts.wordTopic[i];
        for (int k = 0; k < K; k++) topicSum[k] += counts.topicTotals[k];
        summed++;
      }
      if (optimize) {
        double[] nextAlpha = alpha.clone();
        Dirichlet.learnParameters(nextAlpha, counts.topicDocCounts, counts.docLengthCounts, 1.001, 1.0, 1);
        double nextBeta = optimizeBeta(counts, K, V, beta);
        if (nextBeta > MAX_BETA) {
          // the estimate is running away (too few repeated words to tell topics apart): keep the last sound values
          stoppedAt = last;
          LOG.warn("gibbs: hyperparameters fixed from sweep {} on: the estimate of beta would be {} (> {}), too few "
              + "repeated words to tell the topics apart; alpha sum {} and beta {} kept", last,
              String.format("%.3f", nextBeta), MAX_BETA, String.format("%.3f", Arrays.stream(alpha).sum()),
              String.format("%.4f", beta));
        } else {
          alpha = nextAlpha;
          beta = nextBeta;
        }
      }
      if (last / 50 > done / 50) LOG.info("gibbs: sweep {} of {}, alpha sum {}, beta {}", last, iterations,
          String.format("%.3f", Arrays.stream(alpha).sum()), String.format("%.4f", beta));
      done = last;
    }
    GibbsPartition.Snapshot finalModel = new GibbsPartition.Snapshot(K, V, counts.wordTopic, counts.topicTotals,
        alpha.clone(), beta);
    int n = Math.min(V, Math.max(10, p.topTerms()));
    int[][] topIds = new int[K][];
    double[][] topW = new double[K][];
    if (summed == 0) {
      for (int i = 0; i < wordTopicSum.length; i++) wordTopicSum[i] = counts.wordTopic[i];
      for (int k = 0; k < K; k++) topicSum[k] = counts.topicTotals[k];
      summed = 1;
    }
    topTerms(wordTopicSum, topicSum, summed, K, V, beta, n, topIds, topW);
    // the same averaged counts for every term, smoothed by beta: P(term | topic) is a row over its sum
    double[][] termCounts = new double[K][V];
    for (int w = 0; w < V; w++) {
      for (int t = 0; t < K; t++) termCounts[t][w] = (double) wordTopicSum[w * K + t] / summed + beta;
    }
    Dataset<Row> mixtures = sampler.mixtures(spark, alpha.clone());
    return new GibbsLda(K, iterations, finalModel, mixtures, topIds, topW, p.inferenceIterations(), seed,
        sampler, stoppedAt, termCounts);
  }

  /** Cores the driver may use: a local master's cores, else spark.driver.cores (1 unless set). */
  static int driverCores(SparkSession spark) {
    String master = spark.sparkContext().master();
    if (master.startsWith("local")) return Math.max(1, spark.sparkContext().defaultParallelism());
    return Math.max(1, spark.sparkContext().getConf().getInt("spark.driver.cores", 1));
  }

  /**
   * Where the sampler's partitions live. Both kinds run the same {@link GibbsPartition} sweeps against the same
   * snapshots and sum the same integer counts, so they fit the same model.
   */
  private interface Sampler {
    /** The summed counts of the current assignments (histograms up to {@code histogram}, or none if -1). */
    GibbsPartition.Counts counts(int histogram);

    /** {@code count} sweeps of every partition against {@code snap}; returns the summed counts after them. */
    GibbsPartition.Counts sweeps(GibbsPartition.Snapshot snap, int first, int count, long seed, int averageFrom,
        int histogram);

    /** doc_id and averaged mixture of every fitted document. */
    Dataset<Row> mixtures(SparkSession spark, double[] alpha);

    void release();
  }

  /** Partitions in a cached RDD: one Spark job and one broadcast snapshot per synchronisation. */
  private static final class SparkSampler implements Sampler {
    private final JavaSparkContext jsc;
    private final int k;
    private final int v;
    private JavaRDD<GibbsPartition> states;
    // the last locally checkpointed state: kept until a newer one exists, since later states recompute from it
    private JavaRDD<GibbsPartition> anchor;
    // snapshots the states since the anchor were computed with: their closures stay in the lineage until then
    private final List<Broadcast<GibbsPartition.Snapshot>> sinceAnchor = new ArrayList<>();
    private int syncs;

    SparkSampler(JavaSparkContext jsc, JavaRDD<GibbsPartition> states, int k, int v) {
      this.jsc = jsc;
      this.states = states;
      this.anchor = states;
      this.k = k;
      this.v = v;
    }

    @Override
    public GibbsPartition.Counts counts(int histogram) {
      final int K = k;
      final int V = v;
      return states.map(s -> s.counts(K, V, histogram)).reduce(GibbsPartition.Counts::add);
    }

    @Override
    public GibbsPartition.Counts sweeps(GibbsPartition.Snapshot snap, int first, int count, long seed,
        int averageFrom, int histogram) {
      Broadcast<GibbsPartition.Snapshot> b = jsc.broadcast(snap);
      JavaRDD<GibbsPartition> next = states.map(s -> s.sweeps(b.value(), first, count, seed, averageFrom))
          .persist(StorageLevel.MEMORY_AND_DISK());
      boolean checkpoint = ++syncs % CHECKPOINT_EVERY == 0;
      if (checkpoint) next.rdd().localCheckpoint();
      final int K = k;
      final int V = v;
      GibbsPartition.Counts counts = next.map(s -> s.counts(K, V, histogram)).reduce(GibbsPartition.Counts::add);
      if (states != anchor) states.unpersist(false);
      sinceAnchor.add(b);
      if (checkpoint) {
        anchor.unpersist(false);
        anchor = next;
        // the checkpointed RDD still holds its own map closure (and so b): keep b, drop the older snapshots
        for (Broadcast<GibbsPartition.Snapshot> old : sinceAnchor) if (old != b) old.destroy();
        sinceAnchor.clear();
        sinceAnchor.add(b);
      }
      states = next;
      return counts;
    }

    @Override
    public Dataset<Row> mixtures(SparkSession spark, double[] alpha) {
      JavaRDD<Row> rows = states.flatMap(s -> mixtureRows(s, alpha).iterator());
      return spark.createDataFrame(rows, MIXTURES);
    }

    @Override
    public void release() {
      states.unpersist(false);
      anchor.unpersist(false);
      for (Broadcast<GibbsPartition.Snapshot> b : sinceAnchor) b.destroy();
      sinceAnchor.clear();
    }
  }

  /** Partitions on the driver, swept by a pool of threads: no Spark job per synchronisation. */
  private static final class LocalSampler implements Sampler {
    private final GibbsPartition[] states;
    private final int k;
    private final int v;
    private final int threads;
    private final java.util.concurrent.ExecutorService pool;

    LocalSampler(GibbsPartition[] states, int k, int v, int threads) {
      this.states = states;
      this.k = k;
      this.v = v;
      this.threads = Math.max(1, Math.min(threads, states.length));
      this.pool = java.util.concurrent.Executors.newFixedThreadPool(this.threads, r -> {
        Thread t = new Thread(r, "newslens-gibbs");
        t.setDaemon(true);
        return t;
      });
    }

    @Override
    public GibbsPartition.Counts counts(int histogram) {
      return sum(all(i -> states[i].counts(k, v, histogram)));
    }

    @Override
    public GibbsPartition.Counts sweeps(GibbsPartition.Snapshot snap, int first, int count, long seed,
        int averageFrom, int histogram) {
      return sum(all(i -> {
        states[i] = states[i].sweeps(snap, first, count, seed, averageFrom);
        return states[i].counts(k, v, histogram);
      }));
    }

    /** Runs the task for every partition on the pool and returns the results in partition order. */
    private <T> List<T> all(java.util.function.IntFunction<T> task) {
      List<java.util.concurrent.Future<T>> futures = new ArrayList<>(states.length);
      for (int i = 0; i < states.length; i++) {
        final int part = i;
        futures.add(pool.submit(() -> task.apply(part)));
      }
      List<T> out = new ArrayList<>(states.length);
      try {
        for (java.util.concurrent.Future<T> f : futures) out.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("gibbs: interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      }
      return out;
    }

    private static GibbsPartition.Counts sum(List<GibbsPartition.Counts> parts) {
      GibbsPartition.Counts total = parts.get(0);
      for (int i = 1; i < parts.size(); i++) total = total.add(parts.get(i));
      return total;
    }

    @Override
    public Dataset<Row> mixtures(SparkSession spark, double[] alpha) {
      List<Row> rows = new ArrayList<>();
      for (GibbsPartition s : states) rows.addAll(mixtureRows(s, alpha));
      return spark.createDataFrame(rows, MIXTURES);
    }

    @Override
    public void release() {
      pool.shutdownNow();
    }
  }

  private static List<Row> mixtureRows(GibbsPartition s, double[] alpha) {
    List<Row> out = new ArrayList<>(s.documents());
    for (int d = 0; d < s.documents(); d++) out.add(RowFactory.create(s.docId(d), s.averagedMixture(d, alpha)));
    return out;
  }

  /**
   * Top terms per topic by count (desc), ties by term id (asc), from word-topic counts summed over {@code samples}
   * synchronisations; weight = (n_wk + beta) / (n_k + V beta) with the mean counts n = sum / samples.
   */
  static void topTerms(long[] wordTopicSum, long[] topicSum, int samples, int K, int V, double beta, int n,
      int[][] ids, double[][] weights) {
    for (int k = 0; k < K; k++) {
      final int topic = k;
      Integer[] order = new Integer[V];
      for (int w = 0; w < V; w++) order[w] = w;
      Arrays.sort(order, (x, y) -> {
        int c = Long.compare(wordTopicSum[y * K + topic], wordTopicSum[x * K + topic]);
        return c != 0 ? c : Integer.compare(x, y);
      });
      ids[k] = new int[n];
      weights[k] = new double[n];
      double den = (double) topicSum[k] / samples + V * beta;
      for (int i = 0; i < n; i++) {
        ids[k][i] = order[i];
        weights[k][i] = ((double) wordTopicSum[order[i] * K + k] / samples + beta) / den;
      }
    }
  }

  private static double optimizeBeta(GibbsPartition.Counts c, int K, int V, double beta) {
    int max = 0;
    for (int x : c.wordTopic) max = Math.max(max, x);
    int[] hist = new int[max + 1];
    for (int x : c.wordTopic) if (x > 0) hist[x]++;
    double sum = Dirichlet.learnSymmetricConcentration(hist, c.topicTotals, V, beta * V);
    double b = sum / V;
    return Double.isFinite(b) && b > 0 ? b : beta;
  }

  static int[] expand(List<Integer> ids, List<Integer> counts) {
    int n = 0;
    for (Integer c : counts) n += c;
    int[] w = new int[n];
    int pos = 0;
    for (int i = 0; i < ids.size(); i++) {
      int id = ids.get(i);
      for (int j = 0; j < counts.get(i); j++) w[pos++] = id;
    }
    return w;
  }

  @Override
  public int k() {
    return k;
  }

  @Override
  public String algorithm() {
    return TopicsParams.Algorithm.GIBBS.id();
  }

  @Override
  public int iterations() {
    return iterations;
  }

  @Override
  public int[][] topTermIds() {
    return topIds;
  }

  @Override
  public double[][] topTermWeights() {
    return topWeights;
  }

  @Override
  public double[][] termCounts() {
    return termCounts;
  }

  @Override
  public double[] alpha() {
    return model.alpha().clone();
  }

  public double beta() {
    return model.beta();
  }

  /** The sweep from which alpha and beta were kept fixed because the estimate ran away, 0 if it never did. */
  public int optimisationStoppedAt() {
    return optimisationStoppedAt;
  }

  @Override
  public Dataset<Row> fittedMixtures() {
    return mixtures;
  }

  @Override
  public Dataset<Row> infer(Dataset<Row> bags) {
    return infer(bags, model, inferenceIterations, seed);
  }

  /**
   * The final counts and hyperparameters the model infers with: what an update stores and infers new documents'
   * mixtures with ({@link #infer(Dataset, GibbsPartition.Snapshot, int, long)}).
   */
  public GibbsPartition.Snapshot snapshot() {
    return model;
  }

  /**
   * doc_id, mixture of each bag (doc_id, term_ids, counts, length &gt; 0) inferred with the model {@code m}:
   * {@code iterations} sweeps seeded by {@code seed} and the doc_id, so a document gets the same mixture from the
   * same model whenever it is inferred.
   */
  public static Dataset<Row> infer(Dataset<Row> bags, GibbsPartition.Snapshot m, int iterations, long seed) {
    SparkSession spark = bags.sparkSession();
    Broadcast<GibbsPartition.Snapshot> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(m);
    JavaRDD<Row> rows = bags.select(DOC_ID, TERM_IDS, COUNTS).javaRDD()
        .mapPartitions(it -> inferred(it, b.value(), iterations, seed));
    return spark.createDataFrame(rows, MIXTURES);
  }

  /** doc_id and inferred mixture of each (doc_id, term_ids, counts) row; one inferencer for the whole partition. */
  private static Iterator<Row> inferred(Iterator<Row> rows, GibbsPartition.Snapshot m, int iterations, long seed) {
    GibbsPartition.Inferencer inferencer = new GibbsPartition.Inferencer(m);
    return new Iterator<Row>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row r = rows.next();
        int[] ndk = inferencer.infer(r.getString(0), expand(r.getList(1), r.getList(2)), iterations, seed);
        return RowFactory.create(r.getString(0), GibbsPartition.mixture(ndk, m.alpha()));
      }
    };
  }

  @Override
  public void release() {
    sampler.release();
  }
}
