package io.newslens.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NormalizerTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      # input                                                    | expected
      dans la nuit de mercredi à jeudi.Le gouvernement avait     | dans la nuit de mercredi à jeudi. Le gouvernement avait
      organisée le 24 juin.Une seconde enveloppe                 | organisée le 24 juin. Une seconde enveloppe
      `jusqu'à l'obtention d''évolutions substantielles'".\"Malgré l'annonce` | `jusqu'à l'obtention d''évolutions substantielles'". "Malgré l'annonce`
      pendant le confinement?R: C'était                          | pendant le confinement? R: C'était
      3,5%.Le taux                                               | 3,5%. Le taux
      1.655 malades                                              | 1.655 malades
      M.Delevoye a été entendu                                   | M.Delevoye a été entendu
      sur actu.orange.fr et Exoconscience.com                    | sur actu.orange.fr et Exoconscience.com
      `  •  « La coopération stratégique »`                      | « La coopération stratégique »
      `Lire aussi\u00A0 Dire au revoir`                          | Lire aussi Dire au revoir
      `Par\u00A0: Arsène`                                        | Par : Arsène
      `le 15\u202Faoût,\t\tjour   férié `                        | le 15 août, jour férié
      `zero\u200Bwidth\uFEFF`                                    | zerowidth
      """)
  void normalizesLines(String input, String expected) {
    assertEquals(expected, Normalizer.line(unescape(input)));
  }

  @Test
  void composesToNfc() {
    String decomposed = "Core\u0301e du Nord"; // e + combining acute
    assertEquals("Corée du Nord", Normalizer.line(decomposed));
    assertEquals(13, Normalizer.line(decomposed).length());
  }

  @Test
  void keyFoldsTypographyAndCaseButNotAccents() {
    assertEquals("s'abonner", Normalizer.key("S’abonner"));
    assertEquals("\" forces hostiles \" - état", Normalizer.key("« forces hostiles » – État"));
    assertEquals(Normalizer.key("L’Ukraine"), Normalizer.key("l'Ukraine"));
    assertNotEquals(Normalizer.key("Corée"), Normalizer.key("Coree"));
  }

  @Test
  void foldKeepsLength() {
    String s = "l’« amitié » “spéciale” — d’Etat";
    assertEquals(s.length(), Normalizer.fold(s).length());
    assertEquals("l'\" amitié \" \"spéciale\" - d'Etat", Normalizer.fold(s));
  }

  @Test
  void hashIsStableFnv1a() {
    // FNV-1a 64 over the two bytes of each UTF-16 char, low byte first: "" is the offset basis
    assertEquals(0xcbf29ce484222325L, Normalizer.hash64(""));
    assertEquals(Normalizer.hash64("leave a comment"), Normalizer.hash64("leave a comment"));
    assertNotEquals(Normalizer.hash64("leave a comment"), Normalizer.hash64("leave a comments"));
  }

  private static String unescape(String s) {
    return s.replace("\\u00A0", "\u00A0").replace("\\u202F", "\u202F").replace("\\u200B", "\u200B")
        .replace("\\uFEFF", "\uFEFF").replace("\\t", "\t");
  }
}
