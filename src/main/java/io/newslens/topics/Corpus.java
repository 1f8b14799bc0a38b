package io.newslens.topics;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.newslens.analyze.Tokens;
import io.newslens.terms.TermCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * What every topic algorithm is fitted on: the vocabulary (the {@link Vocabulary} rule over the fitted documents)
 * and every document as a bag of vocabulary term ids. Shared by the stage and the benchmark so MALLET and MLlib see
 * exactly the same counts.
 *
 * @param vocabulary term_id, term, df, display; term_id is the rank (df desc, term asc); at most
 *     {@code --topic-vocabulary} rows
 * @param terms the vocabulary terms in term_id order, on the driver (bounded by {@code --topic-vocabulary})
 * @param bags every document of {@code documents}: doc_id, representative (its cluster's, or itself), fitted
 *     (boolean: a representative), term_ids array&lt;int&gt; (ascending), counts array&lt;int&gt;, length int (tokens in
 *     the vocabulary, 0 for an empty document); cached
 * @param fittedDocs documents fitted (representatives, including those without vocabulary terms)
 * @param frequent the terms left out because they are in more than {@link TopicsParams#vocabularyMaxShare} of the
 *     fitted documents, most frequent first (ties by term)
 */
public record Corpus(Dataset<Row> vocabulary, List<String> terms, Dataset<Row> bags, long fittedDocs,
    List<String> frequent) {

  public static final String FITTED = "fitted";
  /** Working column: a document's distinct content terms. */
  private static final String TERM_LIST = "_terms";

  public Dataset<Row> fitBags() {
    return bags.filter(col(FITTED).and(col(LENGTH).gt(0)));
  }

  public int size() {
    return terms.size();
  }

  /**
   * At most {@code max} of {@code bags} (which hold {@code count} rows): all of them when they fit, else the
   * {@code max} with the smallest (xxhash64(seed, doc_id), doc_id), a sample that depends on the seed and the ids
   * only. Only the {@code max} keys reach one partition to find the cut, never the bags.
   */
  public static Dataset<Row> sample(Dataset<Row> bags, long count, int max, long seed) {
    if (count <= max) return bags;
    org.apache.spark.sql.Column h = xxhash64(lit(seed), col(DOC_ID));
    Row cut = bags.select(h.as("h"), col(DOC_ID)).orderBy(col("h"), col(DOC_ID)).limit(max)
        .agg(max(struct(col("h"), col(DOC_ID)))).first().getStruct(0);
    long cutHash = cut.getLong(0);
    String cutId = cut.getString(1);
    return bags.filter(h.lt(cutHash).or(h.equalTo(cutHash).and(col(DOC_ID).leq(cutId))));
  }

  /**
   * Builds the corpus. Tokens with {@code stop == true} are dropped; documents without a tokens row are empty.
   *
   * @param clustersOrNull doc_id, representative; null when every document stands for itself
   */
  public static Corpus build(Dataset<Row> tokens, Dataset<Row> documents, Dataset<Row> clustersOrNull,
      TopicsParams p) {
    Dataset<Row> docs = documents.select(col(DOC_ID)).distinct();
    if (clustersOrNull != null) {
      docs = docs.join(clustersOrNull.select(col(DOC_ID), col(REPRESENTATIVE)), DOC_ID, "left")
          .withColumn(REPRESENTATIVE, coalesce(col(REPRESENTATIVE), col(DOC_ID)));
    } else {
      docs = docs.withColumn(REPRESENTATIVE, col(DOC_ID));
    }
    docs = docs.withColumn(FITTED, col(REPRESENTATIVE).equalTo(col(DOC_ID)));

    // one row per document with its content terms and their counts, counted where the tokens row lies: no shuffle
    // of exploded tokens (the join and group by (doc_id, term) it replaces shuffled 6.2 M rows on OrangeSum)
    Dataset<Row> docTerms = tokens.select(col(DOC_ID), col(TOKENS))
        .map((MapFunction<Row, Row>) r -> termCounts(r.getString(0), r.getList(1)), Encoders.row(DOC_TERMS))
        .join(docs.select(DOC_ID, FITTED), DOC_ID)
        .persist(StorageLevel.MEMORY_AND_DISK());

    long nFit = docs.filter(col(FITTED)).count();
    long maxDf = Vocabulary.maxDocCount(nFit, p.vocabularyMaxShare(nFit));
    // A small corpus (under 100 documents per --topic-min-df) lowers the bound so it still has a vocabulary.
    long minDf = Math.min(p.minDf(), Math.max(1L, nFit / 100));
    Dataset<Row> allDf = docTerms.filter(col(FITTED)).select(explode(col(TERM_LIST)).as(TERM))
        .groupBy(TERM).agg(count("*").as(DF)).persist(StorageLevel.MEMORY_AND_DISK());
    // at most (distinct terms per document) / share of them: a few hundred
    List<String> frequent = allDf.filter(col(DF).gt(maxDf)).orderBy(col(DF).desc(), col(TERM).asc())
        .select(TERM).as(Encoders.STRING()).collectAsList();
    Dataset<Row> df = allDf
        .filter(col(DF).geq(minDf).and(col(DF).leq(maxDf)))
        .orderBy(col(DF).desc(), col(TERM).asc())
        .limit(p.vocabularySize());
    // bounded by --topic-vocabulary: the term index and the word-topic counts live on the driver anyway
    List<Row> top = df.collectAsList();
    allDf.unpersist();
    List<String> terms = new ArrayList<>(top.size());
    List<Row> vocabRows = new ArrayList<>(top.size());
    Map<String, Integer> termIds = new HashMap<>();
    for (int i = 0; i < top.size(); i++) {
      terms.add(top.get(i).getString(0));
      termIds.put(top.get(i).getString(0), i);
      vocabRows.add(org.apache.spark.sql.RowFactory.create(i, top.get(i).getString(0), top.get(i).getLong(1)));
    }
    org.apache.spark.sql.types.StructType vs = new org.apache.spark.sql.types.StructType()
        .add(TERM_ID, "int", false).add(TERM, "string", false).add(DF, "long", false);
    Dataset<Row> ids = documents.sparkSession().createDataFrame(vocabRows, vs);

    Dataset<Row> display = Tokens.displayForms(tokens)
        .withColumn("r", row_number().over(Window.partitionBy(TERM).orderBy(col("count").desc(), col(LANG).asc())))
        .filter(col("r").equalTo(1)).select(col(TERM), col(DISPLAY));
    Dataset<Row> vocabulary = ids.join(broadcast(display), TERM, "left")
        .select(col(TERM_ID), col(TERM), col(DF), coalesce(col(DISPLAY), col(TERM)).as(DISPLAY))
        .orderBy(TERM_ID).persist(StorageLevel.MEMORY_AND_DISK());

    // each document's bag from its own row: the vocabulary (at most --topic-vocabulary terms) travels in the UDF's
    // closure, not as a broadcast, since the cached bags may be recomputed from their lineage at any later time
    UserDefinedFunction bag = udf((UDF2<scala.collection.immutable.Seq<String>, scala.collection.immutable.Seq<Integer>,
        Row>) (t, c) -> bagOf(t, c, termIds), BAG);
    Dataset<Row> bagged = docTerms.select(col(DOC_ID), bag.apply(col(TERM_LIST), col(COUNTS)).as("b"));
    Dataset<Row> bags = docs.join(bagged, DOC_ID, "left")
        .select(col(DOC_ID), col(REPRESENTATIVE), col(FITTED),
            coalesce(col("b." + TERM_IDS), array().cast("array<int>")).as(TERM_IDS),
            coalesce(col("b." + COUNTS), array().cast("array<int>")).as(COUNTS))
        .withColumn(LENGTH, aggregate(col(COUNTS), lit(0), (a, b) -> a.plus(b)))
        .persist(StorageLevel.MEMORY_AND_DISK());
    bags.count();
    docTerms.unpersist();
    return new Corpus(vocabulary, List.copyOf(terms), bags, nFit, List.copyOf(frequent));
  }

  /** Bags' column: a document's content tokens, in the vocabulary or not ({@link #bagsOver}). */
  public static final String CONTENT_TOKENS = "content_tokens";

  /**
   * Every tokens row as a bag over a given vocabulary (term → term_id): doc_id, term_ids (ascending), counts,
   * length (tokens in the vocabulary), content_tokens (all content tokens). What an update infers new documents'
   * mixtures from with the stored model, by the same counting as {@link #build}.
   */
  public static Dataset<Row> bagsOver(Dataset<Row> tokens, Map<String, Integer> termIds) {
    UserDefinedFunction bag = udf((UDF2<scala.collection.immutable.Seq<String>, scala.collection.immutable.Seq<Integer>,
        Row>) (t, c) -> bagOf(t, c, termIds), BAG);
    return tokens.select(col(DOC_ID), col(TOKENS))
        .map((MapFunction<Row, Row>) r -> termCounts(r.getString(0), r.getList(1)), Encoders.row(DOC_TERMS))
        .select(col(DOC_ID), bag.apply(col(TERM_LIST), col(COUNTS)).as("b"),
            aggregate(col(COUNTS), lit(0L), (a, b) -> a.plus(b)).as(CONTENT_TOKENS))
        .select(col(DOC_ID), col("b." + TERM_IDS).as(TERM_IDS), col("b." + COUNTS).as(COUNTS), col(CONTENT_TOKENS))
        .withColumn(LENGTH, aggregate(col(COUNTS), lit(0), (a, b) -> a.plus(b)));
  }

  private static final StructType DOC_TERMS = new StructType()
      .add(DOC_ID, DataTypes.StringType, false)
      .add(TERM_LIST, DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add(COUNTS, DataTypes.createArrayType(DataTypes.IntegerType, false), false);

  private static final StructType BAG = new StructType()
      .add(TERM_IDS, DataTypes.createArrayType(DataTypes.IntegerType, false), false)
      .add(COUNTS, DataTypes.createArrayType(DataTypes.IntegerType, false), false);

  /**
   * doc_id, terms (each content term once, in first-occurrence order), counts (its occurrences): the terms stage's
   * {@link TermCounts#contentTerms} over the document's token structs.
   */
  static Row termCounts(String docId, List<Row> tokens) {
    String[] terms = new String[tokens.size()];
    boolean[] stops = new boolean[tokens.size()];
    if (!tokens.isEmpty()) {
      StructType t = tokens.get(0).schema();
      int term = t.fieldIndex(TERM);
      int stop = t.fieldIndex(STOP);
      for (int i = 0; i < terms.length; i++) {
        terms[i] = tokens.get(i).getString(term);
        stops[i] = tokens.get(i).getBoolean(stop);
      }
    }
    Map<String, Long> n = TermCounts.contentTerms(terms, stops);
    return RowFactory.create(docId, n.keySet().toArray(new String[0]),
        n.values().stream().map(Long::intValue).toArray(Integer[]::new));
  }

  /** A document's bag over the vocabulary: term_ids ascending and their counts; terms outside it are dropped. */
  static Row bagOf(scala.collection.immutable.Seq<String> terms, scala.collection.immutable.Seq<Integer> counts,
      Map<String, Integer> index) {
    int n = terms.size();
    long[] packed = new long[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      Integer id = index.get(terms.apply(i));
      if (id != null) packed[m++] = ((long) id << 32) | counts.apply(i);
    }
    Arrays.sort(packed, 0, m);
    Integer[] ids = new Integer[m];
    Integer[] c = new Integer[m];
    for (int i = 0; i < m; i++) {
      ids[i] = (int) (packed[i] >>> 32);
      c[i] = (int) packed[i];
    }
    return RowFactory.create(ids, c);
  }
}
