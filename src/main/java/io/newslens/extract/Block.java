package io.newslens.extract;

import org.jsoup.nodes.Element;

/**
 * One line of a page's visible text with what the extractor knows about where it sits: the block-level element
 * that holds it, how much of it is link text, its heading level and the kinds of region around it.
 */
final class Block {
  // region flags: set when some ancestor (or the block's own element) is of that kind
  static final int NAV = 1;
  static final int ASIDE = 1 << 1;
  static final int FOOTER = 1 << 2;
  static final int HEADER = 1 << 3;
  static final int FORM = 1 << 4;
  static final int FIGURE = 1 << 5;
  static final int LIST_ITEM = 1 << 6;
  static final int QUOTE = 1 << 7;
  static final int TABLE = 1 << 8;
  static final int PRE = 1 << 9;
  static final int ARTICLE = 1 << 10;
  static final int MAIN = 1 << 11;
  static final int BUTTON = 1 << 12;
  static final int TIME = 1 << 13;
  static final int ADDRESS = 1 << 14;
  static final int LABEL = 1 << 15;
  static final int PARAGRAPH = 1 << 16;

  final int index;
  final String text;
  /** The innermost block-level element holding the text. */
  final Element owner;
  final int flags;
  /** 1 to 6 when the block is (inside) a heading, else 0. */
  final int heading;
  /** Characters (not counting spaces) of the block, and of those inside links. */
  final int chars;
  final int linkChars;
  /** Characters inside a time element. */
  final int timeChars;
  final int words;
  /** The nearest ancestor whose class, id or role names a kind of boilerplate, and that kind; or null. */
  final Element markElement;
  final String mark;

  Block(int index, String text, Element owner, int flags, int heading, int chars, int linkChars, int timeChars,
      int words, Element markElement, String mark) {
    this.index = index;
    this.text = text;
    this.owner = owner;
    this.flags = flags;
    this.heading = heading;
    this.chars = chars;
    this.linkChars = linkChars;
    this.timeChars = timeChars;
    this.words = words;
    this.markElement = markElement;
    this.mark = mark;
  }

  boolean has(int flag) {
    return (flags & flag) != 0;
  }

  double linkDensity() {
    return chars == 0 ? 0 : (double) linkChars / chars;
  }

  @Override
  public String toString() {
    return index + ":" + owner.normalName() + (mark == null ? "" : "[" + mark + "]") + " " + text;
  }
}
