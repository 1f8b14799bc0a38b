package io.newslens.topics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The vocabulary rule shared by every topic algorithm: a term is admitted when its document frequency is at least
 * {@code minDf} documents and at most {@code maxDfFraction} of the documents; admitted terms are ranked by
 * document frequency (descending) then term (ascending, by UTF-16 code units, as Spark orders strings
 * only for ASCII; {@link #ORDER} uses the same order Spark's {@code orderBy(term)} uses: unsigned UTF-8 bytes) and
 * the first {@code maxSize} kept. The rank is the term's index. Pure Java, no Spark; the stage applies the same
 * rule with Spark column functions and tests check both agree.
 */
public final class Vocabulary {
  private Vocabulary() {}

  /** A term and the number of documents it occurs in. */
  public record TermDf(String term, long df) {}

  /** Largest admitted document frequency for a corpus of n documents: floor(maxDfFraction * n), at least 1. */
  public static long maxDocCount(long n, double maxDfFraction) {
    return Math.max(1L, (long) Math.floor(maxDfFraction * n + 1e-9));
  }

  public static boolean admits(long df, long n, int minDf, double maxDfFraction) {
    return df >= minDf && df <= maxDocCount(n, maxDfFraction);
  }

  /** df descending, then term by unsigned UTF-8 bytes (Spark's string order). */
  public static final Comparator<TermDf> ORDER = Comparator.comparingLong(TermDf::df).reversed()
      .thenComparing(TermDf::term, Vocabulary::compareUtf8);

  static int compareUtf8(String a, String b) {
    byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return java.util.Arrays.compareUnsigned(x, y);
  }

  /** The vocabulary in index order. */
  public static List<String> select(List<TermDf> terms, long n, int minDf, double maxDfFraction, int maxSize) {
    List<TermDf> kept = new ArrayList<>();
    for (TermDf t : terms) if (admits(t.df(), n, minDf, maxDfFraction)) kept.add(t);
    kept.sort(ORDER);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(maxSize, kept.size()); i++) out.add(kept.get(i).term());
    return out;
  }
}
