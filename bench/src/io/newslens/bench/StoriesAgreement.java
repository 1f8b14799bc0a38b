package io.newslens.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newslens.Columns;
import io.newslens.output.Tables;
import io.newslens.spark.SparkSessions;
import io.newslens.stories.ClusterScores;
import java.io.File;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How far an updated output's stories are from a full run's on the same inputs: BCubed and pairwise scores of the
 * updated output's story_articles against the full run's (as labels), over every article and over the articles the
 * last version added. Usage: {@code StoriesAgreement UPDATED FULL OUT.json}.
 */
public final class StoriesAgreement {
  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSessions.getOrCreate("local[2]");
    try {
      Map<String, String> updated = storyOf(spark, args[0]);
      Map<String, String> full = storyOf(spark, args[1]);
      int last = 0;
      Map<String, Integer> version = new HashMap<>();
      for (Row r : spark.read().parquet(args[0] + "/" + Tables.DOCUMENTS).select(Columns.DOC_ID, Columns.VERSION)
          .collectAsList()) {
        version.put(r.getString(0), r.getInt(1));
        last = Math.max(last, r.getInt(1));
      }
      Map<String, String> fullOfNew = new HashMap<>();
      for (Map.Entry<String, String> e : full.entrySet()) {
        if (version.getOrDefault(e.getKey(), 0) == last) fullOfNew.put(e.getKey(), e.getValue());
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("updated", args[0]);
      out.put("full_run", args[1]);
      out.put("all_articles", ClusterScores.of(updated, full).toMap());
      out.put("articles_of_version_" + last, ClusterScores.of(updated, fullOfNew).toMap());
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(new File(args[2]), out);
    } finally {
      spark.stop();
    }
  }

  private static Map<String, String> storyOf(SparkSession spark, String out) {
    Map<String, String> m = new HashMap<>();
    for (Row r : spark.read().parquet(out + "/" + Tables.STORY_ARTICLES).select(Columns.DOC_ID, Columns.STORY_ID)
        .collectAsList()) {
      m.put(r.getString(0), r.getString(1));
    }
    return m;
  }
}
