package io.newslens.extract;

import java.io.Serializable;

/**
 * A stretch of a page's visible text that is not part of the article: offsets into
 * {@link ExtractedPage#pageText()} (end exclusive) and why it was dropped (a short reason code such as
 * {@code navigation}, {@code link_dense}, {@code comments}).
 */
public record Span(int start, int end, String reason) implements Serializable {
  public Span {
    if (start < 0 || end < start) throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a span needs a reason");
  }
}
