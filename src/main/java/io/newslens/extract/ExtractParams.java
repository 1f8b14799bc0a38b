package io.newslens.extract;

import java.io.Serializable;

/**
 * How {@link PageExtractor} reads a page.
 *
 * @param method which blocks make the article: {@link Method#ARTICLE} (the extractor), or one of the two
 *     baselines it is measured against
 * @param maxParseBytes only this many bytes of a page are decoded and parsed (a bigger page is cut there, and its
 *     metadata says so under {@code extra.truncated_at}): this bounds the memory and time one page can take
 * @param maxDepth elements nested deeper than this are attached at this depth by the parser
 */
public record ExtractParams(Method method, int maxParseBytes, int maxDepth) implements Serializable {

  /** Which blocks of the page's text are kept as the article. */
  public enum Method {
    /** Main-text extraction: the article's blocks, without navigation, teasers, comments, captions and the like. */
    ARTICLE,
    /** Baseline: all visible text. */
    ALL_TEXT,
    /** Baseline: the text inside {@code <p>} elements. */
    P_TEXT
  }

  /** 4 MiB: 2.8 times the largest of the two benchmarks' 2,181 pages (1.5 MB), 70 times OrangeSum's median (60 KB). */
  public static final int DEFAULT_MAX_PARSE_BYTES = 4 << 20;
  public static final int DEFAULT_MAX_DEPTH = 512;

  public ExtractParams {
    if (method == null) throw new IllegalArgumentException("extraction method must be given");
    if (maxParseBytes < 1024) {
      throw new IllegalArgumentException("extraction maxParseBytes must be at least 1024, got " + maxParseBytes);
    }
    if (maxDepth < 16) throw new IllegalArgumentException("extraction maxDepth must be at least 16, got " + maxDepth);
  }

  public static ExtractParams defaults() {
    return new ExtractParams(Method.ARTICLE, DEFAULT_MAX_PARSE_BYTES, DEFAULT_MAX_DEPTH);
  }

  public ExtractParams withMethod(Method m) {
    return new ExtractParams(m, maxParseBytes, maxDepth);
  }
}
