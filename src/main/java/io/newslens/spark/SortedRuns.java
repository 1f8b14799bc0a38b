package io.newslens.spark;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * The reading side of "one sorted shuffle, then each key's rows as one group": rows clustered and sorted by a long
 * key in column 0 (a {@code repartition(key).sortWithinPartitions(key, ...)} partition) go through {@link #run} one
 * run of equal keys at a time; {@code run} takes the run's rows with {@link #take} and queues the rows it yields
 * with {@link #emit}. Only what a run buffers is held, so a partition of any size streams. Used by dedup's LSH
 * buckets and reuse's n-gram postings.
 */
public abstract class SortedRuns implements Iterator<Row> {
  private final Iterator<Row> in;
  private final ArrayDeque<Row> out = new ArrayDeque<>();
  private Row pending;

  protected SortedRuns(Iterator<Row> in) {
    this.in = in;
    this.pending = in.hasNext() ? in.next() : null;
  }

  /** Reads the run of {@code key} through {@link #take} and {@link #emit}s what it yields. */
  protected abstract void run(long key);

  /** The next row of the run of {@code key}, or null at the run's end. */
  protected final Row take(long key) {
    if (pending == null || pending.getLong(0) != key) return null;
    Row r = pending;
    pending = in.hasNext() ? in.next() : null;
    return r;
  }

  protected final void emit(Row row) {
    out.add(row);
  }

  @Override
  public final boolean hasNext() {
    while (out.isEmpty() && pending != null) {
      long key = pending.getLong(0);
      run(key);
      while (take(key) != null) {
        // rows of the run that run() left unread
      }
    }
    return !out.isEmpty();
  }

  @Override
  public final Row next() {
    if (!hasNext()) throw new NoSuchElementException();
    return out.poll();
  }
}
