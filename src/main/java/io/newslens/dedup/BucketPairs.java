package io.newslens.dedup;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The pairs one bucket of the dedup search yields, fed its rows in doc_id order (see {@link Dedup#buckets}). Pure
 * Java, reused from bucket to bucket ({@link #start}); the dedup stage streams every bucket of a shuffle partition
 * through it, and an update feeds it the buckets its new documents touch, so both pair a bucket the same way.
 * <ul>
 *   <li>Exact-key rows: the first (smallest) doc_id of each exact key with every later one (a star).</li>
 *   <li>Band rows: each exact key takes part once, through its smallest doc_id; up to {@code maxBucket} members
 *       give all their pairs, a larger bucket gives each member with the first and with its predecessor
 *       ({@link Banding#bucketPairs}). Members are buffered up to maxBucket, the rest streamed.</li>
 * </ul>
 */
public final class BucketPairs {

  /** Receives a pair: doc_a &lt; doc_b, exact (with the shingles of the texts) or a near-duplicate candidate. */
  public interface Sink {
    void pair(String docA, String docB, boolean exact, int shingles);
  }

  private record Key(long hi, long lo) {}

  private final int maxBucket;
  private final String[] members;
  private final Map<Key, String> exactReps = new HashMap<>();
  private final Set<Key> seen = new HashSet<>();
  private int n;
  private String first;
  private String prev;

  public BucketPairs(int maxBucket) {
    this.maxBucket = maxBucket;
    this.members = new String[maxBucket + 1];
  }

  /** Starts a bucket. */
  public void start() {
    exactReps.clear();
    seen.clear();
    n = 0;
    first = null;
    prev = null;
  }

  /** The bucket's next row (rows come in doc_id order). */
  public void add(String docId, long exactHi, long exactLo, int shingles, boolean exactRow, Sink sink) {
    Key key = new Key(exactHi, exactLo);
    if (exactRow) {
      String rep = exactReps.putIfAbsent(key, docId);
      if (rep != null) sink.pair(rep, docId, true, shingles);
      return;
    }
    // an exact duplicate of an earlier member takes no part, nor one document twice (a 64-bit key collision)
    if (!seen.add(key)) return;
    if (n <= maxBucket) {
      members[n] = docId;
      if (n == maxBucket) buffered(n + 1, sink); // over the limit: star and chain for what is buffered
    } else { // and stream the rest
      sink.pair(first, docId, false, 0);
      sink.pair(prev, docId, false, 0);
    }
    if (n == 0) first = docId;
    prev = docId;
    n++;
  }

  /** Ends the bucket: the pairs of a bucket that stayed within maxBucket members. */
  public void finish(Sink sink) {
    if (n >= 2 && n <= maxBucket) buffered(n, sink);
  }

  private void buffered(int count, Sink sink) {
    for (long x : Banding.bucketPairs(count, maxBucket)) {
      sink.pair(members[(int) (x >>> 32)], members[(int) x], false, 0);
    }
  }
}
