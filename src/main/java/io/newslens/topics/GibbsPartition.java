package io.newslens.topics;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The documents of one partition and their topic assignments, with the collapsed Gibbs sweep of LDA over them.
 * Pure Java, no Spark: the stage keeps one instance per Spark partition and runs {@link #sweep} against a
 * {@link Snapshot} of the global counts every iteration (approximate distributed LDA, AD-LDA: Newman et al., JMLR
 * 2009). Written by hand because no maintained library offers a Gibbs sampler over Spark partitions (MALLET's is
 * shared-memory threads; MLlib has online variational Bayes and EM only).
 *
 * <p>Within a sweep the partition samples against its own copy of the snapshot, updated with its own moves, as
 * AD-LDA does. Each token draw uses SparseLDA's three buckets (Yao, Mimno, McCallum, KDD 2009): smoothing
 * {@code s = sum alpha_k beta / (n_k + V beta)}, document {@code r = sum n_dk beta / (n_k + V beta)} and word
 * {@code q = sum n_wk (alpha_k + n_dk) / (n_k + V beta)}; s and r are kept up to date incrementally, q visits only
 * the topics the word holds (a list per word kept exact as counts reach or leave zero). Randomness: every
 * document draws from its own generator seeded from (seed, iteration, hash of doc_id), so a sweep's result does
 * not depend on thread timing, and a document's draws do not depend on which partition it is in (only the
 * staleness of the snapshot does).
 */
public final class GibbsPartition implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The global counts every partition samples against in one iteration, and the priors. */
  public record Snapshot(int topics, int vocabulary, int[] wordTopic, int[] topicTotals, double[] alpha, double beta)
      implements Serializable {
    public Snapshot {
      if (wordTopic.length != topics * vocabulary || topicTotals.length != topics || alpha.length != topics) {
        throw new IllegalArgumentException("snapshot dimensions do not match K=" + topics + ", V=" + vocabulary);
      }
    }
  }

  final String[] docIds;
  final long[] docHashes;
  final int[] docStart;
  final int[] words;
  final int[] topics;
  /** {@code docTopicSums[d * K + k]}: n_dk summed over the {@link #samples} averaged sweeps; null before any. */
  final int[] docTopicSums;
  final int samples;

  private GibbsPartition(String[] docIds, long[] docHashes, int[] docStart, int[] words, int[] topics,
      int[] docTopicSums, int samples) {
    this.docIds = docIds;
    this.docHashes = docHashes;
    this.docStart = docStart;
    this.words = words;
    this.topics = topics;
    this.docTopicSums = docTopicSums;
    this.samples = samples;
  }

  /**
   * Documents with uniformly random initial topics (document d's tokens are {@code docWords[d]}, word ids in
   * [0, V)). Documents without tokens are allowed and simply hold no assignments.
   */
  public static GibbsPartition initialize(String[] docIds, int[][] docWords, int numTopics, long seed) {
    int total = 0;
    for (int[] w : docWords) total += w.length;
    int[] start = new int[docIds.length + 1];
    int[] words = new int[total];
    int[] topics = new int[total];
    long[] hashes = new long[docIds.length];
    int pos = 0;
    for (int d = 0; d < docIds.length; d++) {
      start[d] = pos;
      hashes[d] = hash(docIds[d]);
      SplittableRandom rng = rng(seed, -1, hashes[d]);
      for (int w : docWords[d]) {
        words[pos] = w;
        topics[pos] = rng.nextInt(numTopics);
        pos++;
      }
    }
    start[docIds.length] = pos;
    return new GibbsPartition(docIds, hashes, start, words, topics, null, 0);
  }

  public int documents() {
    return docIds.length;
  }

  public int tokens() {
    return words.length;
  }

  public String docId(int d) {
    return docIds[d];
  }

  public int length(int d) {
    return docStart[d + 1] - docStart[d];
  }

  /** Samples collected per document so far for {@link #averagedMixture} (0 before the averaging window). */
  public int samples() {
    return samples;
  }

  /** One Gibbs sweep over every token; returns the partition with the new assignments (this one is unchanged). */
  public GibbsPartition sweep(Snapshot m, int iteration, long seed) {
    return sweeps(m, iteration, 1, seed, Integer.MAX_VALUE);
  }

  /**
   * {@code count} Gibbs sweeps over every token, numbered {@code firstIteration ..}, against the snapshot updated
   * with this partition's own moves only (AD-LDA with {@code count} local sweeps per global synchronisation);
   * returns the partition with the new assignments (this one is unchanged). After every sweep numbered
   * {@code averageFrom} or later, each document's topic counts are added to its sums for {@link #averagedMixture}.
   */
  public GibbsPartition sweeps(Snapshot m, int firstIteration, int count, long seed, int averageFrom) {
    final int K = m.topics();
    final int V = m.vocabulary();
    final double beta = m.beta();
    final double vBeta = beta * V;
    final double[] alpha = m.alpha();
    final int[] nwk = m.wordTopic().clone();
    final int[] nk = m.topicTotals().clone();
    final int[] z = topics.clone();
    // SparseLDA: the topics each word holds, wt[w * K .. w * K + wn[w]), kept exact as counts hit or leave 0
    final int[] wt = new int[V * K];
    final int[] wn = new int[V];
    for (int w = 0; w < V; w++) {
      int base = w * K;
      for (int k = 0; k < K; k++) if (nwk[base + k] > 0) wt[base + wn[w]++] = k;
    }
    final double[] denom = new double[K];
    final double[] coef = new double[K];
    final double[] qv = new double[K];
    final int[] ndk = new int[K];
    int[] sums = docTopicSums;
    int collected = samples;
    for (int iteration = firstIteration; iteration < firstIteration + count; iteration++) {
      final boolean average = iteration >= averageFrom;
      if (average) {
        sums = sums == null ? new int[docIds.length * K] : (sums == docTopicSums ? sums.clone() : sums);
        collected++;
      }
      double s = 0;
      for (int k = 0; k < K; k++) {
        denom[k] = 1.0 / (nk[k] + vBeta);
        s += alpha[k] * beta * denom[k];
      }
      for (int d = 0; d < docIds.length; d++) {
        int from = docStart[d];
        int to = docStart[d + 1];
        if (from == to) continue;
        SplittableRandom rng = rng(seed, iteration, docHashes[d]);
        java.util.Arrays.fill(ndk, 0);
        for (int i = from; i < to; i++) ndk[z[i]]++;
        double r = 0;
        for (int k = 0; k < K; k++) {
          coef[k] = (alpha[k] + ndk[k]) * denom[k];
          r += ndk[k] * beta * denom[k];
        }
        for (int i = from; i < to; i++) {
          int w = words[i];
          int base = w * K;
          int old = z[i];
          // remove the token
          s -= alpha[old] * beta * denom[old];
          r -= ndk[old] * beta * denom[old];
          ndk[old]--;
          nk[old]--;
          if (--nwk[base + old] == 0) {
            int last = base + --wn[w];
            for (int j = base; j <= last; j++) {
              if (wt[j] == old) {
                wt[j] = wt[last];
                break;
              }
            }
          }
          denom[old] = 1.0 / (nk[old] + vBeta);
          s += alpha[old] * beta * denom[old];
          r += ndk[old] * beta * denom[old];
          coef[old] = (alpha[old] + ndk[old]) * denom[old];
          // word bucket over the topics the word holds
          final int held = wn[w];
          double q = 0;
          for (int j = 0; j < held; j++) {
            double v = nwk[base + wt[base + j]] * coef[wt[base + j]];
            qv[j] = v;
            q += v;
          }
          int nu = draw(rng.nextDouble() * (s + r + q), q, r, qv, wt, base, held, ndk, alpha, beta, denom, old);
          // add the token back under its new topic
          s -= alpha[nu] * beta * denom[nu];
          r -= ndk[nu] * beta * denom[nu];
          ndk[nu]++;
          nk[nu]++;
          if (nwk[base + nu]++ == 0) wt[base + wn[w]++] = nu;
          denom[nu] = 1.0 / (nk[nu] + vBeta);
          s += alpha[nu] * beta * denom[nu];
          r += ndk[nu] * beta * denom[nu];
          coef[nu] = (alpha[nu] + ndk[nu]) * denom[nu];
          z[i] = nu;
        }
        if (average) for (int k = 0, o = d * K; k < K; k++) sums[o + k] += ndk[k];
      }
    }
    return new GibbsPartition(docIds, docHashes, docStart, words, z, sums, collected);
  }

  /**
   * SparseLDA's draw: the topic where {@code u}, uniform in [0, q + r + s), falls. First the word bucket ({@code qv[j]}
   * for the topics {@code topics[off + j]}, j &lt; held), then the document bucket ({@code n_dk beta / (n_k + V beta)}
   * over the topics the document holds), then smoothing ({@code alpha_k beta / (n_k + V beta)}); {@code old} when
   * rounding leaves u past the end of the last bucket. Shared by the sweep and by inference.
   */
  static int draw(double u, double q, double r, double[] qv, int[] topics, int off, int held, int[] ndk,
      double[] alpha, double beta, double[] denom, int old) {
    if (u < q) {
      int j = 0;
      while (j < held - 1) {
        u -= qv[j];
        if (u <= 0) break;
        j++;
      }
      return topics[off + j];
    }
    u -= q;
    if (u < r) {
      for (int k = 0; k < ndk.length; k++) {
        if (ndk[k] == 0) continue;
        u -= ndk[k] * beta * denom[k];
        if (u <= 0) return k;
      }
    } else {
      u -= r;
      for (int k = 0; k < ndk.length; k++) {
        u -= alpha[k] * beta * denom[k];
        if (u <= 0) return k;
      }
    }
    return old;
  }

  /**
   * The mixture of document d: averaged over the collected samples when there are any,
   * {@code theta_dk = (S_dk / S + alpha_k) / (N_d + sum alpha)} with S_dk the summed counts of S sweeps, else the
   * last sample's {@link #mixture}. Sums to 1 either way.
   */
  public double[] averagedMixture(int d, double[] alpha) {
    int K = alpha.length;
    if (samples == 0) return mixture(docTopicCounts(d, K), alpha);
    double[] mean = new double[K];
    for (int k = 0; k < K; k++) mean[k] = (double) docTopicSums[d * K + k] / samples;
    return mixture(mean, alpha);
  }

  /** Word-topic and topic counts of this partition, and (optionally) the histograms alpha optimization needs. */
  public static final class Counts implements Serializable {
    private static final long serialVersionUID = 1L;
    public final int[] wordTopic;
    public final int[] topicTotals;
    /** [k][c]: documents where topic k holds c tokens; null when not requested. */
    public final int[][] topicDocCounts;
    /** [n]: documents of length n; null when not requested. */
    public final int[] docLengthCounts;

    Counts(int[] wordTopic, int[] topicTotals, int[][] topicDocCounts, int[] docLengthCounts) {
      this.wordTopic = wordTopic;
      this.topicTotals = topicTotals;
      this.topicDocCounts = topicDocCounts;
      this.docLengthCounts = docLengthCounts;
    }

    /** Adds other into this one and returns this (for a reduce). */
    public Counts add(Counts other) {
      addInto(wordTopic, other.wordTopic);
      addInto(topicTotals, other.topicTotals);
      if (topicDocCounts != null) {
        for (int k = 0; k < topicDocCounts.length; k++) addInto(topicDocCounts[k], other.topicDocCounts[k]);
        addInto(docLengthCounts, other.docLengthCounts);
      }
      return this;
    }

    private static void addInto(int[] a, int[] b) {
      for (int i = 0; i < a.length; i++) a[i] += b[i];
    }
  }

  /**
   * The counts of this partition's assignments.
   *
   * @param maxLength the longest document in the whole corpus (histogram size), or -1 for no histograms
   */
  public Counts counts(int numTopics, int vocabulary, int maxLength) {
    int[] nwk = new int[numTopics * vocabulary];
    int[] nk = new int[numTopics];
    for (int i = 0; i < words.length; i++) {
      nwk[words[i] * numTopics + topics[i]]++;
      nk[topics[i]]++;
    }
    int[][] tdc = null;
    int[] dlc = null;
    if (maxLength >= 0) {
      tdc = new int[numTopics][maxLength + 1];
      dlc = new int[maxLength + 1];
      int[] ndk = new int[numTopics];
      for (int d = 0; d < docIds.length; d++) {
        if (length(d) == 0) continue;
        java.util.Arrays.fill(ndk, 0);
        for (int i = docStart[d]; i < docStart[d + 1]; i++) ndk[topics[i]]++;
        for (int k = 0; k < numTopics; k++) if (ndk[k] > 0) tdc[k][ndk[k]]++;
        dlc[length(d)]++;
      }
    }
    return new Counts(nwk, nk, tdc, dlc);
  }

  /** Topic counts of document d. */
  public int[] docTopicCounts(int d, int numTopics) {
    int[] ndk = new int[numTopics];
    for (int i = docStart[d]; i < docStart[d + 1]; i++) ndk[topics[i]]++;
    return ndk;
  }

  /** theta_dk = (n_dk + alpha_k) / (N_d + sum alpha): the posterior mean mixture, sums to 1. */
  public static double[] mixture(int[] ndk, double[] alpha) {
    double[] n = new double[ndk.length];
    for (int k = 0; k < n.length; k++) n[k] = ndk[k];
    return mixture(n, alpha);
  }

  /** As {@link #mixture(int[], double[])} with (averaged) real counts. */
  static double[] mixture(double[] ndk, double[] alpha) {
    double total = 0;
    for (int k = 0; k < ndk.length; k++) total += ndk[k] + alpha[k];
    double[] theta = new double[ndk.length];
    for (int k = 0; k < ndk.length; k++) theta[k] = (ndk[k] + alpha[k]) / total;
    return theta;
  }

  /**
   * Gibbs inference of new documents against a fixed model, with SparseLDA's buckets (as in the sweep, and as
   * MALLET's TopicInferencer): {@code p(k) ∝ (alpha_k + n_dk)(n_wk + beta) / (n_k + V beta)} splits into a constant
   * smoothing bucket, a document bucket over the document's topics and a word bucket over the topics the word
   * holds in the model, so a token costs the number of topics its word holds rather than K. The per-word topic
   * lists are built once from the snapshot (O(K V)), then shared by every document inferred.
   */
  public static final class Inferencer {
    private final int k;
    private final double[] alpha;
    private final double beta;
    /** 1 / (n_k + V beta) */
    private final double[] denom;
    /** the smoothing bucket: sum_k alpha_k beta / (n_k + V beta) */
    private final double smoothing;
    /** the topics word w holds: wordTopics[wordStart[w] .. wordStart[w + 1]), with n_wk / (n_k + V beta) */
    private final int[] wordStart;
    private final int[] wordTopics;
    private final double[] wordWeights;

    public Inferencer(Snapshot m) {
      k = m.topics();
      int v = m.vocabulary();
      alpha = m.alpha().clone();
      beta = m.beta();
      denom = new double[k];
      double s = 0;
      for (int t = 0; t < k; t++) {
        denom[t] = 1.0 / (m.topicTotals()[t] + beta * v);
        s += alpha[t] * beta * denom[t];
      }
      smoothing = s;
      int[] nwk = m.wordTopic();
      wordStart = new int[v + 1];
      int nonZero = 0;
      for (int i = 0; i < nwk.length; i++) if (nwk[i] > 0) nonZero++;
      wordTopics = new int[nonZero];
      wordWeights = new double[nonZero];
      int pos = 0;
      for (int w = 0; w < v; w++) {
        wordStart[w] = pos;
        for (int t = 0; t < k; t++) {
          int n = nwk[w * k + t];
          if (n > 0) {
            wordTopics[pos] = t;
            wordWeights[pos++] = n * denom[t];
          }
        }
      }
      wordStart[v] = pos;
    }

    /**
     * The topic counts of a new document against the model (whose word-topic counts are not changed): Gibbs
     * sampling of its tokens for {@code iterations} sweeps, seeded from (seed, hash of doc_id).
     */
    public int[] infer(String docId, int[] docWords, int iterations, long seed) {
      SplittableRandom rng = rng(seed, -2, hash(docId));
      int[] z = new int[docWords.length];
      int[] ndk = new int[k];
      for (int i = 0; i < z.length; i++) {
        z[i] = rng.nextInt(k);
        ndk[z[i]]++;
      }
      // the document bucket: sum_k n_dk beta / (n_k + V beta), kept up to date as tokens move
      double r = 0;
      for (int t = 0; t < k; t++) r += ndk[t] * beta * denom[t];
      double[] qv = new double[k];
      for (int it = 0; it < iterations; it++) {
        for (int i = 0; i < z.length; i++) {
          int w = docWords[i];
          int old = z[i];
          ndk[old]--;
          r -= beta * denom[old];
          int from = wordStart[w];
          int held = wordStart[w + 1] - from;
          double q = 0;
          for (int j = 0; j < held; j++) {
            double x = (alpha[wordTopics[from + j]] + ndk[wordTopics[from + j]]) * wordWeights[from + j];
            qv[j] = x;
            q += x;
          }
          int nu = draw(rng.nextDouble() * (smoothing + r + q), q, r, qv, wordTopics, from, held, ndk, alpha, beta,
              denom, old);
          z[i] = nu;
          ndk[nu]++;
          r += beta * denom[nu];
        }
      }
      return ndk;
    }

    /** p(topic = t | everything else) for a token of word w in a document with topic counts ndk (test aid). */
    double[] conditional(int w, int[] ndk) {
      double[] p = new double[k];
      double total = smoothing;
      for (int t = 0; t < k; t++) total += ndk[t] * beta * denom[t];
      for (int j = wordStart[w]; j < wordStart[w + 1]; j++) {
        total += (alpha[wordTopics[j]] + ndk[wordTopics[j]]) * wordWeights[j];
      }
      for (int t = 0; t < k; t++) p[t] = (alpha[t] * beta + ndk[t] * beta) * denom[t] / total;
      for (int j = wordStart[w]; j < wordStart[w + 1]; j++) {
        p[wordTopics[j]] += (alpha[wordTopics[j]] + ndk[wordTopics[j]]) * wordWeights[j] / total;
      }
      return p;
    }
  }

  static SplittableRandom rng(long seed, int iteration, long docHash) {
    long x = seed * 0x9E3779B97F4A7C15L + iteration * 0xC2B2AE3D27D4EB4FL + docHash;
    return new SplittableRandom(mix(x));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** 64-bit FNV-1a of the UTF-8 bytes of a document id. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
