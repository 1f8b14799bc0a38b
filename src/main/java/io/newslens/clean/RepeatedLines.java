package io.newslens.clean;

import java.util.Arrays;

/**
 * Counts how often one line key of one source repeats: over the whole corpus (distinct bodies) and within time
 * windows (distinct pages per bucket of a timeline). Pure Java, no Spark: {@link Clean} feeds it the occurrences of
 * each (source, key) in the order of one sorted shuffle.
 *
 * <p>Every page lies on a <b>timeline</b> ({@code clock}) at a <b>bucket</b>: pages with a date share the timeline
 * {@link #DATED} and are bucketed by {@code floor(day / windowDays)}; undated pages of one input file share that
 * file's timeline ({@link #orderClock}) and are bucketed by {@code floor(record_number / windowRecords)} (a crawl or
 * an export holds its pages in fetch or publication order); a page with neither, and every line too long for the
 * windowed rule, is on no timeline ({@link #NONE}) and counts for the corpus-wide rule only.
 *
 * <p>The window of bucket b is the buckets b-1, b and b+1 of its timeline, so pages less than one bucket apart
 * always share a window. The count of a key in the window of b is the number of distinct pages holding it there:
 * {@code p(b-1) + p(b) + p(b+1)}, where p counts distinct page ids (a page id is the hash of its URL, or of its body
 * when it has none, so two captures of one article are one page). A page captured in two buckets counts in both.
 */
public final class RepeatedLines {
  private RepeatedLines() {}

  /** The timeline of dated pages (one per source: the source is part of the group). */
  public static final long DATED = 0L;
  /** No timeline: the line counts for the corpus-wide rule only. Also the clock of the corpus-wide counts. */
  public static final long NONE = 2L;

  /** The timeline of the undated pages of one input file, never {@link #DATED} or {@link #NONE} (odd). */
  public static long orderClock(long inputPathHash) {
    return inputPathHash | 1L;
  }

  /** Receives one count: the key's distinct bodies in the corpus (clock {@link #NONE}) or pages in a window. */
  public interface Sink {
    void count(long clock, long bucket, long count);
  }

  /**
   * The occurrences of one (source, key), added in (clock, bucket, page) order, each with its body hash. Reused
   * from group to group ({@link #reset}).
   */
  public static final class Group {
    private final LongSet bodies = new LongSet();
    /** One entry per (clock, bucket) where the key occurs, in order; the value is its distinct pages there. */
    private final Timed runs = new Timed();
    private long lastPage;

    public void reset() {
      bodies.clear();
      runs.clear();
    }

    /** One page holding the key. Calls must come in (clock, bucket, page) order. */
    public void add(long clock, long bucket, long page, long body) {
      bodies.add(body);
      if (clock == NONE) return;
      int last = runs.size - 1;
      if (last >= 0 && runs.clocks[last] == clock && runs.buckets[last] == bucket) {
        if (page != lastPage) runs.values[last]++;
      } else {
        if (last >= 0 && (clock < runs.clocks[last] || (clock == runs.clocks[last] && bucket <= runs.buckets[last]))) {
          throw new IllegalArgumentException("occurrences out of (clock, bucket) order");
        }
        runs.add(clock, bucket, 1);
      }
      lastPage = page;
    }

    /** Distinct bodies holding the key, over every page of the source. */
    public long distinctBodies() {
      return bodies.size();
    }

    /**
     * Gives {@code sink} the corpus count when it is at least {@code minBodies}, then, for each bucket where the key
     * occurs, its window count when that is at least {@code minPages}.
     */
    public void emit(long minBodies, long minPages, Sink sink) {
      if (bodies.size() >= minBodies) sink.count(NONE, 0L, bodies.size());
      for (int i = 0; i < runs.size; i++) {
        long c = window(i);
        if (c >= minPages) sink.count(runs.clocks[i], runs.buckets[i], c);
      }
    }

    /**
     * The key's count in the window of {@code bucket} of timeline {@code clock}: its distinct pages there when it
     * occurs in that bucket, else 0 (a count is only ever read by a page holding the key, so in a bucket where it
     * occurs).
     */
    public long windowCount(long clock, long bucket) {
      int lo = 0;
      int hi = runs.size - 1;
      while (lo <= hi) { // runs are in (clock, bucket) order
        int mid = (lo + hi) >>> 1;
        int c = runs.clocks[mid] != clock ? Long.compare(runs.clocks[mid], clock)
            : Long.compare(runs.buckets[mid], bucket);
        if (c == 0) return window(mid);
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
      }
      return 0;
    }

    /** The pages of run i and of the runs of its timeline's neighbouring buckets. */
    private long window(int i) {
      long[] clocks = runs.clocks;
      long[] buckets = runs.buckets;
      long c = runs.values[i];
      if (i > 0 && clocks[i - 1] == clocks[i] && buckets[i - 1] == buckets[i] - 1) c += runs.values[i - 1];
      if (i + 1 < runs.size && clocks[i + 1] == clocks[i] && buckets[i + 1] == buckets[i] + 1) {
        c += runs.values[i + 1];
      }
      return c;
    }
  }

  /** Growable parallel columns of longs (clock, bucket, value), appended in order: runs or holders on timelines. */
  static final class Timed {
    long[] clocks = new long[16];
    long[] buckets = new long[16];
    long[] values = new long[16];
    int size;

    void clear() {
      size = 0;
    }

    void add(long clock, long bucket, long value) {
      if (size == clocks.length) {
        clocks = Arrays.copyOf(clocks, size * 2);
        buckets = Arrays.copyOf(buckets, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      clocks[size] = clock;
      buckets[size] = bucket;
      values[size] = value;
      size++;
    }
  }

  /**
   * The corpus-wide verdict: a line held by {@code bodies} distinct bodies of a source of {@code sourceBodies} is
   * repeated when they are at least {@code repeatMinDocs} and {@code repeatMinFraction} of the source's.
   */
  public static boolean inSource(long bodies, long sourceBodies, CleanParams p) {
    return bodies >= p.repeatMinDocs() && bodies >= sourceBodies * p.repeatMinFraction();
  }

  /**
   * The windowed verdict ({@link Cleaner.Repetition#inWindow}): a line on {@code pages} distinct pages of a window
   * of {@code windowPages} is {@link Cleaner.Repetition#NO} below {@code windowMinPages}, else
   * {@link Cleaner.Repetition#STRONG} when they are also {@code windowMinFraction} of the window's pages, else
   * {@link Cleaner.Repetition#WEAK}.
   */
  public static int inWindow(long pages, long windowPages, CleanParams p) {
    if (pages < p.windowMinPages()) return Cleaner.Repetition.NO;
    return pages >= windowPages * p.windowMinFraction() ? Cleaner.Repetition.STRONG : Cleaner.Repetition.WEAK;
  }

  /** An open-addressing set of longs (no boxing): the distinct bodies of one group. */
  static final class LongSet {
    private static final long EMPTY = 0L;
    private long[] slots = new long[16];
    private int size;
    private boolean hasEmpty;

    void clear() {
      if (slots.length > 1 << 12) slots = new long[16];
      else if (size > 0) Arrays.fill(slots, EMPTY);
      size = 0;
      hasEmpty = false;
    }

    int size() {
      return size + (hasEmpty ? 1 : 0);
    }

    void add(long v) {
      if (v == EMPTY) {
        hasEmpty = true;
        return;
      }
      if ((size + 1) * 2 > slots.length) grow();
      if (insert(slots, v)) size++;
    }

    private static boolean insert(long[] table, long v) {
      int mask = table.length - 1;
      int i = (int) (mix(v) & mask);
      while (table[i] != EMPTY) {
        if (table[i] == v) return false;
        i = (i + 1) & mask;
      }
      table[i] = v;
      return true;
    }

    private void grow() {
      long[] bigger = new long[slots.length * 2];
      for (long v : slots) if (v != EMPTY) insert(bigger, v);
      slots = bigger;
    }

    private static long mix(long v) {
      v ^= v >>> 33;
      v *= 0xff51afd7ed558ccdL;
      v ^= v >>> 33;
      return v;
    }
  }
}
