package io.newslens.bench;

import io.newslens.dedup.Dedup;
import io.newslens.dedup.DedupParams;
import io.newslens.reuse.Reuse;
import io.newslens.reuse.ReuseParams;
import io.newslens.spark.SparkSessions;
import io.newslens.stories.Stories;
import io.newslens.stories.StoriesParams;
import io.newslens.topics.Topics;
import io.newslens.topics.TopicsParams;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the dedup, reuse, stories and topics stages alone on a pipeline run's tables, as the pipeline does (each table written
 * to Parquet), and compares tables, so two versions of the code can be timed and checked row for row on the same
 * input.
 *
 * <p>Usage: {@code StageTables run DOCUMENTS_PARQUET OUT_DIR [dedup,reuse,stories,topics]} writes
 * OUT_DIR/{duplicate_pairs, duplicate_clusters, reuse_passages, stories, story_articles, story_trends, topics,
 * doc_topics, topic_trends, vocabulary} and prints seconds per stage (stories reads tokens, duplicate_clusters and
 * reuse_passages, topics tokens and duplicate_clusters, from the documents table's folder); {@code StageTables diff A B
 * [COLUMNS]} prints the row counts of two Parquet tables and of A exceptAll B and B exceptAll A (over the given
 * comma-separated columns, default all).
 */
public final class StageTables {
  public static void main(String[] args) {
    SparkSession spark = SparkSessions.getOrCreate("local[2]");
    try {
      if (args[0].equals("run")) {
        run(spark, args[1], args[2], args.length > 3 ? args[3] : "dedup,reuse");
      } else if (args[0].equals("diff")) {
        Dataset<Row> a = spark.read().parquet(args[1]);
        Dataset<Row> b = spark.read().parquet(args[2]);
        if (args.length > 3) {
          String[] cols = args[3].split(",");
          a = a.selectExpr(cols);
          b = b.selectExpr(cols);
        }
        System.out.printf("diff rows_a=%d rows_b=%d a_except_b=%d b_except_a=%d%n", a.count(), b.count(),
            a.exceptAll(b).count(), b.exceptAll(a).count());
      } else {
        throw new IllegalArgumentException("usage: StageTables run DOCS OUT [stages] | diff A B [columns]");
      }
    } finally {
      spark.stop();
    }
  }

  static void run(SparkSession spark, String docs, String out, String stages) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    Dataset<Row> documents = spark.read().parquet(docs);
    documents.count(); // file listing and footers out of the timings
    if (stages.contains("dedup")) {
      long t0 = System.nanoTime();
      Dedup.Result r = Dedup.apply(spark.read().parquet(docs), DedupParams.defaults());
      r.pairs().write().mode(SaveMode.Overwrite).parquet(out + "/duplicate_pairs");
      r.clusters().write().mode(SaveMode.Overwrite).parquet(out + "/duplicate_clusters");
      seconds.put("dedup", (System.nanoTime() - t0) / 1e9);
      spark.catalog().clearCache();
    }
    if (stages.contains("reuse")) {
      long t0 = System.nanoTime();
      ReuseParams d = ReuseParams.defaults();
      // -Dreuse.min.anchors=N: another --reuse-min-anchors
      ReuseParams p = new ReuseParams(d.ngram(), d.maxDocs(), d.boilerplateDocs(),
          Integer.getInteger("reuse.min.anchors", d.minAnchors()), d.maxGap(), d.minWords(), d.minContentWords(),
          d.nounPhraseWords());
      Reuse.Result r = Reuse.apply(spark.read().parquet(docs), p);
      r.passages().write().mode(SaveMode.Overwrite).parquet(out + "/reuse_passages");
      r.release();
      seconds.put("reuse", (System.nanoTime() - t0) / 1e9);
    }
    // the tokens, duplicate_clusters and reuse_passages tables next to DOCS (a pipeline run's output folder)
    String dir = new java.io.File(docs).getParent();
    if (stages.contains("stories")) {
      long t0 = System.nanoTime();
      Stories.Result r = Stories.apply(spark.read().parquet(docs), spark.read().parquet(dir + "/tokens"),
          spark.read().parquet(dir + "/duplicate_clusters"), spark.read().parquet(dir + "/reuse_passages"),
          StoriesParams.defaults());
      r.stories().write().mode(SaveMode.Overwrite).parquet(out + "/stories");
      r.storyArticles().write().mode(SaveMode.Overwrite).parquet(out + "/story_articles");
      r.storyTrends().write().mode(SaveMode.Overwrite).parquet(out + "/story_trends");
      r.release();
      seconds.put("stories", (System.nanoTime() - t0) / 1e9);
      System.out.println("stories stats " + r.stats());
    }
    if (stages.contains("topics")) {
      long t0 = System.nanoTime();
      Topics.Result r = Topics.apply(spark.read().parquet(dir + "/tokens"), spark.read().parquet(docs),
          spark.read().parquet(dir + "/duplicate_clusters"), TopicsParams.defaults());
      r.topics().write().mode(SaveMode.Overwrite).parquet(out + "/topics");
      r.docTopics().write().mode(SaveMode.Overwrite).parquet(out + "/doc_topics");
      r.topicTrends().write().mode(SaveMode.Overwrite).parquet(out + "/topic_trends");
      r.vocabulary().write().mode(SaveMode.Overwrite).parquet(out + "/vocabulary");
      r.release();
      seconds.put("topics", (System.nanoTime() - t0) / 1e9);
    }
    System.out.println("seconds " + seconds);
  }
}
