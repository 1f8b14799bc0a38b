package io.newslens.bench;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.newslens.analyze.Tokens;
import io.newslens.spark.SparkSessions;
import io.newslens.terms.CountMode;
import io.newslens.terms.Terms;
import io.newslens.terms.TermsParams;
import io.newslens.terms.TermsStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.IDFModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The terms stage on OrangeSum (36,152 French articles; source = category, date = publication day), in cluster mode
 * (duplicate groups of list_of_duplicates.txt counted once) and raw mode, side by side in one run: wall time of
 * every table written to Parquet, row counts, the stage's stats, and a cross-check of our idf against Spark MLlib's
 * CountVectorizer + IDF (same formula ln((N+1)/(df+1))) on the raw corpus.
 *
 * <p>Tokens come from a simple tokenizer (letters/digits runs, French elisions cut, lower-case term, Lucene's French
 * stop set, sentences split at . ! ? and line breaks): the analyze stage is written in parallel.
 *
 * <p>Args: corpus.jsonl.gz list_of_duplicates.txt result.json workdir [limit]
 */
public final class TermsBench {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:[-'’][\\p{L}\\p{N}]+)*");
  private static final Pattern ELISION = Pattern.compile("^(?i)(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]");

  public static void main(String[] args) throws Exception {
    String corpus = args[0];
    String dups = args[1];
    Path result = Path.of(args[2]);
    String work = args[3];
    int limit = args.length > 4 ? Integer.parseInt(args[4]) : Integer.MAX_VALUE;
    System.setProperty("spark.sql.shuffle.partitions", "16");
    System.setProperty("spark.ui.enabled", "false");
    SparkSession spark = SparkSessions.getOrCreate("local[2]");
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      long t0 = System.nanoTime();
      Dataset<Row> raw = spark.read().json(corpus).limit(limit).repartition(8);
      Dataset<Row> documents = raw.select(
          col("id").cast("string").as(DOC_ID), col("category").as(SOURCE),
          to_timestamp(col("date"), "yyyy-MM-dd").as(PUBLISHED_AT), col("article").as(TEXT));
      documents = documents.persist();
      long docs = documents.count();
      Dataset<Row> tokens = documents.map((MapFunction<Row, Row>) r -> RowFactory.create(r.getString(0), "fr",
          scala.jdk.javaapi.CollectionConverters.asScala(tokenize(r.getString(3))).toSeq()), Encoders.row(Tokens.SCHEMA)).persist();
      long tokenRows = tokens.count();
      long tokenCount = tokens.select(sum(size(col(TOKENS)))).first().getLong(0);
      out.put("documents", docs);
      out.put("tokens", tokenCount);
      out.put("prepare_ms", ms(t0));

      Dataset<Row> clusters = clusters(spark, dups, documents);
      out.put("clusters_non_representative", clusters.filter(not(col(IS_REPRESENTATIVE))).count());

      TermsParams p = TermsParams.defaults();
      for (CountMode mode : CountMode.values()) {
        Map<String, Object> run = new LinkedHashMap<>();
        long s0 = System.nanoTime();
        Terms.Result r = Terms.apply(tokens, documents, clusters, p.withCountMode(mode));
        Map<String, Object> tables = new LinkedHashMap<>();
        String dir = work + "/" + mode.label();
        tables.put("terms", write(spark, r.terms(), dir + "/terms"));
        tables.put("doc_terms", write(spark, r.docTerms(), dir + "/doc_terms"));
        tables.put("collocations", write(spark, r.collocations(), dir + "/collocations"));
        tables.put("keyness", write(spark, r.keyness(), dir + "/keyness"));
        tables.put("term_trends", write(spark, r.termTrends(), dir + "/term_trends"));
        TermsStats stats = r.stats();
        r.release();
        run.put("tables", tables);
        run.put("stats", stats.toMap());
        run.put("total_ms", ms(s0));
        List<String> top = new ArrayList<>();
        for (Row c : spark.read().parquet(dir + "/collocations").orderBy(RANK).limit(15).collectAsList()) {
          top.add(c.getAs(PHRASE) + " (" + c.getAs(COUNT) + String.format(Locale.ROOT, ", npmi %.3f, g2 %.1f)",
              (double) c.getAs(NPMI), (double) c.getAs(G2)));
        }
        run.put("top_collocations", top);
        List<String> key = new ArrayList<>();
        for (Row k : spark.read().parquet(dir + "/keyness").filter("dimension = 'source' and rank <= 5")
            .orderBy(SUBSET, RANK).collectAsList()) {
          key.add(k.getAs(SUBSET) + ": " + k.getAs(DISPLAY) + String.format(Locale.ROOT, " (g2 %.0f, lr %.2f)",
              (double) k.getAs(G2), (double) k.getAs(LOG_RATIO)));
        }
        run.put("top_keyness_by_source", key);
        out.put(mode.label(), run);
        save(result, out);
      }

      // cross-check: Spark MLlib CountVectorizer + IDF on the raw corpus's content terms
      long m0 = System.nanoTime();
      Dataset<Row> bags = tokens.select(col(DOC_ID),
          transform(filter(col(TOKENS), t -> not(t.getField(STOP))), t -> t.getField(TERM)).as("words"));
      CountVectorizerModel cv = new CountVectorizer().setInputCol("words").setOutputCol("tf")
          .setVocabSize(1 << 22).fit(bags);
      IDFModel idf = new IDF().setInputCol("tf").setOutputCol("tfidf").fit(cv.transform(bags));
      double[] mllib = idf.idf().toArray();
      String[] vocab = cv.vocabulary();
      out.put("mllib_fit_ms", ms(m0));
      Map<String, Double> ours = new HashMap<>();
      for (Row t : spark.read().parquet(work + "/raw/terms").select(TERM, IDF).collectAsList()) {
        ours.put(t.getString(0), t.getDouble(1));
      }
      double maxDiff = 0;
      long missing = 0;
      for (int i = 0; i < vocab.length; i++) {
        Double o = ours.get(vocab[i]);
        if (o == null) missing++;
        else maxDiff = Math.max(maxDiff, Math.abs(o - mllib[i]));
      }
      out.put("mllib_vocabulary", vocab.length);
      out.put("ours_vocabulary_raw", ours.size());
      out.put("mllib_terms_missing_in_ours", missing);
      out.put("idf_max_abs_diff_vs_mllib", maxDiff);
    } finally {
      save(result, out);
      spark.stop();
    }
  }

  private static void save(Path result, Map<String, Object> out) throws Exception {
    Files.createDirectories(result.toAbsolutePath().getParent());
    Files.writeString(result, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
  }

  private static Map<String, Object> write(SparkSession spark, Dataset<Row> df, String path) {
    long t = System.nanoTime();
    df.write().mode(SaveMode.Overwrite).parquet(path);
    long ms = ms(t);
    return Map.of("ms", ms, "rows", spark.read().parquet(path).count());
  }

  /**
   * Duplicate clusters: the connected components of the (overlapping) groups of list_of_duplicates.txt, the
   * smallest id representing each; articles in no group are absent (they count alone).
   */
  private static Dataset<Row> clusters(SparkSession spark, String path, Dataset<Row> documents) throws Exception {
    StructType schema = new StructType().add(DOC_ID, DataTypes.StringType).add(CLUSTER_ID, DataTypes.StringType)
        .add(CLUSTER_SIZE, DataTypes.IntegerType).add(REPRESENTATIVE, DataTypes.StringType)
        .add(IS_REPRESENTATIVE, DataTypes.BooleanType);
    Map<Long, Long> parent = new HashMap<>();
    for (String line : Files.readAllLines(Path.of(path))) {
      if (line.isBlank()) continue;
      Long first = null;
      for (String f : line.trim().split(",")) {
        long id = Long.parseLong(f.trim().replace(".json", ""));
        parent.putIfAbsent(id, id);
        if (first == null) first = id;
        else union(parent, first, id);
      }
    }
    Map<Long, List<Long>> groups = new HashMap<>();
    for (Long id : parent.keySet()) groups.computeIfAbsent(find(parent, id), k -> new ArrayList<>()).add(id);
    List<Row> rows = new ArrayList<>();
    for (List<Long> ids : groups.values()) {
      ids.sort(null);
      String rep = ids.get(0).toString();
      for (Long id : ids) rows.add(RowFactory.create(id.toString(), "dup-" + rep, ids.size(), rep, id.toString()
          .equals(rep)));
    }
    return spark.createDataFrame(rows, schema).join(documents.select(DOC_ID), DOC_ID, "left_semi");
  }

  private static long find(Map<Long, Long> parent, long x) {
    while (parent.get(x) != x) {
      parent.put(x, parent.get(parent.get(x)));
      x = parent.get(x);
    }
    return x;
  }

  private static void union(Map<Long, Long> parent, long a, long b) {
    long ra = find(parent, a);
    long rb = find(parent, b);
    if (ra != rb) parent.put(Math.max(ra, rb), Math.min(ra, rb));
  }

  static List<Row> tokenize(String text) {
    CharArraySet stop = FrenchAnalyzer.getDefaultStopSet();
    List<Row> out = new ArrayList<>();
    if (text == null) return out;
    Matcher m = WORD.matcher(text);
    int sentence = 0;
    int prevEnd = 0;
    boolean first = true;
    while (m.find()) {
      if (!first) {
        for (int k = prevEnd; k < m.start(); k++) {
          char c = text.charAt(k);
          if (c == '.' || c == '!' || c == '?' || c == '\n') {
            sentence++;
            break;
          }
        }
      }
      first = false;
      int start = m.start();
      String surface = m.group();
      Matcher e = ELISION.matcher(surface);
      if (e.find() && e.end() < surface.length()) {
        start += e.end();
        surface = surface.substring(e.end());
      }
      String term = surface.toLowerCase(Locale.ROOT);
      out.add(RowFactory.create(term, surface, sentence, 0, start, m.end(), stop.contains(term)));
      prevEnd = m.end();
    }
    return out;
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
