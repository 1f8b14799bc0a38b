package io.newslens.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newslens.job.RunFailedException;
import io.newslens.job.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output folder and its staged commit. A run writes every table and finally {@code manifest.json} into a
 * sibling staging folder ({@code .NAME.staging-RUNID}); {@link #publish()} then swaps it in with two renames
 * (old output aside, staging in) and deletes the old one. A run that fails or is killed before publishing leaves
 * the previous output untouched; a kill between the two renames is repaired by the next run, which puts the
 * aside copy back. A non-empty folder without a Newslens manifest is never touched.
 *
 * <p>One run at a time: {@link #prepare} first takes the output's {@link RunLock} ({@code .NAME.lock} beside it),
 * and only then removes the staging folders it finds, which are then surely those of dead runs; {@link #publish()}
 * and {@link #abort()} release it. A second run on a busy output stops with a usage error naming the holder.
 */
public final class OutputFolder {
  private static final Logger LOG = LoggerFactory.getLogger(OutputFolder.class);
  public static final String TOOL = "newslens";

  /**
   * Test-only: milliseconds to sleep at the start of {@link #publish()}, so a test can kill the run with its
   * output fully staged but not yet published. Read from the Hadoop configuration, i.e. set it as the Spark conf
   * {@code spark.hadoop.newslens.test.sleepBeforePublishMillis}. Inert unless set.
   */
  public static final String TEST_SLEEP_BEFORE_PUBLISH = "newslens.test.sleepBeforePublishMillis";

  private final FileSystem fs;
  private final Path out;
  private long sleepBeforePublish;
  private final Path staging;
  private final Path aside;
  private RunLock lock;
  private boolean published;
  private boolean finished; // published, failed to publish or aborted: the lock is released

  private OutputFolder(FileSystem fs, Path out, String runId) {
    this.fs = fs;
    this.out = out;
    this.staging = new Path(out.getParent(), "." + out.getName() + ".staging-" + runId);
    this.aside = new Path(out.getParent(), "." + out.getName() + ".previous-" + runId);
  }

  /**
   * Takes the output's run lock, repairs an interrupted publish, checks the folder is ours (or absent/empty) and
   * creates the staging folder. A failure after the lock is taken releases it.
   */
  public static OutputFolder prepare(String output, Configuration conf, String runId) {
    try {
      Path p = new Path(output);
      FileSystem fs = p.getFileSystem(conf);
      Path out = fs.makeQualified(p);
      if (out.getParent() == null) throw new UsageException("--output cannot be a file system root: " + output);
      OutputFolder f = new OutputFolder(fs, out, runId);
      f.sleepBeforePublish = conf.getLong(TEST_SLEEP_BEFORE_PUBLISH, 0L);
      f.lock = lock(fs, out, output, runId);
      try {
        f.repairAndClean();
        f.check(output);
        f.createStaging(output);
        return f;
      } catch (Throwable e) {
        f.lock.release();
        throw e;
      }
    } catch (IOException e) {
      throw new RunFailedException("cannot use the output folder " + output + ": " + e.getMessage(), e);
    }
  }

  private static RunLock lock(FileSystem fs, Path out, String output, String runId) {
    try {
      return RunLock.acquire(fs, out, output, runId);
    } catch (IOException e) {
      throw new RunFailedException("cannot write the output folder " + output + ": " + e.getMessage(), e);
    }
  }

  /** Refuses a file, and a non-empty folder that is not a Newslens output. */
  private void check(String output) throws IOException {
    if (!fs.exists(out)) return;
    FileStatus st = fs.getFileStatus(out);
    if (!st.isDirectory()) {
      throw new UsageException("output " + output + " is a file, not a folder; choose another --output");
    }
    if (fs.listStatus(out).length > 0 && !isNewslensOutput(fs, out)) {
      throw new UsageException("output folder " + output
          + " is not empty and is not a Newslens output (no manifest.json of ours); choose another --output");
    }
  }

  private void createStaging(String output) {
    try {
      if (!fs.mkdirs(staging)) throw new IOException("mkdirs returned false");
    } catch (IOException e) {
      throw new RunFailedException("cannot write the output folder " + output + ": " + e.getMessage(), e);
    }
  }

  static boolean isNewslensOutput(FileSystem fs, Path dir) throws IOException {
    Path manifest = new Path(dir, Tables.MANIFEST);
    if (!fs.exists(manifest)) return false;
    try (InputStream in = fs.open(manifest)) {
      JsonNode node = new ObjectMapper().readTree(in);
      return node != null && TOOL.equals(node.path("tool").asText());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Restores an output left aside by a publish that was interrupted, and removes stale staging folders. Runs with
   * the lock held, so no other run is writing: every staging and aside folder found is a dead run's.
   */
  private void repairAndClean() throws IOException {
    Path parent = out.getParent();
    if (!fs.exists(parent)) return;
    String prefix = "." + out.getName() + ".";
    for (FileStatus s : fs.listStatus(parent)) {
      String n = s.getPath().getName();
      if (!n.startsWith(prefix)) continue;
      if (n.startsWith(prefix + "previous-")) {
        if (!fs.exists(out) && isNewslensOutput(fs, s.getPath())) {
          LOG.warn("restoring {} from an interrupted publish", out);
          fs.rename(s.getPath(), out);
        } else {
          fs.delete(s.getPath(), true);
        }
      } else if (n.startsWith(prefix + "staging-")) {
        LOG.info("removing the staging folder of an unfinished run: {}", s.getPath());
        fs.delete(s.getPath(), true);
      }
    }
  }

  /** Where a table is written during the run. */
  public String table(String name) {
    return new Path(staging, name).toString();
  }


  public String outputPath() {
    return out.toString();
  }

  /** The staging folder this run writes (published as the output). */
  public Path stagingDir() {
    return staging;
  }

  /** The output folder as published before this run (read by an update while it stages the next version). */
  public Path outputDir() {
    return out;
  }

  public FileSystem fileSystem() {
    return fs;
  }

  /** Rows of a table written in this run, from its Parquet files' footers (no Spark job). */
  public long rows(String name) {
    try {
      return parquetRows(fs, new Path(staging, name), fs.getConf());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Rows of the Parquet files of a folder, from their footers (no Spark job). */
  public static long parquetRows(FileSystem fs, Path dir, Configuration conf) throws IOException {
    long n = 0;
    for (FileStatus f : fs.listStatus(dir)) {
      if (!isDataFile(f)) continue;
      try (org.apache.parquet.hadoop.ParquetFileReader r = ParquetTables.open(
          org.apache.parquet.hadoop.util.HadoopInputFile.fromStatus(f, conf))) {
        n += r.getRecordCount();
      }
    }
    return n;
  }

  /** A table's data file: a file whose name starts with neither "." nor "_" (Spark's markers and checksums). */
  public static boolean isDataFile(FileStatus f) {
    String n = f.getPath().getName();
    return f.isFile() && !n.startsWith(".") && !n.startsWith("_");
  }


  public void deleteStaged(String name) throws IOException {
    fs.delete(new Path(staging, name), true);
  }

  /** Writes manifest.json into the staging folder: the last file written, the run's commit point. */
  public void writeManifest(String json) throws IOException {
    Path tmp = new Path(staging, "._" + Tables.MANIFEST);
    try (OutputStream o = fs.create(tmp, true)) {
      o.write(json.getBytes(StandardCharsets.UTF_8));
    }
    if (!fs.rename(tmp, new Path(staging, Tables.MANIFEST))) throw new IOException("cannot rename " + tmp);
  }

  /**
   * Swaps the staged output in, then releases the run lock (also when the swap fails). Publishing again is a no-op;
   * publishing after {@link #abort()} or a failed publish is refused: the lock is no longer held.
   */
  public void publish() throws IOException {
    if (published) return;
    if (finished) throw new IllegalStateException("run lock released: cannot publish " + staging);
    finished = true;
    try {
      sleepIfAsked();
      swap();
    } finally {
      lock.release();
    }
  }

  /** The two renames: the previous output aside, the staging folder in; then the previous output is deleted. */
  private void swap() throws IOException {
    boolean hadOld = fs.exists(out);
    if (hadOld && !fs.rename(out, aside)) throw new IOException("cannot move the previous output aside: " + out);
    if (!fs.rename(staging, out)) {
      if (hadOld) fs.rename(aside, out);
      throw new IOException("cannot move " + staging + " to " + out);
    }
    published = true;
    if (hadOld) fs.delete(aside, true);
  }

  /** The test hook {@link #TEST_SLEEP_BEFORE_PUBLISH}. */
  private void sleepIfAsked() throws IOException {
    if (sleepBeforePublish <= 0) return;
    LOG.warn("{} is set: sleeping {} ms before publishing", TEST_SLEEP_BEFORE_PUBLISH, sleepBeforePublish);
    try {
      Thread.sleep(sleepBeforePublish);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted before publishing", e);
    }
  }

  /**
   * Removes the staging folder of a failed run (the previous output is untouched) and releases the run lock.
   * Safe to call after {@link #publish()} or twice.
   */
  public void abort() {
    finished = true;
    try {
      fs.delete(staging, true);
    } catch (IOException e) {
      LOG.warn("could not remove the staging folder {}: {}", staging, e.getMessage());
    } finally {
      lock.release();
    }
  }
}
