package io.newslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newslens.analyze.AnalyzeParams;
import io.newslens.clean.CleanParams;
import io.newslens.job.UsageException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class CleanAnalyzeOptionsTest {

  @Command(name = "t")
  static final class Host {
    @Mixin CleanOptions clean;
    @Mixin AnalyzeOptions analyze;
  }

  static Host parse(String... args) {
    Host h = new Host();
    new CommandLine(h).parseArgs(args);
    return h;
  }

  @Test
  void defaultsAreTheParamsDefaults() {
    Host h = parse();
    assertEquals(CleanParams.defaults(), h.clean.toParams());
    assertEquals(AnalyzeParams.defaults(), h.analyze.toParams());
  }

  @Test
  void flagsReachTheParams() {
    Host h = parse("--boilerplate-min-docs", "5", "--boilerplate-min-fraction", "0.1", "--no-boilerplate-patterns",
        "--lang-min-confidence", "0.7", "--no-stemming", "--max-tokens-per-doc", "100",
        "--boilerplate-window-days", "3", "--boilerplate-window-records", "500", "--boilerplate-window-min-docs", "6",
        "--boilerplate-window-min-fraction", "0.3", "--boilerplate-window-max-line-chars", "150",
        "--no-boilerplate-structure");
    assertEquals(new CleanParams(5, 0.1, CleanParams.DEFAULT_MAX_LINE_CHARS, false,
        CleanParams.DEFAULT_LANG_SAMPLE_CHARS, CleanParams.DEFAULT_LANG_MIN_LETTERS, 0.7, 3, 500, 6, 0.3, 150, false),
        h.clean.toParams());
    assertEquals(new AnalyzeParams(false, 100), h.analyze.toParams());
  }

  @Test
  void badValuesAreUsageErrorsNamingTheFlag() {
    UsageException e = assertThrows(UsageException.class, () -> parse("--boilerplate-min-docs", "1").clean.toParams());
    assertTrue(e.getMessage().startsWith("--boilerplate-min-docs"));
    for (String[] bad : new String[][] {{"--boilerplate-window-days", "-1"}, {"--boilerplate-window-days", "400"},
        {"--boilerplate-window-records", "5"}, {"--boilerplate-window-min-docs", "2"},
        {"--boilerplate-window-min-fraction", "1.5"}, {"--boilerplate-window-max-line-chars", "0"}}) {
      e = assertThrows(UsageException.class, () -> parse(bad).clean.toParams(), String.join(" ", bad));
      assertTrue(e.getMessage().startsWith(bad[0]), e.getMessage());
    }
    e = assertThrows(UsageException.class, () -> parse("--max-tokens-per-doc", "0").analyze.toParams());
    assertTrue(e.getMessage().startsWith("--max-tokens-per-doc"));
  }
}
