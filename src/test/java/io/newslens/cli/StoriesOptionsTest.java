package io.newslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.newslens.job.UsageException;
import io.newslens.stories.StoriesParams;
import io.newslens.stories.UnitVector;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class StoriesOptionsTest {

  @Command(name = "s")
  static final class Host {
    @Mixin StoriesOptions stories = new StoriesOptions();
  }

  private static StoriesOptions parse(String... args) {
    Host h = new Host();
    new CommandLine(h).parseArgs(args);
    return h.stories;
  }

  @Test
  void defaultsMatchTheParamsDefaults() {
    assertEquals(StoriesParams.defaults(), parse().toParams());
    assertEquals(100, StoriesParams.defaults().features());
    assertEquals(0.35, StoriesParams.defaults().threshold());
  }

  @Test
  void tfAndIdfFlagsBecomeParams() {
    StoriesParams p = parse("--story-tf", "raw", "--story-idf", "log+1").toParams();
    assertEquals(UnitVector.Tf.RAW, p.tf());
    assertEquals(UnitVector.Idf.LOG_PLUS_ONE, p.idf());
    assertEquals(StoriesParams.defaults().withScheme(UnitVector.Tf.RAW, UnitVector.Idf.LOG_PLUS_ONE), p);
  }

  @Test
  void badValuesNameTheFlag() {
    assertEquals("--story-tf must be log or raw, got sqrt",
        assertThrows(UsageException.class, () -> parse("--story-tf", "sqrt").toParams()).getMessage());
    assertEquals("--story-idf must be log or log+1, got smooth",
        assertThrows(UsageException.class, () -> parse("--story-idf", "smooth").toParams()).getMessage());
    assertEquals("--story-centroid-terms (at least --story-features) must be between 200 and 100000, got 100",
        assertThrows(UsageException.class, () -> parse("--story-features", "200").toParams()).getMessage());
  }
}
