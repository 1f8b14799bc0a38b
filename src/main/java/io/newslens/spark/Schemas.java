package io.newslens.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Input-schema checks shared by the stages' entry classes (each stage words its own error message). */
public final class Schemas {
  private Schemas() {}

  /** The columns of {@code required} that {@code df} lacks, in the order given; empty when it has them all. */
  public static List<String> missing(Dataset<Row> df, List<String> required) {
    Set<String> have = new HashSet<>(Arrays.asList(df.columns()));
    List<String> out = new ArrayList<>();
    for (String c : required) if (!have.contains(c)) out.add(c);
    return out;
  }

  public static List<String> missing(Dataset<Row> df, String... required) {
    return missing(df, Arrays.asList(required));
  }

  /**
   * Fails with "{@code problem} a, b (has x, y, z)" — e.g. problem "dedup: input lacks column(s)" — when {@code df}
   * lacks any of {@code required} (named in the order given).
   */
  public static void require(Dataset<Row> df, String problem, String... required) {
    List<String> missing = missing(df, required);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(problem + " " + String.join(", ", missing) + " (has "
          + String.join(", ", df.columns()) + ")");
    }
  }
}
