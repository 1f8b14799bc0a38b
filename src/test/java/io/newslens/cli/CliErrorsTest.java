package io.newslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newslens.ingest.Ingest;
import io.newslens.testing.SparkTest;
import io.newslens.testing.TestCorpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected failures: one line on stderr, nothing on stdout, exit 2 (usage) or 1 (the run failed). */
@SparkTest
class CliErrorsTest {
  @TempDir Path tmp;

  private Cli run(SparkSession spark, String... args) {
    return Cli.run(spark, args);
  }

  private static void assertOneLine(Cli c, int exit, String line) {
    assertEquals(exit, c.exit(), c.err());
    assertEquals(List.of(line), c.errLines());
    assertEquals("", c.out());
  }

  @Test
  void missingInput(SparkSession spark) {
    String nope = tmp.resolve("nope").toString();
    assertOneLine(run(spark, "run", "--input", nope, "--output", tmp.resolve("o").toString()), 2,
        "newslens: input not found: " + nope);
    assertTrue(Files.notExists(tmp.resolve("o")));
  }

  @Test
  void unreadableInput(SparkSession spark) {
    assertOneLine(run(spark, "run", "--input", "nosuchfs://host/corpus", "--output", tmp.resolve("o").toString()),
        2, "newslens: cannot read input nosuchfs://host/corpus: No FileSystem for scheme \"nosuchfs\"");
  }

  @Test
  void inputWithNoFiles(SparkSession spark) throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Files.writeString(Files.createDirectories(empty.resolve(".git")).resolve("x.txt"), "hidden");
    assertOneLine(run(spark, "run", "--input", empty.toString(), "--output", tmp.resolve("o").toString()), 2,
        "newslens: no input files under " + empty);
  }

  @Test
  void outputThatIsNotOursIsRefusedAndUntouched(SparkSession spark) throws IOException {
    Path mine = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(mine.resolve("thesis.tex"), "precious");
    assertOneLine(run(spark, "run", "--input", TestCorpora.seedsDir().toString(), "--output", mine.toString()), 2,
        "newslens: output folder " + mine + " is not empty and is not a Newslens output (no manifest.json of ours);"
            + " choose another --output");
    assertEquals(List.of(mine.resolve("thesis.tex")), Files.list(mine).toList());
    assertEquals("precious", Files.readString(mine.resolve("thesis.tex")));
    assertEquals(List.of(mine), Files.list(tmp).toList());
  }

  @Test
  void outputThatCannotBeWritten(SparkSession spark) throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Cli c = run(spark, "run", "--input", TestCorpora.seedsDir().toString(), "--output", file + "/out");
    assertEquals(1, c.exit(), c.err());
    assertEquals(1, c.errLines().size(), c.err());
    assertTrue(c.err().startsWith("newslens: cannot write the output folder " + file + "/out: "), c.err());
    assertEquals("x", Files.readString(file));
  }

  @Test
  void outputInUseByAnotherRunIsRefusedWithTheLockToDelete(SparkSession spark) throws IOException {
    Path out = tmp.resolve("o");
    Path lock = tmp.resolve(".o.lock");
    String held = "{\"tool\":\"newslens\",\"run_id\":\"20250101000000-abcdef12\",\"host\":\"worker-7.example\","
        + "\"pid\":4242,\"started\":\"2025-01-01T00:00:00Z\"}\n";
    Files.writeString(lock, held);
    assertOneLine(run(spark, "run", "--input", TestCorpora.seedsDir().toString(), "--output", out.toString()), 2,
        "newslens: output folder " + out + " is in use by run 20250101000000-abcdef12 (pid 4242 on worker-7.example,"
            + " since 2025-01-01T00:00:00Z); wait for it to end or choose another --output. If that run is no longer"
            + " running, delete " + lock + " and run again");
    assertEquals(List.of(lock), Files.list(tmp).toList());
    assertEquals(held, Files.readString(lock));
  }

  @Test
  void aRunThatFailsLeavesNeitherItsStagingFolderNorItsLock(SparkSession spark) throws IOException {
    Path out = tmp.resolve("o");
    // local[2] gives a task one attempt: the injected failure fails the job, with Spark's (checked) SparkException
    spark.conf().set(Ingest.TEST_FAIL_FIRST_ATTEMPT, "true");
    Cli c;
    try {
      c = run(spark, "run", "--input", TestCorpora.seedsDir().toString(), "--output", out.toString());
    } finally {
      spark.conf().unset(Ingest.TEST_FAIL_FIRST_ATTEMPT);
    }
    assertEquals(1, c.exit(), c.err());
    assertEquals(1, c.errLines().size(), c.err());
    assertTrue(c.err().contains("injected failure"), c.err());
    assertEquals(List.of(), Files.list(tmp).toList(), "no staging folder, no lock");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--max-record-bytes=12     | newslens: --max-record-bytes must be between 1024 and 1073741824, got 12",
      "--partitions=-3           | newslens: --partitions must be between 0 (automatic) and 100000, got -3",
      "--field=body=article      | newslens: --field body=…: unknown field 'body'; expected one of [date, id, source, text, title, url]",
      "--field=text=             | newslens: --field text= needs a column name after '='",
      "--frequent-share=1.5      | newslens: --frequent-share must be a share in (0, 1], got 1.5",
      "--keyness-max-dp=-0.1     | newslens: --keyness-max-dp must be between 0 and 1, got -0.1",
      "--topic-relevance-lambda=2 | newslens: --topic-relevance-lambda must be between 0 and 1, got 2.0",
      "--stop-words=/no/such/stop.txt | newslens: --stop-words /no/such/stop.txt: no such file",
  })
  void invalidValuesAreOneUsageLine(String option, String line, SparkSession spark) {
    assertOneLine(run(spark, "run", option, "--output", tmp.resolve("o").toString()), 2, line);
    assertTrue(Files.notExists(tmp.resolve("o")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "run --max-record-bytes lots | newslens: Invalid value for option '--max-record-bytes': 'lots' is not an int",
      "run --field text            | newslens: Value for option option '--field' (FIELD=COLUMN) should be in KEY=VALUE format but was text",
      "run --nope                  | newslens: Unknown option: '--nope'",
      "frobnicate                  | newslens: Unmatched argument at index 0: 'frobnicate'",
  })
  void parseErrorsAreOneLinePlusAHint(String args, String line, SparkSession spark) {
    Cli c = run(spark, args.split(" "));
    assertEquals(2, c.exit(), c.err());
    assertEquals(2, c.errLines().size(), c.err());
    assertEquals(line, c.errLines().get(0));
    assertTrue(c.errLines().get(1).startsWith("Try 'newslens"), c.err());
  }

  @Test
  void helpIsZero(SparkSession spark) {
    Cli c = run(spark, "run", "--help");
    assertEquals(0, c.exit());
    assertTrue(c.out().contains("--max-record-bytes=N"), c.out());
  }
}
