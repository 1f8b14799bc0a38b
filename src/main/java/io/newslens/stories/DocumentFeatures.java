package io.newslens.stories;

import io.newslens.clean.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The features of one article, before weighting: its content terms and its proper names, counted, with two flags
 * (in the title, used as a name) and a display form. Plain Java over the analyze stage's token arrays; no Spark.
 *
 * <ul>
 *   <li><b>Terms</b>: every non-stop token's term holding a letter and at least two characters; tf = occurrences.</li>
 *   <li><b>Names</b>: a run of two or more capitalised tokens of one sentence, the first not a stop word, adjacent
 *       in the text (at most one character between two tokens: a space or a hyphen), with lower-case particles
 *       ({@link #PARTICLES}) allowed between two of them ("Kim Jong Un", "Corée du Nord", "Etats-Unis"). Its key is
 *       its terms joined by spaces, its display its surfaces joined by spaces. The terms of a name's tokens, and a
 *       capitalised token that does not open its sentence, carry the {@link #NAME} flag.</li>
 *   <li><b>Title</b> ({@link #inTitle}): a feature whose display form is written in the title (each of its words is
 *       a word of the title: runs of letters and digits, lower-cased, typographic apostrophes folded) carries
 *       {@link #IN_TITLE}; the stage sets it once the title is joined to the features.</li>
 * </ul>
 * A term's display form is its most frequent surface in the article, ties to the first seen.
 */
public final class DocumentFeatures {
  private DocumentFeatures() {}

  /** Flag: the feature is written in the article's title. */
  public static final int IN_TITLE = 1;
  /** Flag: the feature is a proper name, or a term used in one. */
  public static final int NAME = 2;

  /** Key prefix of a term feature. */
  public static final String TERM_PREFIX = "t:";
  /** Key prefix of a name feature. */
  public static final String NAME_PREFIX = "n:";

  /** One feature of an article: key ({@link #TERM_PREFIX} or {@link #NAME_PREFIX} + text), tf, flags, display. */
  public record Feature(String key, int tf, int flags, String display) {}

  /**
   * The article's features in order of first occurrence (terms, then names), without the title flag.
   *
   * @param terms     the tokens' terms (stems; folded lower-case words for stop words)
   * @param surfaces  the tokens' surfaces as written
   * @param sentences the tokens' sentence indices
   * @param starts    start offsets of the surfaces in the text
   * @param ends      end offsets (exclusive)
   * @param stops     whether each token is a stop word
   */
  public static List<Feature> of(String[] terms, String[] surfaces, int[] sentences, int[] starts, int[] ends,
      boolean[] stops) {
    int n = terms.length;
    if (surfaces.length != n || sentences.length != n || starts.length != n || ends.length != n
        || stops.length != n) {
      throw new IllegalArgumentException("token arrays differ in length");
    }
    boolean[] name = new boolean[n];
    Map<String, Acc> names = new LinkedHashMap<>();
    for (int[] run : nameRuns(terms, surfaces, sentences, starts, ends, stops, name)) {
      StringBuilder key = new StringBuilder(NAME_PREFIX);
      StringBuilder display = new StringBuilder();
      for (int k = run[0]; k <= run[1]; k++) {
        if (k > run[0]) {
          key.append(' ');
          display.append(' ');
        }
        key.append(terms[k]);
        display.append(surfaces[k]);
      }
      names.computeIfAbsent(key.toString(), k -> new Acc()).add(display.toString(), NAME);
    }

    Map<String, Acc> termAcc = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      if (stops[i] || !isContent(terms[i])) continue;
      String key = TERM_PREFIX + terms[i];
      termAcc.computeIfAbsent(key, k -> new Acc()).add(surfaces[i], name[i] ? NAME : 0);
    }
    List<Feature> out = new ArrayList<>(termAcc.size() + names.size());
    for (Map.Entry<String, Acc> e : termAcc.entrySet()) {
      Acc a = e.getValue();
      out.add(new Feature(e.getKey(), a.tf, a.flags, a.display()));
    }
    for (Map.Entry<String, Acc> e : names.entrySet()) {
      Acc a = e.getValue();
      out.add(new Feature(e.getKey(), a.tf, a.flags, a.display()));
    }
    return out;
  }

  /**
   * The ids of the article's distinct features ({@link #hash} of each key of {@link #of}), ascending, computed without
   * building the keys: what counting document frequencies needs.
   */
  public static long[] ids(String lang, String[] terms, String[] surfaces, int[] sentences, int[] starts, int[] ends,
      boolean[] stops) {
    int n = terms.length;
    long base = fnv(fnv(FNV_START, lang == null ? "" : lang), "\u0001");
    long[] out = new long[n + n / 2 + 1];
    int m = 0;
    boolean[] name = new boolean[n];
    for (int[] run : nameRuns(terms, surfaces, sentences, starts, ends, stops, name)) {
      long h = fnv(base, NAME_PREFIX);
      for (int k = run[0]; k <= run[1]; k++) {
        if (k > run[0]) h = fnv(h, " ");
        h = fnv(h, terms[k]);
      }
      if (m == out.length) out = Arrays.copyOf(out, m * 2);
      out[m++] = h;
    }
    long termBase = fnv(base, TERM_PREFIX);
    for (int i = 0; i < n; i++) {
      if (stops[i] || !isContent(terms[i])) continue;
      if (m == out.length) out = Arrays.copyOf(out, m * 2);
      out[m++] = fnv(termBase, terms[i]);
    }
    Arrays.sort(out, 0, m);
    int k = 0;
    for (int i = 0; i < m; i++) if (i == 0 || out[i] != out[i - 1]) out[k++] = out[i];
    return Arrays.copyOf(out, k);
  }

  /** The 64-bit key of a feature within one language (FNV-1a of "lang U+0001 key", {@link Normalizer#hash64}). */
  public static long hash(String lang, String key) {
    return fnv(fnv(fnv(FNV_START, lang == null ? "" : lang), "\u0001"), key);
  }

  private static final long FNV_START = 0xcbf29ce484222325L;

  /** {@link Normalizer#hash64}'s FNV-1a continued over more chars: hashing the parts in turn hashes their join. */
  static long fnv(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      h ^= (c & 0xff);
      h *= 0x100000001b3L;
      h ^= (c >>> 8);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /**
   * The multi-word name runs (first and last token index) of an article; marks in {@code name} the content tokens
   * of those runs and the capitalised tokens that do not open their sentence.
   */
  private static List<int[]> nameRuns(String[] terms, String[] surfaces, int[] sentences, int[] starts, int[] ends,
      boolean[] stops, boolean[] name) {
    int n = terms.length;
    List<int[]> runs = new ArrayList<>();
    for (int i = 0; i < n; ) {
      if (stops[i] || !capitalised(surfaces[i])) {
        i++;
        continue;
      }
      // a run: capitalised tokens (stop words too, past the first), and a lower-case particle between two of them;
      // one sentence, adjacent in the text
      int last = i;
      int content = 1;
      int j = i + 1;
      while (j < n && sentences[j] == sentences[i] && starts[j] - ends[j - 1] <= 1) {
        if (capitalised(surfaces[j])) {
          last = j;
          content++;
        } else if (!(stops[j] && PARTICLES.contains(surfaces[j]) && j + 1 < n && sentences[j + 1] == sentences[i]
            && starts[j + 1] - ends[j] <= 1 && capitalised(surfaces[j + 1]))) {
          break;
        }
        j++;
      }
      if (content >= 2) {
        runs.add(new int[] {i, last});
        for (int k = i; k <= last; k++) if (!stops[k]) name[k] = true;
      } else if (i > 0 && sentences[i - 1] == sentences[i]) {
        name[i] = true; // a capitalised word inside its sentence
      }
      i = last + 1;
    }
    return runs;
  }

  /**
   * Whether a feature is written in the title, given the title's words ({@link #titleWords}): every word of its
   * display form (a term's one word, a name's words) is a word of the title.
   */
  public static boolean inTitle(String display, Set<String> titleWords) {
    if (display == null || titleWords.isEmpty()) return false;
    boolean any = false;
    for (String w : WORD_BREAK.split(word(display))) {
      if (w.isEmpty()) continue;
      if (!titleWords.contains(w)) return false;
      any = true;
    }
    return any;
  }

  /** The words of a title: its runs of letters and digits, lower-cased, apostrophes folded. */
  public static Set<String> titleWords(String title) {
    Set<String> out = new HashSet<>();
    if (title == null) return out;
    for (String w : WORD_BREAK.split(word(title))) {
      if (!w.isEmpty()) out.add(w);
    }
    return out;
  }

  private static final Pattern WORD_BREAK = Pattern.compile("[^\\p{L}\\p{N}]+");

  private static String word(String surface) {
    return Normalizer.fold(surface).toLowerCase(Locale.ROOT);
  }

  private static boolean capitalised(String surface) {
    return !surface.isEmpty() && Character.isUpperCase(surface.codePointAt(0));
  }

  /** Lower-case words found inside names: "Corée du Nord", "Ursula von der Leyen", "Abu Bakr al-Baghdadi". */
  static final Set<String> PARTICLES = Set.of("de", "du", "des", "d'", "d’", "la", "le", "les", "di", "da", "del",
      "della", "dos", "das", "von", "van", "der", "den", "ter", "al", "el", "bin", "ben", "ibn", "y", "of", "the");

  /** A term worth counting: at least two characters, one of them a letter. */
  static boolean isContent(String term) {
    if (term.length() < 2) return false;
    for (int i = 0; i < term.length(); i++) if (Character.isLetter(term.charAt(i))) return true;
    return false;
  }

  /** Occurrences, flags and surface counts of one feature (the display: most frequent, ties to the first seen). */
  private static final class Acc {
    int tf;
    int flags;
    final Map<String, Integer> surfaces = new LinkedHashMap<>(2);

    void add(String surface, int flag) {
      tf++;
      flags |= flag;
      surfaces.merge(surface, 1, Integer::sum);
    }

    String display() {
      String best = null;
      int count = 0;
      for (Map.Entry<String, Integer> e : surfaces.entrySet()) {
        if (e.getValue() > count) {
          best = e.getKey();
          count = e.getValue();
        }
      }
      return best;
    }
  }
}
