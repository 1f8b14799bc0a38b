package io.newslens.ingest;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What one reading task reads of one file: the whole file ({@code [0, Long.MAX_VALUE)}), or, for a large WARC file,
 * the records that begin in the byte range {@code [start, end)}.
 */
record InputSplit(String path, long size, long start, long end) implements Serializable {

  boolean whole() {
    return start == 0 && end == Long.MAX_VALUE;
  }

  RecordSource open(RecordSource.Opener opener, IngestParams params) {
    if (whole()) return RecordSource.open(path, opener, params);
    return new WarcSource(path, opener, params, start, end);
  }

  /**
   * The reading tasks of the streamed files: every WARC file is read by tasks of its own, one per
   * {@code splitBytes} range of a large file ({@link WarcSplits#plan}); the other files are grouped by size
   * ({@link Ingest#balance}): as many groups as 2 per core, or one per 64 MiB of input, at most one per file.
   */
  static List<List<InputSplit>> groups(List<InputFile> files, int cores, long splitBytes,
      Function<InputFile, RecordSource.Opener> opener) {
    List<List<InputSplit>> out = new ArrayList<>();
    List<InputFile> others = new ArrayList<>();
    for (InputFile f : files) {
      if (InputFormat.of(f.path()) != InputFormat.WARC) {
        others.add(f);
        continue;
      }
      List<long[]> ranges;
      try {
        ranges = WarcSplits.plan(opener.apply(f), f.size(), InputFormat.gzipped(f.path()), splitBytes);
      } catch (IOException e) {
        ranges = List.of(new long[] {0, Long.MAX_VALUE}); // its task reports why it cannot be read
      } catch (UncheckedIOException e) {
        ranges = List.of(new long[] {0, Long.MAX_VALUE});
      }
      for (long[] r : ranges) out.add(List.of(new InputSplit(f.path(), f.size(), r[0], r[1])));
    }
    if (!others.isEmpty()) {
      int slices = Math.max(1, Math.min(others.size(), Math.max(2 * cores, (int) (others.stream()
          .mapToLong(InputFile::size).sum() / (64L << 20)) + 1)));
      for (List<InputFile> g : Ingest.balance(others, slices)) {
        out.add(g.stream().map(f -> new InputSplit(f.path(), f.size(), 0, Long.MAX_VALUE)).toList());
      }
    }
    return out;
  }
}
