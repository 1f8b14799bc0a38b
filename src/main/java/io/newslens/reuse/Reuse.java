package io.newslens.reuse;

import io.newslens.spark.Pairs;
import io.newslens.spark.Schemas;
import io.newslens.spark.SortedRuns;
import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.newslens.dedup.Shingler;
import io.newslens.dedup.WordTokenizer;
import io.newslens.dedup.WordTokenizer.Words;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reuse stage: passages shared by articles of different sources (a quote, a paragraph of wire copy), designed like
 * passim.
 *
 * <ol>
 *   <li>Every text gives its distinct word n-grams ({@link Shingler#windowHashes}, normalized words).</li>
 *   <li>An n-gram is an anchor when it occurs in 2 to {@code maxDocs} documents of at least two sources and in
 *       fewer than {@code boilerplateDocs} documents of any one source (repeats inside one source are
 *       boilerplate). Skipping common n-grams bounds the work per n-gram.</li>
 *   <li>Documents of different sources sharing at least {@code minAnchors} anchors are a candidate pair.</li>
 *   <li>Each pair is aligned by {@link PassageAligner} from its anchors; each passage is reported with character
 *       offsets into both texts: {@code text_a.substring(start_a, end_a)} is the passage.</li>
 * </ol>
 */
public final class Reuse {
  private Reuse() {}

  /** reuse_passages: see {@link #PASSAGE_COLUMNS}. */
  public record Result(Dataset<Row> passages) {}

  /**
   * doc_a &lt; doc_b, source_a, source_b (different), start_a, end_a, start_b, end_b (character offsets, end
   * exclusive, Java string indices), passage (the text of doc_a between its offsets), length (its characters),
   * matched_words (identical words in the aligned runs), anchors (anchor n-grams the pair shares).
   */
  public static final List<String> PASSAGE_COLUMNS = List.of(DOC_A, DOC_B, SOURCE_A, SOURCE_B, START_A, END_A,
      START_B, END_B, PASSAGE, LENGTH, MATCHED_WORDS, ANCHORS);

  private static final StructType SPAN = new StructType()
      .add(START_A, DataTypes.IntegerType, false)
      .add(END_A, DataTypes.IntegerType, false)
      .add(START_B, DataTypes.IntegerType, false)
      .add(END_B, DataTypes.IntegerType, false)
      .add(MATCHED_WORDS, DataTypes.IntegerType, false)
      .add(PASSAGE, DataTypes.StringType, false);

  /** Shared passages of {@code documents} (needs doc_id, source, text); lazy. */
  public static Result apply(Dataset<Row> documents, ReuseParams p) {
    Schemas.require(documents, "reuse: input lacks column(s)", DOC_ID, SOURCE, TEXT);
    int n = p.ngram();
    int maxDocs = p.maxDocs();
    int boilerplate = p.boilerplateDocs();
    Dataset<Row> docs = documents.select(col(DOC_ID), col(SOURCE), col(TEXT));

    // one pass over the texts: each document's distinct n-gram hashes, one posting row each
    Dataset<Row> postings = docs.flatMap((FlatMapFunction<Row, Row>) r -> {
      long[] g = distinctGrams(r.getString(2), n);
      String id = r.getString(0);
      String source = r.isNullAt(1) ? null : r.getString(1);
      List<Row> out = new ArrayList<>(g.length);
      for (long x : g) out.add(RowFactory.create(x, id, source));
      return out.iterator();
    }, Encoders.row(POSTING));

    // one shuffle: postings clustered and sorted by n-gram (then doc_id); each n-gram's postings are read as one
    // group, and an anchor (AnchorGroups) emits its pairs of documents of different sources. At most maxDocs + 1
    // postings of a group are held.
    Dataset<Row> anchorPairs = postings.repartition(col("gram")).sortWithinPartitions(col("gram"), col(DOC_ID))
        .mapPartitions((MapPartitionsFunction<Row, Row>) it -> new AnchorPairIterator(it, maxDocs, boilerplate),
            Encoders.row(ANCHOR_PAIR));
    Dataset<Row> pairs = anchorPairs
        .groupBy(DOC_A, DOC_B, SOURCE_A, SOURCE_B)
        .agg(count(lit(1)).as(ANCHORS), sort_array(collect_list(col("gram"))).as("grams"))
        .filter(col(ANCHORS).geq(p.minAnchors()));

    PassageAligner aligner = new PassageAligner(n, p.maxGap(), p.minWords());
    UserDefinedFunction align = udf((UDF3<String, String, scala.collection.Seq<Object>, Row[]>) (ta, tb, gs) -> {
      long[] allowed = new long[gs.size()];
      scala.collection.Iterator<Object> it = gs.iterator();
      for (int i = 0; it.hasNext(); i++) allowed[i] = (Long) it.next();
      Words a = WordTokenizer.tokenize(ta);
      Words b = WordTokenizer.tokenize(tb);
      List<PassageAligner.Passage> ps = aligner.align(a, b, allowed);
      Row[] out = new Row[ps.size()];
      for (int i = 0; i < out.length; i++) {
        PassageAligner.Passage x = ps.get(i);
        int start = a.starts()[x.startA()];
        int end = a.ends()[x.endA() - 1];
        out[i] = RowFactory.create(start, end, b.starts()[x.startB()], b.ends()[x.endB() - 1], x.matched(),
            ta.substring(start, end));
      }
      return out;
    }, DataTypes.createArrayType(SPAN, false)).asNonNullable();

    Dataset<Row> texts = docs.select(DOC_ID, TEXT).join(Pairs.members(pairs), new String[] {DOC_ID}, "left_semi");
    Dataset<Row> passages = pairs
        .join(texts.toDF(DOC_A, "text_a"), DOC_A)
        .join(texts.toDF(DOC_B, "text_b"), DOC_B)
        .select(col(DOC_A), col(DOC_B), col(SOURCE_A), col(SOURCE_B), col(ANCHORS),
            explode(align.apply(col("text_a"), col("text_b"), col("grams"))).as("s"))
        .select(col(DOC_A), col(DOC_B), col(SOURCE_A), col(SOURCE_B), col("s." + START_A).as(START_A),
            col("s." + END_A).as(END_A), col("s." + START_B).as(START_B), col("s." + END_B).as(END_B),
            col("s." + PASSAGE).as(PASSAGE),
            col("s." + END_A).minus(col("s." + START_A)).as(LENGTH), col("s." + MATCHED_WORDS).as(MATCHED_WORDS),
            col(ANCHORS));
    return new Result(passages.select(PASSAGE_COLUMNS.stream().map(functions::col).toArray(Column[]::new)));
  }

  private static final StructType POSTING = new StructType()
      .add("gram", DataTypes.LongType, false)
      .add(DOC_ID, DataTypes.StringType, false)
      .add(SOURCE, DataTypes.StringType, true);

  private static final StructType ANCHOR_PAIR = new StructType()
      .add(DOC_A, DataTypes.StringType, false)
      .add(DOC_B, DataTypes.StringType, false)
      .add(SOURCE_A, DataTypes.StringType, true)
      .add(SOURCE_B, DataTypes.StringType, true)
      .add("gram", DataTypes.LongType, false);

  /** The distinct hashes of the text's word n-grams, ascending; none when it has fewer than n words. */
  static long[] distinctGrams(String text, int n) {
    long[] words = WordTokenizer.wordHashes(text);
    if (words.length < n) return new long[0];
    long[] g = Shingler.windowHashes(words, n);
    Arrays.sort(g);
    int k = 0;
    for (int i = 0; i < g.length; i++) if (k == 0 || g[i] != g[k - 1]) g[k++] = g[i];
    return Arrays.copyOf(g, k);
  }

  /**
   * Reads postings sorted by (gram, doc_id) and yields the (doc_a, doc_b, source_a, source_b, gram) rows of every
   * anchor group; doc_a &lt; doc_b because a group is in doc_id order (Spark's order).
   */
  private static final class AnchorPairIterator extends SortedRuns {
    private final int maxDocs;
    private final int boilerplate;
    private final String[] ids;
    private final String[] sources;

    AnchorPairIterator(Iterator<Row> in, int maxDocs, int boilerplate) {
      super(in);
      this.maxDocs = maxDocs;
      this.boilerplate = boilerplate;
      this.ids = new String[maxDocs + 1];
      this.sources = new String[maxDocs + 1];
    }

    @Override
    protected void run(long gram) {
      int size = 0;
      for (Row r; (r = take(gram)) != null; size++) {
        if (size <= maxDocs) {
          ids[size] = r.getString(1);
          sources[size] = r.isNullAt(2) ? null : r.getString(2);
        }
      }
      if (!AnchorGroups.isAnchor(sources, size, maxDocs, boilerplate)) return;
      for (long x : AnchorGroups.crossSourcePairs(sources, size)) {
        int i = (int) (x >>> 32);
        int j = (int) x;
        if (ids[i].equals(ids[j])) continue; // one document listed twice
        emit(RowFactory.create(ids[i], ids[j], sources[i], sources[j], gram));
      }
    }
  }
}
