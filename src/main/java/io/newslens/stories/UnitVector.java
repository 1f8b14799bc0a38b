package io.newslens.stories;

import io.newslens.terms.TermWeights;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * The weighted feature vector of one unit (a duplicate cluster's representative): at most K features, L2-normalised,
 * in ascending feature id order, with each feature's display form. Plain Java; no Spark.
 *
 * <p>Weight of a feature f with tf occurrences, document frequency df(f) among the N units of the language
 * ({@link #weight}):
 * <pre>  w(f) = tf'(tf) · idf'(df(f), N) · (title boost if in the title) · (name boost if a name)</pre>
 * with tf' = 1 + ln tf ({@link Tf#LOG}, sublinear) or tf ({@link Tf#RAW}), and idf' = ln((N + 1) / (df + 1))
 * ({@link Idf#LOG}, the terms stage's {@link TermWeights#idf}: a feature every unit holds weighs 0) or that + 1
 * ({@link Idf#LOG_PLUS_ONE}, scikit-learn's {@code TfidfVectorizer} default: common features keep a weight, so
 * rare ones weigh less against them). Features with df(f) below the minimum are dropped (a feature no other unit has
 * cannot make two articles alike), as are those of weight 0. The K largest weights are kept (ties: smaller id) and
 * the vector is scaled to length 1.
 *
 * @param ids      feature ids ({@link DocumentFeatures#hash}), ascending
 * @param weights  the weights, same order, sum of squares 1 (empty vector: no features)
 * @param display  each feature's display form
 */
public record UnitVector(long[] ids, double[] weights, String[] display) implements Serializable {

  public UnitVector {
    if (ids.length != weights.length || ids.length != display.length) {
      throw new IllegalArgumentException("vector arrays differ in length");
    }
  }

  public static final UnitVector EMPTY = new UnitVector(new long[0], new double[0], new String[0]);

  public int size() {
    return ids.length;
  }

  /** The weight of feature id, 0 if absent. */
  public double weight(long id) {
    int i = Arrays.binarySearch(ids, id);
    return i >= 0 ? weights[i] : 0;
  }

  /** Dot product (both vectors in ascending id order). */
  public double dot(UnitVector o) {
    double s = 0;
    int i = 0;
    int j = 0;
    while (i < ids.length && j < o.ids.length) {
      if (ids[i] == o.ids[j]) {
        s += weights[i++] * o.weights[j++];
      } else if (ids[i] < o.ids[j]) {
        i++;
      } else {
        j++;
      }
    }
    return s;
  }

  /** One feature before weighting: id, occurrences, {@link DocumentFeatures} flags, display. */
  public record Raw(long id, int tf, int flags, String display) {}

  /** How a feature's occurrences in a unit count. */
  public enum Tf {
    /** 1 + ln tf (sublinear). */
    LOG("log"),
    /** tf. */
    RAW("raw");

    private final String flag;

    Tf(String flag) {
      this.flag = flag;
    }

    /** The scheme of a --story-tf value: log or raw. */
    public static Tf of(String flag) {
      return byFlag(values(), x -> x.flag, flag, "--story-tf");
    }
  }

  /** The inverse document frequency. */
  public enum Idf {
    /** ln((N + 1) / (df + 1)): 0 for a feature every unit holds. */
    LOG("log"),
    /** ln((N + 1) / (df + 1)) + 1. */
    LOG_PLUS_ONE("log+1");

    private final String flag;

    Idf(String flag) {
      this.flag = flag;
    }

    /** The scheme of a --story-idf value: log or log+1. */
    public static Idf of(String flag) {
      return byFlag(values(), x -> x.flag, flag, "--story-idf");
    }
  }

  /** The value whose flag is {@code given} (trimmed, any case), or an error naming the option and its values. */
  private static <E> E byFlag(E[] values, java.util.function.Function<E, String> flagOf, String given,
      String option) {
    String g = given.trim().toLowerCase(java.util.Locale.ROOT);
    for (E v : values) if (flagOf.apply(v).equals(g)) return v;
    throw new IllegalArgumentException(option + " must be " + String.join(" or ",
        java.util.Arrays.stream(values).map(flagOf).toList()) + ", got " + given);
  }

  /** Weighting rules. */
  public record Weights(int maxFeatures, long minDf, double titleBoost, double nameBoost, Tf tf, Idf idf)
      implements Serializable {
    public Weights {
      if (tf == null || idf == null) throw new IllegalArgumentException("tf and idf schemes needed");
    }
  }

  /** The weight of a feature before its boosts: tf'(tf) · idf'(df, n) (see the class comment); 0 ≤ df ≤ n, tf ≥ 1. */
  public static double weight(int tf, long df, long n, Tf tfScheme, Idf idfScheme) {
    if (tf < 1) throw new IllegalArgumentException("tf >= 1 needed, got " + tf);
    double t = tfScheme == Tf.LOG ? 1 + Math.log(tf) : tf;
    double i = TermWeights.idf(df, n) + (idfScheme == Idf.LOG_PLUS_ONE ? 1 : 0);
    return t * i;
  }

  /**
   * The vector of a unit from its raw features.
   *
   * @param df the document frequency of a feature id among the language's units (0 when unknown)
   * @param n  the number of units of the language
   */
  public static UnitVector of(List<Raw> raw, LongUnaryOperator df, long n, Weights w) {
    Raw[] kept = new Raw[raw.size()];
    double[] weight = new double[raw.size()];
    int m = 0;
    for (Raw r : raw) {
      long d = df.applyAsLong(r.id());
      if (d < w.minDf() || d > n || r.tf() <= 0) continue;
      double x = weight(r.tf(), d, n, w.tf(), w.idf());
      if ((r.flags() & DocumentFeatures.IN_TITLE) != 0) x *= w.titleBoost();
      if ((r.flags() & DocumentFeatures.NAME) != 0) x *= w.nameBoost();
      if (!(x > 0)) continue;
      kept[m] = r;
      weight[m++] = x;
    }
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) order[i] = i;
    Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -weight[i]).thenComparingLong(i -> kept[i].id()));
    int k = Math.min(m, w.maxFeatures());
    Integer[] top = Arrays.copyOf(order, k);
    Arrays.sort(top, Comparator.comparingLong(i -> kept[i].id()));
    long[] ids = new long[k];
    double[] ws = new double[k];
    String[] display = new String[k];
    double norm = 0;
    for (int i = 0; i < k; i++) norm += weight[top[i]] * weight[top[i]];
    norm = Math.sqrt(norm);
    for (int i = 0; i < k; i++) {
      ids[i] = kept[top[i]].id();
      ws[i] = weight[top[i]] / norm;
      display[i] = kept[top[i]].display();
    }
    return k == 0 ? EMPTY : new UnitVector(ids, ws, display);
  }

  /** The indices of the {@code p} largest weights (ties: smaller id), the features a unit posts for candidates. */
  public int[] strongest(int p) {
    Integer[] order = new Integer[ids.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -weights[i]).thenComparingLong(i -> ids[i]));
    int k = Math.min(p, order.length);
    int[] out = new int[k];
    for (int i = 0; i < k; i++) out[i] = order[i];
    return out;
  }
}
