package io.newslens.bench;

import io.newslens.output.OutputDiff;
import io.newslens.output.Tables;
import io.newslens.spark.SparkSessions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Compares two Newslens output folders table by table, row for row: for every table of {@link Tables#ALL} present
 * in either, the rows of each and the rows of A exceptAll B and of B exceptAll A (all columns but those excluded).
 * Prints one JSON object: {"tables": {name: {"a": n, "b": n, "a_not_b": n, "b_not_a": n}}, "identical": bool}.
 *
 * <p>Usage: {@code CompareOutputs A B [--exclude table.column,...] [--tables t1,t2] [--partition table.column,...]}.
 * An excluded {@code *.column} is left out of every table (e.g. {@code *.version}: an updated output's rows carry the
 * version that wrote them, a full run's all say 1). A {@code --partition} column (e.g.
 * {@code duplicate_clusters.cluster_id}) is an id whose value may differ while the grouping it makes must not: it is
 * compared as the sorted doc_ids of its group.
 */
public final class CompareOutputs {
  public static void main(String[] args) throws Exception {
    String a = args[0];
    String b = args[1];
    List<String> exclude = new ArrayList<>();
    List<String> partition = new ArrayList<>();
    List<String> tables = new ArrayList<>(Tables.ALL);
    for (int i = 2; i < args.length; i += 2) {
      if (args[i].equals("--exclude")) exclude.addAll(Arrays.asList(args[i + 1].split(",")));
      else if (args[i].equals("--tables")) tables = Arrays.asList(args[i + 1].split(","));
      else if (args[i].equals("--partition")) partition.addAll(Arrays.asList(args[i + 1].split(",")));
      else throw new IllegalArgumentException("unknown option " + args[i]);
    }
    SparkSession spark = SparkSessions.getOrCreate("local[2]");
    try {
      System.out.println(toJson(compare(spark, a, b, tables, exclude, partition)));
    } finally {
      spark.stop();
    }
  }

  /** Per table: rows in A, rows in B, rows of A not in B, rows of B not in A ({@link OutputDiff}). */
  public static Map<String, long[]> compare(SparkSession spark, String a, String b, List<String> tables,
      List<String> exclude) throws java.io.IOException {
    return OutputDiff.compare(spark, a, b, tables, exclude, List.of());
  }

  /** As above, with id columns compared by the groups of documents they make ({@code table.column}). */
  public static Map<String, long[]> compare(SparkSession spark, String a, String b, List<String> tables,
      List<String> exclude, List<String> partition) throws java.io.IOException {
    return OutputDiff.compare(spark, a, b, tables, exclude, partition);
  }

  public static String toJson(Map<String, long[]> r) {
    StringBuilder s = new StringBuilder("{\"tables\": {");
    boolean identical = true;
    boolean first = true;
    for (Map.Entry<String, long[]> e : r.entrySet()) {
      long[] v = e.getValue();
      identical &= v[0] == v[1] && v[2] == 0 && v[3] == 0;
      s.append(first ? "" : ", ").append('"').append(e.getKey()).append("\": {\"a\": ").append(v[0])
          .append(", \"b\": ").append(v[1]).append(", \"a_not_b\": ").append(v[2]).append(", \"b_not_a\": ")
          .append(v[3]).append('}');
      first = false;
    }
    return s.append("}, \"identical\": ").append(identical).append('}').toString();
  }
}
