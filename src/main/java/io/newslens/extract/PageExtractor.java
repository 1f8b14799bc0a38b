package io.newslens.extract;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Turns the bytes of one HTML page into its visible text, article and metadata. Pure Java on jsoup, no Spark:
 * the ingest stage calls it for every {@code .html} file and every HTML record of a WARC archive.
 *
 * <ol>
 *   <li>decode: {@link PageDecoder} (HTTP charset, BOM, meta charset, detection), at most
 *       {@link ExtractParams#maxParseBytes()} bytes; bytes that decode to control characters are not a page
 *       (method {@code binary}, no text);</li>
 *   <li>parse with jsoup, nesting bounded by {@link ExtractParams#maxDepth()};</li>
 *   <li>linearize the visible text into blocks, one per line ({@link PageBlocks});</li>
 *   <li>read the metadata ({@link MetadataReader});</li>
 *   <li>decide which blocks are the article ({@link MainText}), or apply a baseline method.</li>
 * </ol>
 */
public final class PageExtractor {
  private PageExtractor() {}

  /**
   * Extracts one page with the default parameters (the article extractor).
   *
   * @param body the page's bytes as served (after any transfer and content encoding is undone)
   * @param httpContentType the HTTP Content-Type header, or null
   * @param url the page's URL (used to resolve relative links), or null
   */
  public static ExtractedPage extract(byte[] body, String httpContentType, String url) {
    return extract(body, httpContentType, url, ExtractParams.defaults());
  }

  /** Extracts one page with the given parameters. */
  public static ExtractedPage extract(byte[] body, String httpContentType, String url, ExtractParams params) {
    byte[] bytes = body == null ? new byte[0] : body;
    int length = Math.min(bytes.length, params.maxParseBytes());
    Decoded d = PageDecoder.decode(bytes, length, httpContentType);
    if (looksBinary(d.text())) {
      Map<String, String> extra = new LinkedHashMap<>();
      extra.put("not_text", "control characters in the first " + BINARY_SCAN_CHARS + " characters");
      PageMetadata md = new PageMetadata(null, null, List.of(), null, null, null, null, extra);
      return new ExtractedPage(d.charset().name(), d.source(), "", List.of(), "", md, "binary", 0);
    }
    Parser parser = Parser.htmlParser().setMaxDepth(params.maxDepth());
    Document doc = Jsoup.parse(d.text(), url == null ? "" : url, parser);
    Element root = doc.body() == null ? doc : doc.body();
    List<Block> blocks = PageBlocks.of(root);
    MetadataReader.Result meta = MetadataReader.read(doc, url);
    PageMetadata md = meta.metadata();
    if (length < bytes.length) {
      Map<String, String> extra = new LinkedHashMap<>(md.extra());
      extra.put("truncated_at", String.valueOf(length));
      md = new PageMetadata(md.title(), md.published(), md.authors(), md.canonicalUrl(), md.siteName(), md.lang(),
          md.description(), extra);
    }
    String[] reasons;
    String method;
    double score;
    switch (params.method()) {
      case ALL_TEXT -> {
        reasons = new String[blocks.size()];
        method = "all_text";
        score = blocks.isEmpty() ? 0 : 1;
      }
      case P_TEXT -> {
        reasons = new String[blocks.size()];
        for (int i = 0; i < reasons.length; i++) {
          if (!blocks.get(i).has(Block.PARAGRAPH)) reasons[i] = "not_paragraph";
        }
        method = "p_text";
        score = 1;
      }
      default -> {
        MainText.Result r = MainText.select(blocks, meta);
        reasons = r.reasons();
        method = r.method();
        score = r.score();
      }
    }
    return assemble(d, blocks, reasons, md, method, score);
  }

  static final int BINARY_SCAN_CHARS = 65_536;
  static final double BINARY_CONTROL_SHARE = 0.02;

  /**
   * True when more than {@value #BINARY_CONTROL_SHARE} of the first {@value #BINARY_SCAN_CHARS} characters are
   * control characters (not white space) or U+FFFD: an image, a PDF or compressed bytes served as HTML. Text and
   * markup have next to none.
   */
  static boolean looksBinary(String text) {
    int n = Math.min(text.length(), BINARY_SCAN_CHARS);
    int bad = 0;
    for (int k = 0; k < n; k++) {
      char c = text.charAt(k);
      if (c == '\uFFFD' || c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') bad++;
    }
    return n > 0 && bad > BINARY_CONTROL_SHARE * n;
  }

  /** pageText from all blocks, the dropped lines as spans (a run of lines dropped for one reason is one span). */
  private static ExtractedPage assemble(Decoded d, List<Block> blocks, String[] reasons, PageMetadata md,
      String method, double score) {
    StringBuilder page = new StringBuilder();
    StringBuilder article = new StringBuilder();
    List<Span> dropped = new ArrayList<>();
    int runStart = -1;
    int runEnd = -1;
    String runReason = null;
    for (int i = 0; i < blocks.size(); i++) {
      if (i > 0) page.append("\n\n");
      int start = page.length();
      page.append(blocks.get(i).text);
      int end = page.length();
      String reason = reasons[i];
      if (reason == null) {
        if (article.length() > 0) article.append("\n\n");
        article.append(blocks.get(i).text);
      }
      if (runReason != null && !runReason.equals(reason)) {
        dropped.add(new Span(runStart, runEnd, runReason));
        runReason = null;
      }
      if (reason != null) {
        if (runReason == null) {
          runStart = start;
          runReason = reason;
        }
        runEnd = end;
      }
    }
    if (runReason != null) dropped.add(new Span(runStart, runEnd, runReason));
    boolean none = article.length() == 0;
    return new ExtractedPage(d.charset().name(), d.source(), page.toString(), dropped, article.toString(), md,
        method, none ? 0 : score);
  }

  /** The decoded page and where its charset came from. */
  public record Decoded(String text, Charset charset, String source) {}

  /**
   * Decodes a page: HTTP header, then BOM, then meta charset / http-equiv, then detection (UTF-8 when the bytes
   * are valid UTF-8, else windows-1252); a declaration the bytes contradict is overruled by detection.
   */
  public static Decoded decode(byte[] body, String httpContentType) {
    return PageDecoder.decode(body, body.length, httpContentType);
  }
}
