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
    int[] ndk = GibbsPartition.infer("new", new int[] {4, 5, 5, 3}, m, 20, 42);
    assertEquals(4, ndk[argmax(s.docTopicCounts(39, K))]);
    // a one-token document and an empty one
    assertEquals(1, Arrays.stream(GibbsPartition.infer("one", new int[] {0}, m, 5, 42)).sum());
    assertArrayEquals(new int[] {0, 0}, GibbsPartition.infer("empty", new int[0], m, 5, 42));
    GibbsPartition withEmpty = GibbsPartition.initialize(new String[] {"e", "x"}, new int[][] {{}, {1}}, K, 3);
    GibbsPartition swept = withEmpty.sweep(m, 1, 3);
    assertEquals(0, swept.length(0));
    assertEquals(1, Arrays.stream(swept.docTopicCounts(1, K)).sum());
  }

  static int argmax(int[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
    return best;
  }
}
