package io.newslens.dedup;

/** Exact overlap measures of two sorted sets of distinct longs (shingle hashes). */
public final class SetSimilarity {
  private SetSimilarity() {}

  /** |A ∩ B| by a merge of the two sorted arrays. */
  public static int intersection(long[] a, long[] b) {
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        n++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return n;
  }

  /** |A ∩ B| / |A ∪ B|; 0 when both are empty. */
  public static double jaccard(int inter, int sizeA, int sizeB) {
    int union = sizeA + sizeB - inter;
    return union == 0 ? 0 : (double) inter / union;
  }

  /**
   * |A ∩ B| / min(|A|, |B|): how much of the smaller set lies in the larger one, so a trimmed reprint (its first
   * 70 %) of an article scores 1.0 against it; 0 when either is empty.
   */
  public static double containment(int inter, int sizeA, int sizeB) {
    int min = Math.min(sizeA, sizeB);
    return min == 0 ? 0 : (double) inter / min;
  }
}
