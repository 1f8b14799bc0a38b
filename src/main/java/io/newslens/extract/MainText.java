package io.newslens.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * Decides which blocks of a page are its article. Language-independent: it reads the DOM and the shape of the
 * text, as Mozilla Readability, boilerpipe, jusText and trafilatura do (their documentation and papers, not their
 * code), and knows no site.
 *
 * <ol>
 *   <li><b>Block features.</b> Words, link density (share of characters inside links), function-word density
 *       ({@link FunctionWords}, jusText's stop-word density), whether it reads like a sentence.</li>
 *   <li><b>Content weight.</b> A block that is not a heading, not link-dense ({@literal >} {@value #LINK_DENSE})
 *       and is a sentence or has 7+ words weighs its words times (1 - link density), a third of that when it
 *       has few function words (a list of names); the weight is summed on every ancestor element.</li>
 *   <li><b>Boilerplate regions.</b> {@code nav}, {@code aside}, {@code footer}, {@code header}, {@code form},
 *       and elements whose class, id or role name a kind of boilerplate ({@link ClassNames}) mark the blocks
 *       inside them with that kind; the nearest such element counts. A region that holds at least half the
 *       page's content weight in 3+ content blocks is a wrapper of the whole page (an ASP.NET form, a
 *       "content-sidebar-wrap"), not boilerplate. Teaser lists and link lists ({@link #teaserItems}) are
 *       {@code related} regions.</li>
 *   <li><b>Container.</b> The element maximising content weight outside regions minus
 *       {@value #BAD_WEIGHT} x the words of region, link-dense and other short non-sentence blocks under it:
 *       the subtree with the most article net of furniture (deepest on ties).</li>
 *   <li><b>Decisions.</b> Outside the container a block is dropped (its region's kind, {@code link_dense} or
 *       {@code outside_article}). Inside it, a block is dropped when it is in a region, a figure
 *       ({@code caption}), a button or label ({@code form}), link-dense, the title (an h1, or equal to a
 *       title candidate of the metadata), a byline or dateline before the first or after the last content block,
 *       or a stock phrase ({@link LineRules}); everything else is kept: headings, paragraphs, lists and quotes of
 *       the article.</li>
 *   <li><b>JSON-LD.</b> When the page's JSON-LD {@code articleBody} is consistent with the page
 *       ({@link JsonLdBody}), dropped blocks it vouches for are kept again (method {@code dom_score+json_ld}).</li>
 * </ol>
 * The score is the share of the page's content weight (outside regions) that the container holds.
 */
final class MainText {
  private MainText() {}

  /** Per block: null when kept, else the reason it was dropped; and how the article was found. */
  record Result(String[] reasons, String method, double score) {}

  static final double LINK_DENSE = 0.5;
  static final double BAD_WEIGHT = 0.5;
  static final double GUARD_SHARE = 0.5;
  /** Share of its words a short non-sentence block (a label, a menu entry that is not a link) counts as bad. */
  static final double SHORT_BAD_WEIGHT = 0.3;
  /** What the blocks under one element add up to. */
  private static final class Stats {
    double raw;
    double good;
    double bad;
    int contentBlocks;
    int blocks;
    int words;
    int linkBlocks;
    int blocksWithLinks;
    int chars;
    int linkChars;
  }

  static final int TEASER_MAX_WORDS = 80;
  static final int TEASER_MIN_ITEMS = 3;

  /**
   * Teaser items: three or more sibling elements of one signature (tag and first class name), each holding a
   * link-dense block (the linked headline) and at least one other block (a summary, a date), at most
   * {@value #TEASER_MAX_WORDS} words in all. "Related", "most read" and river lists are built so; article
   * paragraphs are single blocks and article sections rarely have a linked heading.
   */
  private static Set<Element> teaserItems(Map<Element, Stats> sums) {
    Set<Element> out = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Map.Entry<Element, Stats> en : sums.entrySet()) {
      Element parent = en.getKey();
      if (en.getValue().linkBlocks < TEASER_MIN_ITEMS) continue;
      Map<String, List<Element>> groups = new HashMap<>();
      for (Element c : parent.children()) {
        Stats s = sums.get(c);
        if (s == null || s.linkBlocks == 0 || s.blocks < 2 || s.words > TEASER_MAX_WORDS) continue;
        String cls = c.className();
        int sp = cls.indexOf(' ');
        String sig = c.normalName() + "." + (sp < 0 ? cls : cls.substring(0, sp));
        groups.computeIfAbsent(sig, k -> new ArrayList<>()).add(c);
      }
      for (List<Element> g : groups.values()) {
        if (g.size() >= TEASER_MIN_ITEMS) out.addAll(g);
      }
    }
    // link lists: every item of a list holds a link, and links are a third of the list's text
    for (Map.Entry<Element, Stats> en : sums.entrySet()) {
      Element list = en.getKey();
      Stats ls = en.getValue();
      String tag = list.normalName();
      if (!tag.equals("ul") && !tag.equals("ol") || ls.blocksWithLinks < TEASER_MIN_ITEMS) continue;
      if (ls.linkChars < LINK_LIST_DENSITY * ls.chars) continue;
      List<Element> items = new ArrayList<>();
      boolean all = true;
      for (Element c : list.children()) {
        Stats s = sums.get(c);
        if (s == null) continue;
        if (s.linkChars == 0 || s.words > LINK_LIST_MAX_ITEM_WORDS) {
          all = false;
          break;
        }
        items.add(c);
      }
      if (all && items.size() >= TEASER_MIN_ITEMS) out.addAll(items);
    }
    return out;
  }

  static final double LINK_LIST_DENSITY = 0.3;
  static final int LINK_LIST_MAX_ITEM_WORDS = 30;

  static Result select(List<Block> blocks, MetadataReader.Result meta) {
    int n = blocks.size();
    String[] reasons = new String[n];
    if (n == 0) return new Result(reasons, "dom_score", 0);

    // 1. block features
    double[] fd = new double[n];
    boolean[] sentence = new boolean[n];
    for (int i = 0; i < n; i++) {
      Block b = blocks.get(i);
      fd[i] = FunctionWords.density(b.text);
      sentence[i] = isSentence(b.text, b.words, fd[i]);
    }

    // 2. raw content weight of each block, summed over each element's subtree
    Map<Element, Stats> sums = new IdentityHashMap<>();
    double[] raw = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      Block b = blocks.get(i);
      raw[i] = contentWeight(b, sentence[i], fd[i]);
      total += raw[i];
      boolean linkDense = b.linkDensity() > LINK_DENSE;
      for (Element e = b.owner; e != null; e = e.parent()) {
        Stats s = sums.computeIfAbsent(e, k -> new Stats());
        s.raw += raw[i];
        if (raw[i] > 0) s.contentBlocks++;
        s.blocks++;
        s.words += b.words;
        s.chars += b.chars;
        s.linkChars += b.linkChars;
        if (b.linkChars > 0) s.blocksWithLinks++;
        if (linkDense) s.linkBlocks++;
      }
    }

    // 3. boilerplate regions (tags, class names), unless one holds most of the page's content weight
    String[] region = new String[n];
    Map<Element, String> regionCache = new IdentityHashMap<>();
    for (int i = 0; i < n; i++) {
      Block b = blocks.get(i);
      for (Element e = b.owner; e != null; e = e.parent()) {
        String r = regionCache.computeIfAbsent(e, MainText::regionOf);
        if (r.isEmpty()) continue;
        Stats st = sums.get(e);
        if (total > 0 && st.raw / total >= GUARD_SHARE && st.contentBlocks >= 3) continue;
        region[i] = r;
        break;
      }
    }
    Set<Element> teasers = teaserItems(sums);
    for (int i = 0; i < n; i++) {
      if (region[i] != null) continue;
      for (Element e = blocks.get(i).owner; e != null; e = e.parent()) {
        if (teasers.contains(e)) {
          region[i] = "related";
          break;
        }
      }
    }

    // 4. container: the element with the most content weight net of boilerplate weight
    for (int i = 0; i < n; i++) {
      Block b = blocks.get(i);
      double good = region[i] == null ? raw[i] : 0;
      double bad = region[i] != null || b.linkDensity() > LINK_DENSE ? b.words
          : raw[i] == 0 && b.heading == 0 ? SHORT_BAD_WEIGHT * b.words : 0;
      for (Element e = b.owner; e != null; e = e.parent()) {
        Stats s = sums.get(e);
        s.good += good;
        s.bad += bad;
      }
    }
    Element container = null;
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      for (Element e = blocks.get(i).owner; e != null; e = e.parent()) {
        Stats s = sums.get(e);
        double score = s.good - BAD_WEIGHT * s.bad;
        if (score > best || score == best && container != null && isAncestor(container, e)) {
          best = score;
          container = e;
        }
      }
    }
    double goodTotal = 0;
    for (int i = 0; i < n; i++) if (region[i] == null) goodTotal += raw[i];

    // 5. decisions
    List<String> titles = new ArrayList<>();
    for (String t : meta.titles()) titles.add(normal(t));
    boolean[] inside = new boolean[n];
    int firstContent = n;
    int lastContent = -1;
    for (int i = 0; i < n; i++) {
      Block b = blocks.get(i);
      inside[i] = container != null && (b.owner == container || isAncestor(container, b.owner));
      if (inside[i] && region[i] == null && raw[i] > 0) {
        firstContent = Math.min(firstContent, i);
        lastContent = i;
      }
    }
    for (int i = 0; i < n; i++) {
      Block b = blocks.get(i);
      boolean edge = i < firstContent || i > lastContent;
      boolean title = b.heading == 1 || titles.contains(normal(b.text));
      if (!inside[i]) {
        reasons[i] = region[i] != null ? region[i] : title ? "title"
            : b.linkDensity() > LINK_DENSE ? "link_dense" : "outside_article";
      } else if (region[i] != null) {
        reasons[i] = region[i];
      } else if (b.has(Block.FIGURE)) {
        reasons[i] = "caption";
      } else if (b.has(Block.BUTTON) || b.has(Block.LABEL)) {
        reasons[i] = "form";
      } else if (b.linkDensity() > LINK_DENSE && !linkedProse(b, fd[i])) {
        reasons[i] = "link_dense";
      } else if (title) {
        reasons[i] = "title";
      } else if (edge && LineRules.byline(b, meta.metadata().authors())) {
        reasons[i] = "byline";
      } else if (LineRules.boilerplate(b)) {
        reasons[i] = "boilerplate_pattern";
      }
    }
    double score = goodTotal == 0 || container == null ? 0 : Math.min(1, sums.get(container).good / goodTotal);
    String method = "dom_score";
    if (meta.jsonLdBody() != null && JsonLdBody.apply(blocks, reasons, region, meta.jsonLdBody())) {
      method = "dom_score+json_ld";
    }
    return new Result(reasons, method, score);
  }

  static final int LINKED_PROSE_MIN_WORDS = 15;
  static final double LINKED_PROSE_MAX_DENSITY = 0.9;

  /**
   * A long sentence-like block inside the article whose words are mostly a link (a linked pull quote, a paragraph
   * that cites its source in full) is prose, not navigation: {@value #LINKED_PROSE_MIN_WORDS}+ words, a
   * function-word density of running text, not a list item.
   */
  static boolean linkedProse(Block b, double fd) {
    return b.words >= LINKED_PROSE_MIN_WORDS && fd >= 0.25 && b.linkDensity() <= LINKED_PROSE_MAX_DENSITY
        && !b.has(Block.LIST_ITEM);
  }

  /** The weight a block gives to the elements that hold it: its words, if it reads like article text. */
  static double contentWeight(Block b, boolean sentence, double fd) {
    if (b.heading > 0 || b.linkDensity() > LINK_DENSE) return 0;
    if (b.words < 7 && !sentence) return 0;
    double w = b.words * (1 - b.linkDensity());
    if (fd < 0.1 && b.words < 30) w *= 0.3;
    return w;
  }

  static boolean isSentence(String text, int words, double fd) {
    if (words < 3) return false;
    char last = text.charAt(text.length() - 1);
    boolean ends = ".!?…:;\"'»”)".indexOf(last) >= 0 || last == '\u3002';
    return ends && fd >= 0.1 || fd >= 0.25 && words >= 8;
  }

  /** The boilerplate kind of an element from its tag or class names; "" for none. */
  private static String regionOf(Element e) {
    String tag = e.normalName();
    switch (tag) {
      case "nav" -> {
        return "navigation";
      }
      case "aside" -> {
        return "aside";
      }
      case "footer" -> {
        return "footer";
      }
      case "header" -> {
        return "header";
      }
      case "form" -> {
        return "form";
      }
      case "body", "html" -> {
        return "";
      }
      default -> { }
    }
    String m = ClassNames.mark(e);
    return m == null ? "" : m;
  }

  static boolean isAncestor(Element ancestor, Element e) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (p == ancestor) return true;
    }
    return false;
  }

  static String normal(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }
}
