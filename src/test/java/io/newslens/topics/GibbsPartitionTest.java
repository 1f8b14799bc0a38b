package io.newslens.topics;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sampler of one partition on a planted two-topic corpus, without Spark. */
class GibbsPartitionTest {
  static final int V = 6;
  static final int K = 2;

  /** 40 documents: the first 20 use words 0..2 only, the last 20 words 3..5 only; 15 tokens each. */
  static GibbsPartition planted(long seed) {
    Random r = new Random(7);
    String[] ids = new String[40];
    int[][] docs = new int[40][];
    for (int d = 0; d < 40; d++) {
      ids[d] = "d" + d;
      docs[d] = new int[15];
      for (int i = 0; i < 15; i++) docs[d][i] = (d < 20 ? 0 : 3) + r.nextInt(3);
    }
    return GibbsPartition.initialize(ids, docs, K, seed);
  }

  static GibbsPartition run(GibbsPartition s, int sweeps, long seed) {
    double[] alpha = {0.5, 0.5};
    for (int it = 1; it <= sweeps; it++) {
      GibbsPartition.Counts c = s.counts(K, V, -1);
      s = s.sweep(new GibbsPartition.Snapshot(K, V, c.wordTopic, c.topicTotals, alpha, 0.01), it, seed);
    }
    return s;
  }

  @Test
  void recoversPlantedTopics() {
    GibbsPartition s = run(planted(42), 30, 42);
    int topicA = argmax(s.docTopicCounts(0, K));
    assertNotEquals(topicA, argmax(s.docTopicCounts(39, K)));
    for (int d = 0; d < 40; d++) {
      int[] ndk = s.docTopicCounts(d, K);
      assertEquals(d < 20 ? topicA : 1 - topicA, argmax(ndk), "doc " + d);
      assertEquals(15, ndk[argmax(ndk)], "doc " + d + " is pure: " + Arrays.toString(ndk));
    }
    GibbsPartition.Counts c = s.counts(K, V, 15);
    assertEquals(600, c.topicTotals[0] + c.topicTotals[1]);
    assertEquals(300, c.topicTotals[topicA]);
    // histograms: 20 docs hold 15 tokens of each topic; 40 docs of length 15
    assertEquals(20, c.topicDocCounts[topicA][15]);
    assertEquals(40, c.docLengthCounts[15]);
  }

  @Test
  void sweepsAreDeterministicAndDependOnTheSeed() {
    GibbsPartition a = run(planted(1), 3, 1);
    GibbsPartition b = run(planted(1), 3, 1);
    GibbsPartition c = run(planted(2), 3, 2);
    assertArrayEquals(a.topics, b.topics);
    assertFalse(Arrays.equals(a.topics, c.topics));
  }

  @Test
  void mixtureSumsToOneAndInferenceFindsTheTopic() {
    GibbsPartition s = run(planted(42), 30, 42);
    double[] alpha = {0.5, 0.5};
    double[] theta = GibbsPartition.mixture(s.docTopicCounts(0, K), alpha);
    assertEquals(1.0, theta[0] + theta[1], 1e-12);
    // 15 tokens + alpha 0.5: (15.5 / 16, 0.5 / 16)
    assertEquals(15.5 / 16, Math.max(theta[0], theta[1]), 1e-12);
    GibbsPartition.Counts c = s.counts(K, V, -1);
    GibbsPartition.Snapshot m = new GibbsPartition.Snapshot(K, V, c.wordTopic, c.topicTotals, alpha, 0.01);
    int[] ndk = new GibbsPartition.Inferencer(m).infer("new", new int[] {4, 5, 5, 3}, 20, 42);
    assertEquals(4, ndk[argmax(s.docTopicCounts(39, K))]);
    // a one-token document and an empty one
    assertEquals(1, Arrays.stream(new GibbsPartition.Inferencer(m).infer("one", new int[] {0}, 5, 42)).sum());
    assertArrayEquals(new int[] {0, 0}, new GibbsPartition.Inferencer(m).infer("empty", new int[0], 5, 42));
    GibbsPartition withEmpty = GibbsPartition.initialize(new String[] {"e", "x"}, new int[][] {{}, {1}}, K, 3);
    GibbsPartition swept = withEmpty.sweep(m, 1, 3);
    assertEquals(0, swept.length(0));
    assertEquals(1, Arrays.stream(swept.docTopicCounts(1, K)).sum());
  }

  @Test
  void localSweepsOfOnePartitionEqualSweepsAgainstFreshCounts() {
    // a single partition's own moves are all the moves: L local sweeps against one snapshot are exactly L sweeps
    // each against the counts of the previous one
    double[] alpha = {0.5, 0.5};
    GibbsPartition start = planted(5);
    GibbsPartition.Counts c = start.counts(K, V, -1);
    GibbsPartition local = start.sweeps(new GibbsPartition.Snapshot(K, V, c.wordTopic, c.topicTotals, alpha, 0.01),
        1, 4, 5, Integer.MAX_VALUE);
    assertArrayEquals(run(start, 4, 5).topics, local.topics);
    assertEquals(0, local.samples());
  }

  @Test
  void averagedMixtureIsTheMeanOfTheLastSweepsCounts() {
    double[] alpha = {0.5, 0.5};
    GibbsPartition s = planted(9);
    int[][] sums = new int[40][K];
    for (int it = 1; it <= 5; it++) {
      GibbsPartition.Counts c = s.counts(K, V, -1);
      // sweeps 4 and 5 are averaged (averageFrom = 4); the partition carries its sums from call to call
      s = s.sweeps(new GibbsPartition.Snapshot(K, V, c.wordTopic, c.topicTotals, alpha, 0.01), it, 1, 9, 4);
      if (it >= 4) for (int d = 0; d < 40; d++) for (int k = 0; k < K; k++) sums[d][k] += s.docTopicCounts(d, K)[k];
    }
    assertEquals(2, s.samples());
    for (int d = 0; d < 40; d++) {
      double[] theta = s.averagedMixture(d, alpha);
      for (int k = 0; k < K; k++) assertEquals((sums[d][k] / 2.0 + 0.5) / 16.0, theta[k], 1e-12, "doc " + d);
      assertEquals(1.0, theta[0] + theta[1], 1e-12);
    }
    // hand-computed: mean counts (1.5, 13.5) with alpha (0.5, 0.5) over 15 + 1 = (2 / 16, 14 / 16)
    assertArrayEquals(new double[] {0.125, 0.875}, GibbsPartition.mixture(new double[] {1.5, 13.5}, alpha), 1e-15);
    // before the window: the last sample's mixture
    GibbsPartition fresh = planted(9);
    assertArrayEquals(GibbsPartition.mixture(fresh.docTopicCounts(3, K), alpha), fresh.averagedMixture(3, alpha));
    // a document without tokens keeps zero sums and gets the prior mean
    GibbsPartition.Counts c = s.counts(K, V, -1);
    GibbsPartition e = GibbsPartition.initialize(new String[] {"e", "x"}, new int[][] {{}, {1}}, K, 3)
        .sweeps(new GibbsPartition.Snapshot(K, V, c.wordTopic, c.topicTotals, alpha, 0.01), 1, 3, 3, 2);
    assertEquals(2, e.samples());
    assertArrayEquals(new double[] {0.5, 0.5}, e.averagedMixture(0, alpha), 1e-15);
    assertEquals(1.0, Arrays.stream(e.averagedMixture(1, alpha)).sum(), 1e-12);
  }

  static int argmax(int[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
    return best;
  }

  @Test
  void sparseInferenceConditionalEqualsTheDenseFormula() {
    // K = 4, V = 3; word 2 holds no topic at all, word 0 only topic 1
    int k = 4;
    int v = 3;
    int[] nwk = {0, 7, 0, 0, 3, 0, 5, 1, 0, 0, 0, 0};
    int[] nk = {3, 7, 5, 1};
    double[] alpha = {0.1, 0.4, 0.2, 0.3};
    double beta = 0.05;
    GibbsPartition.Inferencer inf = new GibbsPartition.Inferencer(new GibbsPartition.Snapshot(k, v, nwk, nk, alpha,
        beta));
    int[][] docs = {{0, 0, 0, 0}, {2, 0, 1, 0}, {0, 3, 0, 1}};
    for (int w = 0; w < v; w++) {
      for (int[] ndk : docs) {
        double[] dense = new double[k];
        double total = 0;
        for (int t = 0; t < k; t++) {
          dense[t] = (alpha[t] + ndk[t]) * (nwk[w * k + t] + beta) / (nk[t] + v * beta);
          total += dense[t];
        }
        double[] sparse = inf.conditional(w, ndk);
        for (int t = 0; t < k; t++) assertEquals(dense[t] / total, sparse[t], 1e-12, "w=" + w + " t=" + t);
      }
    }
    // sampling walks the buckets right: a one-token document's topic after one sweep follows the conditional
    int[] seen = new int[k];
    int n = 40_000;
    for (int i = 0; i < n; i++) {
      int[] ndk = inf.infer("doc-" + i, new int[] {1}, 1, 7);
      for (int t = 0; t < k; t++) if (ndk[t] == 1) seen[t]++;
    }
    double[] p = inf.conditional(1, new int[k]);
    for (int t = 0; t < k; t++) {
      double sd = Math.sqrt(p[t] * (1 - p[t]) / n);
      assertEquals(p[t], (double) seen[t] / n, 5 * sd + 1e-9, "topic " + t);
    }
  }
}
