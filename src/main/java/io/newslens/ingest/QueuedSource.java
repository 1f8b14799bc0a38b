package io.newslens.ingest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.NoSuchElementException;

/**
 * A {@link RecordSource} that reads on by steps, each queuing the records it met: the queue and the iteration the
 * readers share. {@link #step} never throws: a failure is a rejection it queues.
 */
abstract class QueuedSource implements RecordSource {
  private final Deque<RawRecord> pending = new ArrayDeque<>();
  /** Nothing more to read: set by a step at the end of the input, or when it cannot go on. */
  protected boolean done;

  /** Reads on: queues the next record(s) with {@link #emit}, or sets {@link #done}. */
  protected abstract void step();

  protected final void emit(RawRecord r) {
    pending.add(r);
  }

  @Override
  public final boolean hasNext() {
    while (pending.isEmpty() && !done) step();
    return !pending.isEmpty();
  }

  @Override
  public final RawRecord next() {
    if (!hasNext()) throw new NoSuchElementException();
    return pending.poll();
  }
}
