package io.newslens.incremental;

import io.newslens.stories.StoryModel;
import io.newslens.stories.Unit;
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
  /** feature → the units holding it, and its weight in each (parallel arrays) */
  private final Map<Long, int[]> units = new HashMap<>();
  private final Map<Long, double[]> weights = new HashMap<>();

  CandidateIndex(Collection<Unit> newUnits, StoryModel.Rules rules, double margin) {
    this.rules = rules;
    this.margin = margin;
    langs = new String[newUnits.size()];
    times = new long[newUnits.size()];
    Map<Long, List<double[]>> postings = new HashMap<>();
    int k = 0;
    for (Unit u : newUnits) {
      langs[k] = u.lang();
      times[k] = u.time();
      long[] ids = u.vector().ids();
      double[] ws = u.vector().weights();
      for (int i = 0; i < ids.length; i++) {
        postings.computeIfAbsent(ids[i], f -> new ArrayList<>()).add(new double[] {k, ws[i]});
      }
      k++;
    }
    postings.forEach((f, list) -> {
      int[] us = new int[list.size()];
      double[] ws = new double[list.size()];
      for (int i = 0; i < us.length; i++) {
        us[i] = (int) list.get(i)[0];
        ws[i] = list.get(i)[1];
      }
      units.put(f, us);
      weights.put(f, ws);
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
  boolean reaches(String lang, long first, long last, long[] features, double[] sums, double[] dots) {
    double norm = 0;
    for (double x : sums) norm += x * x;
    norm = Math.sqrt(norm);
    if (norm == 0 || lang == null) return false;
    int[] touched = new int[8];
    int n = 0;
    for (int i = 0; i < features.length; i++) {
      int[] us = units.get(features[i]);
      if (us == null) continue;
      double[] ws = weights.get(features[i]);
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
