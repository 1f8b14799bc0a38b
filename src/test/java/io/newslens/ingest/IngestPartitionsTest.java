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
}
