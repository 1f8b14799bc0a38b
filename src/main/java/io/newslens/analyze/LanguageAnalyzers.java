package io.newslens.analyze;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.bg.BulgarianAnalyzer;
import org.apache.lucene.analysis.bg.BulgarianStemFilter;
import org.apache.lucene.analysis.bn.BengaliAnalyzer;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.cz.CzechStemFilter;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.el.GreekStemFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.et.EstonianAnalyzer;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fi.FinnishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.ga.IrishAnalyzer;
import org.apache.lucene.analysis.gl.GalicianAnalyzer;
import org.apache.lucene.analysis.gl.GalicianStemFilter;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.hu.HungarianLightStemFilter;
import org.apache.lucene.analysis.hy.ArmenianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianStemFilter;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.lt.LithuanianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianStemFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.ne.NepaliAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.no.NorwegianLightStemFilter;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.sr.SerbianAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.sv.SwedishLightStemFilter;
import org.apache.lucene.analysis.ta.TamilAnalyzer;
import org.apache.lucene.analysis.te.TeluguAnalyzer;
import org.apache.lucene.analysis.th.ThaiAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.tartarus.snowball.ext.ArmenianStemmer;
import org.tartarus.snowball.ext.BasqueStemmer;
import org.tartarus.snowball.ext.CatalanStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EstonianStemmer;
import org.tartarus.snowball.ext.HindiStemmer;
import org.tartarus.snowball.ext.IrishStemmer;
import org.tartarus.snowball.ext.LithuanianStemmer;
import org.tartarus.snowball.ext.NepaliStemmer;
import org.tartarus.snowball.ext.RomanianStemmer;
import org.tartarus.snowball.ext.SerbianStemmer;
import org.tartarus.snowball.ext.TamilStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;

/**
 * One Lucene analyzer per language, built from Lucene's own components in the order of Lucene's language
 * analyzers, with two changes: stop words are <em>flagged</em> (a {@link SetKeywordMarkerFilter} over the
 * language's default stop set, so the stemmer leaves them alone and the caller reads the flag) instead of removed,
 * and the start offset of an elided token is moved past the elision ("l'Ukraine" → "Ukraine" at the offset of
 * "U"). Chain, per language:
 * <pre>
 * StandardTokenizer
 *   → ElisionFilter (fr, it, ca, ga: the language's articles; both ' and ’)
 *   → ElidedStartFilter
 *   → EnglishPossessiveFilter (en)
 *   → LowerCaseFilter (TurkishLowerCaseFilter for tr)
 *   → SetKeywordMarkerFilter (the language's default stop set: flags stop words)
 *   → normalization + stemmer (FrenchLightStemFilter, PorterStemFilter, GermanNormalizationFilter +
 *     GermanLightStemFilter, …, SnowballFilter where Lucene has only a Snowball stemmer)
 * </pre>
 * Languages without a Lucene analyzer, and "und", get the standard fallback: StandardTokenizer → LowerCaseFilter.
 * Analyzers are created lazily, once per JVM (so once per executor) and per list of added stop words
 * ({@link StopWords}, {@code --stop-words}), and shared by threads (Lucene keeps per-thread token stream
 * components); they are never serialized into a Spark closure.
 *
 * <p>Stop lists ({@link #stopWords}): English is Snowball's list (Lucene's {@code snowball/english_stop.txt}, 174
 * words with the contractions) with Lucene's own 33-word English set; French is Snowball's list with
 * {@code french_stop_extra.txt}; every other language is the default set of Lucene's analyzer for it (Snowball's
 * lists for da, de, es, fi, hu, it, nl, no, pt, ru, sv; the lists Lucene ships with the others). The README says
 * where each comes from.
 */
public final class LanguageAnalyzers {
  private LanguageAnalyzers() {}

  /** The code of the standard fallback analyzer. */
  public static final String FALLBACK = "und";

  /** How one language's chain is built. */
  record Spec(CharArraySet elisions, CharArraySet stopWords, UnaryOperator<TokenStream> lowerCase,
      UnaryOperator<TokenStream> beforeLowerCase, UnaryOperator<TokenStream> stemmer) {}

  private static final UnaryOperator<TokenStream> LOWER = LowerCaseFilter::new;
  private static final UnaryOperator<TokenStream> NONE = ts -> ts;

  private static final Map<String, Analyzer> CACHE = new ConcurrentHashMap<>();

  /** Every language code with its own analyzer, sorted (nb, nn and no share Norwegian's). */
  public static final java.util.List<String> LANGUAGES = java.util.List.of("ar", "bg", "bn", "ca", "cs", "da", "de",
      "el", "en", "es", "et", "eu", "fa", "fi", "fr", "ga", "gl", "hi", "hu", "hy", "id", "it", "lt", "lv", "nb", "ne",
      "nl", "nn", "no", "pt", "ro", "ru", "sr", "sv", "ta", "te", "th", "tr");

  /**
   * The analyzer for an ISO 639-1 code (the standard fallback for any language without one); with {@code stem}
   * false the chain stops before the stemmer (terms are lower-cased words, stop words still flagged).
   */
  public static Analyzer forLanguage(String lang, boolean stem) {
    return forLanguage(lang, stem, StopWords.NONE);
  }

  /** As {@link #forLanguage(String, boolean)}, flagging {@code added} stop words too. */
  public static Analyzer forLanguage(String lang, boolean stem, StopWords added) {
    String used = effectiveLanguage(lang);
    String key = used + (stem ? "" : "/nostem") + (added.isEmpty() ? "" : "/" + added.fingerprint());
    return CACHE.computeIfAbsent(key, k -> new ChainAnalyzer(withAdded(spec(used), added.forLanguage(used)), stem));
  }

  /**
   * The built-in stop words of a language's chain (lower case, as the chain compares them after lower-casing);
   * empty for the fallback.
   */
  public static CharArraySet stopWords(String lang) {
    return spec(effectiveLanguage(lang)).stopWords();
  }

  private static Spec withAdded(Spec spec, java.util.Set<String> added) {
    if (added.isEmpty()) return spec;
    CharArraySet set = new CharArraySet(spec.stopWords().size() + added.size(), false);
    set.addAll(spec.stopWords());
    set.addAll(added);
    return new Spec(spec.elisions(), CharArraySet.unmodifiableSet(set), spec.lowerCase(), spec.beforeLowerCase(),
        spec.stemmer());
  }

  /** The language whose analyzer {@link #forLanguage} returns: {@code lang} itself, or "und". */
  public static String effectiveLanguage(String lang) {
    return supports(lang) ? lang : FALLBACK;
  }

  static boolean supports(String lang) {
    return lang != null && spec(lang) != null && !lang.equals(FALLBACK);
  }

  private static Spec s(CharArraySet stop, UnaryOperator<TokenStream> stemmer) {
    return new Spec(null, stop, LOWER, NONE, stemmer);
  }

  /** Lucene's French stop set plus french_stop_extra.txt (ambiguous function words Snowball leaves out). */
  static final CharArraySet FRENCH_STOP = frenchStop();

  private static CharArraySet frenchStop() {
    CharArraySet set = new CharArraySet(FrenchAnalyzer.getDefaultStopSet(), true);
    try (java.io.InputStream in = LanguageAnalyzers.class.getResourceAsStream("french_stop_extra.txt")) {
      if (in == null) throw new IllegalStateException("french_stop_extra.txt is missing from the jar");
      for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        String w = line.strip();
        if (!w.isEmpty() && !w.startsWith("#")) set.add(w);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return CharArraySet.unmodifiableSet(set);
  }

  /**
   * Snowball's English list (Lucene's {@code snowball/english_stop.txt}: pronouns, auxiliaries, articles,
   * prepositions, conjunctions and their contractions) with Lucene's own 33-word English set, which adds "will".
   */
  static final CharArraySet ENGLISH_STOP = englishStop();

  private static CharArraySet englishStop() {
    try (java.io.Reader r = org.apache.lucene.util.IOUtils.getDecodingReader(SnowballFilter.class,
        "english_stop.txt", java.nio.charset.StandardCharsets.UTF_8)) {
      CharArraySet set = new CharArraySet(org.apache.lucene.analysis.WordlistLoader.getSnowballWordSet(r), false);
      set.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
      return CharArraySet.unmodifiableSet(set);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Lucene's snowball/english_stop.txt is missing", e);
    }
  }

  private static CharArraySet articles(String... words) {
    return CharArraySet.unmodifiableSet(new CharArraySet(java.util.Arrays.asList(words), true));
  }

  static Spec spec(String lang) {
    if (lang == null) return null;
    switch (lang) {
      case "fr":
        return new Spec(FrenchAnalyzer.DEFAULT_ARTICLES, FRENCH_STOP, LOWER, NONE, FrenchLightStemFilter::new);
      case "en":
        return new Spec(null, ENGLISH_STOP, LOWER, EnglishPossessiveFilter::new,
            PorterStemFilter::new);
      case "de":
        return s(GermanAnalyzer.getDefaultStopSet(),
            ts -> new GermanLightStemFilter(new GermanNormalizationFilter(ts)));
      case "es": return s(SpanishAnalyzer.getDefaultStopSet(), SpanishLightStemFilter::new);
      case "it":
        return new Spec(articles("c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl",
            "dagl", "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d"), ItalianAnalyzer.getDefaultStopSet(),
            LOWER, NONE, ItalianLightStemFilter::new);
      case "pt": return s(PortugueseAnalyzer.getDefaultStopSet(), PortugueseLightStemFilter::new);
      case "nl": return s(DutchAnalyzer.getDefaultStopSet(), ts -> new SnowballFilter(ts, new DutchStemmer()));
      case "sv": return s(SwedishAnalyzer.getDefaultStopSet(), SwedishLightStemFilter::new);
      case "nb": case "nn": case "no":
        return s(NorwegianAnalyzer.getDefaultStopSet(), NorwegianLightStemFilter::new);
      case "da": return s(DanishAnalyzer.getDefaultStopSet(), ts -> new SnowballFilter(ts, new DanishStemmer()));
      case "fi": return s(FinnishAnalyzer.getDefaultStopSet(), FinnishLightStemFilter::new);
      case "ru": return s(RussianAnalyzer.getDefaultStopSet(), RussianLightStemFilter::new);
      case "hu": return s(HungarianAnalyzer.getDefaultStopSet(), HungarianLightStemFilter::new);
      case "ro": return s(RomanianAnalyzer.getDefaultStopSet(), ts -> new SnowballFilter(ts, new RomanianStemmer()));
      case "tr":
        return new Spec(null, TurkishAnalyzer.getDefaultStopSet(), TurkishLowerCaseFilter::new, NONE,
            ts -> new SnowballFilter(ts, new TurkishStemmer()));
      case "ca":
        return new Spec(articles("d", "l", "m", "n", "s", "t"), CatalanAnalyzer.getDefaultStopSet(), LOWER, NONE,
            ts -> new SnowballFilter(ts, new CatalanStemmer()));
      case "ga":
        return new Spec(articles("d", "m", "b"), IrishAnalyzer.getDefaultStopSet(), LOWER, NONE,
            ts -> new SnowballFilter(ts, new IrishStemmer()));
      case "eu": return s(BasqueAnalyzer.getDefaultStopSet(), ts -> new SnowballFilter(ts, new BasqueStemmer()));
      case "hy": return s(ArmenianAnalyzer.getDefaultStopSet(), ts -> new SnowballFilter(ts, new ArmenianStemmer()));
      case "lt":
        return s(LithuanianAnalyzer.getDefaultStopSet(), ts -> new SnowballFilter(ts, new LithuanianStemmer()));
      case "et": return s(EstonianAnalyzer.getDefaultStopSet(), ts -> new SnowballFilter(ts, new EstonianStemmer()));
      case "sr": return s(SerbianAnalyzer.getDefaultStopSet(), ts -> new SnowballFilter(ts, new SerbianStemmer()));
      case "hi": return s(HindiAnalyzer.getDefaultStopSet(), ts -> new SnowballFilter(ts, new HindiStemmer()));
      case "ne": return s(NepaliAnalyzer.getDefaultStopSet(), ts -> new SnowballFilter(ts, new NepaliStemmer()));
      case "ta": return s(TamilAnalyzer.getDefaultStopSet(), ts -> new SnowballFilter(ts, new TamilStemmer()));
      case "id": return s(IndonesianAnalyzer.getDefaultStopSet(), IndonesianStemFilter::new);
      case "ar":
        return s(ArabicAnalyzer.getDefaultStopSet(), ts -> new ArabicStemFilter(new ArabicNormalizationFilter(ts)));
      case "el": return s(GreekAnalyzer.getDefaultStopSet(), GreekStemFilter::new);
      case "bg": return s(BulgarianAnalyzer.getDefaultStopSet(), BulgarianStemFilter::new);
      case "cs": return s(CzechAnalyzer.getDefaultStopSet(), CzechStemFilter::new);
      case "lv": return s(LatvianAnalyzer.getDefaultStopSet(), LatvianStemFilter::new);
      case "gl": return s(GalicianAnalyzer.getDefaultStopSet(), GalicianStemFilter::new);
      case "fa": return s(PersianAnalyzer.getDefaultStopSet(), NONE);
      case "bn": return s(BengaliAnalyzer.getDefaultStopSet(), NONE);
      case "te": return s(TeluguAnalyzer.getDefaultStopSet(), NONE);
      case "th": return s(ThaiAnalyzer.getDefaultStopSet(), NONE);
      case FALLBACK: return new Spec(null, CharArraySet.EMPTY_SET, LOWER, NONE, NONE);
      default: return null;
    }
  }

  /** The analyzer built from a {@link Spec}. */
  static final class ChainAnalyzer extends Analyzer {
    private final Spec spec;
    private final boolean stem;

    ChainAnalyzer(Spec spec, boolean stem) {
      this.spec = spec;
      this.stem = stem;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream ts = source;
      if (spec.elisions() != null) ts = new ElidedStartFilter(new ElisionFilter(ts, spec.elisions()));
      ts = spec.beforeLowerCase().apply(ts);
      ts = spec.lowerCase().apply(ts);
      if (!spec.stopWords().isEmpty()) ts = new SetKeywordMarkerFilter(ts, spec.stopWords());
      if (stem) ts = spec.stemmer().apply(ts);
      return new TokenStreamComponents(source, ts);
    }
  }

  /**
   * Moves the start offset of a token whose elided article was removed to its first remaining char, so the
   * offsets frame the surface that is kept ("Ukraine" in "l’Ukraine"). Valid right after the tokenizer and the
   * ElisionFilter, while a term is still a suffix of the text between its offsets.
   */
  static final class ElidedStartFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);

    ElidedStartFilter(TokenStream in) {
      super(in);
    }

    @Override
    public boolean incrementToken() throws java.io.IOException {
      if (!input.incrementToken()) return false;
      int start = offset.startOffset();
      int end = offset.endOffset();
      if (end - start > term.length()) offset.setOffset(end - term.length(), end);
      return true;
    }
  }
}
