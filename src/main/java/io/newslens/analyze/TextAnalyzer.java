package io.newslens.analyze;

import io.newslens.clean.Normalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Analyzes one cleaned text into tokens: one pass of the language's Lucene chain ({@link LanguageAnalyzers}) over
 * the text with typographic apostrophes and quotes folded to ASCII (same length, so offsets stay those of the
 * text), plus the paragraph and sentence of each token ({@link Sentences}). No Spark.
 *
 * <p>Per token: {@code term} is the chain's output (the stem) or, for a stop word, the folded lower-case word;
 * {@code surface} is the text between the token's offsets as written (typographic apostrophe kept, elided
 * article dropped); {@code start}/{@code end} are offsets into the text (Java chars, end exclusive).
 */
public final class TextAnalyzer {
  private TextAnalyzer() {}

  private static final String FIELD = "text";

  /** One token, as in {@link Tokens#TOKEN}. */
  public record Token(String term, String surface, int sentence, int paragraph, int start, int end, boolean stop) {}

  /** The analyzer language actually used ("und" for the fallback) and the tokens in text order. */
  public record Analyzed(String lang, List<Token> tokens) {}

  /**
   * Analyzes {@code text} in language {@code lang} (ISO 639-1; anything without a Lucene analyzer gets the
   * fallback). With {@code stem} false, terms are the lower-cased words. At most {@code maxTokens} tokens.
   */
  public static Analyzed analyze(String text, String lang, boolean stem, int maxTokens) {
    List<Token> out = new ArrayList<>();
    String used = analyze(text, lang, stem, maxTokens,
        (term, surface, sentence, paragraph, start, end, stop) ->
            out.add(new Token(term, surface, sentence, paragraph, start, end, stop)));
    return new Analyzed(used, out.isEmpty() ? List.of() : out);
  }

  /** Receives the tokens of a text in text order, as the fields of {@link Token}. */
  @FunctionalInterface
  public interface TokenConsumer {
    void accept(String term, String surface, int sentence, int paragraph, int start, int end, boolean stop);
  }

  /**
   * As {@link #analyze(String, String, boolean, int)}, handing each token to {@code out} instead of collecting
   * them (so a caller that builds its own rows makes no {@link Token} objects); returns the analyzer language
   * used.
   */
  public static String analyze(String text, String lang, boolean stem, int maxTokens, TokenConsumer out) {
    return analyze(text, lang, stem, maxTokens, StopWords.NONE, out);
  }

  /** As {@link #analyze(String, String, boolean, int)}, flagging the {@code added} stop words too. */
  public static Analyzed analyze(String text, String lang, boolean stem, int maxTokens, StopWords added) {
    List<Token> out = new ArrayList<>();
    String used = analyze(text, lang, stem, maxTokens, added,
        (term, surface, sentence, paragraph, start, end, stop) ->
            out.add(new Token(term, surface, sentence, paragraph, start, end, stop)));
    return new Analyzed(used, out.isEmpty() ? List.of() : out);
  }

  /** As {@link #analyze(String, String, boolean, int, TokenConsumer)}, flagging the {@code added} stop words too. */
  public static String analyze(String text, String lang, boolean stem, int maxTokens, StopWords added,
      TokenConsumer out) {
    String used = LanguageAnalyzers.effectiveLanguage(lang);
    if (text == null || text.isEmpty()) return used;
    Analyzer analyzer = LanguageAnalyzers.forLanguage(used, stem, added);
    Sentences.Boundaries b = Sentences.of(text);
    int[] paras = b.paragraphStarts();
    int[] sents = b.sentenceStarts();
    int[] state = {0, 0, 0}; // indexes into paras and sents of the last start <= the token's start; tokens so far
    consume(analyzer, Normalizer.fold(text), (term, start, end, stop) -> {
      while (state[0] + 1 < paras.length && paras[state[0] + 1] <= start) state[0]++;
      while (state[1] + 1 < sents.length && sents[state[1] + 1] <= start) state[1]++;
      String surface = text.substring(start, end);
      String t = stop ? Normalizer.fold(surface).toLowerCase(Locale.ROOT) : term;
      out.accept(t, surface, state[1], state[0], start, end, stop);
      return ++state[2] < maxTokens;
    });
    return used;
  }

  /** Receives the tokens of a stream; returns false to stop early. */
  @FunctionalInterface
  interface TokenSink {
    boolean accept(String term, int start, int end, boolean keyword);
  }

  /** The one place that drives a Lucene token stream: reset, incrementToken until done, end, close. */
  static void consume(Analyzer analyzer, String text, TokenSink sink) {
    try (TokenStream ts = analyzer.tokenStream(FIELD, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      KeywordAttribute keyword = ts.addAttribute(KeywordAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        if (!sink.accept(term.toString(), offset.startOffset(), offset.endOffset(), keyword.isKeyword())) break;
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysis of an in-memory string failed", e);
    }
  }
}
