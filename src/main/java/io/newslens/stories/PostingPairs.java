package io.newslens.stories;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Candidate pairs from one feature's posting list, read in order: undated members first (by unit key), then dated
 * ones by time, then unit key. Plain Java; no Spark. A member is paired with
 * <ul>
 *   <li>the dated members before it within {@code window} seconds, all of them while there are at most
 *       {@code maxAll}, else only the {@code neighbours} latest (a feature that common here and now is weak
 *       evidence: the pairs stay linear in the list's length and the latest neighbours still connect a busy
 *       story);</li>
 *   <li>the undated members (their time is unknown): all of them while there are at most {@code maxAll}, else the
 *       {@code neighbours} first.</li>
 * </ul>
 * Each pair carries the product of the two members' weights for this feature: summed over the features two units
 * share, it is their cosine similarity over the posted features (a lower bound of their full cosine).
 */
public final class PostingPairs {
  /** One posting: the unit's key, its time (epoch seconds, {@link Unit#UNDATED} when unknown), its weight. */
  public record Member(long unit, long time, double weight) {}

  /** Receives pairs: the smaller unit key first. */
  @FunctionalInterface
  public interface Sink {
    void pair(long a, long b, double product);
  }

  private final long window;
  private final int maxAll;
  private final int neighbours;
  private final ArrayDeque<Member> dated = new ArrayDeque<>();
  private final List<Member> undated = new ArrayList<>();
  private long lastTime = Long.MIN_VALUE;

  public PostingPairs(long windowSeconds, int maxAll, int neighbours) {
    if (windowSeconds < 0 || maxAll < 1 || neighbours < 1) {
      throw new IllegalArgumentException("window >= 0, maxAll >= 1 and neighbours >= 1 needed");
    }
    this.window = windowSeconds;
    this.maxAll = maxAll;
    this.neighbours = neighbours;
  }

  /** Starts a new posting list. */
  public void reset() {
    dated.clear();
    undated.clear();
    lastTime = Long.MIN_VALUE;
  }

  /** Adds the next member of the list and hands its pairs to {@code out}. */
  public void add(Member m, Sink out) {
    if (m.time() == Unit.UNDATED) {
      if (!dated.isEmpty()) throw new IllegalStateException("undated members must come before dated ones");
      int from = undated.size() <= maxAll ? 0 : undated.size() - neighbours;
      for (int i = from; i < undated.size(); i++) emit(undated.get(i), m, out);
      undated.add(m);
      return;
    }
    if (m.time() < lastTime) throw new IllegalStateException("members must come in time order");
    lastTime = m.time();
    while (!dated.isEmpty() && m.time() - dated.peekFirst().time() > window) dated.pollFirst();
    if (dated.size() <= maxAll) {
      for (Member d : dated) emit(d, m, out);
    } else {
      Iterator<Member> latest = dated.descendingIterator();
      for (int i = 0; i < neighbours; i++) emit(latest.next(), m, out);
    }
    int u = undated.size() <= maxAll ? undated.size() : neighbours;
    for (int i = 0; i < u; i++) emit(undated.get(i), m, out);
    dated.addLast(m);
  }

  private static void emit(Member a, Member b, Sink out) {
    if (a.unit() == b.unit()) return;
    double p = a.weight() * b.weight();
    if (a.unit() < b.unit()) {
      out.pair(a.unit(), b.unit(), p);
    } else {
      out.pair(b.unit(), a.unit(), p);
    }
  }
}
