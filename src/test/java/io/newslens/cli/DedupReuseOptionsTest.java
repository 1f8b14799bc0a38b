package io.newslens.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.newslens.dedup.Banding;
import io.newslens.dedup.DedupParams;
import io.newslens.job.UsageException;
import io.newslens.reuse.ReuseParams;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DedupReuseOptionsTest {

  @Test
  void defaultsAreTheParamsDefaults() {
    DedupOptions d = new DedupOptions();
    new CommandLine(d).parseArgs();
    assertEquals(DedupParams.defaults(), d.toParams(DedupParams.DEFAULT_SEED));
    ReuseOptions r = new ReuseOptions();
    new CommandLine(r).parseArgs();
    assertEquals(ReuseParams.defaults(), r.toParams());
  }

  @Test
  void flagsReachTheParams() {
    DedupOptions d = new DedupOptions();
    new CommandLine(d).parseArgs("--dedup-bands", "20", "--dedup-rows", "5", "--dedup-shingle-size", "3");
    DedupParams p = d.toParams(7);
    assertEquals(new Banding(20, 5), p.banding());
    assertEquals(3, p.shingleSize());
    assertEquals(7, p.seed());
    ReuseOptions r = new ReuseOptions();
    new CommandLine(r).parseArgs("--reuse-ngram", "4", "--reuse-max-gap", "0", "--reuse-min-content-words", "3",
        "--reuse-noun-phrase-words", "0");
    assertEquals(new ReuseParams(4, 100, 5, 2, 0, 10, 3, 0), r.toParams());
  }

  @Test
  void badValuesAreUsageErrorsNamingTheFlag() {
    DedupOptions d = new DedupOptions();
    new CommandLine(d).parseArgs("--dedup-target", "1.5");
    UsageException e = assertThrows(UsageException.class, () -> d.toParams(1));
    assertTrue(e.getMessage().startsWith("--dedup-target"), e.getMessage());
    ReuseOptions r = new ReuseOptions();
    new CommandLine(r).parseArgs("--reuse-max-docs", "1");
    e = assertThrows(UsageException.class, r::toParams);
    assertTrue(e.getMessage().startsWith("--reuse-max-docs"), e.getMessage());
    ReuseOptions content = new ReuseOptions();
    new CommandLine(content).parseArgs("--reuse-min-content-words", "11");
    e = assertThrows(UsageException.class, content::toParams);
    assertTrue(e.getMessage().startsWith("--reuse-min-content-words"), e.getMessage());
    ReuseOptions phrase = new ReuseOptions();
    new CommandLine(phrase).parseArgs("--reuse-noun-phrase-words", "-1");
    e = assertThrows(UsageException.class, phrase::toParams);
    assertTrue(e.getMessage().startsWith("--reuse-noun-phrase-words"), e.getMessage());
  }
}
