package io.newslens.extract;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Linearizes a page's visible text into blocks, one per line: a block ends at every block-level element's start
 * and end and at every {@code <br>}; lines of {@code <pre>} text are blocks of their own. White space runs become
 * one space. Not visible, so not read: the head, scripts, styles, {@code noscript}, templates, SVG and MathML,
 * embedded frames and objects, form controls' values, media fallbacks, and elements hidden by the
 * {@code hidden} attribute, an inline {@code display:none} / {@code visibility:hidden} or a visually-hidden class.
 * The walk is iterative (no recursion), so any nesting depth is safe.
 */
final class PageBlocks {
  private PageBlocks() {}

  static final Set<String> SKIPPED = Set.of("script", "style", "noscript", "template", "head", "title", "svg",
      "math", "iframe", "frame", "frameset", "object", "embed", "applet", "canvas", "select", "option",
      "datalist", "textarea", "input", "audio", "video", "map", "area", "link", "meta", "base", "param",
      "source", "track", "dialog");

  static final Set<String> BLOCK_TAGS = Set.of("p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3",
      "h4", "h5", "h6", "tr", "td", "th", "table", "thead", "tbody", "tfoot", "caption", "section", "article",
      "header", "footer", "nav", "aside", "main", "blockquote", "pre", "figure", "figcaption", "form",
      "fieldset", "legend", "hr", "address", "details", "summary", "center", "hgroup", "menu", "dir", "button",
      "label", "body", "html", "noframes", "search");

  /** The blocks of the visible text under {@code root}. */
  static List<Block> of(Element root) {
    Walker w = new Walker();
    NodeTraversor.filter(w, root);
    w.flush();
    return w.blocks;
  }

  private record Frame(Element element, boolean block, int flags, int heading, Element markElement, String mark) {}

  private static final class Walker implements NodeFilter {
    final List<Block> blocks = new ArrayList<>();
    final Deque<Frame> stack = new ArrayDeque<>();
    final StringBuilder line = new StringBuilder();
    int linkDepth;
    int timeDepth;
    int lineChars;
    int lineLinkChars;
    int lineTimeChars;
    /** The flags of the inline context the line's text came from (a time or button inside the block). */
    int lineInlineFlags;

    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof TextNode t) {
        text(t.getWholeText());
        return FilterResult.CONTINUE;
      }
      if (!(node instanceof Element e)) return FilterResult.CONTINUE;
      String tag = e.normalName();
      if (SKIPPED.contains(tag) || ClassNames.hidden(e)) return FilterResult.SKIP_ENTIRELY;
      if (tag.equals("br")) {
        flush();
        return FilterResult.SKIP_ENTIRELY;
      }
      boolean block = BLOCK_TAGS.contains(tag);
      if (block) flush();
      Frame parent = stack.peek();
      int flags = (parent == null ? 0 : parent.flags()) | flagOf(tag);
      int heading = parent == null ? 0 : parent.heading();
      if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6') {
        heading = tag.charAt(1) - '0';
      }
      Element markElement = parent == null ? null : parent.markElement();
      String mark = parent == null ? null : parent.mark();
      if (!tag.equals("body") && !tag.equals("html")) {
        String own = ClassNames.mark(e);
        if (own != null) {
          markElement = e;
          mark = own;
        }
      }
      stack.push(new Frame(e, block, flags, heading, markElement, mark));
      if (tag.equals("a")) linkDepth++;
      if (tag.equals("time")) timeDepth++;
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (!(node instanceof Element e)) return FilterResult.CONTINUE;
      Frame f = stack.peek();
      if (f == null || f.element() != e) return FilterResult.CONTINUE; // skipped element: never pushed
      if (f.block()) flush();
      stack.pop();
      String tag = e.normalName();
      if (tag.equals("a")) linkDepth--;
      if (tag.equals("time")) timeDepth--;
      return FilterResult.CONTINUE;
    }

    private void text(String s) {
      Frame f = stack.peek();
      boolean pre = f != null && (f.flags() & Block.PRE) != 0;
      for (int k = 0; k < s.length(); k++) {
        char c = s.charAt(k);
        if (pre && c == '\n') {
          flush();
          continue;
        }
        if (isSpace(c)) {
          if (line.length() > 0 && line.charAt(line.length() - 1) != ' ') line.append(' ');
        } else if (!isInvisible(c)) {
          if (line.length() == 0 || lineChars == 0) lineInlineFlags = f == null ? 0 : f.flags();
          line.append(c);
          lineChars++;
          if (linkDepth > 0) lineLinkChars++;
          if (timeDepth > 0) lineTimeChars++;
        }
      }
    }

    void flush() {
      if (lineChars > 0) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') end--;
        int start = 0;
        while (start < end && line.charAt(start) == ' ') start++;
        String text = line.substring(start, end);
        Frame owner = innermostBlock();
        Element ownerElement = owner == null ? null : owner.element();
        int flags = (owner == null ? 0 : owner.flags()) | (lineInlineFlags & (Block.TIME | Block.BUTTON));
        blocks.add(new Block(blocks.size(), text, ownerElement, flags, owner == null ? 0 : owner.heading(),
            lineChars, lineLinkChars, lineTimeChars, countWords(text), owner == null ? null : owner.markElement(),
            owner == null ? null : owner.mark()));
      }
      line.setLength(0);
      lineChars = 0;
      lineLinkChars = 0;
      lineTimeChars = 0;
      lineInlineFlags = 0;
    }

    private Frame innermostBlock() {
      for (Frame f : stack) {
        if (f.block()) return f;
      }
      return stack.peekLast();
    }
  }

  private static int flagOf(String tag) {
    return switch (tag) {
      case "nav", "menu" -> Block.NAV;
      case "aside" -> Block.ASIDE;
      case "footer" -> Block.FOOTER;
      case "header" -> Block.HEADER;
      case "form", "fieldset" -> Block.FORM;
      case "figure", "figcaption" -> Block.FIGURE;
      case "li", "dd", "dt" -> Block.LIST_ITEM;
      case "blockquote", "q" -> Block.QUOTE;
      case "table" -> Block.TABLE;
      case "pre" -> Block.PRE;
      case "article" -> Block.ARTICLE;
      case "main" -> Block.MAIN;
      case "button" -> Block.BUTTON;
      case "time" -> Block.TIME;
      case "address" -> Block.ADDRESS;
      case "label" -> Block.LABEL;
      case "p" -> Block.PARAGRAPH;
      default -> 0;
    };
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u00A0' || c == '\u3000'
        || (c >= '\u2000' && c <= '\u200A') || c == '\u2028' || c == '\u2029' || c == '\u202F' || c == '\u205F'
        || c == '\u000B';
  }

  static boolean isInvisible(char c) {
    return c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF' || c == '\u00AD' || c == '\u2060';
  }

  /** Runs of letters, digits and underscore, as the benchmark's tokenizer counts them. */
  static int countWords(String s) {
    int n = 0;
    boolean in = false;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      boolean w = Character.isLetterOrDigit(c) || c == '_';
      if (w && !in) n++;
      in = w;
    }
    return n;
  }
}
