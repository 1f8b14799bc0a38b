package io.newslens.clean;

import java.io.Serializable;
import java.util.Map;

/**
 * Which repeated-line verdicts adding documents to a cleaned corpus changes, and which old documents hold such a
 * line. Pure Java, no Spark: {@link Clean#addTo} feeds it the occurrences of each (source, line key), old and added
 * together, in the order of one sorted shuffle, as {@link RepeatedLines.Group} is fed in a full run.
 *
 * <p>An old document's cleaning depends on the corpus only through the verdicts on its own line keys, in its source
 * ({@link RepeatedLines#inSource}) and in its page's window ({@link RepeatedLines#inWindow}); each verdict is a
 * function of the key's count and its <b>scope</b>'s total (the source's distinct bodies, the window's distinct
 * pages). Adding documents changes counts only of the keys they hold, and totals only of the scopes they fall in: their
 * sources, and the windows of their buckets and of the two buckets next to each. So a verdict can change only in
 * such a scope; {@link #totals} gives those scopes' totals before (old documents alone) and after (all), and
 * {@link Group#flips} compares each key's verdicts there, before and after. An old document none of whose keys'
 * verdicts changed is cleaned exactly as before.
 */
public final class LineFlips {
  private LineFlips() {}

  /**
   * A scope of the verdicts: a source's corpus-wide counts ({@code clock} {@link RepeatedLines#NONE}, bucket 0) or
   * the window of one bucket of one of its timelines.
   */
  public record Scope(long source, long clock, long bucket) implements Serializable {}

  /** A scope's total (distinct bodies of a source, distinct pages of a window) over the old documents and over all. */
  public record Totals(long before, long after) implements Serializable {}

  /** Receives a scope's totals. */
  public interface TotalsSink {
    void totals(long clock, long bucket, long before, long after);
  }

  /** Receives an old document holding a key whose verdict flips in one of its scopes. */
  public interface FlipSink {
    /**
     * @param clock {@link RepeatedLines#NONE} for the source's verdict, else the window's timeline
     * @param count the key's count after the addition, in that scope
     * @param doc the holder's document hash
     */
    void holder(long clock, long bucket, long count, long doc);
  }

  /**
   * The occurrences of one (source, key), old and added: the key's counts over the old documents and over all, and
   * the old documents holding it (including those that only look it up, see {@link Cleaner#lookups}). Reused from
   * group to group ({@link #reset}).
   */
  public static final class Group {
    private final RepeatedLines.Group all = new RepeatedLines.Group();
    private final RepeatedLines.Group old = new RepeatedLines.Group();
    /** The old documents holding the key: (clock, bucket, document hash), in (clock, bucket) order. */
    private final RepeatedLines.Timed holders = new RepeatedLines.Timed();
    /** The (clock, bucket) of the added documents on a timeline, distinct, in order. */
    private final RepeatedLines.Timed addedRuns = new RepeatedLines.Timed();
    private boolean anyAdded;

    private boolean keepHolders;

    /**
     * Starts a group; {@code keepHolders} false for the {@link Cleaner#DOCUMENT_KEY}, whose holders are every
     * document and whose verdicts are never asked.
     */
    public void reset(boolean keepHolders) {
      this.keepHolders = keepHolders;
      all.reset();
      old.reset();
      holders.clear();
      addedRuns.clear();
      anyAdded = false;
    }

    /**
     * One document holding the key, in (clock, bucket, page) order as for {@link RepeatedLines.Group#add}:
     * {@code counted} when the key is one of its candidates (an uncounted key is only looked up), {@code added} when
     * the document is new.
     */
    public void add(long clock, long bucket, long page, long body, long doc, boolean added, boolean counted) {
      if (counted) {
        all.add(clock, bucket, page, body);
        if (!added) old.add(clock, bucket, page, body);
      }
      if (added) {
        anyAdded = true;
        int last = addedRuns.size - 1;
        if (clock != RepeatedLines.NONE
            && (last < 0 || addedRuns.clocks[last] != clock || addedRuns.buckets[last] != bucket)) {
          addedRuns.add(clock, bucket, 0L);
        }
      } else if (keepHolders) {
        holders.add(clock, bucket, doc);
      }
    }

    /** The key's counts over every document: what a full run on all of them counts. */
    public RepeatedLines.Group all() {
      return all;
    }

    /**
     * For the group of {@link Cleaner#DOCUMENT_KEY} (one row per document): the totals, before and after, of the
     * scopes whose totals the added documents may change: the source's when it has an added document, and the window
     * of each bucket that holds a document and lies within one bucket of an added one on its timeline.
     */
    public void totals(TotalsSink sink) {
      if (!anyAdded) return;
      sink.totals(RepeatedLines.NONE, 0L, old.distinctBodies(), all.distinctBodies());
      long lastClock = 0;
      long lastBucket = 0;
      boolean any = false;
      for (int i = 0; i < addedRuns.size; i++) {
        for (long b = addedRuns.buckets[i] - 1; b <= addedRuns.buckets[i] + 1; b++) {
          long c = addedRuns.clocks[i];
          if (any && (c < lastClock || (c == lastClock && b <= lastBucket))) continue; // given already
          any = true;
          lastClock = c;
          lastBucket = b;
          long after = all.windowCount(c, b);
          if (after > 0) sink.totals(c, b, old.windowCount(c, b), after);
        }
      }
    }

    /**
     * Gives {@code sink} the old documents holding the key in a scope where its verdict differs before and after the
     * addition: in the source (every old holder) and in the window of a bucket (the old holders in that bucket).
     * Scopes absent from {@code totals} (see {@link LineFlips#totals}) are unchanged by the addition; when a scope of
     * the key is absent, so is every change of the key's count there.
     */
    public void flips(long source, Map<Scope, Totals> totals, CleanParams p, FlipSink sink) {
      if (holders.size == 0) return;
      Totals t = totals.get(new Scope(source, RepeatedLines.NONE, 0L));
      if (t != null) {
        long before = old.distinctBodies();
        long after = all.distinctBodies();
        if (RepeatedLines.inSource(before, t.before(), p) != RepeatedLines.inSource(after, t.after(), p)) {
          for (int i = 0; i < holders.size; i++) sink.holder(RepeatedLines.NONE, 0L, after, holders.values[i]);
        }
      }
      // holders come in (clock, bucket) order: one verdict per bucket run
      for (int i = 0; i < holders.size; ) {
        long c = holders.clocks[i];
        long b = holders.buckets[i];
        int j = i;
        while (j < holders.size && holders.clocks[j] == c && holders.buckets[j] == b) j++;
        Totals w = c == RepeatedLines.NONE ? null : totals.get(new Scope(source, c, b));
        if (w != null) {
          long before = old.windowCount(c, b);
          long after = all.windowCount(c, b);
          if (RepeatedLines.inWindow(before, w.before(), p) != RepeatedLines.inWindow(after, w.after(), p)) {
            for (int k = i; k < j; k++) sink.holder(c, b, after, holders.values[k]);
          }
        }
        i = j;
      }
    }
  }
}
