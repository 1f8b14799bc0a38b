package io.newslens.state;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import io.newslens.output.OutputFolder;
import io.newslens.output.ParquetTables;
import io.newslens.output.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the next version of an output into its staging folder, file by file. Every table of the new version is a
 * folder of Parquet files: the files of the current version that do not change are hard-linked into it (copied on
 * a file system without hard links: then an update costs a copy of the whole output), new rows go to new files, and
 * a file holding rows that must change or go is rewritten without them (copy-on-write). So a plain glob
 * {@code table/*.parquet} of the published output sees exactly the new version, and the current version is never
 * written to: an update killed at any point leaves it as it was.
 *
 * <p>Tables are named by their path inside the output ({@code documents}, {@code state/dedup_slots}); each is
 * handled by one call ({@link #keep}, {@link #append}, {@link #rewrite}, {@link #replace}) and {@link #finish}
 * keeps every table of the current version not handled.
 *
 * <p><b>Compaction.</b> Every update adds a file or more to each table it appends to, mostly small ones (a day's
 * articles), so a table would gain hundreds of files in a year of daily updates: readers (a DuckDB glob, Spark's
 * listing) pay per file. {@link #finish} therefore merges the small files (under {@link #SMALL_FILE_BYTES}) of a
 * table written to in this version once it holds more than {@link #MAX_SMALL_FILES} of them, into files of up to
 * {@link #COMPACT_TARGET_BYTES}. Only small files are read and written again, so a compaction costs at most
 * {@code MAX_SMALL_FILES + new files} small files, and comes once every dozen or so updates; large files (a full
 * run's on a large corpus) are never rewritten. The rows are the same, in other files.
 */
public final class NextVersion {
  private static final Logger LOG = LoggerFactory.getLogger(NextVersion.class);
  private static final String WORK = "_work";
  /** A data file under this many bytes is small: the files an update adds for a day of news usually are. */
  public static final long SMALL_FILE_BYTES = 16L << 20;
  /** A table written to in the next version that holds more small files than this has them merged. */
  public static final int MAX_SMALL_FILES = 16;
  /** The size the merged files are made up to (compressed, as Spark's default input split). */
  public static final long COMPACT_TARGET_BYTES = 128L << 20;

  private final SparkSession spark;
  private final FileSystem fs;
  private final Path current;
  private final Path staging;
  private final boolean hardLinks;
  private final Set<String> handled = new HashSet<>();
  /** Tables that got new files in this version (the ones compaction looks at), in the order they got them. */
  private final Set<String> written = new LinkedHashSet<>();
  private final Map<String, int[]> compacted = new TreeMap<>();
  private final Map<String, Long> rows = new TreeMap<>();
  private int writes;
  private long linkedBytes;
  private long rewrittenFiles;

  public NextVersion(SparkSession spark, OutputFolder out) {
    this.spark = spark;
    this.fs = out.fileSystem();
    this.current = out.outputDir();
    this.staging = out.stagingDir();
    FileSystem raw = fs instanceof org.apache.hadoop.fs.LocalFileSystem l ? l.getRaw() : fs;
    this.hardLinks = raw instanceof RawLocalFileSystem;
  }

  /** The current version of a table (the base an update reads). */
  public Dataset<Row> read(String table) {
    return ParquetTables.read(spark, new Path(current, table).toString());
  }

  /** Whether the current version has the table. */
  public boolean exists(String table) {
    try {
      return fs.exists(new Path(current, table));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A table of the new version as staged so far (after the call that handled it). */
  public Dataset<Row> readStaged(String table) {
    if (!handled.contains(table)) throw new IllegalStateException("not staged yet: " + table);
    return ParquetTables.read(spark, staged(table));
  }

  /** Where a table of the new version is staged. */
  public String staged(String table) {
    return new Path(staging, table).toString();
  }

  /** The table is the same in the new version: all its files are linked. */
  public void keep(String table) {
    claim(table);
    linkFiles(table, Set.of());
  }

  /** The table's rows plus {@code added}: its files are linked and the new rows written to new files. */
  public void append(String table, Dataset<Row> added) {
    rewrite(table, null, null, added);
  }

  /** The table was written whole into its staged folder ({@link #staged}) by the caller: nothing is linked. */
  public void claimWritten(String table) {
    claim(table);
    written.add(table);
  }

  /** The table is {@code all} in the new version: written whole, nothing linked. */
  public void replace(String table, Dataset<Row> all) {
    claim(table);
    mkdirs(new Path(staging, table));
    writeInto(table, all);
    written.add(table);
  }

  /**
   * Copy-on-write: the rows whose {@code keys} are among {@code dropped} (a small table of those key columns) leave
   * the table and {@code added} joins it. Only the files holding a dropped row are read and written again, without
   * those rows; the others are linked. Either of {@code dropped} and {@code added} may be null.
   *
   * @return the number of files rewritten
   */
  public int rewrite(String table, List<String> keys, Dataset<Row> dropped, Dataset<Row> added) {
    claim(table);
    Set<String> rewritten = new HashSet<>();
    String[] k = keys == null ? new String[0] : keys.toArray(String[]::new);
    Dataset<Row> drop = dropped == null ? null
        : broadcast(dropped.select(Arrays.stream(k).map(functions::col).toArray(Column[]::new)).distinct());
    if (drop != null && exists(table)) {
      List<Column> cols = new ArrayList<>();
      for (String c : k) cols.add(col(c));
      cols.add(col("_metadata.file_path").as("_file"));
      Dataset<Row> hits = read(table).select(cols.toArray(Column[]::new)).join(drop, k, "left_semi")
          .select("_file").distinct();
      for (Row r : hits.collectAsList()) rewritten.add(new Path(r.getString(0)).getName());
    }
    mkdirs(new Path(staging, table));
    linkFiles(table, rewritten);
    if (!rewritten.isEmpty()) {
      List<String> paths = new ArrayList<>();
      for (String name : rewritten) paths.add(new Path(new Path(current, table), name).toString());
      Column[] order = Arrays.stream(read(table).columns()).map(functions::col).toArray(Column[]::new);
      // the anti join puts the key columns first: back to the table's own column order
      writeInto(table, ParquetTables.read(spark, paths.toArray(String[]::new)).join(drop, k, "left_anti")
          .select(order));
      rewrittenFiles += rewritten.size();
    }
    if (added != null) writeInto(table, added);
    if (added != null || !rewritten.isEmpty()) written.add(table);
    return rewritten.size();
  }

  /**
   * Keeps every table of the current version that no call handled (and the tables it lists in the state folder),
   * counts the rows of the new version's output tables from their Parquet footers and removes the work folder.
   *
   * @return rows per output table ({@link Tables#ALL} present in the new version)
   */
  public Map<String, Long> finish() {
    try {
      for (FileStatus s : fs.listStatus(current)) {
        String name = s.getPath().getName();
        if (!s.isDirectory() || name.startsWith(".") || name.startsWith("_")) continue;
        if (name.equals(Tables.STATE)) {
          for (FileStatus t : fs.listStatus(s.getPath())) {
            String st = Tables.STATE + "/" + t.getPath().getName();
            if (t.isDirectory() && !handled.contains(st)) keep(st);
          }
        } else if (!handled.contains(name)) {
          keep(name);
        }
      }
      for (String table : written) compact(table);
      fs.delete(new Path(staging, WORK), true);
      Map<String, Long> out = new LinkedHashMap<>();
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      for (String t : Tables.ALL) {
        Path dir = new Path(staging, t);
        if (fs.exists(dir)) out.put(t, OutputFolder.parquetRows(fs, dir, conf));
      }
      rows.putAll(out);
      LOG.info("next version: {} MB of unchanged files {}, {} files rewritten", linkedBytes >> 20,
          hardLinks ? "hard-linked" : "copied", rewrittenFiles);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The tables whose small files {@link #finish} merged: per table the small files it held and the files they were
   * merged into.
   */
  public Map<String, int[]> compacted() {
    return compacted;
  }

  /**
   * Merges the staged table's small files into as few files of up to {@link #COMPACT_TARGET_BYTES} as their bytes
   * need, when it holds more than {@link #MAX_SMALL_FILES} of them. The small files are hard links to the current
   * version's files or files this version wrote: removing them from the staging folder leaves the current version
   * as it was.
   */
  private void compact(String table) throws IOException {
    Path dir = new Path(staging, table);
    List<FileStatus> small = new ArrayList<>();
    long bytes = 0;
    for (FileStatus f : fs.listStatus(dir)) {
      if (OutputFolder.isDataFile(f) && f.getLen() < SMALL_FILE_BYTES) {
        small.add(f);
        bytes += f.getLen();
      }
    }
    if (small.size() <= MAX_SMALL_FILES) return;
    int files = (int) Math.max(1, (bytes + COMPACT_TARGET_BYTES - 1) / COMPACT_TARGET_BYTES);
    String[] paths = small.stream().map(f -> f.getPath().toString()).toArray(String[]::new);
    // the merged files get new names beside the small ones, which go once they are written
    int made = writeInto(table, ParquetTables.read(spark, paths).coalesce(files));
    for (FileStatus f : small) {
      if (!fs.delete(f.getPath(), false)) throw new IOException("cannot remove " + f.getPath());
    }
    compacted.put(table, new int[] {small.size(), made});
    LOG.info("next version: {} small files of {} ({} KB) merged into {}", small.size(), table, bytes >> 10, made);
  }

  /** Bytes of unchanged files linked (or copied) into the new version. */
  public long linkedBytes() {
    return linkedBytes;
  }

  /** Whether unchanged files are hard links (local file system) rather than copies. */
  public boolean hardLinks() {
    return hardLinks;
  }

  private void claim(String table) {
    if (!handled.add(table)) throw new IllegalStateException("table handled twice in one version: " + table);
  }

  private void mkdirs(Path dir) {
    try {
      if (!fs.mkdirs(dir)) throw new IOException("mkdirs returned false: " + dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Links (or copies) the table's data files of the current version, but those named in {@code except}. */
  private void linkFiles(String table, Set<String> except) {
    Path from = new Path(current, table);
    Path to = new Path(staging, table);
    mkdirs(to);
    try {
      if (!fs.exists(from)) return;
      for (FileStatus f : fs.listStatus(from)) {
        if (!OutputFolder.isDataFile(f) || except.contains(f.getPath().getName())) continue;
        Path target = new Path(to, f.getPath().getName());
        if (hardLinks) {
          Files.createLink(Paths.get(target.toUri()), Paths.get(f.getPath().toUri()));
        } else if (!FileUtil.copy(fs, f.getPath(), fs, target, false, spark.sparkContext().hadoopConfiguration())) {
          throw new IOException("cannot copy " + f.getPath());
        }
        linkedBytes += f.getLen();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot carry " + table + " into the next version: " + e.getMessage(), e);
    }
  }

  /**
   * Writes rows as new files of a staged table: through a work folder, then moved in beside the linked files.
   *
   * @return the number of files written
   */
  private int writeInto(String table, Dataset<Row> df) {
    Path work = new Path(new Path(staging, WORK), Integer.toString(writes++));
    df.write().mode(SaveMode.ErrorIfExists).parquet(work.toString());
    Path to = new Path(staging, table);
    try {
      int moved = 0;
      for (FileStatus f : fs.listStatus(work)) {
        if (!OutputFolder.isDataFile(f)) continue;
        if (!fs.rename(f.getPath(), new Path(to, f.getPath().getName()))) {
          throw new IOException("cannot move " + f.getPath() + " into " + to);
        }
        moved++;
      }
      fs.delete(work, true);
      return moved;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
