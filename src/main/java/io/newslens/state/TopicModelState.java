package io.newslens.state;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import io.newslens.topics.Corpus;
import io.newslens.topics.GibbsPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The stored topic model ({@link StateTables#TOPIC_MODEL}, {@link StateTables#TOPIC_PRIOR}): written after a fit,
 * read by an update to infer new articles' mixtures with the model the output's topics describe.
 *
 * @param snapshot the word–topic counts, topic totals, alpha and beta
 * @param termIds the vocabulary: term → term_id
 * @param oovShare content tokens outside the vocabulary over all content tokens of the corpus it was fitted on
 * @param fittedVersion the output version that fitted it
 */
public record TopicModelState(GibbsPartition.Snapshot snapshot, Map<String, Integer> termIds, double oovShare,
    int fittedVersion) {

  /**
   * Writes the model: one row per vocabulary term, one per topic; the out-of-vocabulary share is measured over
   * {@code tokens} (the corpus's tokens table) with {@link Corpus#bagsOver}.
   */
  public static void write(SparkSession spark, GibbsPartition.Snapshot m, Dataset<Row> vocabulary, Dataset<Row> tokens,
      int version, String modelPath, String priorPath) {
    int k = m.topics();
    String[] terms = new String[m.vocabulary()];
    Map<String, Integer> ids = new HashMap<>();
    for (Row r : vocabulary.select(TERM_ID, TERM).collectAsList()) {
      terms[r.getInt(0)] = r.getString(1);
      ids.put(r.getString(1), r.getInt(0));
    }
    List<Row> rows = new ArrayList<>(terms.length);
    for (int w = 0; w < terms.length; w++) {
      int[] counts = new int[k];
      System.arraycopy(m.wordTopic(), w * k, counts, 0, k);
      rows.add(RowFactory.create(w, terms[w], counts));
    }
    spark.createDataFrame(rows, StateTables.TOPIC_MODEL_SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(modelPath);
    double oov = oovShare(Corpus.bagsOver(tokens, ids));
    List<Row> prior = new ArrayList<>(k);
    for (int t = 0; t < k; t++) {
      prior.add(RowFactory.create(t, m.alpha()[t], (long) m.topicTotals()[t], m.beta(), version, oov));
    }
    spark.createDataFrame(prior, StateTables.TOPIC_PRIOR_SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(priorPath);
  }

  /** Content tokens outside the vocabulary over all content tokens of the bags ({@link Corpus#bagsOver}); 0 if none. */
  public static double oovShare(Dataset<Row> bags) {
    Row r = bags.agg(sum(col(LENGTH)), sum(col(Corpus.CONTENT_TOKENS))).first();
    long in = r.isNullAt(0) ? 0 : r.getLong(0);
    long all = r.isNullAt(1) ? 0 : r.getLong(1);
    return all == 0 ? 0.0 : (double) (all - in) / all;
  }

  /** The stored model of the output's current version, or null when it has none. */
  public static TopicModelState read(NextVersion next) {
    if (!next.exists(StateTables.TOPIC_MODEL) || !next.exists(StateTables.TOPIC_PRIOR)) return null;
    List<Row> prior = next.read(StateTables.TOPIC_PRIOR).orderBy(TOPIC_ID).collectAsList();
    List<Row> model = next.read(StateTables.TOPIC_MODEL).orderBy(TERM_ID).collectAsList();
    int k = prior.size();
    int v = model.size();
    if (k == 0 || v == 0) return null;
    double[] alpha = new double[k];
    int[] totals = new int[k];
    for (Row r : prior) {
      alpha[r.getInt(0)] = r.getDouble(1);
      totals[r.getInt(0)] = (int) r.getLong(2);
    }
    int[] wordTopic = new int[v * k];
    Map<String, Integer> ids = new HashMap<>();
    for (Row r : model) {
      int w0 = r.getInt(0);
      ids.put(r.getString(1), w0);
      List<Integer> c = r.getList(2);
      for (int t = 0; t < k; t++) wordTopic[w0 * k + t] = c.get(t);
    }
    Row first = prior.get(0);
    return new TopicModelState(new GibbsPartition.Snapshot(k, v, wordTopic, totals, alpha, first.getDouble(3)), ids,
        first.getDouble(5), first.getInt(4));
  }
}
