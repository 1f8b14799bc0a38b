package io.newslens.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newslens.job.UsageException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run lock of an output folder: the file {@code .NAME.lock} beside it, created exclusively when a run prepares
 * the folder and deleted when it publishes or aborts. Without it a second run on the same output would take the
 * first one's staging folder for a dead run's and delete it, and the two publishes would race.
 *
 * <p>The file is a line of JSON saying who holds it: run id, host, pid and start time. A lock written on this host
 * by a process that is no longer running, or whose pid now belongs to a process started after the lock was taken
 * (a restarted container gets the same pid and host name), was left by a killed run: it is stale and taken over.
 * Any other lock, and one that cannot be read, is held: {@link #acquire} then fails with a message that names the
 * holder and the file to delete if the user knows that run is dead.
 *
 * <p>Creation is exclusive on HDFS ({@code create} without overwrite is atomic in the NameNode) and on the local
 * file system, where Hadoop's own {@code create} only checks for the file before opening it, so the file is created
 * with {@code CREATE_NEW} instead. Object stores without conditional writes give no such guarantee.
 */
final class RunLock {
  private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String UNKNOWN_HOST = "unknown";
  private static final String HOST = findHostName();
  /** How much later than the lock a process must have started for its pid to count as reused (clock jitter). */
  static final Duration PID_REUSE_MARGIN = Duration.ofMinutes(1);
  /** Tries of create, read, take over: more only when the file keeps changing under us. */
  private static final int ATTEMPTS = 3;

  /** Who holds a lock, as written in it. */
  record Holder(String runId, String host, long pid, Instant started) {}

  private final FileSystem fs;
  private final Path path;
  private final String runId;
  private boolean released;

  private RunLock(FileSystem fs, Path path, String runId) {
    this.fs = fs;
    this.path = path;
    this.runId = runId;
  }

  /** The lock file of an output folder: {@code .NAME.lock} in its parent, beside {@code .NAME.staging-RUNID}. */
  static Path pathOf(Path out) {
    return new Path(out.getParent(), "." + out.getName() + ".lock");
  }

  /**
   * Takes the lock of {@code out} for the run, taking over a stale one. Throws a {@link UsageException} when another
   * run holds it or the file cannot be read, an {@link IOException} when it cannot be created.
   */
  static RunLock acquire(FileSystem fs, Path out, String output, String runId) throws IOException {
    RunLock lock = new RunLock(fs, pathOf(out), runId);
    byte[] mine = lock.describe(out);
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (lock.create(mine)) return lock;
      byte[] found = lock.readOrHeld(output);
      if (found == null) continue; // released between our create and our read
      Holder h = lock.parse(found, output);
      String stale = staleness(h);
      if (stale == null) throw new UsageException(lock.busy(output, h));
      LOG.warn("taking over the lock {} of run {}: {}", lock.path, h.runId(), stale);
      lock.deleteIfUnchanged(found);
    }
    throw new UsageException("output folder " + output + " is in use: its lock " + display(lock.path)
        + " kept changing; wait for the other run to end or choose another --output");
  }

  /**
   * Deletes the lock if it is still this run's. Idempotent; never throws: a lock that cannot be removed is logged
   * with its path and reported by the next run.
   */
  void release() {
    if (released) return;
    released = true;
    try {
      byte[] found = read();
      if (found == null) {
        LOG.warn("the lock {} of run {} was already gone", path, runId);
        return;
      }
      String holder = runIdIn(found);
      if (!runId.equals(holder)) {
        LOG.warn("not removing the lock {}: it is held by run {}, not by this run ({})", path, holder, runId);
        return;
      }
      fs.delete(path, false);
    } catch (IOException e) {
      LOG.warn("could not remove the lock {}: {}", path, e.getMessage());
    }
  }

  /** The lock's content for this run: one line of JSON. */
  private byte[] describe(Path out) {
    ObjectNode n = JSON.createObjectNode()
        .put("tool", OutputFolder.TOOL)
        .put("output", out.toString())
        .put("run_id", runId)
        .put("host", HOST)
        .put("pid", ProcessHandle.current().pid())
        .put("started", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    return (n.toString() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Creates the file with the given content if it does not exist; false if it does. */
  private boolean create(byte[] content) throws IOException {
    Path parent = path.getParent();
    if (!fs.mkdirs(parent)) throw new IOException("cannot create the folder " + parent);
    java.io.File local = localFile(fs, path);
    if (local != null) {
      try {
        Files.write(local.toPath(), content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream o = fs.create(path, false)) {
      o.write(content);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  /** The file behind a local file system path, or null on other file systems. */
  private static java.io.File localFile(FileSystem fs, Path p) {
    if (fs instanceof LocalFileSystem l) return l.pathToFile(p);
    if (fs instanceof RawLocalFileSystem r) return r.pathToFile(p);
    return null;
  }

  /** The file's bytes, or null if there is no file. An unreadable file is held: the error names it. */
  private byte[] read() throws IOException {
    try (InputStream in = fs.open(path)) {
      return in.readAllBytes();
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private byte[] readOrHeld(String output) {
    try {
      return read();
    } catch (IOException e) {
      throw new UsageException(unreadable(output, e.getMessage()));
    }
  }

  /** Deletes a stale lock unless another run replaced it since we read it. */
  private void deleteIfUnchanged(byte[] seen) throws IOException {
    if (Arrays.equals(seen, read())) fs.delete(path, false);
  }

  /** Who holds the lock; a file that does not say it (empty, garbled, not ours) counts as held by someone unknown. */
  private Holder parse(byte[] content, String output) {
    try {
      JsonNode n = JSON.readTree(content);
      if (n == null || !n.isObject()) throw new IOException("not a JSON object");
      String run = n.path("run_id").asText("");
      String host = n.path("host").asText("");
      if (run.isEmpty() || host.isEmpty() || !n.path("pid").isIntegralNumber() || !n.path("pid").canConvertToLong()) {
        throw new IOException("no run_id, host or pid");
      }
      return new Holder(run, host, n.path("pid").asLong(), Instant.parse(n.path("started").asText()));
    } catch (IOException | DateTimeParseException e) {
      throw new UsageException(unreadable(output, String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
    }
  }

  private static String runIdIn(byte[] content) {
    try {
      return JSON.readTree(content).path("run_id").asText(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** Why the holder is known to be gone, or null when it may still be running (another host: we can't tell). */
  static String staleness(Holder h) {
    if (HOST.equals(UNKNOWN_HOST) || !HOST.equals(h.host())) return null;
    Optional<ProcessHandle> p = ProcessHandle.of(h.pid());
    if (p.isEmpty() || !p.get().isAlive()) return "its pid " + h.pid() + " is no longer running on this host";
    Optional<Instant> start = p.get().info().startInstant();
    if (start.isPresent() && start.get().isAfter(h.started().plus(PID_REUSE_MARGIN))) {
      return "its pid " + h.pid() + " now belongs to a process started at " + start.get() + ", after the lock was taken";
    }
    return null;
  }

  private String busy(String output, Holder h) {
    return "output folder " + output + " is in use by run " + h.runId() + " (pid " + h.pid() + " on " + h.host()
        + ", since " + h.started() + "); wait for it to end or choose another --output. If that run is no longer"
        + " running, delete " + display(path) + " and run again";
  }

  private String unreadable(String output, String why) {
    return "output folder " + output + " is locked by " + display(path) + ", which cannot be read (" + why
        + "); if no other run is using this output, delete " + display(path) + " and run again";
  }

  /** A path as a user would type it: a plain file path on the local file system, the full URI elsewhere. */
  static String display(Path p) {
    return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : p.toString();
  }

  /** This host's name as the lock records it; {@value #UNKNOWN_HOST} (never stale) when it cannot be found. */
  static String hostName() {
    return HOST;
  }

  private static String findHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env != null && !env.isBlank() ? env : UNKNOWN_HOST;
    }
  }
}
