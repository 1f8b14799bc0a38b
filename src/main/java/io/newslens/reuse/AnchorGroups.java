package io.newslens.reuse;

import java.util.Arrays;

/**
 * The rules of {@link Reuse} on anchors: which n-grams anchor reuse (from the postings of one n-gram), the document
 * pairs one anchor gives, and which pairs share enough nearby anchors to be aligned.
 *
 * <p>An n-gram is an anchor when it occurs in 2 to {@code maxDocs} documents, of at least two sources, and in fewer
 * than {@code boilerplateDocs} documents of any one source. Sources are given as keys (a hash of the source name;
 * documents without a source share one key, so they count as one source of their own). An anchor pairs every two of
 * its documents whose sources differ.
 */
public final class AnchorGroups {
  private AnchorGroups() {}

  /** Is the n-gram whose postings have these {@code sources[0..n)} (sorted or not) an anchor? */
  public static boolean isAnchor(long[] sources, int n, int maxDocs, int boilerplateDocs) {
    if (n < 2 || n > maxDocs) return false;
    long[] s = Arrays.copyOf(sources, n);
    Arrays.sort(s);
    int distinct = 0;
    int longest = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && s[j] == s[i]) j++;
      distinct++;
      longest = Math.max(longest, j - i);
      i = j;
    }
    return distinct >= 2 && longest < boilerplateDocs;
  }

  /** The pairs (i, j), i &lt; j &lt; n, of different sources, packed as i · 2^32 + j, in order of i then j. */
  public static long[] crossSourcePairs(long[] sources, int n) {
    int count = 0;
    for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) if (sources[i] != sources[j]) count++;
    long[] out = new long[count];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) if (sources[i] != sources[j]) out[k++] = ((long) i << 32) | j;
    }
    return out;
  }

  /**
   * Do at least {@code minAnchors} of a pair's {@code n} shared anchors lie close together in both texts? Anchor i
   * occurs first at word {@code firstA[i]} and last at {@code lastA[i]} of text A (the same word when it occurs
   * once), and likewise in B; any of its occurrences counts. True when some occurrence of an anchor has occurrences
   * of {@code minAnchors - 1} other anchors at most {@code span} words after it in A and at most {@code span} words
   * before or after it in B.
   *
   * <p>Anchors of one shared passage are close: consecutive n-grams of a run of identical words are one word apart,
   * and the runs of one passage are at most a gap apart. Two unrelated articles that share common phrases by chance
   * share them at unrelated places; this rule keeps such pairs away from the aligner.
   */
  public static boolean clustered(int[] firstA, int[] lastA, int[] firstB, int[] lastB, int n, int minAnchors,
      int span) {
    if (n < minAnchors) return false;
    if (minAnchors <= 1) return n >= 1;
    // occurrence points (a, b, anchor), up to four per anchor, sorted by a
    long[][] points = new long[4 * n][];
    int m = 0;
    for (int i = 0; i < n; i++) {
      int[] as = firstA[i] == lastA[i] ? new int[] {firstA[i]} : new int[] {firstA[i], lastA[i]};
      int[] bs = firstB[i] == lastB[i] ? new int[] {firstB[i]} : new int[] {firstB[i], lastB[i]};
      for (int a : as) for (int b : bs) points[m++] = new long[] {a, b, i};
    }
    long[][] ps = Arrays.copyOf(points, m);
    Arrays.sort(ps, (x, y) -> Long.compare(x[0], y[0]));
    int[] seen = new int[n];
    Arrays.fill(seen, -1);
    for (int p = 0; p < m; p++) {
      int near = 1;
      seen[(int) ps[p][2]] = p;
      for (int q = p + 1; q < m && ps[q][0] - ps[p][0] <= span; q++) {
        int anchor = (int) ps[q][2];
        if (seen[anchor] == p || Math.abs(ps[q][1] - ps[p][1]) > span) continue;
        seen[anchor] = p;
        if (++near >= minAnchors) return true;
      }
    }
    return false;
  }
}
