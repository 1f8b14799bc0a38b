package io.newslens.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The plain-Java parts of the ingest entry: file balancing and Parquet value conversion. */
class IngestHelpersTest {

  private static InputFile f(String name, long size) {
    return new InputFile("file:/in/" + name, size, 0);
  }

  @Test
  void balanceGivesTheLargestFileToTheLightestGroupAndSortsEachGroupByPath() {
    List<List<InputFile>> g = Ingest.balance(List.of(f("a", 10), f("b", 70), f("c", 30), f("d", 30), f("e", 5)), 2);
    // b(70) -> 0; c(30) -> 1; d(30) -> 1 (30 < 70); a(10) -> 1 (60 < 70); e(5) -> 0 (70 = 70, first wins)
    assertEquals(List.of(List.of(f("b", 70), f("e", 5)), List.of(f("a", 10), f("c", 30), f("d", 30))), g);
    // more groups than files: no empty group
    assertEquals(2, Ingest.balance(List.of(f("a", 1), f("b", 1)), 8).size());
  }

  @Test
  void parquetValuesBecomePlainJava() {
    StructType s = new StructType().add("p", DataTypes.StringType).add("n", DataTypes.IntegerType);
    Row nested = new GenericRowWithSchema(new Object[] {"x", 3}, s);
    assertEquals(Map.of("p", "x", "n", 3), Ingest.plain(nested));
    assertEquals(List.of("a", "b"), Ingest.plain(scala.jdk.javaapi.CollectionConverters.asScala(List.of("a", "b"))
        .toSeq()));
    assertEquals("2023-09-13T22:20:04Z", Ingest.plain(Timestamp.from(Instant.parse("2023-09-13T22:20:04Z"))));
    assertEquals("2023-09-13", Ingest.plain(java.sql.Date.valueOf("2023-09-13")));
    assertEquals(7L, Ingest.plain(7L));
  }

  @Test
  void utf8Length() {
    assertEquals(0, Ingest.utf8Length(""));
    assertEquals(6, Ingest.utf8Length("Ete é")); // 4 ASCII bytes + é in 2
    assertEquals(3, Ingest.utf8Length("€"));
    assertEquals(4, Ingest.utf8Length("😀"));
  }
}
