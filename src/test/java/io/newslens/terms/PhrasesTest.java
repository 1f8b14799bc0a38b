package io.newslens.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhrasesTest {

  private static List<String> surfaces(String[] words, int[] sentences, boolean[] stops) {
    String[] terms = new String[words.length];
    for (int i = 0; i < words.length; i++) terms[i] = words[i].toLowerCase(java.util.Locale.ROOT);
    return Phrases.candidates(terms, words, sentences, stops).stream().map(Phrases.Candidate::surface).toList();
  }

  @Test
  void stopWordsInsideButNotAtTheEnds() {
    String[] w = {"La", "Corée", "du", "Nord", "et", "le", "Conseil", "de", "sécurité"};
    int[] s = {0, 0, 0, 0, 0, 0, 0, 0, 0};
    boolean[] stop = {true, false, true, false, true, true, false, true, false};
    assertEquals(List.of("Corée du Nord", "Conseil de sécurité"), surfaces(w, s, stop));
  }

  @Test
  void phrasesStayInsideOneSentence() {
    String[] w = {"tire", "missile", "Russie", "dément"};
    int[] s = {0, 0, 1, 1};
    boolean[] stop = {false, false, false, false};
    assertEquals(List.of("tire missile", "Russie dément"), surfaces(w, s, stop));
  }

  @Test
  void twoAndThreeWordsFromEveryStart() {
    String[] w = {"Vladimir", "Poutine", "Kim"};
    int[] s = {0, 0, 0};
    boolean[] stop = {false, false, false};
    List<Phrases.Candidate> c = Phrases.candidates(new String[] {"vladimir", "poutin", "kim"}, w, s, stop);
    assertEquals(List.of("Vladimir Poutine", "Vladimir Poutine Kim", "Poutine Kim"),
        c.stream().map(Phrases.Candidate::surface).toList());
    assertEquals(List.of("vladimir", "poutin", "kim"), c.get(1).terms());
  }

  @Test
  void edgeDocuments() {
    assertEquals(List.of(), surfaces(new String[0], new int[0], new boolean[0]));
    assertEquals(List.of(), surfaces(new String[] {"Seul"}, new int[] {0}, new boolean[] {false}));
    assertEquals(List.of(), surfaces(new String[] {"le", "la"}, new int[] {0, 0}, new boolean[] {true, true}));
  }

  @Test
  void surfacesComeFromTheTextAndNeverCrossPunctuation() {
    String text = "L’invasion de l’Ukraine, Russie\u00A0et  Chine.";
    // tokens: invasion(2,10) de(11,13) Ukraine(16,23) Russie(25,31) et(32,34) Chine(36,41)
    String[] w = {"invasion", "de", "Ukraine", "Russie", "et", "Chine"};
    int[] starts = {2, 11, 16, 25, 32, 36};
    int[] ends = {10, 13, 23, 31, 34, 41};
    int[] s = {0, 0, 0, 0, 0, 0};
    boolean[] stop = {false, true, false, false, true, false};
    String[] terms = {"invasion", "de", "ukrain", "russ", "et", "chin"};
    List<String> got = Phrases.candidates(terms, w, s, stop, starts, ends, text).stream()
        .map(Phrases.Candidate::surface).toList();
    // the elided article stays in the surface, white space is one space, nothing crosses the comma
    assertEquals(List.of("invasion de l’Ukraine", "Russie et Chine"), got);
    // offsets that do not point at the surfaces (not the tokens' text): joined surfaces, no punctuation check
    int[] shifted = {3, 12, 17, 26, 33, 37};
    int[] shiftedEnds = {11, 14, 24, 32, 35, 42};
    assertEquals(List.of("invasion de Ukraine", "Ukraine Russie", "Russie et Chine"),
        Phrases.candidates(terms, w, s, stop, shifted, shiftedEnds, text + " ").stream()
            .map(Phrases.Candidate::surface).toList());
  }

  @Test
  void whiteSpaceRunsBecomeOneSpaceAsTheRegexDoes() {
    java.util.regex.Pattern white = java.util.regex.Pattern.compile("[\\s\\u00A0\\u202F]+");
    String[] table = {"Corée du Nord", "Corée  du\u00A0Nord", "Corée\n\n du\u202F\tNord", " l’Ukraine ", "", "  ",
        "a\u2009b"}; // U+2009 thin space is not in the class: kept
    for (String t : table) {
      org.junit.jupiter.api.Assertions.assertEquals(white.matcher(t).replaceAll(" "), Phrases.oneSpace(t, 0, t.length()),
          t);
    }
    // and on random strings over letters and every kind of space, and on inner ranges
    java.util.Random random = new java.util.Random(7);
    char[] alphabet = {'a', 'é', ' ', ' ', '\t', '\n', '\u00A0', '\u202F', '\r', '\u000B', '\f', '-', '\u2009'};
    for (int n = 0; n < 2000; n++) {
      char[] c = new char[random.nextInt(12)];
      for (int i = 0; i < c.length; i++) c[i] = alphabet[random.nextInt(alphabet.length)];
      String t = new String(c);
      int from = t.isEmpty() ? 0 : random.nextInt(t.length());
      int to = from + (t.length() == from ? 0 : random.nextInt(t.length() - from + 1));
      org.junit.jupiter.api.Assertions.assertEquals(white.matcher(t.substring(from, to)).replaceAll(" "),
          Phrases.oneSpace(t, from, to), t + " [" + from + ", " + to + ")");
    }
  }
}
