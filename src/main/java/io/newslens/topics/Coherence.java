package io.newslens.topics;

import static io.newslens.Columns.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Topic coherence in Spark: mean {@link Npmi} over the pairs of each topic's top N terms, from document
 * co-occurrence in a reference set of bags (the fitted documents). Each document emits one key per (topic, i, j)
 * pair of top positions it holds (i == j for a single term), and the keys are counted; only K * N (N + 1) / 2
 * counts reach the driver.
 */
public final class Coherence {
  private Coherence() {}

  /**
   * Mean NPMI@n of every topic.
   *
   * @param bags doc_id, term_ids (the reference documents, each counted once)
   * @param topTermIds per topic, its term ids by weight; the first n are used
   */
  public static double[] npmi(Dataset<Row> bags, int[][] topTermIds, int n) {
    final int K = topTermIds.length;
    final int[][] top = new int[K][];
    Map<Integer, List<int[]>> positions = new HashMap<>(); // term id -> (topic, position) list
    for (int k = 0; k < K; k++) {
      top[k] = java.util.Arrays.copyOf(topTermIds[k], Math.min(n, topTermIds[k].length));
      for (int i = 0; i < top[k].length; i++) {
        positions.computeIfAbsent(top[k][i], x -> new ArrayList<>()).add(new int[] {k, i});
      }
    }
    final int m = n;
    Broadcast<Map<Integer, List<int[]>>> b =
        JavaSparkContext.fromSparkContext(bags.sparkSession().sparkContext()).broadcast(positions);
    Dataset<Long> keys = bags.select(TERM_IDS).flatMap(
        (org.apache.spark.api.java.function.FlatMapFunction<Row, Long>) r -> {
          Map<Integer, List<int[]>> pos = b.value();
          boolean[][] held = new boolean[K][m];
          List<Integer> ids = r.getList(0);
          for (Integer id : ids) {
            List<int[]> ps = pos.get(id);
            if (ps != null) for (int[] p : ps) held[p[0]][p[1]] = true;
          }
          List<Long> out = new ArrayList<>();
          for (int k = 0; k < K; k++) {
            for (int i = 0; i < m; i++) {
              if (!held[k][i]) continue;
              for (int j = i; j < m; j++) if (held[k][j]) out.add(key(k, i, j, m));
            }
          }
          out.add(-1L); // one per document: the reference size
          return out.iterator();
        }, Encoders.LONG());
    List<Row> counted = keys.groupBy("value").count().collectAsList();
    b.destroy();
    long docs = 0;
    long[][][] c = new long[K][m][m];
    for (Row r : counted) {
      long key = r.getLong(0);
      if (key < 0) {
        docs = r.getLong(1);
        continue;
      }
      int j = (int) (key % m);
      int i = (int) ((key / m) % m);
      int k = (int) (key / ((long) m * m));
      c[k][i][j] = r.getLong(1);
    }
    double[] out = new double[K];
    for (int k = 0; k < K; k++) {
      int len = top[k].length;
      long[] df = new long[len];
      long[][] co = new long[len][len];
      for (int i = 0; i < len; i++) {
        df[i] = c[k][i][i];
        for (int j = i + 1; j < len; j++) co[i][j] = c[k][i][j];
      }
      out[k] = meanOrMissing(df, co, docs);
    }
    return out;
  }

  private static long key(int k, int i, int j, int m) {
    return ((long) k * m + i) * m + j;
  }

  /** Npmi.mean, where a top term absent from the reference documents makes its pairs score -1. */
  private static double meanOrMissing(long[] df, long[][] co, long docs) {
    if (docs == 0) return 0.0;
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < df.length; i++) {
      for (int j = i + 1; j < df.length; j++) {
        sum += df[i] == 0 || df[j] == 0 ? -1.0 : Npmi.pair(df[i], df[j], co[i][j], docs);
        pairs++;
      }
    }
    return pairs == 0 ? 0.0 : sum / pairs;
  }
}
