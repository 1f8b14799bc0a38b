package io.newslens.terms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counting the terms stage does inside one document or one partition before anything is shuffled, plain Java:
 * a document's term frequencies (a document's tokens are one row, so its counts need no shuffle), phrase keys as
 * one string, and a counter with a bound on its distinct keys for map-side combining (display-form and collocation
 * candidates are summed per partition, the sums summed again after the shuffle: the same totals, fewer rows).
 */
public final class TermCounts {
  private TermCounts() {}

  /** Separates the terms of a phrase key; no analyzer emits it inside a term. */
  public static final char KEY_SEPARATOR = '\u0000';

  /** Occurrences of every non-stop term of one document, in the order of first occurrence. */
  public static Map<String, Long> contentTerms(String[] terms, boolean[] stops) {
    if (terms.length != stops.length) throw new IllegalArgumentException("token arrays differ in length");
    Map<String, Long> tf = new LinkedHashMap<>();
    for (int i = 0; i < terms.length; i++) {
      if (!stops[i]) tf.merge(terms[i], 1L, Long::sum);
    }
    return tf;
  }

  /** The terms of a phrase as one string (a grouping key lighter than an array). */
  public static String phraseKey(List<String> terms) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < terms.size(); i++) {
      String t = terms.get(i);
      if (t.indexOf(KEY_SEPARATOR) >= 0) throw new IllegalArgumentException("a term holds U+0000: " + t);
      if (i > 0) b.append(KEY_SEPARATOR);
      b.append(t);
    }
    return b.toString();
  }

  /** The terms of a phrase key ({@link #phraseKey} inverted). */
  public static List<String> phraseTerms(String key) {
    return Arrays.asList(key.split(String.valueOf(KEY_SEPARATOR), -1));
  }

  /**
   * Sums counts by key while fewer than {@code maxKeys} distinct keys are held; the caller {@link #drain}s it when
   * {@link #full} (and at the end), so memory stays bounded whatever the partition's size. A key holds
   * {@code width} sums (e.g. occurrences and documents), added together.
   */
  public static final class BoundedCounter<K> {
    private final int maxKeys;
    private final int width;
    private Map<K, long[]> counts = new HashMap<>();

    public BoundedCounter(int maxKeys) {
      this(maxKeys, 1);
    }

    public BoundedCounter(int maxKeys, int width) {
      if (maxKeys < 1) throw new IllegalArgumentException("maxKeys must be >= 1, got " + maxKeys);
      if (width < 1) throw new IllegalArgumentException("width must be >= 1, got " + width);
      this.maxKeys = maxKeys;
      this.width = width;
    }

    /** Adds n to the key's first sum. */
    public void add(K key, long n) {
      long[] c = counts.get(key);
      if (c == null) counts.put(key, c = new long[width]);
      c[0] += n;
    }

    /** Adds n and m to the key's first and second sums (a counter of width 2 or more). */
    public void add(K key, long n, long m) {
      if (width < 2) throw new IllegalStateException("a counter of width " + width + " holds one sum a key");
      long[] c = counts.get(key);
      if (c == null) counts.put(key, c = new long[width]);
      c[0] += n;
      c[1] += m;
    }

    public boolean full() {
      return counts.size() >= maxKeys;
    }

    public boolean isEmpty() {
      return counts.isEmpty();
    }

    /** The first sums so far (key → count), and an empty counter. */
    public List<Map.Entry<K, Long>> drain() {
      List<Map.Entry<K, Long>> out = new ArrayList<>(counts.size());
      for (Map.Entry<K, long[]> e : counts.entrySet()) out.add(Map.entry(e.getKey(), e.getValue()[0]));
      counts = new HashMap<>();
      return out;
    }

    /** All sums so far (key → its {@code width} sums), and an empty counter. */
    public List<Map.Entry<K, long[]>> drainAll() {
      List<Map.Entry<K, long[]>> out = new ArrayList<>(counts.entrySet());
      counts = new HashMap<>();
      return out;
    }
  }
}
