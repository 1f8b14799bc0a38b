package io.newslens.terms;

import static io.newslens.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newslens.testing.SparkTest;
import java.sql.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The driver-side sums the terms tables join, on documents with and without a source or a period. */
@SparkTest
class CountedTotalsTest {

  static final Date MAY = Date.valueOf("2024-05-01");
  static final Date JUNE = Date.valueOf("2024-06-01");

  static Dataset<Row> documents(SparkSession spark) {
    StructType schema = new StructType().add(LANG, DataTypes.StringType).add(SOURCE, DataTypes.StringType)
        .add(PERIOD, DataTypes.StringType).add(PERIOD_START, DataTypes.DateType)
        .add(Terms.COUNTED, DataTypes.BooleanType)
        .add("_n_tokens", DataTypes.LongType).add("_n_content", DataTypes.LongType);
    return spark.createDataFrame(List.of(
        RowFactory.create("fr", "a", "2024-05", MAY, true, 10L, 6L),
        RowFactory.create("fr", "a", "2024-05", MAY, true, 20L, 12L),
        RowFactory.create("fr", "a", "2024-05", MAY, false, 50L, 40L),   // a duplicate, not counted
        RowFactory.create("fr", "b", "2024-06", JUNE, true, 5L, 3L),
        RowFactory.create("fr", "b", null, null, true, 7L, 4L),          // undated
        RowFactory.create("fr", null, "2024-06", JUNE, true, 1L, 1L),    // no source
        RowFactory.create("fr", null, null, null, null, 9L, 9L),         // tokens without a documents row
        RowFactory.create("en", "a", "2024-05", MAY, true, 8L, null)), schema); // no content count
  }

  static Set<String> rows(Dataset<Row> d) {
    Set<String> out = new TreeSet<>();
    for (Row r : d.collectAsList()) out.add(r.toString());
    return out;
  }

  @Test
  void sumsPerLanguageSubsetAndPeriodFromOneCollect(SparkSession spark) {
    CountedTotals t = CountedTotals.of(documents(spark), "_n_tokens", "_n_content");
    // documents with tokens, counted, counted undated, counted without a source
    assertEquals(List.of(8L, 6L, 1L, 1L), java.util.Arrays.stream(t.documentCounts()).boxed().toList());
    // every counted document counts in its language, with or without a source or a period; a sum of nulls stays null
    assertEquals(Set.of("[fr,5,43,26]", "[en,1,8,null]"), rows(t.perLanguage("docs", "tokens", "content")));
    // per source: only documents with a source
    assertEquals(Set.of("[fr,a,18]", "[fr,b,7]", "[en,a,null]"), rows(t.perSubset(SOURCE, "content")));
    assertEquals(Set.of("[fr,25]", "[en,null]"), rows(t.perLanguageWith(SOURCE, "content")));
    // per period: only dated documents
    assertEquals(Set.of("[fr,2024-05,18]", "[fr,2024-06,4]", "[en,2024-05,null]"),
        rows(t.perSubset(PERIOD, "content")));
    assertEquals(Set.of("[fr,22]", "[en,null]"), rows(t.perLanguageWith(PERIOD, "content")));
    assertEquals(Set.of("[fr,2024-05,2024-05-01,18,2]", "[fr,2024-06,2024-06-01,4,2]",
            "[en,2024-05,2024-05-01,null,1]"),
        rows(t.perPeriod("content", "docs")));
  }
}
