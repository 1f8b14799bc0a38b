package io.newslens.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The title rule of .txt articles (Text.txtTitle), line by line; lines are separated by | in the table. */
class TxtTitleTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', textBlock = """
      # first lines (|-separated)                                          ; title
      Kim s’aligne|Sous-titre|2023-09-13 22:20:04|Corps.                    ; Kim s’aligne
      Été|Déjà vu à Paris – 5 €                                             ; Été
      logo|Poutine se tourne vers Kim|Le corps|Poutine se tourne vers Kim   ; Poutine se tourne vers Kim
      Exo.com|La vérité nous libérera|Poutine et Kim renforcent leurs liens ; Poutine et Kim renforcent leurs liens
      Exo.com|Un slogan plutôt long pour un slogan|Le titre                 ; Un slogan plutôt long pour un slogan
      Menu|Un titre court|Le corps de l’article commence ici               ; Un titre court
      Titre un|Titre deux|Titre deux                                        ; Titre deux
      2023-09-13|Le titre après la date                                     ; Le titre après la date
      actu.orange.fr                                                        ; actu.orange.fr
      Fin.|Suite                                                            ; Fin.
      """)
  void titleSkipsMastheadsAndPrefersARepeatedHeadline(String lines, String title) {
    assertEquals(title, Text.txtTitle(Arrays.asList(lines.split("\\|"))));
  }

  @Test
  void oneLineAndNoLines() {
    assertEquals("Un titre sur deux lignes", Text.txtTitle(List.of("  Un titre\tsur   deux lignes ")));
    assertNull(Text.txtTitle(List.of()));
  }
}
