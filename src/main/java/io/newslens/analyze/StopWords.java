package io.newslens.analyze;

import io.newslens.clean.Normalizer;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Stop words a user adds to the languages' own lists ({@code --stop-words FILE}); the analyze stage flags them as it
 * flags its built-in ones. The file is UTF-8 text; each line that is neither blank nor a comment ({@code #}) is a
 * language followed by one or more words, separated by white space:
 * <pre>
 * # stop words of this newsroom's corpus
 * en  said mr mrs
 * fr  selon
 * *   reuters afp        (every language)
 * und lorem              (documents whose language has no analyzer)
 * </pre>
 * The language is the analyze stage's code (ISO 639-1, as in {@code documents.lang}: en, fr, de, ...; "und" for the
 * fallback analyzer) or {@code *}. Words are matched case-insensitively, typographic apostrophes folded
 * (aujourd’hui = aujourd'hui), and each must be one token of the analyzer (no spaces, no hyphens: "e-mail" is two
 * tokens). A language without an analyzer, a word that is not one token, or a file without any word is an error
 * naming the file and line. Serializable, immutable; {@link #fingerprint()} tells two lists apart cheaply.
 */
public final class StopWords implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The language code that stands for every language. */
  public static final String EVERY_LANGUAGE = "*";

  private static final Pattern CODE = Pattern.compile("[a-z]{2,3}");

  private final SortedMap<String, SortedSet<String>> byLanguage;
  private final String fingerprint;

  private StopWords(SortedMap<String, SortedSet<String>> byLanguage) {
    SortedMap<String, SortedSet<String>> copy = new TreeMap<>();
    byLanguage.forEach((k, v) -> copy.put(k, Collections.unmodifiableSortedSet(new TreeSet<>(v))));
    this.byLanguage = Collections.unmodifiableSortedMap(copy);
    this.fingerprint = digest(copy.toString());
  }

  /** No added stop words. */
  public static final StopWords NONE = new StopWords(new TreeMap<>());

  /** Stop words from a map of language (or {@code *}) to words, checked as the file's lines are. */
  public static StopWords of(Map<String, ? extends Iterable<String>> words) {
    SortedMap<String, SortedSet<String>> m = new TreeMap<>();
    for (Map.Entry<String, ? extends Iterable<String>> e : words.entrySet()) {
      String lang = checkLanguage(e.getKey(), "stop words");
      for (String w : e.getValue()) m.computeIfAbsent(lang, k -> new TreeSet<>()).add(checkWord(w, "stop words"));
    }
    return new StopWords(m);
  }

  /**
   * Reads a stop-word file ({@code --stop-words}).
   *
   * @throws IllegalArgumentException naming the flag, the file and the line at fault
   */
  public static StopWords read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--stop-words " + file + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException("--stop-words " + file + ": cannot be read (" + e.getMessage() + ")");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("--stop-words " + file + ": not UTF-8 text");
    }
    return parse(text, "--stop-words " + file);
  }

  /**
   * Parses the text of a stop-word file; {@code where} starts every error message (e.g. "--stop-words FILE").
   */
  public static StopWords parse(String text, String where) {
    SortedMap<String, SortedSet<String>> m = new TreeMap<>();
    String[] lines = text.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String at = where + " line " + (i + 1);
      String[] fields = line.split("\\s+");
      String lang = checkLanguage(fields[0], at);
      if (fields.length < 2) {
        throw new IllegalArgumentException(at + ": a language and at least one word are needed, got \"" + line
            + "\"");
      }
      for (int f = 1; f < fields.length; f++) {
        m.computeIfAbsent(lang, k -> new TreeSet<>()).add(checkWord(fields[f], at));
      }
    }
    if (m.isEmpty()) throw new IllegalArgumentException(where + ": holds no stop words");
    return new StopWords(m);
  }

  private static String checkLanguage(String code, String at) {
    if (code.equals(EVERY_LANGUAGE) || code.equals(LanguageAnalyzers.FALLBACK)) return code;
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(at + ": \"" + code + "\" is not a language code (en, fr, ... , und or *)");
    }
    if (!LanguageAnalyzers.supports(code)) {
      throw new IllegalArgumentException(at + ": the analyze stage has no analyzer for language \"" + code
          + "\" (its documents use the fallback: list the word under und or *); languages: "
          + String.join(" ", LanguageAnalyzers.LANGUAGES));
    }
    return code;
  }

  /** The word as it is matched: folded and lower-cased; rejected unless the analyzer makes one token of it. */
  private static String checkWord(String word, String at) {
    String w = Normalizer.fold(word.strip()).toLowerCase(Locale.ROOT);
    List<String> tokens = new ArrayList<>();
    TextAnalyzer.consume(LanguageAnalyzers.forLanguage(LanguageAnalyzers.FALLBACK, false), w,
        (term, start, end, keyword) -> tokens.add(term));
    if (tokens.size() != 1 || !tokens.get(0).equals(w)) {
      throw new IllegalArgumentException(at + ": \"" + word + "\" is not one word (the analyzer reads it as "
          + tokens + ")");
    }
    return w;
  }

  /** The words added for {@code lang}: its own and those listed under {@code *}. */
  public Set<String> forLanguage(String lang) {
    SortedSet<String> own = byLanguage.getOrDefault(lang, Collections.emptySortedSet());
    SortedSet<String> all = byLanguage.getOrDefault(EVERY_LANGUAGE, Collections.emptySortedSet());
    if (all.isEmpty()) return own;
    if (own.isEmpty()) return all;
    SortedSet<String> both = new TreeSet<>(own);
    both.addAll(all);
    return Collections.unmodifiableSortedSet(both);
  }

  public boolean isEmpty() {
    return byLanguage.isEmpty();
  }

  /** Words per language code (and {@code *}), for the manifest. */
  public Map<String, Integer> counts() {
    Map<String, Integer> c = new TreeMap<>();
    byLanguage.forEach((k, v) -> c.put(k, v.size()));
    return c;
  }

  /** A digest of the whole list: equal lists have equal fingerprints. */
  public String fingerprint() {
    return fingerprint;
  }

  private static String digest(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StopWords s && s.byLanguage.equals(byLanguage);
  }

  @Override
  public int hashCode() {
    return byLanguage.hashCode();
  }

  @Override
  public String toString() {
    return isEmpty() ? "none" : counts().toString();
  }
}
