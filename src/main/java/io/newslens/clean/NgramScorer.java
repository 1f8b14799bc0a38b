package io.newslens.clean;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import opennlp.tools.langdetect.DefaultLanguageDetectorContextGenerator;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.util.normalizer.CharSequenceNormalizer;

/**
 * The scores of OpenNLP's {@code LanguageDetectorME.predictLanguages} for one text, computed from the same model
 * without its per-call objects. OpenNLP builds, for every call, a map of lower-cased char n-grams (each a
 * {@code CharBuffer}), a second map of their counts, a {@code String} per n-gram and a {@code Context[]}; that
 * bookkeeping costs more than the arithmetic. This class does the same steps on arrays:
 * <ol>
 *   <li>the model's own normalizer (read from its context generator: e-mails, URLs, numbers, repeated chars…);</li>
 *   <li>the text lower-cased code point by code point ({@code Character.toLowerCase(int)}), as OpenNLP's
 *       {@code StringUtil.toLowerCaseCharBuffer};</li>
 *   <li>every distinct n-gram of {@code minLength..maxLength} UTF-16 chars (1..3 in the published model), each
 *       counted once (OpenNLP gives every distinct n-gram the value 1), looked up in a table of the model's
 *       features packed into longs;</li>
 *   <li>the GIS sum: the uniform log prior {@code log(1/outcomes)} plus the parameters of every feature found,
 *       then {@code StrictMath.exp} and normalization over the outcomes, in outcome order.</li>
 * </ol>
 * The one difference: OpenNLP adds the features in its hash map's order, this class in text order, so a
 * probability can differ in its last bits (floating-point addition is not associative); the language ranking
 * is the same unless two languages tie within that rounding. Pure Java, no Spark. Thread-safe: per-call scratch
 * arrays live in a {@link ThreadLocal}.
 */
final class NgramScorer {
  private final String[] outcomes;
  private final double logPrior;
  private final CharSequenceNormalizer normalizer;
  private final int minLength;
  private final int maxLength;
  /** Open-addressing table: packed n-gram → feature index (slot empty when {@code keys[slot] == 0}). */
  private final long[] keys;
  private final int[] features;
  private final int mask;
  /** Feature f's parameters are {@code params[offsets[f] .. offsets[f+1])} for outcomes {@code outcomeIds[…]}. */
  private final int[] offsets;
  private final int[] outcomeIds;
  private final double[] params;
  private final ThreadLocal<Scratch> scratch;

  /** Per-thread work arrays: the stamp of the call that last saw each feature, and the sums. */
  private static final class Scratch {
    final int[] seen;
    final double[] sums;
    int call;

    Scratch(int features, int outcomes) {
      seen = new int[features];
      sums = new double[outcomes];
    }
  }

  NgramScorer(LanguageDetectorModel model) {
    if (!(model.getMaxentModel() instanceof GISModel gis)) {
      throw new IllegalStateException("language model: expected a GIS maxent model, got "
          + model.getMaxentModel().getClass().getName());
    }
    if (!(model.getFactory().getContextGenerator() instanceof DefaultLanguageDetectorContextGenerator cg)) {
      throw new IllegalStateException("language model: unexpected context generator "
          + model.getFactory().getContextGenerator().getClass().getName());
    }
    normalizer = (CharSequenceNormalizer) field(cg, "normalizer");
    minLength = (Integer) field(cg, "minLength");
    maxLength = (Integer) field(cg, "maxLength");
    if (minLength < 1 || maxLength > 3 || minLength > maxLength) {
      throw new IllegalStateException("language model: n-grams of " + minLength + ".." + maxLength
          + " chars, this scorer packs at most 3");
    }
    Object[] data = ((AbstractModel) gis).getDataStructures();
    @SuppressWarnings("unchecked")
    Map<String, Context> pmap = (Map<String, Context>) data[1]; // n-gram -> its parameters
    outcomes = ((String[]) data[2]).clone();
    logPrior = StrictMath.log(1.0 / outcomes.length); // OpenNLP's UniformPrior

    // features numbered in the map's order; n-grams longer than 3 chars are never produced, so never looked up
    List<Context> contexts = new ArrayList<>(pmap.size());
    int size = Integer.highestOneBit(Math.max(16, pmap.size() * 2)) << 1;
    keys = new long[size];
    features = new int[size];
    mask = size - 1;
    for (Map.Entry<String, Context> e : pmap.entrySet()) {
      String g = e.getKey();
      if (g.isEmpty() || g.length() > 3 || e.getValue() == null) continue;
      long k = pack(g, 0, g.length());
      int slot = slot(k);
      while (keys[slot] != 0) slot = (slot + 1) & mask;
      keys[slot] = k;
      features[slot] = contexts.size();
      contexts.add(e.getValue());
    }
    offsets = new int[contexts.size() + 1];
    for (int f = 0; f < contexts.size(); f++) offsets[f + 1] = offsets[f] + contexts.get(f).getOutcomes().length;
    outcomeIds = new int[offsets[contexts.size()]];
    params = new double[offsets[contexts.size()]];
    for (int f = 0; f < contexts.size(); f++) {
      Context c = contexts.get(f);
      System.arraycopy(c.getOutcomes(), 0, outcomeIds, offsets[f], c.getOutcomes().length);
      System.arraycopy(c.getParameters(), 0, params, offsets[f], c.getParameters().length);
    }
    int nFeatures = contexts.size();
    int nOutcomes = outcomes.length;
    scratch = ThreadLocal.withInitial(() -> new Scratch(nFeatures, nOutcomes));
  }

  private static Object field(Object o, String name) {
    try {
      Field f = DefaultLanguageDetectorContextGenerator.class.getDeclaredField(name);
      f.setAccessible(true);
      return f.get(o);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("language model: cannot read the context generator's " + name, e);
    }
  }

  /** The name (ISO 639-3 code) of outcome {@code o}. */
  String outcome(int o) {
    return outcomes[o];
  }

  /** A gram of 1..3 UTF-16 chars as a long: its length in bits 48..49, then the chars; never 0. */
  static long pack(CharSequence s, int from, int len) {
    long k = (long) len << 48;
    for (int i = 0; i < len; i++) k |= (long) s.charAt(from + i) << (16 * (2 - i));
    return k;
  }

  private static long pack(char[] s, int from, int len) {
    long k = (long) len << 48;
    for (int i = 0; i < len; i++) k |= (long) s[from + i] << (16 * (2 - i));
    return k;
  }

  private int slot(long k) {
    long h = k * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 40) & mask;
  }

  private int feature(long k) {
    int slot = slot(k);
    while (true) {
      long have = keys[slot];
      if (have == k) return features[slot];
      if (have == 0) return -1;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * The probability of every outcome for {@code text} (index = outcome index), as OpenNLP's
   * {@code getMaxentModel().eval} over the text's context. Writes into and returns {@code out}.
   */
  double[] score(CharSequence text, double[] out) {
    char[] chars = lowerCase(normalizer.normalize(text));
    Scratch s = scratch.get();
    if (++s.call == 0) { // wrapped around: forget every stamp
      Arrays.fill(s.seen, 0);
      s.call = 1;
    }
    int call = s.call;
    int[] seen = s.seen;
    double[] sums = s.sums;
    Arrays.fill(sums, logPrior);
    int n = chars.length;
    for (int len = minLength; len <= maxLength; len++) {
      for (int i = 0; i + len <= n; i++) {
        int f = feature(pack(chars, i, len));
        if (f < 0 || seen[f] == call) continue;
        seen[f] = call;
        for (int j = offsets[f], end = offsets[f + 1]; j < end; j++) sums[outcomeIds[j]] += params[j];
      }
    }
    double normal = 0.0;
    for (int o = 0; o < sums.length; o++) {
      out[o] = StrictMath.exp(sums[o]);
      normal += out[o];
    }
    for (int o = 0; o < sums.length; o++) out[o] /= normal;
    return out;
  }

  /**
   * Lower case as OpenNLP's {@code StringUtil.toLowerCaseCharBuffer}: code point by code point into a buffer of the
   * input's length (a code point whose lower case is shorter leaves '\0' chars at the end, as there).
   */
  static char[] lowerCase(CharSequence s) {
    int n = s.length();
    char[] out = new char[n];
    int w = 0;
    for (int i = 0; i < n; ) {
      int cp = Character.codePointAt(s, i);
      i += Character.charCount(cp);
      int lower = Character.toLowerCase(cp);
      if (Character.isBmpCodePoint(lower)) {
        if (w < n) out[w++] = (char) lower;
      } else {
        if (w < n) out[w++] = Character.highSurrogate(lower);
        if (w < n) out[w++] = Character.lowSurrogate(lower);
      }
    }
    return out;
  }

  int outcomeCount() {
    return outcomes.length;
  }
}
