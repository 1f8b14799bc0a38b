package io.newslens.reuse;

import io.newslens.dedup.Shingler;
import io.newslens.dedup.WordTokenizer.Words;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the passages two texts share, passim-style: word n-gram anchors shared by both texts are grown into runs
 * of identical words along one diagonal, and runs that follow each other in both texts with gaps of at most
 * {@code maxGap} words are chained into one passage (so a quote with a word changed, a clause rephrased or
 * "qu’à" written "que" stays one passage).
 *
 * <p>Written by hand: no maintained Java library aligns texts by sparse anchors with character offsets; passim
 * itself is Scala code that is not published as a library. Work is bounded: each anchor n-gram contributes at most
 * {@link #MAX_OCCURRENCES} positions per text.
 */
public final class PassageAligner implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Most positions of one anchor n-gram considered in one text (bounds repeated phrases). */
  public static final int MAX_OCCURRENCES = 4;

  private final int ngram;
  private final int maxGap;
  private final int minWords;

  /**
   * @param ngram anchor length in words
   * @param maxGap largest gap, in words of either text, bridged between two runs of one passage
   * @param minWords fewest identical words a passage must contain
   */
  public PassageAligner(int ngram, int maxGap, int minWords) {
    if (ngram < 1 || maxGap < 0 || minWords < 1) throw new IllegalArgumentException("bad aligner parameters");
    this.ngram = ngram;
    this.maxGap = maxGap;
    this.minWords = minWords;
  }

  /**
   * A shared passage in word indices: words [startA, endA) of A and [startB, endB) of B, {@code matched} of them
   * identical (the runs; the gaps between runs are not counted).
   */
  public record Passage(int startA, int endA, int startB, int endB, int matched) {}

  /** A run of identical words on one diagonal. */
  private record Run(int sA, int eA, int sB, int eB) {
    int length() {
      return eA - sA;
    }
  }

  /**
   * The passages of A and B, ordered by their start in A.
   *
   * @param anchors the n-gram hashes allowed as anchors, sorted ascending (e.g. those shared by few documents and
   *     not boilerplate of one source); null allows every n-gram both texts share
   */
  public List<Passage> align(Words a, Words b, long[] anchors) {
    long[] ha = Shingler.windowHashes(a.tokens(), ngram);
    long[] hb = Shingler.windowHashes(b.tokens(), ngram);
    if (a.size() < ngram || b.size() < ngram) return List.of();
    Map<Long, int[]> inB = new HashMap<>();
    for (int j = 0; j < hb.length; j++) {
      if (anchors != null && Arrays.binarySearch(anchors, hb[j]) < 0) continue;
      int[] pos = inB.computeIfAbsent(hb[j], k -> new int[] {0, -1, -1, -1, -1});
      if (pos[0] < MAX_OCCURRENCES) pos[1 + pos[0]++] = j;
    }
    // anchors (i, j), grouped by diagonal j - i, in order of i
    List<long[]> hits = new ArrayList<>();
    Map<Long, Integer> seenInA = new HashMap<>();
    for (int i = 0; i < ha.length; i++) {
      int[] pos = inB.get(ha[i]);
      if (pos == null) continue;
      if (seenInA.merge(ha[i], 1, Integer::sum) > MAX_OCCURRENCES) continue;
      for (int k = 0; k < pos[0]; k++) hits.add(new long[] {pos[1 + k] - i, i});
    }
    if (hits.isEmpty()) return List.of();
    hits.sort(Comparator.<long[]>comparingLong(h -> h[0]).thenComparingLong(h -> h[1]));
    List<Run> runs = new ArrayList<>();
    int k = 0;
    while (k < hits.size()) {
      long diag = hits.get(k)[0];
      int s = (int) hits.get(k)[1];
      int e = s + ngram;
      k++;
      while (k < hits.size() && hits.get(k)[0] == diag && hits.get(k)[1] <= e) {
        e = (int) Math.max(e, hits.get(k)[1] + ngram);
        k++;
      }
      runs.add(extend(a.tokens(), b.tokens(), s, e, (int) diag));
    }
    runs.sort(Comparator.comparingInt(Run::sA).thenComparingInt(Run::sB).thenComparingInt(Run::eA));
    // chain runs that follow each other in both texts with small gaps
    List<List<Run>> chains = new ArrayList<>();
    for (Run r : runs) {
      List<Run> best = null;
      for (List<Run> c : chains) {
        Run last = c.get(c.size() - 1);
        if (r.sA() >= last.eA() && r.sB() >= last.eB() && r.sA() - last.eA() <= maxGap
            && r.sB() - last.eB() <= maxGap) {
          if (best == null || last.eA() > best.get(best.size() - 1).eA()) best = c;
        } else if (r.sA() >= last.sA() && r.eA() <= last.eA() && r.sB() >= last.sB() && r.eB() <= last.eB()) {
          best = c; // inside the chain's last run already: nothing to add
          r = null;
          break;
        }
      }
      if (r == null) continue;
      if (best == null) {
        best = new ArrayList<>();
        chains.add(best);
      }
      best.add(r);
    }
    List<Passage> out = new ArrayList<>();
    for (List<Run> c : chains) {
      int matched = 0;
      for (Run r : c) matched += r.length();
      if (matched < minWords) continue;
      Run first = c.get(0);
      Run last = c.get(c.size() - 1);
      out.add(new Passage(first.sA(), last.eA(), first.sB(), last.eB(), matched));
    }
    out.sort(Comparator.comparingInt(Passage::startA).thenComparingInt(Passage::startB));
    return out;
  }

  /** Grows words [s, e) of A (matching B at offset diag) to the left and right while the words are identical. */
  private static Run extend(String[] a, String[] b, int s, int e, int diag) {
    while (s > 0 && s + diag > 0 && a[s - 1].equals(b[s - 1 + diag])) s--;
    while (e < a.length && e + diag < b.length && a[e].equals(b[e + diag])) e++;
    return new Run(s, e, s + diag, e + diag);
  }
}
