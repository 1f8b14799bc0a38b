package io.newslens.state;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newslens.output.OutputFolder;
import io.newslens.output.ParquetTables;
import io.newslens.output.Tables;
import io.newslens.testing.SparkTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The next version's compaction of small files: a table an update appends to keeps few files however many updates
 * there are, with the same rows, and the current version is never touched.
 */
@SparkTest
class NextVersionTest {
  @TempDir Path dir;

  /** Rows id from..to-1 with a text column, written as {@code files} files (one per partition). */
  private static Dataset<Row> rows(SparkSession spark, long from, long to, int files) {
    return spark.range(from, to, 1, files).select(col("id"), concat(lit("row "), col("id").cast("string")).as("text"));
  }

  /** A published output whose documents table is {@code files} small files of 10 rows each. */
  private Path base(SparkSession spark, int files) throws IOException {
    Path out = dir.resolve("out");
    OutputFolder f = OutputFolder.prepare(out.toString(), spark.sparkContext().hadoopConfiguration(), "v1");
    rows(spark, 0, 10L * files, files).write().mode(SaveMode.ErrorIfExists).parquet(f.table(Tables.DOCUMENTS));
    publish(f, "v1");
    return out;
  }

  private static void publish(OutputFolder f, String runId) throws IOException {
    f.writeManifest("{\"tool\":\"newslens\",\"run_id\":\"" + runId + "\"}");
    f.publish();
  }

  private static long dataFiles(Path table) throws IOException {
    try (Stream<Path> s = Files.list(table)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).count();
    }
  }

  private static long[] ids(Dataset<Row> d) {
    return d.select("id").orderBy("id").collectAsList().stream().mapToLong(r -> r.getLong(0)).toArray();
  }

  @Test
  void smallFilesBeyondTheLimitAreMergedWithTheSameRowsAndTheCurrentVersionUntouched(SparkSession spark)
      throws IOException {
    int before = NextVersion.MAX_SMALL_FILES;
    Path out = base(spark, before);
    OutputFolder f = OutputFolder.prepare(out.toString(), spark.sparkContext().hadoopConfiguration(), "v2");
    NextVersion next = new NextVersion(spark, f);
    // one update's rows in two files, and one existing row dropped (its file rewritten without it)
    next.rewrite(Tables.DOCUMENTS, List.of("id"), spark.range(3, 4).toDF(), rows(spark, 1000, 1010, 2));
    Map<String, Long> counted = next.finish();

    Path staged = Path.of(URI.create(next.staged(Tables.DOCUMENTS)));
    assertEquals(1, dataFiles(staged), "17 small files merged into one");
    assertArrayEquals(new int[] {NextVersion.MAX_SMALL_FILES + 2, 1}, next.compacted().get(Tables.DOCUMENTS));
    assertEquals(10L * before - 1 + 10, counted.get(Tables.DOCUMENTS));
    long[] expected = Stream.concat(
            LongStream.range(0, 10L * before).filter(i -> i != 3).boxed(),
            LongStream.range(1000, 1010).boxed()).mapToLong(Long::longValue).toArray();
    assertArrayEquals(expected, ids(ParquetTables.read(spark, staged.toString())));
    // the current version still has its own files and rows until the new one is published
    Path current = out.resolve(Tables.DOCUMENTS);
    assertEquals(before, dataFiles(current));
    assertEquals(10L * before, spark.read().parquet(current.toString()).count());

    publish(f, "v2");
    assertArrayEquals(expected, ids(spark.read().parquet(out.resolve(Tables.DOCUMENTS).toString())));
  }

  @Test
  void upToTheLimitNothingIsMergedAndLargeFilesAreNeverRewritten(SparkSession spark) throws IOException {
    Path out = base(spark, 2);
    // a large file beside the small ones: 500,000 rows of 64 hex digits that do not compress
    Path large = dir.resolve("large");
    spark.range(0, 500_000, 1, 1).select(col("id").plus(1_000_000).as("id"),
        sha2(col("id").cast("string"), 256).as("text")).write().parquet(large.toString());
    Path largeFile;
    try (Stream<Path> s = Files.list(large)) {
      largeFile = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    assertTrue(Files.size(largeFile) >= NextVersion.SMALL_FILE_BYTES, "the large file is large: "
        + Files.size(largeFile));
    Files.copy(largeFile, out.resolve(Tables.DOCUMENTS).resolve(largeFile.getFileName()));

    // 2 small files + 14 appended = 16: at the limit, nothing merged
    OutputFolder f = OutputFolder.prepare(out.toString(), spark.sparkContext().hadoopConfiguration(), "v2");
    NextVersion next = new NextVersion(spark, f);
    next.append(Tables.DOCUMENTS, rows(spark, 100, 240, 14));
    next.finish();
    assertEquals(Map.of(), next.compacted());
    assertEquals(17, dataFiles(Path.of(URI.create(next.staged(Tables.DOCUMENTS)))));
    publish(f, "v2");

    // one more appended file: the 17 small ones are merged, the large one is left as it is
    OutputFolder g = OutputFolder.prepare(out.toString(), spark.sparkContext().hadoopConfiguration(), "v3");
    NextVersion third = new NextVersion(spark, g);
    third.append(Tables.DOCUMENTS, rows(spark, 300, 310, 1));
    third.finish();
    Path staged = Path.of(URI.create(third.staged(Tables.DOCUMENTS)));
    assertArrayEquals(new int[] {17, 1}, third.compacted().get(Tables.DOCUMENTS));
    assertEquals(2, dataFiles(staged));
    assertTrue(Files.exists(staged.resolve(largeFile.getFileName())), "the large file is carried as it was");
    assertEquals(20 + 140 + 10 + 500_000, ParquetTables.read(spark, staged.toString()).count());
    publish(g, "v3");
  }
}
