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
  private final JavaRDD<GibbsPartition> states;
  private final JavaRDD<GibbsPartition> anchor;
  private final List<Broadcast<GibbsPartition.Snapshot>> snapshots;
  private final int optimisationStoppedAt;
  private final double[][] termCounts;

  private GibbsLda(int k, int iterations, GibbsPartition.Snapshot model, Dataset<Row> mixtures, int[][] topIds,
      double[][] topWeights, int inferenceIterations, long seed, JavaRDD<GibbsPartition> states,
      JavaRDD<GibbsPartition> anchor, List<Broadcast<GibbsPartition.Snapshot>> snapshots, int optimisationStoppedAt,
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
    this.states = states;
    this.anchor = anchor;
    this.snapshots = snapshots;
    this.optimisationStoppedAt = optimisationStoppedAt;
  }

  static final StructType MIXTURES = new StructType().add(DOC_ID, DataTypes.StringType, false)
      .add(MIXTURE, DataTypes.createArrayType(DataTypes.DoubleType, false), false);

  /**
   * Fits K topics on {@code fitBags} (doc_id, term_ids, counts, length &gt; 0) over a vocabulary of size V.
   */
  public static GibbsLda fit(Dataset<Row> fitBags, int vocabularySize, int numTopics, TopicsParams p) {
    SparkSession spark = fitBags.sparkSession();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int partitions = p.partitions() > 0 ? p.partitions() : TopicsParams.DEFAULT_SAMPLER_PARTITIONS;
    final int K = numTopics;
    final int V = vocabularySize;
    final long seed = p.seed();

    Dataset<Row> arranged = fitBags.select(DOC_ID, TERM_IDS, COUNTS)
        .repartition(partitions, col(DOC_ID)).sortWithinPartitions(DOC_ID);
    JavaRDD<GibbsPartition> states = arranged.javaRDD().mapPartitions((Iterator<Row> rows) -> {
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
    int maxLength = states.map(s -> {
      int m = 0;
      for (int d = 0; d < s.documents(); d++) m = Math.max(m, s.length(d));
      return m;
    }).reduce(Math::max);
    GibbsPartition.Counts counts = states.map(s -> s.counts(K, V, -1)).reduce(GibbsPartition.Counts::add);

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
    // the last locally checkpointed state: kept until a newer one exists, since later states recompute from it
    JavaRDD<GibbsPartition> anchor = states;
    // snapshots the states since the anchor were computed with: their closures stay in the lineage until then
    List<Broadcast<GibbsPartition.Snapshot>> sinceAnchor = new ArrayList<>();
    int syncs = 0;
    int stoppedAt = 0; // the sweep after which alpha and beta were no longer re-estimated, 0 if they always were
    for (int done = 0; done < iterations; ) {
      final int first = done + 1;
      final int count = Math.min(p.localSweeps(), iterations - done);
      final int last = done + count;
      GibbsPartition.Snapshot snap = new GibbsPartition.Snapshot(K, V, counts.wordTopic, counts.topicTotals,
          alpha.clone(), beta);
      Broadcast<GibbsPartition.Snapshot> b = jsc.broadcast(snap);
      boolean optimize = false;
      for (int it = first; it <= last && stoppedAt == 0; it++) {
        optimize |= p.optimizeInterval() > 0 && it > p.burnIn() && it % p.optimizeInterval() == 0;
      }
      final int histogram = optimize ? maxLength : -1;
      JavaRDD<GibbsPartition> next = states.map(s -> s.sweeps(b.value(), first, count, seed, averageFrom))
          .persist(StorageLevel.MEMORY_AND_DISK());
      boolean checkpoint = ++syncs % CHECKPOINT_EVERY == 0;
      if (checkpoint) next.rdd().localCheckpoint();
      counts = next.map(s -> s.counts(K, V, histogram)).reduce(GibbsPartition.Counts::add);
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

    final double[] a = alpha.clone();
    JavaRDD<Row> rows = states.flatMap(s -> {
      List<Row> out = new ArrayList<>(s.documents());
      for (int d = 0; d < s.documents(); d++) {
        out.add(RowFactory.create(s.docId(d), s.averagedMixture(d, a)));
      }
      return out.iterator();
    });
    Dataset<Row> mixtures = spark.createDataFrame(rows, MIXTURES);
    return new GibbsLda(K, iterations, finalModel, mixtures, topIds, topW, p.inferenceIterations(), seed,
        states, anchor, sinceAnchor, stoppedAt, termCounts);
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
    SparkSession spark = bags.sparkSession();
    Broadcast<GibbsPartition.Snapshot> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(model);
    final int iters = inferenceIterations;
    final long s = seed;
    JavaRDD<Row> rows = bags.select(DOC_ID, TERM_IDS, COUNTS).javaRDD()
        .mapPartitions(it -> inferred(it, b.value(), iters, s));
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
    states.unpersist(false);
    anchor.unpersist(false);
    for (Broadcast<GibbsPartition.Snapshot> b : snapshots) b.destroy();
    snapshots.clear();
  }
}
