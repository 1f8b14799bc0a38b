package io.newslens.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NONE", value = {
      // ISO dates and date-times; no zone means UTC
      "2023-09-13 22:20:04            | 2023-09-13T22:20:04Z",
      "2023-09-13T22:20:04            | 2023-09-13T22:20:04Z",
      "2023-09-13T22:20:04Z           | 2023-09-13T22:20:04Z",
      "2023-09-13T22:20:04+02:00      | 2023-09-13T20:20:04Z",
      "2023-09-13T22:20:04.250-05:00  | 2023-09-14T03:20:04.250Z",
      "2023-09-13 22:20               | 2023-09-13T22:20:00Z",
      "2023-09-13                     | 2023-09-13T00:00:00Z",
      "20230913                       | 2023-09-13T00:00:00Z",
      "2023/09/13                     | 2023-09-13T00:00:00Z",
      // RFC 822 / 1123
      "Wed, 13 Sep 2023 22:20:04 GMT  | 2023-09-13T22:20:04Z",
      "Wed, 13 Sep 2023 22:20:04 +0200 | 2023-09-13T20:20:04Z",
      "13 Sep 2023 22:20:04 +0000     | 2023-09-13T22:20:04Z",
      // epoch seconds and milliseconds
      "1694643604                     | 2023-09-13T22:20:04Z",
      "1694643604000                  | 2023-09-13T22:20:04Z",
      "1694643604.5                   | 2023-09-13T22:20:04.500Z",
      // day-first forms of French sources
      "13/09/2023                     | 2023-09-13T00:00:00Z",
      "13.09.2023 22:20               | 2023-09-13T22:20:00Z",
      "13-09-2023                     | 2023-09-13T00:00:00Z",
      // not dates
      "yesterday                      | NONE",
      "2023-13-45                     | NONE",
      "12345                          | NONE",
      "Poutine 2023                   | NONE",
  })
  void parsesCommonFormats(String raw, String expected) {
    assertEquals(Optional.ofNullable(expected).map(Instant::parse), Dates.parse(raw));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"''", "'   '"})
  void blankIsEmpty(String raw) {
    assertEquals(Optional.empty(), Dates.parse(raw));
  }

  @org.junit.jupiter.api.Test
  void nullAndOverlongAreEmpty() {
    assertEquals(Optional.empty(), Dates.parse(null));
    assertEquals(Optional.empty(), Dates.parse("2023-09-13 " + "x".repeat(80)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "2023-09-13 22:20:04  | true",
      "  13/09/2023         | true",
      "1694643604           | false", // a bare number in a text is more likely a count than a date
      "Poutine 2023         | false",
      "2023                 | false",
      "Le 13 septembre 2023 | false",
  })
  void dateLines(String line, boolean expected) {
    assertEquals(expected, Dates.isDateLine(line));
  }
}
