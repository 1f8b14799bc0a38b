package io.newslens.clean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CleanerTest {

  static String seed(String prefix) throws IOException {
    try (var files = Files.list(Path.of("seeds"))) {
      Path p = files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
      return Files.readString(p);
    }
  }

  static List<String> reasons(Cleaner.Cleaned c) {
    return c.removals().stream().map(Cleaner.Removal::reason).toList();
  }

  @Test
  void seed000LosesItsWidgetsAndKeepsEveryParagraph() throws IOException {
    String raw = seed("000_");
    Cleaner.Cleaned c = Cleaner.clean(raw, h -> false, true, 500);
    assertEquals(List.of("site_name", "footer", "footer", "share_prompt", "share_prompt", "comment_prompt",
        "comment_prompt", "comment_prompt", "comment_prompt", "comment_prompt", "counter", "comment_prompt"),
        reasons(c));
    for (Cleaner.Removal r : c.removals()) assertEquals(r.removed(), raw.substring(r.start(), r.end()));
    assertTrue(c.text().startsWith("La vérité nous libérera\n\nPoutine et Kim, en tant que dirigeants"));
    assertTrue(c.text().endsWith("des relations entre les deux armées et gouvernements."));
    assertTrue(c.text().contains("« La coopération stratégique et tactique"), "the bullet line stays, bullet off");
    assertFalse(c.text().contains("•"));
    assertFalse(c.text().contains("\u00A0"));
    // every paragraph of the report (lines of 80+ chars) is still there, in order
    int kept = 0;
    for (String line : raw.split("\n")) {
      String l = Normalizer.line(line);
      if (l.length() >= 80 && !l.startsWith("Source")) {
        assertTrue(c.text().contains(l), l);
        kept++;
      }
    }
    assertEquals(11, kept);
    assertEquals(25 - 12, c.text().split("\n+").length); // 25 non-blank raw lines, 12 removed
  }

  @Test
  void seed001() throws IOException {
    String raw = seed("001_");
    Cleaner.Cleaned c = Cleaner.clean(raw, h -> false, true, 500);
    assertEquals(List.of("repeated_in_document", "timestamp", "read_also", "read_also", "read_also", "hashtags",
        "timestamp", "share_prompt", "share_prompt", "share_prompt", "share_prompt", "comment_prompt",
        "comment_prompt"), reasons(c));
    assertTrue(c.text().startsWith("Kim s’aligne sur la « guerre sainte » de Poutine\n\nLe cosmodrome russe"));
    assertTrue(c.text().endsWith("qu’elles veulent négocier."));
    assertFalse(c.text().contains("Lire aussi"));
  }

  @Test
  void seed003LinkListAndSiteDescription() throws IOException {
    String raw = seed("003_");
    Cleaner.Cleaned c = Cleaner.clean(raw, h -> false, true, 500);
    assertEquals(List.of("read_also", "read_also", "site_description"), reasons(c));
    assertTrue(c.text().endsWith("La Corée du Nord et la Russie entrent dans une nouvelle ère de grande prospérité."));
    assertEquals(raw.split("\n").length - 3, c.text().split("\n").length);
  }

  @Test
  void repeatedInSourceUsesTheKeyHashAndKeepsOtherLines() {
    String raw = "Titre de l’article\nRetrouvez toute l'actualité de Ville-Info\nUn paragraphe du texte.";
    long h = Normalizer.hash64(Normalizer.key("Retrouvez toute l’actualité de Ville-Info"));
    Cleaner.Cleaned c = Cleaner.clean(raw, Set.of(h)::contains, true, 500);
    assertEquals("Titre de l’article\n\nUn paragraphe du texte.", c.text());
    assertEquals(List.of(new Cleaner.Removal(19, 60, "repeated_in_source", "Retrouvez toute l'actualité de Ville-Info")),
        c.removals());
  }

  @Test
  void longLinesAreNeverRepeatedBoilerplate() {
    String line = "x".repeat(40);
    long h = Normalizer.hash64(line);
    assertEquals(line, Cleaner.clean(line, Set.of(h)::contains, true, 39).text());
    assertArrayEquals(new long[] {Cleaner.DOCUMENT_KEY}, Cleaner.candidateKeys(line, 39));
    assertArrayEquals(new long[] {h, Cleaner.DOCUMENT_KEY}, Cleaner.candidateKeys(line + "\n" + line + "\n\n", 40));
    assertArrayEquals(new long[] {Cleaner.DOCUMENT_KEY}, Cleaner.candidateKeys(null, 40));
  }

  @Test
  void edgeCases() {
    assertEquals(new Cleaner.Cleaned("", List.of()), Cleaner.clean("", h -> false, true, 500));
    assertEquals(new Cleaner.Cleaned("", List.of()), Cleaner.clean(null, h -> false, true, 500));
    assertEquals("", Cleaner.clean(" \n\u00A0\n\t", h -> false, true, 500).text());
    Cleaner.Cleaned onlyBoilerplate = Cleaner.clean("Leave a Comment\nSpread the love", h -> false, true, 500);
    assertEquals("", onlyBoilerplate.text());
    assertEquals(2, onlyBoilerplate.removals().size());
    assertEquals("Leave a Comment", Cleaner.clean("Leave a Comment", h -> false, false, 500).text());
    assertEquals("a\nb\n\nc", Cleaner.clean("a\r\nb\n\n\n  c  ", h -> false, true, 500).text());
  }
}
