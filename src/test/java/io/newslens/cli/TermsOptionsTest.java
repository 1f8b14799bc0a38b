package io.newslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.newslens.terms.CountMode;
import io.newslens.terms.PeriodUnit;
import io.newslens.terms.TermsParams;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class TermsOptionsTest {

  @Command(name = "t")
  static final class Host {
    @Mixin TermsOptions terms = new TermsOptions();
  }

  private static TermsOptions parse(String... args) {
    Host h = new Host();
    new CommandLine(h).parseArgs(args);
    return h.terms;
  }

  @Test
  void defaultsMatchTheParamsDefaults() {
    assertEquals(TermsParams.defaults(), parse().toParams());
  }

  @Test
  void flagsBecomeParams() {
    TermsParams p = parse("--top-terms", "7", "--min-term-df", "2", "--min-collocation-count", "3",
        "--max-collocations", "50", "--count-mode", "RAW", "--period", "week", "--keyness-top", "9",
        "--keyness-min-count", "4", "--keyness-min-g2", "10.83", "--trend-terms", "25").toParams();
    assertEquals(new TermsParams(7, 2, 3, 50, CountMode.RAW, PeriodUnit.WEEK, 9, 4, 10.83, 25), p);
  }

  @Test
  void badValuesNameTheFlag() {
    assertEquals("--period must be one of [day, week, month, quarter, year], got fortnight",
        assertThrows(IllegalArgumentException.class, () -> parse("--period", "fortnight").toParams()).getMessage());
    assertEquals("--count-mode must be one of [cluster, raw, story], got dedup",
        assertThrows(IllegalArgumentException.class, () -> parse("--count-mode", "dedup").toParams()).getMessage());
    assertEquals("--top-terms must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> parse("--top-terms", "0").toParams()).getMessage());
  }
}
