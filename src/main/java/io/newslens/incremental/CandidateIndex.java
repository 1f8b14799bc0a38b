package io.newslens.incremental;

import io.newslens.stories.StoryModel;
import io.newslens.stories.Unit;
import io.newslens.stories.UnitVector;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The new units of an update, indexed by feature, to tell whether a stored story could take one of them. Pure Java,
 * serializable (broadcast to the tasks that read the stored stories). A story could take a unit when it is of the
 * unit's language, eligible for it in time ({@link StoryModel#eligible}) and its centroid's cosine with the unit's
 * vector reaches the threshold (less {@code margin}, for sums taken in another order than {@link StoryModel}'s).
 */
final class CandidateIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  private final StoryModel.Rules rules;
  private final double margin;
  private final String[] langs;
  private final long[] times;
  /** feature → the new units holding it */
  private final Map<Long, Postings> byFeature = new HashMap<>();

  /** The units holding one feature and its weight in each. */
  private record Postings(int[] units, double[] weights) implements Serializable {}

  CandidateIndex(Collection<Unit> newUnits, StoryModel.Rules rules, double margin) {
    this.rules = rules;
    this.margin = margin;
    langs = new String[newUnits.size()];
    times = new long[newUnits.size()];
    UnitVector[] vectors = new UnitVector[newUnits.size()];
    Map<Long, List<Integer>> holders = new HashMap<>();
    int k = 0;
    for (Unit u : newUnits) {
      langs[k] = u.lang();
      times[k] = u.time();
      vectors[k] = u.vector();
      for (long f : u.vector().ids()) holders.computeIfAbsent(f, x -> new ArrayList<>()).add(k);
      k++;
    }
    holders.forEach((f, us) -> {
      int[] units = us.stream().mapToInt(Integer::intValue).toArray();
      double[] weights = new double[units.length];
      for (int i = 0; i < units.length; i++) weights[i] = vectors[units[i]].weight(f);
      byFeature.put(f, new Postings(units, weights));
    });
  }

  /** A scratch space for {@link #reaches}: one per thread. */
  double[] scratch() {
    return new double[langs.length];
  }

  /**
   * Could the stored story (its language, first and last time — {@link Unit#UNDATED} when undated — and centroid)
   * take one of the new units? {@code dots} is {@link #scratch()}, left zeroed.
   */
  boolean reaches(String lang, long first, long last, UnitVector centroid, double[] dots) {
    double[] sums = centroid.weights();
    double norm = Math.sqrt(centroid.dot(centroid));
    if (norm == 0 || lang == null) return false;
    int[] touched = new int[8];
    int n = 0;
    for (int i = 0; i < sums.length; i++) {
      Postings p = byFeature.get(centroid.ids()[i]);
      if (p == null) continue;
      int[] us = p.units();
      double[] ws = p.weights();
      for (int j = 0; j < us.length; j++) {
        if (dots[us[j]] == 0) { // not touched yet, or only by zeros: listed (maybe again), read and zeroed below
          if (n == touched.length) touched = Arrays.copyOf(touched, n * 2);
          touched[n++] = us[j];
        }
        dots[us[j]] += ws[j] * sums[i];
      }
    }
    boolean found = false;
    for (int t = 0; t < n; t++) {
      int u = touched[t];
      if (!found && lang.equals(langs[u]) && StoryModel.eligible(first, last, times[u], rules)
          && dots[u] / norm >= rules.threshold() - margin) {
        found = true;
      }
      dots[u] = 0;
    }
    return found;
  }
}
