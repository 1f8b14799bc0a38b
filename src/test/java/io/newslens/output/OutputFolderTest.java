package io.newslens.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newslens.job.RunFailedException;
import io.newslens.job.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {
  @TempDir Path dir;
  private final Configuration conf = new Configuration();

  private static String manifest(String runId) {
    return "{\"tool\":\"newslens\",\"run_id\":\"" + runId + "\"}";
  }

  /** A full run: prepare, write one table file and the manifest, publish. */
  private void run(Path out, String runId) throws IOException {
    OutputFolder f = OutputFolder.prepare(out.toString(), conf, runId);
    Path table = Path.of(java.net.URI.create(f.table(Tables.DOCUMENTS)));
    Files.createDirectories(table);
    Files.writeString(table.resolve("part-0"), runId);
    f.writeManifest(manifest(runId));
    f.publish();
  }

  private List<String> siblings() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void publishReplacesOurPreviousOutputAndLeavesNothingBehind() throws IOException {
    Path out = dir.resolve("out");
    run(out, "r1");
    assertEquals(manifest("r1"), Files.readString(out.resolve("manifest.json")));
    run(out, "r2");
    assertEquals(manifest("r2"), Files.readString(out.resolve("manifest.json")));
    assertEquals("r2", Files.readString(out.resolve("documents/part-0")));
    assertEquals(List.of("out"), siblings());
  }

  @Test
  void anEmptyFolderOrAMissingParentIsFine() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    run(dir.resolve("empty"), "r1");
    assertTrue(Files.exists(dir.resolve("empty/manifest.json")));
    run(dir.resolve("new/deeper/out"), "r1");
    assertTrue(Files.exists(dir.resolve("new/deeper/out/manifest.json")));
  }

  @Test
  void aFolderThatIsNotOursIsNeverTouched() throws IOException {
    Path out = dir.resolve("thesis");
    Files.createDirectories(out);
    Files.writeString(out.resolve("chapter1.tex"), "precious");
    UsageException e = assertThrows(UsageException.class, () -> OutputFolder.prepare(out.toString(), conf, "r1"));
    assertEquals("output folder " + out + " is not empty and is not a Newslens output (no manifest.json of ours);"
        + " choose another --output", e.getMessage());
    // someone else's manifest.json does not make it ours either
    Files.writeString(out.resolve("manifest.json"), "{\"tool\":\"other\"}");
    assertThrows(UsageException.class, () -> OutputFolder.prepare(out.toString(), conf, "r1"));
    assertEquals(List.of("chapter1.tex", "manifest.json"), Files.list(out).map(p -> p.getFileName().toString())
        .sorted().toList());
    assertEquals(List.of("thesis"), siblings());
  }

  @Test
  void aFileIsNotAnOutputFolder() throws IOException {
    Path file = dir.resolve("notes.txt");
    Files.writeString(file, "x");
    UsageException e = assertThrows(UsageException.class, () -> OutputFolder.prepare(file.toString(), conf, "r1"));
    assertEquals("output " + file + " is a file, not a folder; choose another --output", e.getMessage());
    RunFailedException f = assertThrows(RunFailedException.class,
        () -> OutputFolder.prepare(file + "/out", conf, "r1"));
    assertTrue(f.getMessage().startsWith("cannot write the output folder " + file + "/out: "), f.getMessage());
    assertEquals("x", Files.readString(file));
  }

  @Test
  void aRunKilledBeforePublishLeavesThePreviousOutputAndTheNextRunCleansUp() throws IOException {
    Path out = dir.resolve("out");
    run(out, "r1");
    OutputFolder killed = OutputFolder.prepare(out.toString(), conf, "r2");
    killed.writeManifest(manifest("r2")); // staged completely, then the JVM dies: no publish, no abort
    assertEquals(manifest("r1"), Files.readString(out.resolve("manifest.json")));
    assertEquals(List.of(".out.staging-r2", "out"), siblings());
    run(out, "r3");
    assertEquals(manifest("r3"), Files.readString(out.resolve("manifest.json")));
    assertEquals(List.of("out"), siblings());
  }

  @Test
  void aPublishInterruptedBetweenItsTwoRenamesIsRepairedByTheNextRun() throws IOException {
    Path out = dir.resolve("out");
    run(out, "r1");
    // r2 was killed right after moving the previous output aside, before moving its staging folder in
    OutputFolder.prepare(out.toString(), conf, "r2").writeManifest(manifest("r2"));
    Files.move(out, dir.resolve(".out.previous-r2"));
    assertFalse(Files.exists(out));
    OutputFolder r3 = OutputFolder.prepare(out.toString(), conf, "r3");
    assertEquals(manifest("r1"), Files.readString(out.resolve("manifest.json")), "previous output restored");
    assertEquals("r1", Files.readString(out.resolve("documents/part-0")));
    assertEquals(List.of(".out.staging-r3", "out"), siblings());
    r3.abort();
    assertEquals(List.of("out"), siblings());
    assertEquals(manifest("r1"), Files.readString(out.resolve("manifest.json")));
  }

  @Test
  void aKillAfterTheSecondRenameKeepsTheNewOutputAndDropsTheOldOne() throws IOException {
    Path out = dir.resolve("out");
    run(out, "r1");
    OutputFolder.prepare(out.toString(), conf, "r2").writeManifest(manifest("r2"));
    Files.move(out, dir.resolve(".out.previous-r2"));
    Files.move(dir.resolve(".out.staging-r2"), out);
    OutputFolder.prepare(out.toString(), conf, "r3").abort();
    assertEquals(manifest("r2"), Files.readString(out.resolve("manifest.json")));
    assertEquals(List.of("out"), siblings());
  }

  @Test
  void theSleepHookSleepsOnlyWhenSet() throws IOException {
    Path out = dir.resolve("out");
    run(out, "r1");
    assertEquals(0L, conf.getLong(OutputFolder.TEST_SLEEP_BEFORE_PUBLISH, 0L));
    conf.setLong(OutputFolder.TEST_SLEEP_BEFORE_PUBLISH, 300);
    long t0 = System.nanoTime();
    run(out, "r2");
    assertTrue((System.nanoTime() - t0) / 1_000_000 >= 300);
  }
}
