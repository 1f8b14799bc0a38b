package io.newslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newslens.testing.Folders;
import io.newslens.testing.HostileCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The hostile corpus and its output of {@code newslens run} with the default options, made once per test JVM:
 * {@link HostileCorpusTest} checks the output, {@link ReliabilityTest} compares its faulty and killed runs with it.
 * Nobody writes into either folder after it is made (a test that needs to change an output copies it first); both
 * are deleted when the JVM exits.
 */
record HostileRun(Path in, Path out, Map<String, Map<String, Long>> expect) {
  private static HostileRun shared;

  static synchronized HostileRun get(SparkSession spark) {
    if (shared == null) {
      try {
        Path root = Files.createTempDirectory("newslens-hostile-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Folders.deleteTree(root)));
        Path in = root.resolve("in");
        Map<String, Map<String, Long>> expect = HostileCorpus.write(in, spark);
        Path out = root.resolve("clean");
        Cli c = Cli.run(spark, "run", "--input", in.toString(), "--output", out.toString());
        assertEquals(0, c.exit(), c.err());
        shared = new HostileRun(in, out, expect);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }
}
