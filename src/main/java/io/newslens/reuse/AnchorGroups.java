package io.newslens.reuse;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which n-grams anchor reuse, and the document pairs one anchor gives: the rule of {@link Reuse} on the postings of
 * one n-gram (its documents and their sources, each document once).
 *
 * <p>An n-gram is an anchor when it occurs in 2 to {@code maxDocs} documents, of at least two sources (a null
 * source counts as one source of its own), and in fewer than {@code boilerplateDocs} documents of any one source.
 * An anchor pairs every two of its documents whose sources differ.
 */
public final class AnchorGroups {
  private AnchorGroups() {}

  /** Is the n-gram whose postings have these {@code sources[0..n)} an anchor? */
  public static boolean isAnchor(String[] sources, int n, int maxDocs, int boilerplateDocs) {
    if (n < 2 || n > maxDocs) return false;
    Map<String, Integer> perSource = new HashMap<>();
    int max = 0;
    for (int i = 0; i < n; i++) max = Math.max(max, perSource.merge(sources[i], 1, Integer::sum));
    return perSource.size() >= 2 && max < boilerplateDocs;
  }

  /** The pairs (i, j), i &lt; j &lt; n, of different sources, packed as i · 2^32 + j, in order of i then j. */
  public static long[] crossSourcePairs(String[] sources, int n) {
    int count = 0;
    for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) if (!Objects.equals(sources[i], sources[j])) count++;
    long[] out = new long[count];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) if (!Objects.equals(sources[i], sources[j])) out[k++] = ((long) i << 32) | j;
    }
    return out;
  }
}
