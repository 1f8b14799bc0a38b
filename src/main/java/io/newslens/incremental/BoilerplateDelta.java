package io.newslens.incremental;

import io.newslens.clean.Clean;
import io.newslens.clean.CleanParams;
import io.newslens.clean.Cleaner;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How the clean stage's repeated lines ({@link Clean#isRepeated}) change when documents are added. Pure Java.
 *
 * <p>A line's count is the number of distinct bodies of its source holding it, a source's total the number of its
 * distinct bodies. A new document adds to them only when its body is new to its source (a byte-identical copy of a
 * known article adds nothing); then every line of it gains one, and its source's total one. Lines cross the
 * thresholds both ways: a line reaching {@code --boilerplate-min-docs} bodies and its fraction of the source becomes
 * boilerplate, and a line whose count does not keep up with its source's growing total stops being boilerplate.
 * Those are the <b>flipped</b> lines: every old document holding one must be cleaned again.
 *
 * <p>Inputs: the current counts (lines with at least --boilerplate-min-docs bodies and every source's total, as
 * {@link Clean#lineCounts} gives them), the old occurrences of the other lines the new documents hold and of the new
 * documents' bodies (so their counts and the bodies' novelty are known), and the new documents' lines.
 */
final class BoilerplateDelta {

  /** A line of a source ({@code key} {@link Cleaner#DOCUMENT_KEY}: the source's total). */
  record Line(String source, long key) {}

  /** A new document: its source, body hash and distinct line keys (with {@link Cleaner#DOCUMENT_KEY}). */
  record NewDocument(String docId, String source, long body, long[] keys) {}

  /** Counts after the documents are added, the repeated lines of every source, and the lines that flipped. */
  record Result(Map<Line, Long> counts, Map<String, long[]> repeated, Set<Line> flipped, long newBodies) {}

  private BoilerplateDelta() {}

  /**
   * @param counts the current counts (lines of at least --boilerplate-min-docs bodies, sources' totals)
   * @param oldOccurrences (source, line key, body) of old documents: every occurrence of the lines the new documents
   *     hold that are not in {@code counts}, and the {@link Cleaner#DOCUMENT_KEY} occurrences of their bodies
   * @param added the new documents (a document without a source never counts)
   */
  static Result apply(Map<Line, Long> counts, List<Occurrence> oldOccurrences, List<NewDocument> added,
      CleanParams p) {
    Set<List<Object>> knownBodies = new HashSet<>();
    Map<Line, Set<Long>> oldBodies = new HashMap<>();
    for (Occurrence o : oldOccurrences) {
      if (o.key() == Cleaner.DOCUMENT_KEY) knownBodies.add(List.of(o.source(), o.body()));
      else oldBodies.computeIfAbsent(new Line(o.source(), o.key()), k -> new HashSet<>()).add(o.body());
    }
    // the lines each new body adds one to (once per body, whatever the number of documents holding it)
    Map<Line, Long> gained = new HashMap<>();
    long newBodies = 0;
    for (NewDocument d : added) {
      if (d.source() == null || !knownBodies.add(List.of(d.source(), d.body()))) continue;
      newBodies++;
      Set<Long> seen = new HashSet<>();
      for (long k : d.keys()) if (seen.add(k)) gained.merge(new Line(d.source(), k), 1L, Long::sum);
    }
    Map<Line, Long> after = new HashMap<>(counts);
    for (Map.Entry<Line, Long> e : gained.entrySet()) {
      Line l = e.getKey();
      long before = counts.containsKey(l) ? counts.get(l) : oldBodies.getOrDefault(l, Set.of()).size();
      after.put(l, before + e.getValue());
    }
    after.entrySet().removeIf(e -> e.getKey().key() != Cleaner.DOCUMENT_KEY && e.getValue() < p.repeatMinDocs());

    Map<String, Set<Long>> repeatedBefore = repeated(counts, p);
    Map<String, Set<Long>> repeatedAfter = repeated(after, p);
    Set<String> grown = new TreeSet<>();
    for (Line l : gained.keySet()) grown.add(l.source());
    Set<Line> flipped = new HashSet<>();
    for (String s : grown) {
      Set<Long> b = repeatedBefore.getOrDefault(s, Set.of());
      Set<Long> a = repeatedAfter.getOrDefault(s, Set.of());
      for (long k : b) if (!a.contains(k)) flipped.add(new Line(s, k));
      for (long k : a) if (!b.contains(k)) flipped.add(new Line(s, k));
    }
    Map<String, long[]> repeated = new TreeMap<>();
    repeatedAfter.forEach((s, keys) -> repeated.put(s, keys.stream().mapToLong(Long::longValue).sorted().toArray()));
    return new Result(after, repeated, flipped, newBodies);
  }

  /** An old occurrence: (source, line key, body). */
  record Occurrence(String source, long key, long body) {}

  /** The repeated lines of every source under these counts. */
  static Map<String, Set<Long>> repeated(Map<Line, Long> counts, CleanParams p) {
    Map<String, Long> totals = new LinkedHashMap<>();
    for (Map.Entry<Line, Long> e : counts.entrySet()) {
      if (e.getKey().key() == Cleaner.DOCUMENT_KEY) totals.put(e.getKey().source(), e.getValue());
    }
    Map<String, Set<Long>> out = new HashMap<>();
    for (Map.Entry<Line, Long> e : counts.entrySet()) {
      Line l = e.getKey();
      if (l.key() == Cleaner.DOCUMENT_KEY || !totals.containsKey(l.source())) continue;
      if (Clean.isRepeated(e.getValue(), Objects.requireNonNull(totals.get(l.source())), p)) {
        out.computeIfAbsent(l.source(), k -> new TreeSet<>()).add(l.key());
      }
    }
    return out;
  }
}
