package io.newslens.stories;

import java.util.HashMap;
import java.util.Map;

/**
 * How well a clustering matches labels, over the items both give: BCubed precision, recall and F1 (Bagga and
 * Baldwin 1998; Amigó et al. 2009) and pairwise precision, recall and F1. Plain Java, for the benchmark and tests.
 *
 * <p>BCubed, per item i with predicted cluster C(i) and labelled class L(i): precision(i) = |C(i) ∩ L(i)| / |C(i)|,
 * recall(i) = |C(i) ∩ L(i)| / |L(i)|, both averaged over the items; F1 = 2PR / (P + R). Pairwise: over the
 * unordered pairs of items, precision = pairs together in both / pairs together in C, recall = pairs together in
 * both / pairs together in L (1 when there are no such pairs).
 */
public final class ClusterScores {
  private ClusterScores() {}

  /** The scores, and the number of items and of predicted and labelled clusters over them. */
  public record Scores(double bcubedPrecision, double bcubedRecall, double bcubedF1, double pairPrecision,
      double pairRecall, double pairF1, int items, int clusters, int classes) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("bcubed_precision", bcubedPrecision);
      m.put("bcubed_recall", bcubedRecall);
      m.put("bcubed_f1", bcubedF1);
      m.put("pairwise_precision", pairPrecision);
      m.put("pairwise_recall", pairRecall);
      m.put("pairwise_f1", pairF1);
      m.put("items", items);
      m.put("predicted_clusters", clusters);
      m.put("labelled_classes", classes);
      return m;
    }
  }

  /**
   * @param predicted item → cluster id
   * @param labels    item → class label; only items in both maps are scored
   */
  public static Scores of(Map<String, String> predicted, Map<String, String> labels) {
    Map<String, Integer> clusterSize = new HashMap<>();
    Map<String, Integer> classSize = new HashMap<>();
    Map<String, Integer> both = new HashMap<>();
    int items = 0;
    for (Map.Entry<String, String> e : labels.entrySet()) {
      String c = predicted.get(e.getKey());
      if (c == null) continue;
      items++;
      clusterSize.merge(c, 1, Integer::sum);
      classSize.merge(e.getValue(), 1, Integer::sum);
      both.merge(c + '\u0000' + e.getValue(), 1, Integer::sum);
    }
    if (items == 0) throw new IllegalArgumentException("no item is both predicted and labelled");
    double p = 0;
    double r = 0;
    for (Map.Entry<String, String> e : labels.entrySet()) {
      String c = predicted.get(e.getKey());
      if (c == null) continue;
      int n = both.get(c + '\u0000' + e.getValue());
      p += (double) n / clusterSize.get(c);
      r += (double) n / classSize.get(e.getValue());
    }
    p /= items;
    r /= items;
    long together = pairs(clusterSize);
    long labelled = pairs(classSize);
    long agree = pairs(both);
    double pp = together == 0 ? 1 : (double) agree / together;
    double pr = labelled == 0 ? 1 : (double) agree / labelled;
    return new Scores(p, r, f1(p, r), pp, pr, f1(pp, pr), items, clusterSize.size(), classSize.size());
  }

  private static long pairs(Map<String, Integer> sizes) {
    long s = 0;
    for (int n : sizes.values()) s += (long) n * (n - 1) / 2;
    return s;
  }

  private static double f1(double p, double r) {
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}
