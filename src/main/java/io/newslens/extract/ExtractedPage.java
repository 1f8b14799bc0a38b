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
 * @param dropped the spans of {@code pageText} that are not article text
 * @param articleText the article: {@code pageText} without the dropped spans; empty when none was found
 * @param metadata what the page says about itself
 * @param method how the article was found (e.g. {@code all_text}, {@code dom_score}, {@code json_ld})
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
}
