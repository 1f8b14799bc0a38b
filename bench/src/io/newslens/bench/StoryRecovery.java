package io.newslens.bench;

import static io.newslens.Columns.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.newslens.spark.SparkSessions;
import io.newslens.stories.ClusterScores;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Recovery of the planted stories of a {@link SyntheticCorpus}: BCubed and pairwise scores of a run's
 * story_articles against OUT_DIR/stories.tsv, over the articles the generator put in stories (the other articles
 * are generic text with random dates: they are not scored).
 *
 * <p>Usage: {@code StoryRecovery RUN_OUTPUT STORIES_TSV OUT_JSON}; the run's manifest timings are copied in when it has
 * one.
 */
public final class StoryRecovery {
  public static void main(String[] args) throws IOException {
    Map<String, String> truth = new HashMap<>();
    List<String> lines = Files.readAllLines(Path.of(args[1]));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      truth.put(f[0], f[1]);
    }
    SparkSession spark = SparkSessions.getOrCreate("local[2]");
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      Map<String, String> labels = new HashMap<>();
      Map<String, String> predicted = new HashMap<>();
      for (Row r : spark.read().parquet(args[0] + "/story_articles").join(
          spark.read().parquet(args[0] + "/documents").select(DOC_ID, SOURCE_ID), DOC_ID)
          .select(SOURCE_ID, STORY_ID).collectAsList()) {
        String story = truth.get(r.getString(0));
        if (story == null) continue;
        labels.put(r.getString(0), story);
        predicted.put(r.getString(0), r.getString(1));
      }
      if (labels.size() != truth.size()) {
        throw new IllegalStateException(truth.size() + " planted story articles, " + labels.size() + " in the run");
      }
      ObjectMapper json = new ObjectMapper();
      out.put("run", args[0]);
      File manifestFile = new File(args[0], "manifest.json");
      if (manifestFile.exists()) { // a run still in its later stages has only its staged tables
        Map<?, ?> manifest = json.readValue(manifestFile, Map.class);
        out.put("documents", ((Map<?, ?>) manifest.get("records")).get("kept"));
        out.put("stage_ms", manifest.get("timings_ms"));
        out.put("stories_stats", manifest.get("stories"));
      }
      out.put("planted", ClusterScores.of(predicted, labels).toMap());
      json.enable(SerializationFeature.INDENT_OUTPUT).writeValue(new File(args[2]), out);
      System.out.println(out);
    } finally {
      spark.stop();
    }
  }
}
