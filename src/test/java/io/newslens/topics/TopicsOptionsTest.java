package io.newslens.topics;

import static org.junit.jupiter.api.Assertions.*;

import io.newslens.cli.TopicsOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class TopicsOptionsTest {
  @Command(name = "t")
  static class Cmd {
    @Mixin TopicsOptions topics = new TopicsOptions();
  }

  static TopicsParams parse(String... args) {
    Cmd c = new Cmd();
    new CommandLine(c).parseArgs(args);
    return c.topics.toParams(42L);
  }

  @Test
  void defaultsMatchTheParamsDefaults() {
    assertEquals(TopicsParams.defaults(), parse());
  }

  @Test
  void autoRangeAndAlgorithmDefaults() {
    TopicsParams p = parse("--topics-auto", "10..30:5", "--topic-algorithm", "online");
    assertArrayEquals(new int[] {10, 15, 20, 25, 30}, p.candidates());
    assertEquals(TopicsParams.Algorithm.ONLINE, p.algorithm());
    assertEquals(20, p.iterations());
    assertArrayEquals(new int[] {12}, parse("--topics", "12").candidates());
    assertArrayEquals(new int[] {4, 5, 6}, parse("--topics-auto", "4..6").candidates());
  }

  @Test
  void badValuesNameTheFlag() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--topics-auto", "5-9")).getMessage()
        .contains("--topics-auto"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--topics-auto", "2..40")).getMessage()
        .contains("at most 10"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--topic-algorithm", "nmf")).getMessage()
        .contains("--topic-algorithm"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--topic-max-df", "1.5")).getMessage()
        .contains("--topic-max-df"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--topic-period", "hour")).getMessage()
        .contains("--topic-period"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--topic-local-sweeps", "0")).getMessage()
        .contains("--topic-local-sweeps"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--topic-average-sweeps", "-1"))
        .getMessage().contains("--topic-average-sweeps"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--topic-fit-docs", "1")).getMessage()
        .contains("--topic-fit-docs"));
  }

  @Test
  void samplingOptions() {
    TopicsParams p = parse("--topic-local-sweeps", "4", "--topic-average-sweeps", "30", "--topic-fit-docs", "1000");
    assertEquals(4, p.localSweeps());
    assertEquals(30, p.averageSweeps());
    assertEquals(1000, p.fitDocs());
  }
}
