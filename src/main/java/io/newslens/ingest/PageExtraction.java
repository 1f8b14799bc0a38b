package io.newslens.ingest;

import io.newslens.extract.ExtractedPage;
import io.newslens.extract.Span;
import java.io.Serializable;
import java.util.List;

/**
 * How the text of one HTML page was obtained, as it travels with its record to the clean stage: the extractor's
 * method and score, where the charset came from, the size of the page text and of the article, and the spans of the
 * page text that are not article (the clean stage turns them into boilerplate annotations).
 *
 * @param blocks non-empty lines (blocks) of the page text
 * @param droppedBlocks non-empty lines of the page text that a dropped span covers
 * @param pageChars length of the page text, in UTF-16 chars
 * @param articleChars length of the extractor's article text
 */
public record PageExtraction(String method, double score, String encodingSource, int blocks, int droppedBlocks,
    int pageChars, int articleChars, List<Span> dropped) implements Serializable {

  public PageExtraction {
    dropped = dropped == null ? List.of() : List.copyOf(dropped);
  }

  /** The audit of one extracted page; block counts follow the page text's one-block-per-line contract. */
  public static PageExtraction of(ExtractedPage page) {
    String text = page.pageText() == null ? "" : page.pageText();
    int blocks = 0;
    int droppedBlocks = 0;
    int span = 0;
    List<Span> dropped = page.dropped();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i < text.length() && text.charAt(i) != '\n') continue;
      if (!text.substring(start, i).isBlank()) {
        blocks++;
        while (span < dropped.size() && dropped.get(span).end() <= start) span++;
        if (span < dropped.size() && dropped.get(span).start() < i && dropped.get(span).end() > start) {
          droppedBlocks++;
        }
      }
      start = i + 1;
    }
    return new PageExtraction(page.method(), page.score(), page.encodingSource(), blocks, droppedBlocks,
        text.length(), page.articleText() == null ? 0 : page.articleText().length(), dropped);
  }
}
