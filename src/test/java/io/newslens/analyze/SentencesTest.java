package io.newslens.analyze;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class SentencesTest {

  @Test
  void paragraphsAreLinesAndSentencesStayInside() {
    String text = "Un. Deux.\n\nTrois « quatre. » cinq.\nSix";
    Sentences.Boundaries b = Sentences.of(text);
    assertArrayEquals(new int[] {0, 11, 35}, b.paragraphStarts());
    assertArrayEquals(new int[] {0, 4, 11, 35}, b.sentenceStarts());
  }

  @Test
  void abbreviationsAndInitialsDoNotEndSentences() {
    String text = "Selon M. Delevoye et Mme. Borne, J. Biden a parlé. Fin.";
    assertArrayEquals(new int[] {0, 51}, Sentences.of(text).sentenceStarts());
  }

  @Test
  void emptyText() {
    assertArrayEquals(new int[0], Sentences.of("").sentenceStarts());
    assertArrayEquals(new int[0], Sentences.of("\n\n").paragraphStarts());
  }
}
