package io.newslens.incremental;

import io.newslens.reuse.AnchorGroups;
import java.util.List;
import java.util.Set;

/**
 * What one n-gram's change of postings does to reuse's anchors (see {@code io.newslens.reuse.AnchorGroups}). Pure
 * Java. An n-gram anchors reuse only while it is rare and not repeated within a source, so adding documents can
 * make it an anchor or stop it being one: then the pairs of unchanged documents sharing it gain or lose an anchor
 * (<b>flips</b>); and every pair of a changed (new or dirty) document that it anchors after the change is one
 * <b>hit</b> of that pair.
 */
final class GramChanges {
  private GramChanges() {}

  /** A document holding the n-gram: its key, its source's key, the word indices of its first and last occurrence. */
  record Posting(long doc, long source, int first, int last) {}

  interface Sink {
    /** The n-gram anchors the pair (a &lt; b by key, at least one changed) after the change. */
    void hit(long a, long b, int firstA, int lastA, int firstB, int lastB);

    /** The n-gram's anchor status changed for this pair of unchanged documents (a &lt; b). */
    void flip(long a, long b);

    /** The n-gram was held by at most --reuse-max-docs documents and now by {@code docs}, more. */
    void becameCommon(long docs);
  }

  /**
   * @param before the postings before the change, by document key
   * @param after the postings after (without the dirty documents' old ones, with the changed documents' new ones),
   *     by document key
   * @param changed keys of the new and dirty documents
   */
  static void apply(List<Posting> before, List<Posting> after, Set<Long> changed, int maxDocs, int boilerplateDocs,
      Sink sink) {
    boolean was = anchor(before, maxDocs, boilerplateDocs);
    boolean is = anchor(after, maxDocs, boilerplateDocs);
    if (is) {
      long[] sources = sources(after);
      for (long x : AnchorGroups.crossSourcePairs(sources, sources.length)) {
        Posting a = after.get((int) (x >>> 32));
        Posting b = after.get((int) x);
        if (a.doc() == b.doc()) continue; // one document listed twice
        if (changed.contains(a.doc()) || changed.contains(b.doc())) {
          sink.hit(a.doc(), b.doc(), a.first(), a.last(), b.first(), b.last());
        } else if (!was) {
          sink.flip(a.doc(), b.doc());
        }
      }
    }
    if (was && !is) {
      long[] sources = sources(before);
      for (long x : AnchorGroups.crossSourcePairs(sources, sources.length)) {
        Posting a = before.get((int) (x >>> 32));
        Posting b = before.get((int) x);
        if (a.doc() != b.doc() && !changed.contains(a.doc()) && !changed.contains(b.doc())) sink.flip(a.doc(), b.doc());
      }
    }
    if (before.size() <= maxDocs && after.size() > maxDocs) sink.becameCommon(after.size());
  }

  private static boolean anchor(List<Posting> postings, int maxDocs, int boilerplateDocs) {
    if (postings.size() > maxDocs) return false;
    return AnchorGroups.isAnchor(sources(postings), postings.size(), maxDocs, boilerplateDocs);
  }

  private static long[] sources(List<Posting> postings) {
    long[] s = new long[postings.size()];
    for (int i = 0; i < s.length; i++) s[i] = postings.get(i).source();
    return s;
  }
}
