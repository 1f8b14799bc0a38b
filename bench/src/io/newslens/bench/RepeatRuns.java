package io.newslens.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newslens.cli.Main;
import io.newslens.spark.SparkSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The pipeline run N times in one JVM on the same input, each into its own output folder: the first run pays the
 * JVM's class loading and JIT, the later ones show the pipeline's own fixed cost (queries, jobs, writes). Prints
 * each run's stage timings from its manifest, one line per run.
 *
 * <pre>bench/java io.newslens.bench.RepeatRuns RUNS OUTPUT_DIR --input seeds [other run options...]</pre>
 */
public final class RepeatRuns {
  private RepeatRuns() {}

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(args[0]);
    Path dir = Path.of(args[1]);
    List<String> rest = Arrays.asList(args).subList(2, args.length);
    SparkSession spark = SparkSessions.getOrCreate(SparkSessions.DEFAULT_MASTER);
    ObjectMapper json = new ObjectMapper();
    try {
      for (int i = 1; i <= runs; i++) {
        Path out = dir.resolve("run-" + i);
        List<String> a = new ArrayList<>(List.of("run", "--output", out.toString()));
        a.addAll(rest);
        long t0 = System.nanoTime();
        int code = Main.run(a.toArray(String[]::new));
        double wall = (System.nanoTime() - t0) / 1e9;
        if (code != 0) throw new IllegalStateException("run " + i + " exited " + code);
        JsonNode t = json.readTree(out.resolve("manifest.json").toFile()).path("timings_ms");
        StringBuilder b = new StringBuilder(String.format("run %d wall %.1f s", i, wall));
        t.fields().forEachRemaining(e ->
            b.append(String.format(" %s %.1f", e.getKey(), e.getValue().asLong() / 1e3)));
        System.out.println(b);
      }
    } finally {
      spark.stop();
    }
  }
}
