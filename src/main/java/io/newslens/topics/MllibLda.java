package io.newslens.topics;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import java.util.List;
import org.apache.spark.ml.clustering.LDA;
import org.apache.spark.ml.clustering.LDAModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Spark MLlib's LDA (online variational Bayes or EM) behind {@link TopicModel}. Documents without terms are never
 * passed to MLlib (its LDA fails on empty vectors). MLlib's parameters other than K, iterations and seed stay at
 * their defaults (online: subsamplingRate 0.05, automatic asymmetric docConcentration).
 */
public final class MllibLda implements TopicModel {
  private static final String FEATURES = "features";
  private static final StructType VECTORS = new StructType().add(DOC_ID, DataTypes.StringType, false)
      .add(FEATURES, SQLDataTypes.VectorType(), false);

  private final LDAModel model;
  private final String algorithm;
  private final int iterations;
  private final int vocabularySize;
  private final int[][] topIds;
  private final double[][] topWeights;
  private final Dataset<Row> mixtures;
  private final Dataset<Row> vectors;

  private MllibLda(LDAModel model, String algorithm, int iterations, int vocabularySize, int[][] topIds,
      double[][] topWeights, Dataset<Row> mixtures, Dataset<Row> vectors) {
    this.model = model;
    this.algorithm = algorithm;
    this.iterations = iterations;
    this.vocabularySize = vocabularySize;
    this.topIds = topIds;
    this.topWeights = topWeights;
    this.mixtures = mixtures;
    this.vectors = vectors;
  }

  static Dataset<Row> vectors(Dataset<Row> bags, int vocabularySize) {
    final int v = vocabularySize;
    return bags.select(DOC_ID, TERM_IDS, COUNTS).map((org.apache.spark.api.java.function.MapFunction<Row, Row>) r -> {
      List<Integer> ids = r.getList(1);
      List<Integer> counts = r.getList(2);
      int[] i = new int[ids.size()];
      double[] c = new double[ids.size()];
      for (int j = 0; j < i.length; j++) {
        i[j] = ids.get(j);
        c[j] = counts.get(j);
      }
      return RowFactory.create(r.getString(0), Vectors.sparse(v, i, c));
    }, ExpressionEncoder.apply(VECTORS));
  }

  public static MllibLda fit(Dataset<Row> fitBags, int vocabularySize, int numTopics, TopicsParams p) {
    Dataset<Row> vecs = vectors(fitBags, vocabularySize).persist(StorageLevel.MEMORY_AND_DISK());
    LDA lda = new LDA().setK(numTopics).setMaxIter(p.iterations()).setSeed(p.seed())
        .setOptimizer(p.algorithm() == TopicsParams.Algorithm.EM ? "em" : "online").setFeaturesCol(FEATURES);
    LDAModel model = lda.fit(vecs);
    int n = Math.min(vocabularySize, Math.max(10, p.topTerms()));
    List<Row> described = model.describeTopics(n).orderBy("topic").collectAsList();
    int[][] ids = new int[numTopics][];
    double[][] weights = new double[numTopics][];
    for (Row r : described) {
      int k = r.getInt(0);
      List<Integer> ti = r.getList(1);
      List<Double> tw = r.getList(2);
      ids[k] = ti.stream().mapToInt(Integer::intValue).toArray();
      weights[k] = tw.stream().mapToDouble(Double::doubleValue).toArray();
    }
    Dataset<Row> mixtures = mixtures(model, vecs);
    return new MllibLda(model, p.algorithm().id(), p.iterations(), vocabularySize, ids, weights, mixtures, vecs);
  }

  private static Dataset<Row> mixtures(LDAModel model, Dataset<Row> vecs) {
    Column theta = org.apache.spark.ml.functions.vector_to_array(col("topicDistribution"), "float64");
    return model.transform(vecs)
        .select(col(DOC_ID), theta.as("t"))
        .select(col(DOC_ID), transform(col("t"), x -> x.divide(aggregate(col("t"), lit(0.0), (a, b) -> a.plus(b))))
            .as(MIXTURE));
  }

  @Override
  public int k() {
    return model.getK();
  }

  @Override
  public String algorithm() {
    return algorithm;
  }

  @Override
  public int iterations() {
    return iterations;
  }

  @Override
  public int[][] topTermIds() {
    return topIds;
  }

  @Override
  public double[][] topTermWeights() {
    return topWeights;
  }

  /** MLlib's topics matrix (V × K: the variational lambda for online, expected counts for em), transposed. */
  @Override
  public double[][] termCounts() {
    org.apache.spark.ml.linalg.Matrix m = model.topicsMatrix();
    double[][] c = new double[m.numCols()][m.numRows()];
    for (int t = 0; t < m.numCols(); t++) for (int w = 0; w < m.numRows(); w++) c[t][w] = m.apply(w, t);
    return c;
  }

  @Override
  public double[] alpha() {
    return model.estimatedDocConcentration().toArray();
  }

  @Override
  public Dataset<Row> fittedMixtures() {
    return mixtures;
  }

  @Override
  public Dataset<Row> infer(Dataset<Row> bags) {
    return mixtures(model, vectors(bags, vocabularySize));
  }

  @Override
  public void release() {
    vectors.unpersist(false);
  }
}
