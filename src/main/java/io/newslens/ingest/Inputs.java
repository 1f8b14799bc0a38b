package io.newslens.ingest;

import io.newslens.job.UsageException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists the files behind the user's input arguments: a file, a folder (read recursively) or a glob, on any
 * Hadoop file system. Hidden files and folders (names starting with '.' or '_', as Spark and Hadoop treat them)
 * are skipped and counted. The list is sorted by path, so every run sees the same order.
 */
public final class Inputs {
  private Inputs() {}

  /** The files found, plus how many hidden ones were skipped. */
  public record Listing(List<InputFile> files, int hiddenSkipped) {
    public long totalBytes() {
      return files.stream().mapToLong(InputFile::size).sum();
    }

    /**
     * What the files' text may come to before it is read, to size the session for ingest: a file's bytes, ten
     * times that for a compressed one ({@code .gz}, Parquet). An estimate only: the text length read by ingest
     * sizes everything after it.
     */
    public long textEstimate() {
      return files.stream().mapToLong(f -> compressed(f.path()) ? COMPRESSED_TEXT_FACTOR * f.size() : f.size())
          .sum();
    }

    /** SHA-256 over every file's path, size and modification time: changes whenever the input does. */
    public String fingerprint() {
      try {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (InputFile f : files) {
          md.update((f.path() + '\t' + f.size() + '\t' + f.modified() + '\n').getBytes(StandardCharsets.UTF_8));
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** How many characters of text a compressed input's byte is counted as by {@link Listing#textEstimate}. */
  static final long COMPRESSED_TEXT_FACTOR = 10;

  static boolean compressed(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.endsWith(".gz") || p.endsWith(".parquet");
  }

  public static Listing list(List<String> inputs, Configuration conf) throws IOException {
    List<InputFile> files = new ArrayList<>();
    int[] hidden = {0};
    for (String input : inputs) {
      try {
        listOne(input, conf, files, hidden);
      } catch (FileNotFoundException e) {
        throw new UsageException("input not found: " + input);
      } catch (IOException | IllegalArgumentException e) {
        throw new UsageException("cannot read input " + input + ": " + oneLine(e.getMessage()));
      }
    }
    files.sort(Comparator.comparing(InputFile::path));
    List<InputFile> unique = new ArrayList<>();
    for (InputFile f : files) {
      if (unique.isEmpty() || !unique.get(unique.size() - 1).path().equals(f.path())) unique.add(f);
    }
    return new Listing(List.copyOf(unique), hidden[0]);
  }

  private static void listOne(String input, Configuration conf, List<InputFile> files, int[] hidden)
      throws IOException {
    Path p = new Path(input);
    FileSystem fs = p.getFileSystem(conf);
    FileStatus[] matches = fs.globStatus(p);
    if (matches == null || matches.length == 0) throw new FileNotFoundException(input);
    boolean glob = matches.length > 1 || !fs.makeQualified(p).equals(matches[0].getPath());
    for (FileStatus m : matches) {
      // A wildcard skips hidden names, as a folder walk does; a file named explicitly is always read.
      if (glob && isHidden(m.getPath().getName())) {
        hidden[0]++;
      } else if (m.isDirectory()) {
        walk(fs, m.getPath(), files, hidden);
      } else {
        files.add(new InputFile(m.getPath().toString(), m.getLen(), m.getModificationTime()));
      }
    }
  }

  private static String oneLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static void walk(FileSystem fs, Path dir, List<InputFile> out, int[] hidden) throws IOException {
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    String root = dir.toUri().getPath();
    while (it.hasNext()) {
      LocatedFileStatus s = it.next();
      String rel = s.getPath().toUri().getPath().substring(Math.min(root.length(), s.getPath().toUri().getPath().length()));
      if (isHidden(rel)) {
        hidden[0]++;
        continue;
      }
      out.add(new InputFile(s.getPath().toString(), s.getLen(), s.getModificationTime()));
    }
  }

  static boolean isHidden(String relativePath) {
    for (String part : relativePath.split("/")) {
      if (!part.isEmpty() && (part.startsWith(".") || part.startsWith("_"))) return true;
    }
    return false;
  }
}
