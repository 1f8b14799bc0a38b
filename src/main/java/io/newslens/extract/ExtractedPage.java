package io.newslens.extract;

import java.io.Serializable;
import java.util.List;

/**
 * What {@link PageExtractor} makes of one HTML page.
 *
 * <p>The contract the ingest and clean stages rely on: {@code pageText} is the page's visible text, one block
 * (paragraph, heading, list item, table cell…) per line, blocks separated by a blank line; {@code dropped} lists the
 * blocks (whole lines, in order, not overlapping) that are not part of the article, each with a reason; and
 * {@code articleText} is exactly what remains when those lines are taken out, the kept blocks separated by a blank
 * line. So the clean stage can remove the dropped spans from {@code pageText} as boilerplate annotations and arrive
 * at the article, and a notebook can show what was kept and what was dropped.
 *
 * @param encoding the charset the bytes were decoded with (e.g. {@code UTF-8}, {@code windows-1252})
 * @param encodingSource where that charset came from: {@code http} (Content-Type header), {@code bom},
 *     {@code meta} (meta charset or http-equiv), {@code detected}, {@code default}
 * @param pageText all visible text of the page, block per line
 * @param dropped the spans of {@code pageText} that are not article text (consecutive lines dropped for the same
 *     reason form one span)
 * @param articleText the article: {@code pageText} without the dropped spans; empty when none was found
 * @param metadata what the page says about itself
 * @param method how the article was found: {@code dom_score} (the extractor), {@code dom_score+json_ld} (and the
 *     page's JSON-LD articleBody brought back some blocks), {@code binary} (the bytes are not text), or a baseline,
 *     {@code all_text} / {@code p_text}
 * @param score the extractor's confidence in the article, 0 to 1
 */
public record ExtractedPage(String encoding, String encodingSource, String pageText, List<Span> dropped,
    String articleText, PageMetadata metadata, String method, double score) implements Serializable {

  public ExtractedPage {
    dropped = dropped == null ? List.of() : List.copyOf(dropped);
    if (metadata == null) metadata = PageMetadata.empty();
  }

  /** True when the page holds article text worth a document. */
  public boolean hasArticle() {
    return articleText != null && !articleText.isBlank();
  }

  /**
   * Null when this page keeps the contract above, else what breaks it: every block is one non-empty line and
   * blocks are separated by exactly one blank line; every dropped span starts and ends at line boundaries, spans
   * are in order and do not overlap; and articleText is pageText without the spans, blocks joined by a blank line.
   */
  public String contractViolation() {
    String page = pageText == null ? "" : pageText;
    if (!page.isEmpty()) {
      for (String line : page.split("\n\n", -1)) {
        if (line.isEmpty()) return "pageText has an empty block";
        if (line.indexOf('\n') >= 0) return "a block of pageText spans two lines";
      }
    }
    int cursor = 0;
    StringBuilder kept = new StringBuilder();
    for (Span s : dropped) {
      if (s.start() < cursor) return "dropped spans overlap or are out of order at " + s.start();
      if (s.end() > page.length()) return "a dropped span ends past pageText: " + s;
      if (s.start() > 0 && !page.startsWith("\n\n", s.start() - 2)) return "a dropped span starts mid-line: " + s;
      if (s.end() < page.length() && !page.startsWith("\n\n", s.end())) return "a dropped span ends mid-line: " + s;
      kept.append(page, cursor, s.start()).append('\n');
      cursor = s.end();
    }
    kept.append(page, cursor, page.length());
    StringBuilder expect = new StringBuilder();
    for (String line : kept.toString().split("\n")) {
      if (line.isEmpty()) continue;
      if (expect.length() > 0) expect.append("\n\n");
      expect.append(line);
    }
    if (!expect.toString().equals(articleText == null ? "" : articleText)) {
      return "articleText is not pageText without the dropped spans";
    }
    return null;
  }
}
