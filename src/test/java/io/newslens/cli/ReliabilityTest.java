package io.newslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newslens.ingest.FieldMapping;
import io.newslens.ingest.Ingest;
import io.newslens.ingest.IngestParams;
import io.newslens.ingest.Inputs;
import io.newslens.output.OutputFolder;
import io.newslens.testing.ChildJvm;
import io.newslens.testing.HostileCorpus;
import io.newslens.testing.Folders;
import io.newslens.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults and determinism: task failures, a run killed while writing, one core versus two, other partition counts,
 * code generation versus interpreted evaluation. The reference is a clean in-process run on the hostile corpus
 * ({@link HostileRun}, shared with {@link HostileCorpusTest}), which like every small test corpus runs without code
 * generation; the other runs are child JVMs with their own SparkContext (local[1,4] allows task retries, which the
 * shared local[2] session does not). The two children start together before the first test, so they run while this
 * JVM does its own runs; each test waits for its child.
 */
@SparkTest
class ReliabilityTest {
  @TempDir static Path tmp;
  static Path in;
  static Path clean;
  static Map<String, Map<String, Long>> expect;

  /** The child on one core with injected task failures and code generation, its output and log. */
  static Process faulty;
  static Path faultyOut;
  static Path faultyLog;
  /** The child killed while writing into a previous output, that output and the child's log. */
  static Process killed;
  static Path killedOut;
  static Path killedLog;
  static String firstRunId;
  static List<String> firstDocs;

  @BeforeAll
  static void cleanRunThenChildren(SparkSession spark) throws IOException {
    HostileRun run = HostileRun.get(spark);
    in = run.in();
    clean = run.out();
    expect = run.expect();

    faultyOut = tmp.resolve("faulty");
    faultyLog = tmp.resolve("logs/faulty");
    // one core, every task's first attempt failing, and code generation as the user's setting (kept whatever the
    // corpus size): one child for the three, as each child is a whole run's CPU on the test machine's two cores
    faulty = ChildJvm.startMain(faultyLog, List.of("-D" + Ingest.TEST_FAIL_FIRST_ATTEMPT + "=true",
        "-Dspark.sql.codegen.wholeStage=true"),
        "run", "--master", "local[1,4]", "--input", in.toString(), "--output", faultyOut.toString());

    // the previous output the killed run writes over: a published output of the same input
    killedOut = tmp.resolve("killed");
    Folders.copyTree(clean, killedOut);
    firstRunId = runId(killedOut);
    firstDocs = table(spark, killedOut, "documents");
    killedLog = tmp.resolve("logs/killed");
    killed = ChildJvm.startMain(killedLog,
        List.of("-Dspark.hadoop." + OutputFolder.TEST_SLEEP_BEFORE_PUBLISH + "=600000"),
        "run", "--master", "local[2]", "--input", in.toString(), "--output", killedOut.toString());
  }

  /** Kills (SIGKILL) any child a failed test left running. */
  @AfterAll
  static void stopChildren() throws InterruptedException {
    for (Process p : new Process[] {faulty, killed}) {
      if (p != null && p.isAlive()) p.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /** A table's rows, every column, as sorted strings: equal lists mean equal contents. */
  static List<String> contents(Dataset<Row> table) {
    return table.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  static List<String> table(SparkSession spark, Path out, String name) {
    return contents(spark.read().parquet(out.resolve(name).toString()));
  }

  static void assertSameTables(SparkSession spark, Path expected, Path actual) {
    assertEqualTables(spark, expected, actual);
    assertEquals(HostileCorpus.kept(expect), table(spark, actual, "documents").size());
  }

  /**
   * Every table of two outputs equal row for row, topics included: the sampler's partitioning doesn't depend on
   * cores, executors or input partitions.
   */
  static void assertEqualTables(SparkSession spark, Path expected, Path actual) {
    for (String t : io.newslens.output.Tables.ALL) {
      List<String> e = table(spark, expected, t);
      assertEquals(e, table(spark, actual, t), t);
    }
  }

  @Test
  void injectedTaskFailuresOnOneCoreWithCodeGenerationGiveTheSameOutputAsACleanRun(SparkSession spark)
      throws Exception {
    assertEquals(0, ChildJvm.waitFor(faulty, 900, faultyLog), ChildJvm.tail(faultyLog));
    String err = Files.readString(Path.of(faultyLog + ".err"));
    assertTrue(err.contains("injected failure (" + Ingest.TEST_FAIL_FIRST_ATTEMPT + ")"), "the hook fired: " + err);
    assertTrue(codeGeneration(faultyOut), "the user's setting keeps code generation");
    assertFalse(codeGeneration(clean), "a small corpus left to Newslens runs without it");
    assertSameTables(spark, clean, faultyOut);
  }

  @Test
  void aRunKilledWhileWritingLeavesThePreviousOutputAndTheNextRunSucceeds(SparkSession spark) throws Exception {
    Path out = killedOut;
    Path stagedManifest = null;
    long deadline = System.nanoTime() + 900_000_000_000L; // a loaded machine took 240 s to get there alone
    while (stagedManifest == null && killed.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      stagedManifest = staging(out).map(s -> s.resolve("manifest.json")).filter(Files::exists).findFirst()
          .orElse(null);
    }
    assertTrue(stagedManifest != null, "the child staged its output: " + ChildJvm.tail(killedLog));
    killed.destroyForcibly(); // SIGKILL: no shutdown hooks, no abort()
    assertTrue(killed.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(137, killed.exitValue());

    assertEquals(firstRunId, runId(out), "the previous output is intact");
    assertEquals(firstDocs, table(spark, out, "documents"));
    assertEquals(1, staging(out).count(), "the killed run's staging folder is left behind");

    Cli next = Cli.run(spark, "run", "--input", in.toString(), "--output", out.toString());
    assertEquals(0, next.exit(), next.err());
    assertNotEquals(firstRunId, runId(out));
    assertEquals(0, staging(out).count(), "the next run removed it");
    assertSameTables(spark, clean, out);
  }

  @Test
  void otherPartitionCountsGiveTheSameTables(SparkSession spark) throws Exception {
    // in this JVM (two cores): other partition counts
    Inputs.Listing l = Inputs.list(List.of(in.toString()), spark.sparkContext().hadoopConfiguration());
    Ingest.registerUdfs(spark);
    Ingest.Result base = Ingest.apply(spark, l.files(), IngestParams.defaults());
    List<String> baseDocs = contents(base.documents());
    List<String> baseRejected = contents(base.rejected());
    assertEquals(HostileCorpus.kept(expect), baseDocs.size());
    for (int parts : new int[] {1, 7}) {
      Ingest.Result r = Ingest.apply(spark, l.files(),
          new IngestParams(FieldMapping.defaults(), IngestParams.DEFAULT_MAX_RECORD_BYTES, parts));
      assertEquals(parts, r.documents().rdd().getNumPartitions());
      assertEquals(baseDocs, contents(r.documents()), "documents, partitions=" + parts);
      assertEquals(baseRejected, contents(r.rejected()), "rejected, partitions=" + parts);
    }
    // the whole pipeline with another partitioning of the documents: every table is the same
    Path repartitioned = tmp.resolve("partitions-3");
    Cli c = Cli.run(spark, "run", "--input", in.toString(), "--output", repartitioned.toString(), "--partitions", "3");
    assertEquals(0, c.exit(), c.err());
    assertSameTables(spark, clean, repartitioned);
  }

  private static boolean codeGeneration(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).path("spark").path("code_generation")
        .asBoolean();
  }

  private static String runId(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).path("run_id").asText();
  }

  private static Stream<Path> staging(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out.getParent())) {
      return s.filter(x -> x.getFileName().toString().startsWith("." + out.getFileName() + ".staging-")).toList()
          .stream();
    }
  }

}
