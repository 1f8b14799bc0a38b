package io.newslens.reuse;

import static org.junit.jupiter.api.Assertions.*;

import io.newslens.dedup.WordTokenizer;
import io.newslens.dedup.WordTokenizer.Words;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The aligner on hand-made texts, word indices counted by hand. */
class PassageAlignerTest {

  private static Words w(String s) {
    return WordTokenizer.tokenize(s);
  }

  @Test
  void identicalRunIsExtendedBeyondItsAnchors() {
    // A: x0 x1 a b c d e f g x9   B: y0 a b c d e f g y8
    Words a = w("x0 x1 a b c d e f g x9");
    Words b = w("y0 a b c d e f g y8");
    List<PassageAligner.Passage> ps = new PassageAligner(3, 2, 5).align(a, b, null);
    assertEquals(List.of(new PassageAligner.Passage(2, 9, 1, 8, 7)), ps);
  }

  @Test
  void runsWithSmallGapsAreChained() {
    // A: a b c d e | X Y | f g h i j     B: a b c d e | Z | f g h i j
    Words a = w("a b c d e X Y f g h i j");
    Words b = w("a b c d e Z f g h i j");
    assertEquals(List.of(new PassageAligner.Passage(0, 12, 0, 11, 10)),
        new PassageAligner(3, 2, 5).align(a, b, null));
    // a gap of 2 words in A is more than maxGap 1: two passages of 5 words
    assertEquals(List.of(new PassageAligner.Passage(0, 5, 0, 5, 5), new PassageAligner.Passage(7, 12, 6, 11, 5)),
        new PassageAligner(3, 1, 5).align(a, b, null));
    // minWords 6: neither run alone qualifies
    assertEquals(List.of(), new PassageAligner(3, 1, 6).align(a, b, null));
  }

  @Test
  void onlyAllowedAnchorsSeedRuns() {
    Words a = w("p q r s t u v");
    Words b = w("p q r s t u v");
    assertEquals(List.of(), new PassageAligner(3, 2, 3).align(a, b, new long[0]));
    long[] grams = io.newslens.dedup.Shingler.windowHashes(a.tokens(), 3);
    long[] one = {grams[2]}; // "r s t": seeds a run that exact extension grows to the whole text
    assertEquals(List.of(new PassageAligner.Passage(0, 7, 0, 7, 7)), new PassageAligner(3, 2, 3).align(a, b, one));
    assertEquals(List.of(), new PassageAligner(3, 2, 3).align(w("a b"), w("a b"), null));
  }

  @Test
  void kimsQuoteIsOnePassageDespiteRewording() {
    String a = "Kim, a répondu en soulignant que l’amitié spéciale a conduit à…\n\n  • « La coopération stratégique "
        + "et tactique, le soutien et la solidarité entre les deux pays ont permis de franchir une nouvelle étape "
        + "dans le front commun pour faire échec à la menace et à la provocation militaires des forces hostiles, "
        + "ainsi qu’à leurs pratiques arbitraires », écrit Kim, selon KCNA.";
    String b = "\"La coopération stratégique et tactique, le soutien et la solidarité entre les deux pays ont "
        + "franchi une nouvelle étape dans le front commun visant à contrecarrer les menaces et les provocations "
        + "militaires des forces hostiles, ainsi que leurs pratiques arbitraires\", écrit Kim, selon KCNA.";
    Words wa = w(a);
    Words wb = w(b);
    List<PassageAligner.Passage> ps = new PassageAligner(5, 12, 10).align(wa, wb, null);
    assertEquals(1, ps.size());
    PassageAligner.Passage p = ps.get(0);
    String inA = a.substring(wa.starts()[p.startA()], wa.ends()[p.endA() - 1]);
    String inB = b.substring(wb.starts()[p.startB()], wb.ends()[p.endB() - 1]);
    assertTrue(inA.startsWith("La coopération stratégique") && inA.endsWith("selon KCNA"), inA);
    assertTrue(inB.startsWith("La coopération stratégique") && inB.endsWith("selon KCNA"), inB);
    // runs: "la … ont" 15, "une nouvelle étape dans le front commun" 7, "militaires des forces hostiles ainsi" 5,
    // "leurs pratiques arbitraires écrit kim selon kcna" 7
    assertEquals(34, p.matched());
  }
}
