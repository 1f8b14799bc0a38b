package io.newslens.output;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newslens.job.RunFailedException;
import io.newslens.job.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

  private static Path lockOf(Path out) {
    return out.resolveSibling("." + out.getFileName() + ".lock");
  }

  /** Writes a lock file as a run holding the output would. */
  private static void writeLock(Path out, String runId, String host, long pid, String started) throws IOException {
    Files.writeString(lockOf(out), "{\"tool\":\"newslens\",\"output\":\"file:" + out + "\",\"run_id\":\"" + runId
        + "\",\"host\":\"" + host + "\",\"pid\":" + pid + ",\"started\":\"" + started + "\"}\n");
  }

  private static long deadPid;

  /** The pid of a process that has ended (started, waited for): what a killed run leaves in its lock. */
  private static synchronized long deadPid() throws IOException, InterruptedException {
    if (deadPid == 0) {
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      assertEquals(0, p.waitFor());
      deadPid = p.pid();
    }
    assertFalse(ProcessHandle.of(deadPid).map(ProcessHandle::isAlive).orElse(false));
    return deadPid;
  }

  /** The JVM of the run holding out's lock is killed: its lock stays, naming a pid that no longer runs. */
  private static void dies(Path out, String runId) throws Exception {
    writeLock(out, runId, RunLock.hostName(), deadPid(), "2025-01-01T00:00:00Z");
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
  void aRunKilledBeforePublishLeavesThePreviousOutputAndTheNextRunCleansUp() throws Exception {
    Path out = dir.resolve("out");
    run(out, "r1");
    OutputFolder killed = OutputFolder.prepare(out.toString(), conf, "r2");
    killed.writeManifest(manifest("r2")); // staged completely, then the JVM dies: no publish, no abort
    dies(out, "r2");
    assertEquals(manifest("r1"), Files.readString(out.resolve("manifest.json")));
    assertEquals(List.of(".out.lock", ".out.staging-r2", "out"), siblings());
    run(out, "r3");
    assertEquals(manifest("r3"), Files.readString(out.resolve("manifest.json")));
    assertEquals(List.of("out"), siblings());
  }

  @Test
  void aPublishInterruptedBetweenItsTwoRenamesIsRepairedByTheNextRun() throws Exception {
    Path out = dir.resolve("out");
    run(out, "r1");
    // r2 was killed right after moving the previous output aside, before moving its staging folder in
    OutputFolder.prepare(out.toString(), conf, "r2").writeManifest(manifest("r2"));
    Files.move(out, dir.resolve(".out.previous-r2"));
    dies(out, "r2");
    assertFalse(Files.exists(out));
    OutputFolder r3 = OutputFolder.prepare(out.toString(), conf, "r3");
    assertEquals(manifest("r1"), Files.readString(out.resolve("manifest.json")), "previous output restored");
    assertEquals("r1", Files.readString(out.resolve("documents/part-0")));
    assertEquals(List.of(".out.lock", ".out.staging-r3", "out"), siblings());
    r3.abort();
    assertEquals(List.of("out"), siblings());
    assertEquals(manifest("r1"), Files.readString(out.resolve("manifest.json")));
  }

  @Test
  void aKillAfterTheSecondRenameKeepsTheNewOutputAndDropsTheOldOne() throws Exception {
    Path out = dir.resolve("out");
    run(out, "r1");
    OutputFolder.prepare(out.toString(), conf, "r2").writeManifest(manifest("r2"));
    Files.move(out, dir.resolve(".out.previous-r2"));
    Files.move(dir.resolve(".out.staging-r2"), out);
    dies(out, "r2");
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

  @Test
  void theLockSaysWhoHoldsIt() throws IOException {
    Path out = dir.resolve("out");
    Instant before = Instant.now().minusMillis(1);
    OutputFolder f = OutputFolder.prepare(out.toString(), conf, "r1");
    assertEquals(List.of(".out.lock", ".out.staging-r1"), siblings());
    JsonNode lock = new ObjectMapper().readTree(lockOf(out).toFile());
    assertEquals("newslens", lock.path("tool").asText());
    assertEquals("r1", lock.path("run_id").asText());
    assertEquals(RunLock.hostName(), lock.path("host").asText());
    assertEquals(ProcessHandle.current().pid(), lock.path("pid").asLong());
    Instant started = Instant.parse(lock.path("started").asText());
    assertFalse(started.isBefore(before) || started.isAfter(Instant.now()), started.toString());
    f.abort();
    assertEquals(List.of(), siblings());
  }

  @Test
  void aSecondRunOnABusyOutputIsRefusedAndLeavesTheFirstAlone() throws IOException {
    Path out = dir.resolve("out");
    run(out, "r1");
    OutputFolder first = OutputFolder.prepare(out.toString(), conf, "r2");
    Path table = Path.of(java.net.URI.create(first.table(Tables.DOCUMENTS)));
    Files.createDirectories(table);
    Files.writeString(table.resolve("part-0"), "r2");

    UsageException e = assertThrows(UsageException.class, () -> OutputFolder.prepare(out.toString(), conf, "r3"));
    String prefix = "output folder " + out + " is in use by run r2 (pid " + ProcessHandle.current().pid() + " on "
        + RunLock.hostName() + ", since ";
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    assertEquals("); wait for it to end or choose another --output. If that run is no longer running, delete "
        + lockOf(out) + " and run again", e.getMessage().substring(e.getMessage().indexOf(')')));
    assertEquals(List.of(".out.lock", ".out.staging-r2", "out"), siblings(), "the first run's staging is intact");
    assertEquals("r2", Files.readString(table.resolve("part-0")));
    assertEquals(manifest("r1"), Files.readString(out.resolve("manifest.json")));

    first.writeManifest(manifest("r2"));
    first.publish();
    assertEquals(manifest("r2"), Files.readString(out.resolve("manifest.json")));
    assertEquals(List.of("out"), siblings(), "publishing released the lock");
    run(out, "r4");
    assertEquals(manifest("r4"), Files.readString(out.resolve("manifest.json")));
  }

  @Test
  void aStaleLockOfThisHostIsTakenOverAndItsRunsStagingFolderRemoved() throws Exception {
    Path out = dir.resolve("out");
    run(out, "r1");
    Files.createDirectories(dir.resolve(".out.staging-r2/documents"));
    dies(out, "r2");
    OutputFolder r3 = OutputFolder.prepare(out.toString(), conf, "r3");
    assertEquals(List.of(".out.lock", ".out.staging-r3", "out"), siblings());
    JsonNode lock = new ObjectMapper().readTree(lockOf(out).toFile());
    assertEquals("r3", lock.path("run_id").asText());
    assertEquals(ProcessHandle.current().pid(), lock.path("pid").asLong());
    r3.abort();
    assertEquals(List.of("out"), siblings());
    assertEquals(manifest("r1"), Files.readString(out.resolve("manifest.json")));
  }

  @Test
  void aLockWhosePidWasReusedByALaterProcessIsStale() throws IOException {
    // a restarted container: same host name, and its new JVM got the pid of the killed one (here: ours)
    Path out = dir.resolve("out");
    Instant thisJvm = ProcessHandle.current().info().startInstant().orElseThrow();
    writeLock(out, "r1", RunLock.hostName(), ProcessHandle.current().pid(),
        thisJvm.minus(RunLock.PID_REUSE_MARGIN).minus(Duration.ofMinutes(1)).toString());
    OutputFolder.prepare(out.toString(), conf, "r2").abort();
    assertEquals(List.of(), siblings());
    // the same pid with a lock taken after this JVM started is this JVM's: held
    writeLock(out, "r1", RunLock.hostName(), ProcessHandle.current().pid(), thisJvm.toString());
    assertThrows(UsageException.class, () -> OutputFolder.prepare(out.toString(), conf, "r2"));
  }

  @Test
  void aLockOfAnotherHostIsHeldEvenIfItsPidIsNotRunningHere() throws Exception {
    Path out = dir.resolve("out");
    writeLock(out, "r1", "worker-7.example", deadPid(), "2025-01-01T00:00:00Z");
    UsageException e = assertThrows(UsageException.class, () -> OutputFolder.prepare(out.toString(), conf, "r2"));
    assertEquals("output folder " + out + " is in use by run r1 (pid " + deadPid() + " on worker-7.example, since"
        + " 2025-01-01T00:00:00Z); wait for it to end or choose another --output. If that run is no longer running,"
        + " delete " + lockOf(out) + " and run again", e.getMessage());
    assertEquals(List.of(".out.lock"), siblings());
  }

  @Test
  void aGarbledLockIsHeldAndReportedWithItsPath() throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(dir.resolve(".out.staging-r1"));
    for (String garbled : List.of("", "pid=12\n", "{\"run_id\":\"r1\",\"host\":\"h\"}",
        "{\"run_id\":\"r1\",\"host\":\"h\",\"pid\":\"twelve\",\"started\":\"2025-01-01T00:00:00Z\"}",
        "{\"run_id\":\"r1\",\"host\":\"h\",\"pid\":12,\"started\":\"yesterday\"}")) {
      Files.writeString(lockOf(out), garbled);
      UsageException e = assertThrows(UsageException.class, () -> OutputFolder.prepare(out.toString(), conf, "r2"),
          garbled);
      assertTrue(e.getMessage().startsWith("output folder " + out + " is locked by " + lockOf(out)
          + ", which cannot be read ("), e.getMessage());
      assertTrue(e.getMessage().endsWith("); if no other run is using this output, delete " + lockOf(out)
          + " and run again"), e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
      assertEquals(garbled, Files.readString(lockOf(out)));
      assertEquals(List.of(".out.lock", ".out.staging-r1"), siblings(), "nothing removed: " + garbled);
    }
  }

  @Test
  void abortReleasesTheLockAndFinishingTwiceIsHarmless() throws IOException {
    Path out = dir.resolve("out");
    OutputFolder f = OutputFolder.prepare(out.toString(), conf, "r1");
    f.abort();
    assertEquals(List.of(), siblings());
    assertDoesNotThrow(f::abort);
    assertThrows(IllegalStateException.class, f::publish, "the lock is no longer held");
    assertEquals(List.of(), siblings());

    run(out, "r2");
    OutputFolder g = OutputFolder.prepare(out.toString(), conf, "r3");
    g.writeManifest(manifest("r3"));
    g.publish();
    assertDoesNotThrow(g::publish);
    assertDoesNotThrow(g::abort); // what Pipeline's catch does if something fails after publishing
    assertEquals(manifest("r3"), Files.readString(out.resolve("manifest.json")));
    assertEquals(List.of("out"), siblings());
  }

  @Test
  void releasingLeavesALockThatIsNoLongerOurs() throws IOException {
    Path out = dir.resolve("out");
    OutputFolder f = OutputFolder.prepare(out.toString(), conf, "r1");
    // someone deleted our lock by hand and another run took it
    writeLock(out, "r2", RunLock.hostName(), ProcessHandle.current().pid(), Instant.now().toString());
    f.abort();
    assertEquals(List.of(".out.lock"), siblings());
    assertTrue(Files.readString(lockOf(out)).contains("\"run_id\":\"r2\""));
  }

  @Test
  void aFailedPrepareReleasesTheLock() throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("notes.txt"), "mine");
    assertThrows(UsageException.class, () -> OutputFolder.prepare(out.toString(), conf, "r1"));
    assertEquals(List.of("out"), siblings());
    Files.delete(out.resolve("notes.txt"));
    run(out, "r2");
    assertEquals(List.of("out"), siblings());
  }
}
