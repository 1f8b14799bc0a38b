package io.newslens.extract;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Turns the bytes of one HTML page into its visible text, article and metadata. Pure Java on jsoup, no Spark:
 * the ingest stage calls it for every {@code .html} file and every HTML record of a WARC archive.
 *
 * <p>This first version decodes the page (HTTP charset, BOM, meta charset, else UTF-8 when the bytes are valid
 * UTF-8, else windows-1252), linearizes its visible text into blocks and keeps all of it (method
 * {@code all_text}): the baseline that main-text extraction is measured against.
 */
public final class PageExtractor {
  private PageExtractor() {}

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern META_CHARSET = Pattern.compile(
      "<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);

  /**
   * Extracts one page.
   *
   * @param body the page's bytes as served (after any transfer and content encoding is undone)
   * @param httpContentType the HTTP Content-Type header, or null
   * @param url the page's URL (used to resolve relative links), or null
   */
  public static ExtractedPage extract(byte[] body, String httpContentType, String url) {
    Decoded d = decode(body, httpContentType);
    Document doc = Jsoup.parse(d.text(), url == null ? "" : url);
    List<String> blocks = new ArrayList<>();
    Element root = doc.body() == null ? doc : doc.body();
    StringBuilder current = new StringBuilder();
    collect(root, blocks, current);
    flush(blocks, current);
    String pageText = String.join("\n\n", blocks);
    String title = doc.title().isBlank() ? null : doc.title().strip();
    String lang = doc.selectFirst("html[lang]") == null ? null : doc.selectFirst("html[lang]").attr("lang");
    PageMetadata meta = new PageMetadata(title, null, List.of(), null, null, lang, null, null);
    return new ExtractedPage(d.charset().name(), d.source(), pageText, List.of(), pageText, meta, "all_text",
        pageText.isBlank() ? 0.0 : 1.0);
  }

  /** The decoded page and where its charset came from. */
  public record Decoded(String text, Charset charset, String source) {}

  /** HTTP header, then BOM, then meta charset / http-equiv, then UTF-8 if the bytes are valid, else windows-1252. */
  public static Decoded decode(byte[] body, String httpContentType) {
    Charset http = charsetIn(httpContentType, CHARSET);
    if (http != null) return new Decoded(lenient(body, 0, http), http, "http");
    if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
      return new Decoded(lenient(body, 3, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "bom");
    }
    if (body.length >= 2 && (body[0] & 0xFF) == 0xFE && (body[1] & 0xFF) == 0xFF) {
      return new Decoded(lenient(body, 2, StandardCharsets.UTF_16BE), StandardCharsets.UTF_16BE, "bom");
    }
    if (body.length >= 2 && (body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xFE) {
      return new Decoded(lenient(body, 2, StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE, "bom");
    }
    String head = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1);
    Charset meta = charsetIn(head, META_CHARSET);
    if (meta != null) return new Decoded(lenient(body, 0, meta), meta, "meta");
    try {
      String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
      return new Decoded(s, StandardCharsets.UTF_8, "detected");
    } catch (CharacterCodingException e) {
      return new Decoded(lenient(body, 0, WINDOWS_1252), WINDOWS_1252, "detected");
    }
  }

  private static Charset charsetIn(String s, Pattern p) {
    if (s == null) return null;
    Matcher m = p.matcher(s);
    if (!m.find()) return null;
    try {
      return Charset.forName(m.group(1).toLowerCase(Locale.ROOT));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
  }

  private static String lenient(byte[] body, int offset, Charset cs) {
    return new String(body, offset, body.length - offset, cs);
  }

  private static final java.util.Set<String> SKIPPED = java.util.Set.of("script", "style", "noscript", "template",
      "head", "svg", "iframe", "object", "embed", "canvas", "select", "option");

  private static void collect(Node node, List<String> blocks, StringBuilder current) {
    for (Node child : node.childNodes()) {
      if (child instanceof TextNode t) {
        current.append(t.text());
      } else if (child instanceof Element e) {
        String tag = e.normalName();
        if (SKIPPED.contains(tag)) continue;
        if (tag.equals("br")) {
          flush(blocks, current);
          continue;
        }
        boolean block = e.isBlock() || tag.equals("li") || tag.equals("td") || tag.equals("th");
        if (block) flush(blocks, current);
        collect(e, blocks, current);
        if (block) flush(blocks, current);
      }
    }
  }

  private static void flush(List<String> blocks, StringBuilder current) {
    String s = current.toString().replaceAll("[\\s\\u00A0]+", " ").strip();
    if (!s.isEmpty()) blocks.add(s);
    current.setLength(0);
  }
}
