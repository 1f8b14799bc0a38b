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
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Reuse stage: passages shared by articles of different sources (a quote, a paragraph of wire copy), designed like
 * passim.
 *
 * <ol>
 *   <li>Every text gives its distinct word n-grams ({@link Shingler#windowHashes}, normalized words).</li>
 *   <li>An n-gram is an anchor when it occurs in 2 to {@code maxDocs} documents of at least two sources and in
 *       fewer than {@code boilerplateDocs} documents of any one source (repeats inside one source are
 *       boilerplate). Skipping common n-grams bounds the work per n-gram.</li>
 *   <li>Documents of different sources sharing at least {@code minAnchors} anchors, {@code minAnchors} of them
 *       close together in both texts ({@link AnchorGroups#clustered}, within maxGap + minWords + ngram words), are
 *       a candidate pair. Chance matches of common phrases at unrelated places of two articles don't reach the
 *       aligner.</li>
 *   <li>Each pair is aligned by {@link PassageAligner} from its anchors; each passage that {@link PassageFilter}
 *       takes for reuse (enough content words, and a clause unless it is long: not a shared name or noun phrase) is
 *       reported with character offsets into both texts: {@code text_a.substring(start_a, end_a)} is the
 *       passage.</li>
 * </ol>
 *
 * <p>Works on {@code text}, the clean stage's text: boilerplate it removed (menus, tickers, teasers) never
 * anchors a passage.
 */
public final class Reuse {
  private Reuse() {}

  /**
   * reuse_passages (see {@link #PASSAGE_COLUMNS}); {@link #release} frees the candidate pairs it persists once the
   * passages are written.
   */
  public record Result(Dataset<Row> passages, Dataset<Row> candidates) {
    public void release() {
      candidates.unpersist(false);
    }
  }

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
    // documents are keyed by a 64-bit hash of their id (and sources by one of their name) so the postings shuffle
    // and the pair aggregation move longs, not strings; ids come back with the texts of the pairs found
    Dataset<Row> docs = keyed(documents);
    Dataset<Row> postings = postings(docs, p);

    // one shuffle: postings clustered and sorted by n-gram (then document); each n-gram's postings are read as one
    // group, and an anchor (AnchorGroups) emits its pairs of documents of different sources. At most maxDocs + 1
    // postings of a group are held.
    Dataset<Row> anchorPairs = postings.repartition(col("gram")).sortWithinPartitions(col("gram"), col("doc_key"))
        .mapPartitions((MapPartitionsFunction<Row, Row>) it -> new AnchorPairIterator(it, maxDocs, boilerplate),
            Encoders.row(ANCHOR_PAIR));
    // candidate pairs: at least minAnchors anchors, minAnchors of them close together in both texts
    int minAnchors = p.minAnchors();
    UserDefinedFunction clustered = candidateFilter(p);
    Dataset<Row> pairs = anchorPairs
        .groupBy("key_a", "key_b")
        .agg(collect_list(struct(col("gram"), col("first_a"), col("last_a"), col("first_b"), col("last_b")))
            .as("hits"))
        .filter(size(col("hits")).geq(minAnchors).and(clustered.apply(col("hits"))))
        .select(col("key_a"), col("key_b"), size(col("hits")).cast("long").as(ANCHORS),
            sort_array(col("hits.gram")).as("grams"))
        // read three times below (both sides of the members, and the join with the texts): computed once
        .persist(StorageLevel.MEMORY_AND_DISK());

    Dataset<Row> texts = docs.select("doc_key", DOC_ID, SOURCE, TEXT)
        .join(Pairs.members(pairs, "key_a", "key_b", "doc_key"), new String[] {"doc_key"}, "left_semi");
    return new Result(passages(pairs, texts, p), pairs);
  }

  /**
   * The passages of candidate pairs: each pair (key_a, key_b, anchors, grams: its anchor n-grams, sorted) aligned
   * over the texts of its two documents (texts: doc_key, doc_id, source, text), doc_a < doc_b by id; the columns of
   * reuse_passages. Shared by the stage and by an update's reuse delta.
   */
  public static Dataset<Row> passages(Dataset<Row> pairs, Dataset<Row> texts, ReuseParams p) {
    PassageAligner aligner = aligner(p);
    int minContent = p.minContentWords();
    int phraseWords = p.nounPhraseWords();
    UserDefinedFunction align = udf((UDF3<String, String, scala.collection.Seq<Object>, Row[]>) (ta, tb, gs) -> {
      long[] allowed = new long[gs.size()];
      scala.collection.Iterator<Object> it = gs.iterator();
      for (int i = 0; it.hasNext(); i++) allowed[i] = (Long) it.next();
      List<Span> ps = align(ta, tb, allowed, aligner, minContent, phraseWords);
      List<Row> out = new ArrayList<>(ps.size());
      for (Span x : ps) {
        out.add(RowFactory.create(x.startA(), x.endA(), x.startB(), x.endB(), x.matched(), x.passage()));
      }
      return out.toArray(new Row[0]);
    }, DataTypes.createArrayType(SPAN, false)).asNonNullable();
    Dataset<Row> joined = pairs
        .join(texts.toDF("key_a", "id_x", "source_x", "text_x"), "key_a")
        .join(texts.toDF("key_b", "id_y", "source_y", "text_y"), "key_b");
    // doc_a < doc_b by id (the keys' order is a hash's)
    Column xFirst = col("id_x").lt(col("id_y"));
    Dataset<Row> passages = joined
        .select(when(xFirst, col("id_x")).otherwise(col("id_y")).as(DOC_A),
            when(xFirst, col("id_y")).otherwise(col("id_x")).as(DOC_B),
            when(xFirst, col("source_x")).otherwise(col("source_y")).as(SOURCE_A),
            when(xFirst, col("source_y")).otherwise(col("source_x")).as(SOURCE_B),
            col(ANCHORS),
            explode(align.apply(when(xFirst, col("text_x")).otherwise(col("text_y")),
                when(xFirst, col("text_y")).otherwise(col("text_x")), col("grams"))).as("s"))
        .select(col(DOC_A), col(DOC_B), col(SOURCE_A), col(SOURCE_B), col("s." + START_A).as(START_A),
            col("s." + END_A).as(END_A), col("s." + START_B).as(START_B), col("s." + END_B).as(END_B),
            col("s." + PASSAGE).as(PASSAGE),
            col("s." + END_A).minus(col("s." + START_A)).as(LENGTH), col("s." + MATCHED_WORDS).as(MATCHED_WORDS),
            col(ANCHORS));
    return passages.select(PASSAGE_COLUMNS.stream().map(functions::col).toArray(Column[]::new));
  }

  /** {@link #keyed} and {@link #postings} columns: 64-bit keys of a document and of its source. */
  public static final String DOC_KEY = "doc_key";
  public static final String SOURCE_KEY = "source_key";
  public static final String GRAM = "gram";

  /** One row per (document, distinct n-gram): gram, doc_key, source_key, first and last word index. */
  public static final StructType POSTING = new StructType()
      .add(GRAM, DataTypes.LongType, false)
      .add(DOC_KEY, DataTypes.LongType, false)
      .add(SOURCE_KEY, DataTypes.LongType, false)
      .add("first", DataTypes.IntegerType, false)
      .add("last", DataTypes.IntegerType, false);

  /**
   * doc_key (xxhash64 of doc_id), source_key (xxhash64 of source), doc_id, source, text: documents are keyed by
   * 64-bit hashes so the postings shuffle and the pair aggregation move longs, not strings.
   */
  public static Dataset<Row> keyed(Dataset<Row> documents) {
    return documents.select(xxhash64(col(DOC_ID)).as(DOC_KEY), xxhash64(col(SOURCE)).as(SOURCE_KEY), col(DOC_ID),
        col(SOURCE), col(TEXT));
  }

  /**
   * One pass over the texts of {@link #keyed} documents: each document's distinct n-gram hashes with the word
   * indices of their first and last occurrences, one {@link #POSTING} row each. Lazy.
   */
  public static Dataset<Row> postings(Dataset<Row> keyedDocuments, ReuseParams p) {
    int n = p.ngram();
    return keyedDocuments.select(DOC_KEY, SOURCE_KEY, TEXT).flatMap((FlatMapFunction<Row, Row>) r -> {
      Grams g = distinctGrams(r.getString(2), n);
      long doc = r.getLong(0);
      long source = r.getLong(1);
      List<Row> out = new ArrayList<>(g.hashes().length);
      for (int i = 0; i < g.hashes().length; i++) {
        out.add(RowFactory.create(g.hashes()[i], doc, source, g.first()[i], g.last()[i]));
      }
      return out.iterator();
    }, Encoders.row(POSTING));
  }

  /** A passage shared by two texts: offsets into each (end exclusive), identical words, the passage of text A. */
  public record Span(int startA, int endA, int startB, int endB, int matched, String passage) {}

  /**
   * The passages of a pair of texts from the anchor n-grams they share ({@code allowed}, ascending), aligned by
   * {@link PassageAligner}, in character offsets; passages {@link PassageFilter} rejects (a shared name, title or
   * stock phrase: fewer than {@code minContent} content words, or a noun phrase of at most {@code phraseWords}) left
   * out.
   */
  public static List<Span> align(String textA, String textB, long[] allowed, PassageAligner aligner, int minContent,
      int phraseWords) {
    Words a = WordTokenizer.tokenize(textA);
    Words b = WordTokenizer.tokenize(textB);
    List<PassageAligner.Passage> ps = aligner.align(a, b, allowed);
    List<Span> out = new ArrayList<>(ps.size());
    for (PassageAligner.Passage x : ps) {
      int start = a.starts()[x.startA()];
      int end = a.ends()[x.endA() - 1];
      String passage = textA.substring(start, end);
      // a shared name, title or stock phrase is not reuse
      if (PassageFilter.rejection(passage, x.matched(), minContent, phraseWords) != null) continue;
      out.add(new Span(start, end, b.starts()[x.startB()], b.ends()[x.endB() - 1], x.matched(), passage));
    }
    return out;
  }

  /** How close (in words, in both texts) the anchors of one passage lie: max gap + min words + n. */
  public static int anchorSpan(ReuseParams p) {
    return p.maxGap() + p.minWords() + p.ngram();
  }

  /**
   * Whether a pair sharing these {@code k} anchors is aligned: at least {@code minAnchors} of them, that many close
   * together in both texts ({@link AnchorGroups#clustered}). A is the document with the smaller doc_key.
   */
  public static boolean isCandidate(int[] firstA, int[] lastA, int[] firstB, int[] lastB, int k, ReuseParams p) {
    return k >= p.minAnchors() && AnchorGroups.clustered(firstA, lastA, firstB, lastB, k, p.minAnchors(),
        anchorSpan(p));
  }

  /**
   * {@link #isCandidate} as a UDF over a pair's collected hits: structs of (gram, first_a, last_a, first_b, last_b).
   */
  public static UserDefinedFunction candidateFilter(ReuseParams p) {
    return udf((UDF1<scala.collection.Seq<Row>, Boolean>) list -> {
      int k = list.size();
      int[] firstA = new int[k];
      int[] lastA = new int[k];
      int[] firstB = new int[k];
      int[] lastB = new int[k];
      scala.collection.Iterator<Row> it = list.iterator();
      for (int i = 0; it.hasNext(); i++) {
        Row x = it.next();
        firstA[i] = x.getInt(1);
        lastA[i] = x.getInt(2);
        firstB[i] = x.getInt(3);
        lastB[i] = x.getInt(4);
      }
      return isCandidate(firstA, lastA, firstB, lastB, k, p);
    }, DataTypes.BooleanType).asNonNullable();
  }

  /** An aligner with the parameters' n-gram size, gap and minimum words. */
  public static PassageAligner aligner(ReuseParams p) {
    return new PassageAligner(p.ngram(), p.maxGap(), p.minWords());
  }

  private static final StructType ANCHOR_PAIR = new StructType()
      .add("key_a", DataTypes.LongType, false)
      .add("key_b", DataTypes.LongType, false)
      .add("gram", DataTypes.LongType, false)
      .add("first_a", DataTypes.IntegerType, false)
      .add("last_a", DataTypes.IntegerType, false)
      .add("first_b", DataTypes.IntegerType, false)
      .add("last_b", DataTypes.IntegerType, false);

  /** A text's distinct n-gram hashes, ascending, and the word indices where each first and last occurs. */
  public record Grams(long[] hashes, int[] first, int[] last) {}

  /** The distinct n-gram hashes of the text with their first and last word index; none under n words. */
  public static Grams distinctGrams(String text, int n) {
    long[] words = WordTokenizer.wordHashes(text);
    if (words.length < n) return new Grams(new long[0], new int[0], new int[0]);
    long[] g = Shingler.windowHashes(words, n);
    long[] distinct = g.clone();
    Arrays.sort(distinct);
    int k = 0;
    for (int i = 0; i < distinct.length; i++) if (k == 0 || distinct[i] != distinct[k - 1]) distinct[k++] = distinct[i];
    distinct = Arrays.copyOf(distinct, k);
    int[] first = new int[k];
    int[] last = new int[k];
    Arrays.fill(first, -1);
    for (int i = 0; i < g.length; i++) {
      int at = Arrays.binarySearch(distinct, g[i]);
      if (first[at] < 0) first[at] = i;
      last[at] = i;
    }
    return new Grams(distinct, first, last);
  }

  /**
   * Reads postings sorted by (gram, doc_key) and yields the (key_a, key_b, gram, first_a, last_a, first_b, last_b)
   * rows of every anchor group; key_a &lt; key_b because a group is in doc_key order.
   */
  private static final class AnchorPairIterator extends SortedRuns {
    private final int maxDocs;
    private final int boilerplate;
    private final long[] docs;
    private final long[] sources;
    private final int[] firsts;
    private final int[] lasts;

    AnchorPairIterator(Iterator<Row> in, int maxDocs, int boilerplate) {
      super(in);
      this.maxDocs = maxDocs;
      this.boilerplate = boilerplate;
      this.docs = new long[maxDocs + 1];
      this.sources = new long[maxDocs + 1];
      this.firsts = new int[maxDocs + 1];
      this.lasts = new int[maxDocs + 1];
    }

    @Override
    protected void run(long gram) {
      int size = 0;
      for (Row r; (r = take(gram)) != null; size++) {
        if (size <= maxDocs) {
          docs[size] = r.getLong(1);
          sources[size] = r.getLong(2);
          firsts[size] = r.getInt(3);
          lasts[size] = r.getInt(4);
        }
      }
      if (!AnchorGroups.isAnchor(sources, size, maxDocs, boilerplate)) return;
      for (long x : AnchorGroups.crossSourcePairs(sources, size)) {
        int i = (int) (x >>> 32);
        int j = (int) x;
        if (docs[i] == docs[j]) continue; // one document listed twice
        emit(RowFactory.create(docs[i], docs[j], gram, firsts[i], lasts[i], firsts[j], lasts[j]));
      }
    }
  }
}
