package io.newslens.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newslens.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many small files do not become many tiny partitions. */
@SparkTest
class IngestPartitionsTest {
  @TempDir Path tmp;

  @Test
  void fiveHundredSmallFilesAreReadByFourTasksIntoFourPartitions(SparkSession spark) throws IOException {
    for (int i = 0; i < 500; i++) {
      Path d = Files.createDirectories(tmp.resolve("f" + (i % 7)));
      Files.writeString(d.resolve("a" + i + ".txt"), "Titre " + i + "\n\nCorps " + i + ".");
    }
    Inputs.Listing l = Inputs.list(List.of(tmp.toString()), spark.sparkContext().hadoopConfiguration());
    Ingest.registerUdfs(spark);
    Ingest.Result r = Ingest.apply(spark, l.files(), IngestParams.defaults());
    // the shared session has 2 cores: 2 tasks per core read, 2 partitions per core kept
    assertEquals(4, r.raw().rdd().getNumPartitions());
    assertEquals(4, r.documents().rdd().getNumPartitions());
    assertEquals(500, r.documents().count());
    assertEquals(0, r.rejected().count());
  }

  @Test
  void documentPartitionsFollowTheTextSizeWithGzipCountedExpanded() {
    long mib = 1L << 20;
    // small inputs: two per core
    assertEquals(4, Ingest.documentPartitions(List.of(new InputFile("a.jsonl", 10 * mib, 0)), 2));
    // 320 MiB of plain text: 320 / 32 + 1 = 11
    assertEquals(11, Ingest.documentPartitions(List.of(new InputFile("a.jsonl", 320 * mib, 0)), 2));
    // 80 MiB gzipped counts as 320 MiB of text: 11
    assertEquals(11, Ingest.documentPartitions(List.of(new InputFile("a.jsonl.gz", 80 * mib, 0)), 2));
    // twenty 38.5 MiB .gz files (the 1M synthetic corpus): 770 MiB × 4 / 32 + 1 = 97
    List<InputFile> twenty = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) twenty.add(new InputFile("p" + i + ".jsonl.gz", 77 * mib / 2, 0));
    assertEquals(97, Ingest.documentPartitions(twenty, 2));
    // never more than 4,096
    assertEquals(4096, Ingest.documentPartitions(List.of(new InputFile("huge.csv", 1L << 50, 0)), 2));
  }
}
