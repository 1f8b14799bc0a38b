package io.newslens.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The share of a text's words that are function words of one of several languages (resource
 * {@code function-words.txt}, loaded once): jusText's stop-word density, which tells running prose from menus,
 * names and captions without knowing the language.
 */
final class FunctionWords {
  private FunctionWords() {}

  private static final Set<String> WORDS = load();

  private static Set<String> load() {
    Set<String> out = new HashSet<>();
    try (InputStream in = FunctionWords.class.getResourceAsStream("function-words.txt")) {
      if (in == null) throw new IllegalStateException("resource function-words.txt is missing");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        String w = line.strip();
        if (!w.isEmpty() && !w.startsWith("#")) out.add(w);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(out);
  }

  static boolean contains(String lowerCaseWord) {
    return WORDS.contains(lowerCaseWord);
  }

  /** Function words / words of {@code text}. */
  static double density(String text) {
    List<String> words = words(text);
    int function = 0;
    for (String w : words) if (w.length() <= 8 && WORDS.contains(w)) function++;
    return words.isEmpty() ? 0 : (double) function / words.size();
  }

  /** The words of {@code text} in lower case, as the benchmark's tokenizer splits them: runs of letters, digits, _. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    int k = 0;
    int n = text.length();
    while (k < n) {
      while (k < n && !isWordChar(text.charAt(k))) k++;
      int start = k;
      while (k < n && isWordChar(text.charAt(k))) k++;
      if (k > start) out.add(text.substring(start, k).toLowerCase(Locale.ROOT));
    }
    return out;
  }

  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
