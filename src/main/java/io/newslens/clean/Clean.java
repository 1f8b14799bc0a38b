package io.newslens.clean;

import io.newslens.spark.Schemas;
import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Clean stage: normalizes every document's text, removes boilerplate lines (keeping them as annotations) and
 * detects the language.
 *
 * <p>Steps, all lazy:
 * <ol>
 *   <li>line keys: every line of at most {@code repeatMaxLineChars} chars, normalized and folded
 *       ({@link Cleaner#candidateKeys}), exploded with its source and a hash of the document body (plus one
 *       {@link Cleaner#DOCUMENT_KEY} row per document, which counts the source's distinct bodies in the same
 *       aggregation);</li>
 *   <li>repeated lines: per (source, line), the number of distinct bodies containing it (so byte-identical
 *       copies of one article count once); a line is boilerplate for its source when that number is at least
 *       {@code repeatMinDocs} and at least {@code repeatMinFraction} of the source's distinct bodies. Counts never
 *       cross sources: a line shared by two outlets is reuse, not boilerplate;</li>
 *   <li>each document gets its source's set of repeated line keys: a left join on source with that small table
 *       broadcast (its size is the number of boilerplate lines, each seen in at least {@code repeatMinDocs}
 *       bodies, not the corpus), so the documents are read once more and never shuffled, and no row is dropped;</li>
 *   <li>one UDF per document: {@link Cleaner#clean} (patterns, link lists, repeated lines, normalization) then
 *       {@link LanguageDetector#detect} on the cleaned text. A web page comes with the spans its extractor left
 *       out of the article ({@code extraction.dropped}, offsets into its text): they are removed first, as
 *       boilerplate annotations with reason {@code extraction:REASON}, so {@code raw_text} keeps the whole page
 *       and {@code text} is the article; {@code extraction} is then written without them.</li>
 * </ol>
 *
 * <p>Output: the input columns in their order with {@code text} replaced by the cleaned text, then
 * {@code raw_text} (the text as given), {@code boilerplate} array&lt;struct&lt;start:int, end:int, reason:string,
 * removed:string&gt;&gt; (offsets into raw_text, end exclusive, in text order), {@code lang} (ISO 639-1 or "und"),
 * {@code lang_confidence} (double, see {@link LanguageDetector.Detected}), {@code char_count} (int, length of the
 * cleaned text in UTF-16 chars, as Java's String.length).
 */
public final class Clean {
  private Clean() {}

  /** The stage's table: the documents, cleaned. */
  public record Result(Dataset<Row> documents) {}

  public static final StructType BOILERPLATE_ENTRY = new StructType()
      .add(START, DataTypes.IntegerType, false)
      .add(END, DataTypes.IntegerType, false)
      .add(REASON, DataTypes.StringType, false)
      .add(REMOVED, DataTypes.StringType, false);

  static final StructType CLEANED = new StructType()
      .add(TEXT, DataTypes.StringType, false)
      .add(BOILERPLATE, new ArrayType(BOILERPLATE_ENTRY, false), false)
      .add(LANG, DataTypes.StringType, false)
      .add(LANG_CONFIDENCE, DataTypes.DoubleType, false)
      .add(CHAR_COUNT, DataTypes.IntegerType, false);

  /** Columns the stage needs. */
  public static final List<String> REQUIRED = List.of(DOC_ID, SOURCE, TEXT);

  /** Columns the stage adds (an input that already has them, e.g. cleaned twice, is rejected). */
  public static final List<String> ADDED = List.of(RAW_TEXT, BOILERPLATE, LANG, LANG_CONFIDENCE, CHAR_COUNT);

  /** {@link #lines} and {@link #lineCounts} columns: the line's key, the document body's hash, distinct bodies. */
  public static final String LINE_KEY = "line_key";
  public static final String LINE_BODY = "body";
  public static final String LINE_BODIES = "bodies";
  private static final String BODIES = "__bodies";
  private static final String IS_DOC = "__is_document";
  /** {@link #repeatedBySource} column: the sorted keys of a source's repeated lines. */
  public static final String REPEATED = "__repeated";
  private static final String CLEANED_COL = "__cleaned";

  public static Result apply(Dataset<Row> documents, CleanParams p) {
    checkSchema(documents);
    return new Result(cleanWith(documents, repeatedBySource(lines(documents, p), p), p));
  }

  /**
   * The line occurrences counting needs: one row per (document, distinct candidate line of its text) — doc_id,
   * source, {@code body} (xxhash64 of the whole text: byte-identical copies of one article count once) and
   * {@code line_key} ({@link Cleaner#candidateKeys}) — plus one {@link Cleaner#DOCUMENT_KEY} row per document,
   * which counts the source's distinct bodies in the same aggregation. Lazy.
   *
   * @param documents doc_id, source and the text as read (before cleaning)
   */
  public static Dataset<Row> lines(Dataset<Row> documents, CleanParams p) {
    Column text = coalesce(col(TEXT), lit(""));
    int maxLine = p.repeatMaxLineChars();
    UserDefinedFunction keys = udf((UDF1<String, long[]>) s -> Cleaner.candidateKeys(s, maxLine),
        DataTypes.createArrayType(DataTypes.LongType, false));
    return documents.select(col(DOC_ID), col(SOURCE), xxhash64(text).as(LINE_BODY),
        explode(keys.apply(text)).as(LINE_KEY));
  }

  /**
   * Whether a line is boilerplate of its source: at least {@code repeatMinDocs} distinct bodies of the source hold
   * it, and at least {@code repeatMinFraction} of the source's distinct bodies. The one definition of the rule.
   */
  public static boolean isRepeated(long lineBodies, long sourceBodies, CleanParams p) {
    return lineBodies >= p.repeatMinDocs() && lineBodies >= sourceBodies * p.repeatMinFraction();
  }

  /**
   * Per (source, line key) the number of distinct bodies holding it ({@link #LINE_BODIES}), from {@link #lines}
   * rows: the line keys with at least {@code repeatMinDocs} bodies (the only ones that can be repeated), and for
   * every source its {@link Cleaner#DOCUMENT_KEY} row (its distinct bodies). Lazy; small.
   */
  public static Dataset<Row> lineCounts(Dataset<Row> lines, CleanParams p) {
    // IS_DOC is an aggregate, not the grouping key, so the optimizer cannot push the filter below the
    // aggregation: the lines are scanned once for both counts
    // a document without a source has no repeated lines (its source matches no source's): its lines are not counted
    return lines.filter(col(SOURCE).isNotNull())
        .groupBy(col(SOURCE), col(LINE_KEY)).agg(countDistinct(col(LINE_BODY)).as(LINE_BODIES),
            max(col(LINE_KEY).equalTo(lit(Cleaner.DOCUMENT_KEY))).as(IS_DOC))
        .filter(col(IS_DOC).or(col(LINE_BODIES).geq(p.repeatMinDocs())))
        .select(SOURCE, LINE_KEY, LINE_BODIES);
  }

  /**
   * The repeated lines of every source ({@link #isRepeated}): source, {@code __repeated} (sorted line keys), from
   * {@link #lines} rows or from {@link #lineCounts} rows ({@code counted}). Lazy; small.
   */
  public static Dataset<Row> repeatedBySource(Dataset<Row> lines, CleanParams p) {
    return repeatedFromCounts(lineCounts(lines, p), p);
  }

  /** {@link #repeatedBySource} from {@link #lineCounts} rows. */
  public static Dataset<Row> repeatedFromCounts(Dataset<Row> counts, CleanParams p) {
    Dataset<Row> bodies = counts.filter(col(LINE_KEY).equalTo(lit(Cleaner.DOCUMENT_KEY)))
        .select(col(SOURCE), col(LINE_BODIES).as(BODIES));
    UserDefinedFunction repeated = udf((UDF2<Long, Long, Boolean>) (n, total) -> isRepeated(n, total, p),
        DataTypes.BooleanType);
    return counts.filter(col(LINE_KEY).notEqual(lit(Cleaner.DOCUMENT_KEY)))
        .join(bodies, SOURCE)
        .filter(repeated.apply(col(LINE_BODIES), col(BODIES)))
        .groupBy(col(SOURCE)).agg(array_sort(collect_set(col(LINE_KEY))).as(REPEATED));
  }

  /**
   * Cleans {@code documents} (text as read) given the repeated lines of their sources ({@code repeatedBySource}:
   * source, {@code __repeated}, as {@link #repeatedBySource} gives them). Lazy.
   */
  public static Dataset<Row> cleanWith(Dataset<Row> documents, Dataset<Row> repeatedBySource, CleanParams p) {
    checkSchema(documents);
    int maxLine = p.repeatMaxLineChars();
    boolean patterns = p.patterns();
    int sample = p.langSampleChars();
    int minLetters = p.langMinLetters();
    double minConfidence = p.langMinConfidence();
    UserDefinedFunction clean = udf((UDF3<String, scala.collection.Seq<Object>, scala.collection.Seq<Row>, Row>)
        (raw, rep, dropped) -> cleanRow(raw, rep, dropped, patterns, maxLine, sample, minLetters, minConfidence),
        CLEANED).asNondeterministic(); // evaluated once per row, not once per extracted field
    boolean pages = hasDroppedSpans(documents);
    Column dropped = pages ? col(EXTRACTION).getField(DROPPED)
        : lit(null).cast(DataTypes.createArrayType(DROPPED_SPAN, false));

    String[] inputColumns = documents.columns();
    // the boilerplate lines of every source are few (each is in >= repeatMinDocs bodies): broadcast them, so the
    // documents are never shuffled
    Dataset<Row> joined = documents.join(broadcast(repeatedBySource.select(col(SOURCE).as("__source"),
        col(REPEATED))), col(SOURCE).equalTo(col("__source")), "left");
    Dataset<Row> cleaned = joined.withColumn(CLEANED_COL, clean.apply(col(TEXT), col(REPEATED), dropped));
    List<Column> out = new ArrayList<>();
    for (String c : inputColumns) {
      if (c.equals(TEXT)) {
        out.add(col(CLEANED_COL + "." + TEXT).as(TEXT));
      } else if (c.equals(EXTRACTION) && pages) {
        out.add(col(EXTRACTION).dropFields(scala.jdk.javaapi.CollectionConverters.asScala(List.of(DROPPED)).toList())
            .as(EXTRACTION));
      } else {
        out.add(col(c));
      }
    }
    out.add(col(TEXT).as(RAW_TEXT));
    out.add(col(CLEANED_COL + "." + BOILERPLATE).as(BOILERPLATE));
    out.add(col(CLEANED_COL + "." + LANG).as(LANG));
    out.add(col(CLEANED_COL + "." + LANG_CONFIDENCE).as(LANG_CONFIDENCE));
    out.add(col(CLEANED_COL + "." + CHAR_COUNT).as(CHAR_COUNT));
    return cleaned.select(out.toArray(Column[]::new));
  }

  /**
   * Cleaned documents as they were before cleaning, to be cleaned again: text = raw_text, the columns the stage
   * adds dropped, and for a web page the spans its extractor left out ({@code extraction.dropped}) rebuilt from
   * its {@code extraction:REASON} annotations — one span per removed line, which removes exactly those lines with
   * those reasons again. Other columns (e.g. {@code version}) stay where they are.
   */
  public static Dataset<Row> uncleaned(Dataset<Row> cleaned) {
    Dataset<Row> d = cleaned.withColumn(TEXT, col(RAW_TEXT));
    if (Arrays.asList(cleaned.columns()).contains(EXTRACTION)
        && cleaned.schema().apply(EXTRACTION).dataType() instanceof StructType) {
      Column spans = transform(filter(col(BOILERPLATE), b -> b.getField(REASON).startsWith(EXTRACTION_REASON_PREFIX)),
          b -> struct(b.getField(START).as(START), b.getField(END).as(END),
              substring(b.getField(REASON), EXTRACTION_REASON_PREFIX.length() + 1, Integer.MAX_VALUE).as(REASON)));
      d = d.withColumn(EXTRACTION, when(col(EXTRACTION).isNull(), lit(null))
          .otherwise(col(EXTRACTION).withField(DROPPED, spans)));
    }
    return d.drop(ADDED.toArray(String[]::new));
  }

  /** The struct of a span of {@code extraction.dropped}: start, end (into the text) and the extractor's reason. */
  static final StructType DROPPED_SPAN = new StructType()
      .add(START, DataTypes.IntegerType, false)
      .add(END, DataTypes.IntegerType, false)
      .add(REASON, DataTypes.StringType, false);

  /** Prefix of the boilerplate reason of a span the page extractor dropped. */
  public static final String EXTRACTION_REASON_PREFIX = "extraction:";

  /** Whether the documents carry an extraction struct with dropped spans (ingested web pages). */
  static boolean hasDroppedSpans(Dataset<Row> documents) {
    if (!Arrays.asList(documents.columns()).contains(EXTRACTION)) return false;
    return documents.schema().apply(EXTRACTION).dataType() instanceof StructType st
        && Arrays.asList(st.fieldNames()).contains(DROPPED);
  }

  static Row cleanRow(String raw, scala.collection.Seq<Object> repeated, scala.collection.Seq<Row> dropped,
      boolean patterns, int maxLine, int sample, int minLetters, double minConfidence) {
    Set<Long> rep = new HashSet<>();
    if (repeated != null) {
      scala.collection.Iterator<Object> it = repeated.iterator();
      while (it.hasNext()) rep.add(((Number) it.next()).longValue());
    }
    List<Cleaner.PreRemoved> pre = new ArrayList<>();
    if (dropped != null) {
      scala.collection.Iterator<Row> it = dropped.iterator();
      while (it.hasNext()) {
        Row span = it.next();
        int start = span.getInt(0);
        int end = span.getInt(1);
        if (end > start) pre.add(new Cleaner.PreRemoved(start, end, EXTRACTION_REASON_PREFIX + span.getString(2)));
      }
      pre.sort(java.util.Comparator.comparingInt(Cleaner.PreRemoved::start));
    }
    Cleaner.Cleaned c = Cleaner.clean(raw, pre, rep::contains, patterns, maxLine);
    List<Row> removals = new ArrayList<>(c.removals().size());
    for (Cleaner.Removal r : c.removals()) {
      removals.add(RowFactory.create(r.start(), r.end(), r.reason(), r.removed()));
    }
    LanguageDetector.Detected d = LanguageDetector.detect(c.text(), sample, minLetters, minConfidence);
    return RowFactory.create(c.text(), removals, d.lang(), d.confidence(), c.text().length());
  }

  static void checkSchema(Dataset<Row> documents) {
    Set<String> have = new HashSet<>(Arrays.asList(documents.columns()));
    List<String> missing = Schemas.missing(documents, REQUIRED);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("clean: the documents table lacks column(s) " + missing + "; it has "
          + Arrays.toString(documents.columns()));
    }
    List<String> present = ADDED.stream().filter(have::contains).toList();
    if (!present.isEmpty()) {
      throw new IllegalArgumentException("clean: the documents table already has column(s) " + present
          + " (was it cleaned already?)");
    }
    if (!documents.schema().apply(TEXT).dataType().equals(DataTypes.StringType)) {
      throw new IllegalArgumentException("clean: column text must be a string, it is "
          + documents.schema().apply(TEXT).dataType().simpleString());
    }
  }
}
