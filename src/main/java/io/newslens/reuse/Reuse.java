package io.newslens.reuse;

import io.newslens.spark.Schemas;
import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.newslens.dedup.Shingler;
import io.newslens.dedup.WordTokenizer;
import io.newslens.dedup.WordTokenizer.Words;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
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
    List<String> missing = Schemas.missing(documents, DOC_ID, SOURCE, TEXT);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("reuse: input lacks column(s) " + String.join(", ", missing) + " (has "
          + String.join(", ", documents.columns()) + ")");
    }
    int n = p.ngram();
    UserDefinedFunction grams = udf((UDF1<String, long[]>) text -> {
      String[] words = WordTokenizer.tokenize(text).tokens();
      if (words.length < n) return new long[0];
      return Arrays.stream(Shingler.windowHashes(words, n)).distinct().toArray();
    }, DataTypes.createArrayType(DataTypes.LongType, false)).asNonNullable();

    Dataset<Row> docs = documents.select(col(DOC_ID), col(SOURCE), col(TEXT));
    Dataset<Row> postings = docs.select(col(DOC_ID), col(SOURCE), explode(grams.apply(col(TEXT))).as("gram"));
    Dataset<Row> anchors = postings.groupBy(col("gram"), col(SOURCE)).agg(count(lit(1)).as("in_source"))
        .groupBy("gram").agg(sum("in_source").as("docs"), count(lit(1)).as("sources"),
            max("in_source").as("max_in_source"))
        .filter(col("docs").between(2, p.maxDocs()).and(col("sources").geq(2))
            .and(col("max_in_source").lt(p.boilerplateDocs())))
        .select("gram");
    Dataset<Row> kept = postings.join(anchors, "gram");
    Dataset<Row> pairs = kept.select(col(DOC_ID).as(DOC_A), col(SOURCE).as(SOURCE_A), col("gram"))
        .join(kept.select(col(DOC_ID).as(DOC_B), col(SOURCE).as(SOURCE_B), col("gram")), "gram")
        .filter(col(DOC_A).lt(col(DOC_B)).and(not(col(SOURCE_A).eqNullSafe(col(SOURCE_B)))))
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

    Dataset<Row> passages = pairs
        .join(docs.select(col(DOC_ID).as(DOC_A), col(TEXT).as("text_a")), DOC_A)
        .join(docs.select(col(DOC_ID).as(DOC_B), col(TEXT).as("text_b")), DOC_B)
        .select(col(DOC_A), col(DOC_B), col(SOURCE_A), col(SOURCE_B), col(ANCHORS),
            explode(align.apply(col("text_a"), col("text_b"), col("grams"))).as("s"))
        .select(col(DOC_A), col(DOC_B), col(SOURCE_A), col(SOURCE_B), col("s." + START_A).as(START_A),
            col("s." + END_A).as(END_A), col("s." + START_B).as(START_B), col("s." + END_B).as(END_B),
            col("s." + PASSAGE).as(PASSAGE),
            col("s." + END_A).minus(col("s." + START_A)).as(LENGTH), col("s." + MATCHED_WORDS).as(MATCHED_WORDS),
            col(ANCHORS));
    return new Result(passages.select(PASSAGE_COLUMNS.stream().map(functions::col).toArray(Column[]::new)));
  }
}
