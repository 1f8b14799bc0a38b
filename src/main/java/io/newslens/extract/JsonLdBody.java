package io.newslens.extract;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the page's blocks against its JSON-LD {@code articleBody}, when it has one. The body is trusted only when
 * it is consistent with the page: at least {@value #MIN_COVERAGE} of its word 4-grams are found in the page's
 * blocks and it is at least {@value #MIN_LENGTH_RATIO} of the length of the article the DOM found (a truncated
 * teaser body is not). Then a block the DOM dropped, whose 4-grams are (nearly) all in the body, is kept: a
 * paragraph outside the chosen container or in a region whose class name misled (never a title, byline, caption
 * or comment, which bodies sometimes repeat). A body is never used to drop
 * a block the DOM kept: publishers' bodies miss in-article headings and lists as often as they add to them.
 */
final class JsonLdBody {
  private JsonLdBody() {}

  static final double MIN_COVERAGE = 0.8;
  static final double MIN_LENGTH_RATIO = 0.5;
  static final double BLOCK_MATCH = 0.9;
  static final int MIN_BLOCK_WORDS = 5;
  /** Lines a body may well repeat that are still not article text. */
  static final Set<String> KEPT_OUT = Set.of("title", "byline", "caption", "boilerplate_pattern", "comments");

  /** Keeps the dropped blocks the body vouches for; true when the body was consistent and changed something. */
  static boolean apply(List<Block> blocks, String[] reasons, String[] region, String body) {
    List<String> bodyWords = FunctionWords.words(body);
    if (bodyWords.size() < 4) return false;
    Set<String> bodyGrams = grams(bodyWords);
    Set<String> pageGrams = new HashSet<>();
    int articleWords = 0;
    boolean[] match = new boolean[blocks.size()];
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      List<String> w = FunctionWords.words(b.text);
      if (reasons[i] == null) articleWords += w.size();
      Set<String> g = grams(w);
      pageGrams.addAll(g);
      if (w.size() >= MIN_BLOCK_WORDS && !g.isEmpty()) {
        int in = 0;
        for (String x : g) if (bodyGrams.contains(x)) in++;
        match[i] = in >= BLOCK_MATCH * g.size();
      }
    }
    int covered = 0;
    for (String x : bodyGrams) if (pageGrams.contains(x)) covered++;
    if (covered < MIN_COVERAGE * bodyGrams.size() || bodyWords.size() < MIN_LENGTH_RATIO * articleWords) return false;
    Set<String> kept = new HashSet<>();
    for (int i = 0; i < blocks.size(); i++) if (reasons[i] == null) kept.add(blocks.get(i).text);
    boolean changed = false;
    for (int i = 0; i < blocks.size(); i++) {
      if (match[i] && reasons[i] != null && !KEPT_OUT.contains(reasons[i]) && !"comments".equals(region[i])
          && !kept.contains(blocks.get(i).text)) { // a standfirst repeated in the body is still a standfirst
        reasons[i] = null;
        changed = true;
      }
    }
    return changed;
  }

  private static Set<String> grams(List<String> w) {
    Set<String> out = new HashSet<>();
    for (int i = 0; i + 4 <= w.size(); i++) {
      out.add(w.get(i) + ' ' + w.get(i + 1) + ' ' + w.get(i + 2) + ' ' + w.get(i + 3));
    }
    return out;
  }
}
