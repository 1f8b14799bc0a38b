package io.newslens.terms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
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

  /**
   * Compares two strings by Unicode code points, which is how Spark orders strings (their UTF-8 bytes): unlike
   * {@link String#compareTo}, a character beyond U+FFFF sorts after U+E000–U+FFFF.
   */
  public static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) return Integer.compare(ca, cb);
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /**
   * Sums the counts of (key, value) pairs and gives per key the total and its most frequent value, ties to the
   * smallest value ({@link #compareCodePoints}): a term's display form among its surfaces, a phrase's surface.
   * Holds every key it was given (the caller feeds it one shuffle partition).
   */
  public static final class ValueTally<K> {
    /** A key's total count and most frequent value. */
    public record Top(long total, String value) {}

    private final Map<K, Map<String, long[]>> counts = new HashMap<>();

    public void add(K key, String value, long n) {
      Map<String, long[]> values = counts.computeIfAbsent(key, k -> new HashMap<>(4));
      long[] c = values.get(value);
      if (c == null) values.put(value, new long[] {n});
      else c[0] += n;
    }

    public boolean isEmpty() {
      return counts.isEmpty();
    }

    /**
     * Every key's count per value (in no particular order, a value's count in element 0); the tally is emptied as
     * they are read.
     */
    public Iterator<Map.Entry<K, Map<String, long[]>>> drainCounts() {
      Iterator<Map.Entry<K, Map<String, long[]>>> it = counts.entrySet().iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Map.Entry<K, Map<String, long[]>> next() {
          Map.Entry<K, Map<String, long[]>> e = it.next();
          it.remove();
          return e;
        }
      };
    }

    /**
     * The total and most frequent value of one key's counts per value. Counts may be sums of additions and
     * withdrawals (an update's): a value whose count is 0 is gone and never chosen; the total of a key whose every
     * value is gone is 0 and its value null. A negative count is an error.
     */
    public static Top top(Map<String, long[]> values) {
      long total = 0;
      long bestCount = 0;
      String best = null;
      for (Map.Entry<String, long[]> v : values.entrySet()) {
        long c = v.getValue()[0];
        if (c < 0) throw new IllegalStateException("count below zero for " + v.getKey() + ": " + c);
        total += c;
        if (c > bestCount || (c == bestCount && c > 0 && compareCodePoints(v.getKey(), best) < 0)) {
          bestCount = c;
          best = v.getKey();
        }
      }
      return new Top(total, best);
    }
  }
}
