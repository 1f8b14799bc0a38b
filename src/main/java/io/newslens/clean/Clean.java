package io.newslens.clean;

import io.newslens.spark.Schemas;
import io.newslens.spark.SortedRuns;
import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Clean stage: normalizes every document's text, removes boilerplate lines (keeping them as annotations) and
 * detects the language.
 *
 * <p>Steps, all lazy:
 * <ol>
 *   <li>occurrences: every distinct line of at most {@code repeatMaxLineChars} chars, normalized and folded
 *       ({@link Cleaner#candidates}), gives one row with its source, its page's timeline and bucket
 *       ({@link RepeatedLines}: the page's date, fetched_at before published_at, in buckets of {@code windowDays}
 *       days; else its place in its input file, {@code windowRecords} records a bucket; lines longer than
 *       {@code windowMaxLineChars} on no timeline), its page id (hash of the URL, else of the body) and body hash;
 *       plus one {@link Cleaner#DOCUMENT_KEY} row per document, which counts pages and bodies in the same pass;</li>
 *   <li>one sorted shuffle by (source, line): each pair's occurrences are read as one group
 *       ({@link RepeatedLines.Group}) that yields its distinct bodies over the source when there are at least
 *       {@code repeatMinDocs}, and its distinct pages in the window of each bucket where it occurs when there are at
 *       least {@code windowMinPages}. Counts never cross sources: a line shared by two outlets is reuse, not
 *       boilerplate;</li>
 *   <li>those counts (persisted: both joins read them), gathered per source and per (source, timeline, bucket) into
 *       sorted arrays, are broadcast (they hold only lines that repeat, so their size is bounded by the occurrences
 *       over {@code windowMinPages}, not by the corpus) and joined to every document twice, on its source and on its
 *       bucket: no row is dropped and the documents are never shuffled;</li>
 *   <li>one UDF per document: {@link Cleaner#clean} (patterns, teaser lists, repetition over the source and in the
 *       window, page structure, normalization) then {@link LanguageDetector#detect} on the cleaned text. A line is
 *       repeated in its source when its bodies are at least {@code repeatMinDocs} and {@code repeatMinFraction} of
 *       the source's; in the window when its pages are at least {@code windowMinPages}, strongly so when they are
 *       also {@code windowMinFraction} of the source's pages in that window. A web page comes with the spans its
 *       extractor left out of the article ({@code extraction.dropped}, offsets into its text): they are removed
 *       first, as boilerplate annotations with reason {@code extraction:REASON}, so {@code raw_text} keeps the whole
 *       page and {@code text} is the article; {@code extraction} is then written without them.</li>
 * </ol>
 *
 * <p>{@link #addTo} is the same stage on documents added to a cleaned corpus: it counts every document's lines
 * again but cleans only the added documents and the old ones whose repeated-line verdicts the addition flips
 * ({@link LineFlips}).
 *
 * <p>Optional input columns: {@code published_at} and {@code fetched_at} (timestamps) give a page's date;
 * {@code input_path} and {@code record_number} its place in its file; {@code url} its page id. A table without
 * them is cleaned with the corpus-wide rule alone.
 *
 * <p>Output: the input columns in their order with {@code text} replaced by the cleaned text, then
 * {@code raw_text} (the text as given), {@code boilerplate} array&lt;struct&lt;start:int, end:int, reason:string,
 * removed:string&gt;&gt; (offsets into raw_text, end exclusive, in text order), {@code lang} (ISO 639-1 or "und"),
 * {@code lang_confidence} (double, see {@link LanguageDetector.Detected}), {@code char_count} (int, length of the
 * cleaned text in UTF-16 chars, as Java's String.length).
 */
public final class Clean {
  private Clean() {}

  /**
   * The stage's table: the documents, cleaned; lazy. The line counts both of its broadcast joins read are persisted
   * when first computed (so the sorted shuffle and its counting run once): {@link #release} frees them once the
   * documents are written.
   */
  public record Result(Dataset<Row> documents, Dataset<Row> counts) {
    public void release() {
      counts.unpersist(false);
    }
  }

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

  private static final String GROUP = "__group";
  private static final String SKEY = "__source_key";
  private static final String KEY = "__line_key";
  private static final String CLOCK = "__clock";
  private static final String BUCKET = "__bucket";
  private static final String PAGE = "__page";
  private static final String BODY = "__body";
  private static final String COUNT = "__count";
  private static final String IN_SOURCE = "__in_source";
  private static final String IN_WINDOW = "__in_window";
  private static final String CLEANED_COL = "__cleaned";
  private static final String DOC = "__doc";
  private static final String IS_ADDED = "__added";
  private static final String IS_COUNTED = "__counted";
  private static final String HOLDER = "__holder";
  private static final String WAS = "__was_";

  private static final StructType OCCURRENCE = new StructType()
      .add(GROUP, DataTypes.LongType, false)
      .add(SKEY, DataTypes.LongType, false)
      .add(KEY, DataTypes.LongType, false)
      .add(CLOCK, DataTypes.LongType, false)
      .add(BUCKET, DataTypes.LongType, false)
      .add(PAGE, DataTypes.LongType, false)
      .add(BODY, DataTypes.LongType, false);

  private static final StructType COUNTED = new StructType()
      .add(SKEY, DataTypes.LongType, false)
      .add(CLOCK, DataTypes.LongType, false)
      .add(BUCKET, DataTypes.LongType, false)
      .add(KEY, DataTypes.LongType, false)
      .add(COUNT, DataTypes.LongType, false);

  /** An addition's occurrence: {@link #OCCURRENCE}, the document's hash, added or old, counted or only looked up. */
  private static final StructType OCCURRENCE_ADDED = OCCURRENCE
      .add(DOC, DataTypes.LongType, false)
      .add(IS_ADDED, DataTypes.BooleanType, false)
      .add(IS_COUNTED, DataTypes.BooleanType, false);

  /** {@link #COUNTED}, then the hash of an old document holding the line where its verdict flips (else null). */
  private static final StructType COUNTED_FLIPS = COUNTED.add(HOLDER, DataTypes.LongType, true);

  /** A scope's totals before and after an addition ({@link LineFlips#totals}). */
  private static final StructType TOTALS = new StructType()
      .add(SKEY, DataTypes.LongType, false)
      .add(CLOCK, DataTypes.LongType, false)
      .add(BUCKET, DataTypes.LongType, false)
      .add("__before", DataTypes.LongType, false)
      .add("__after", DataTypes.LongType, false);

  public static Result apply(Dataset<Row> documents, CleanParams p) {
    checkSchema(documents);
    // one shuffle: the occurrences of each (source, line) together, in (timeline, bucket, page) order
    long minDocs = p.repeatMinDocs();
    long minPages = p.windowMinPages();
    Dataset<Row> counted = sorted(keys(documents, p, false).flatMap((FlatMapFunction<Row, Row>) r ->
            occurrences(r, Occurrences.COUNTED, p).iterator(), Encoders.row(OCCURRENCE)))
        .mapPartitions((MapPartitionsFunction<Row, Row>) it -> new CountRuns(it, minDocs, minPages),
            Encoders.row(COUNTED))
        // read by both broadcasts of cleanWith: computed once
        .persist(StorageLevel.MEMORY_AND_DISK());
    return new Result(cleanWith(documents, counted, p), counted);
  }

  /**
   * The stage on documents added to a cleaned corpus: the added documents cleaned, and the old documents whose
   * cleaning the addition changes cleaned again, each exactly as {@link #apply} on old and added together cleans it;
   * lazy but for one small action (the scopes' totals, below).
   *
   * <ol>
   *   <li>the totals of the scopes the added documents fall in ({@link LineFlips.Group#totals}: their sources'
   *       distinct bodies, the distinct pages of the windows of their buckets and of the buckets next to them), over
   *       the old documents and over all, from one row per document: collected to the driver (a few rows per added
   *       bucket);</li>
   *   <li>the occurrences of every document, as {@link #apply} makes them, the old documents' with their hash and the
   *       keys they only look up ({@link Cleaner#lookups}); one sorted shuffle by (source, line) yields each pair's
   *       counts over all (what {@link #apply} counts on all) and, where its verdict in the source or in a window
   *       changes with the addition ({@link LineFlips.Group#flips}), the old documents holding it there;</li>
   *   <li>those old documents, as read again ({@link #uncleaned}), and the added ones are cleaned with the counts over
   *       all, as {@link #apply} cleans; an old one is kept when its cleaning (text, boilerplate, lang,
   *       lang_confidence, char_count) differs from its stored one (its flipped line may have been removed by an
   *       earlier rule either way).</li>
   * </ol>
   *
   * <p>Every other old document holds no key whose verdict changed: its cleaning is the same.
   *
   * @param cleaned the old documents as this stage cleaned them (its columns, no other)
   * @param added the added documents as read, with the columns the old ones were read with; no doc_id of
   *     {@code cleaned}
   */
  public static Addition addTo(Dataset<Row> cleaned, Dataset<Row> added, CleanParams p) {
    Dataset<Row> old = uncleaned(cleaned);
    checkSchema(old);
    checkSchema(added);
    Dataset<Row> keyed = keys(old.withColumn(IS_ADDED, lit(false))
        .unionByName(added.withColumn(IS_ADDED, lit(true))), p, true);
    // 1. the totals of the scopes the added documents fall in
    Map<LineFlips.Scope, LineFlips.Totals> totals = new HashMap<>();
    // (one row per document: its text is not needed past its body hash, so it is not carried into the rows)
    for (Row r : sorted(keyed.withColumn(TEXT, lit("")).flatMap((FlatMapFunction<Row, Row>) r ->
            occurrences(r, Occurrences.DOCUMENTS, p).iterator(), Encoders.row(OCCURRENCE_ADDED)))
        .mapPartitions((MapPartitionsFunction<Row, Row>) TotalsRuns::new, Encoders.row(TOTALS))
        .collectAsList()) {
      totals.put(new LineFlips.Scope(r.getLong(0), r.getLong(1), r.getLong(2)),
          new LineFlips.Totals(r.getLong(3), r.getLong(4)));
    }
    // 2. the counts over all, and the old documents holding a key whose verdict flips
    long minDocs = p.repeatMinDocs();
    long minPages = p.windowMinPages();
    Dataset<Row> counts = sorted(keyed.flatMap((FlatMapFunction<Row, Row>) r ->
            occurrences(r, Occurrences.ADDITION, p).iterator(), Encoders.row(OCCURRENCE_ADDED)))
        .mapPartitions((MapPartitionsFunction<Row, Row>) it -> new FlipRuns(it, minDocs, minPages, totals, p),
            Encoders.row(COUNTED_FLIPS))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> counted = counts.filter(col(HOLDER).isNull()).drop(HOLDER);
    Dataset<Row> flips = counts.filter(col(HOLDER).isNotNull());
    // 3. the old documents holding one, and the added ones, cleaned; an old one kept when its cleaning changed
    Dataset<Row> stored = cleaned.join(broadcast(flips.select(HOLDER).distinct()),
        xxhash64(col(DOC_ID)).equalTo(col(HOLDER)), "left_semi");
    Dataset<Row> again = cleanWith(added.withColumn(IS_ADDED, lit(true))
        .unionByName(uncleaned(stored).withColumn(IS_ADDED, lit(false))), counted, p);
    List<String> compared = List.of(TEXT, BOILERPLATE, LANG, LANG_CONFIDENCE, CHAR_COUNT);
    List<Column> was = new ArrayList<>(List.of(col(DOC_ID).as(WAS + DOC_ID)));
    Column same = lit(true);
    for (String c : compared) {
      was.add(col(c).as(WAS + c));
      same = same.and(col(c).eqNullSafe(col(WAS + c)));
    }
    Column[] out = Arrays.stream(again.columns()).filter(c -> !c.equals(IS_ADDED)).map(functions::col)
        .toArray(Column[]::new);
    Dataset<Row> documents = again
        .join(stored.select(was.toArray(Column[]::new)), col(DOC_ID).equalTo(col(WAS + DOC_ID)), "left")
        .filter(col(IS_ADDED).or(not(same)))
        .select(out);
    return new Addition(documents, flips.select(col(SKEY).as(SOURCE_KEY), col(CLOCK).as(TIMELINE),
        col(BUCKET).as(WINDOW_BUCKET), col(KEY).as(LINE_KEY), col(COUNT).as(LINE_COUNT), col(HOLDER).as(DOC_KEY)),
        counts);
  }

  /**
   * What {@link #addTo} gives, lazy: {@code documents} the added documents and the old ones whose cleaning changed,
   * cleaned as {@link #apply} gives them; {@code flips} one row per old document holding a line whose verdict the
   * addition flips, per scope ({@link #SOURCE_KEY}, {@link #TIMELINE} ({@link RepeatedLines#NONE} for the source's
   * verdict), {@link #WINDOW_BUCKET}, {@link #LINE_KEY}, {@link #LINE_COUNT} after the addition, {@link #DOC_KEY} the
   * holder's xxhash64(doc_id)): its distinct holders are the old documents cleaned again. The counts both read are
   * persisted when first computed: {@link #release} frees them.
   */
  public record Addition(Dataset<Row> documents, Dataset<Row> flips, Dataset<Row> counts) {
    public void release() {
      counts.unpersist(false);
    }
  }

  /** Columns of {@link Addition#flips}. */
  public static final String SOURCE_KEY = "source_key";
  public static final String TIMELINE = "timeline";
  public static final String WINDOW_BUCKET = "bucket";
  public static final String LINE_KEY = "line_key";
  public static final String LINE_COUNT = "count";
  public static final String DOC_KEY = "doc_key";

  /**
   * The columns the occurrences are made of: source key, timeline (clock, bucket), page id, body hash, text; with
   * {@code addition}, then the document's hash and whether it is added.
   */
  private static Dataset<Row> keys(Dataset<Row> documents, CleanParams p, boolean addition) {
    Set<String> have = new HashSet<>(Arrays.asList(documents.columns()));
    Column text = coalesce(col(TEXT), lit(""));
    Column body = xxhash64(text);
    Column page = have.contains(URL)
        ? when(col(URL).isNotNull().and(length(trim(col(URL))).gt(0)), xxhash64(trim(col(URL)))).otherwise(body)
        : body;
    Column[] timeline = timeline(have, p);
    List<Column> cols = new ArrayList<>(List.of(xxhash64(col(SOURCE)).as(SKEY), timeline[0].as(CLOCK),
        timeline[1].as(BUCKET), page.as(PAGE), body.as(BODY), text.as(TEXT)));
    if (addition) {
      cols.add(xxhash64(col(DOC_ID)).as(DOC));
      cols.add(col(IS_ADDED));
    }
    return documents.select(cols.toArray(Column[]::new));
  }

  /** Occurrence rows clustered by their (source, line) group, in (group, source, line, clock, bucket, page) order. */
  private static Dataset<Row> sorted(Dataset<Row> occurrences) {
    return occurrences.repartition(col(GROUP))
        .sortWithinPartitions(col(GROUP), col(SKEY), col(KEY), col(CLOCK), col(BUCKET), col(PAGE));
  }

  /**
   * The documents cleaned with the line counts {@code counted} (rows of {@link #COUNTED}: the repeated lines of
   * their sources and windows, and their totals).
   */
  private static Dataset<Row> cleanWith(Dataset<Row> documents, Dataset<Row> counted, CleanParams p) {
    Set<String> have = new HashSet<>(Arrays.asList(documents.columns()));
    Column[] timeline = timeline(have, p);
    // the repeated lines of each source, and of each (source, timeline, bucket), few: broadcast to the documents,
    // which are never shuffled
    Dataset<Row> bySource = counted.filter(col(CLOCK).equalTo(lit(RepeatedLines.NONE)))
        .groupBy(col(SKEY)).agg(array_sort(collect_list(struct(col(KEY), col(COUNT)))).as(IN_SOURCE))
        .withColumnRenamed(SKEY, "__s1");
    Dataset<Row> byWindow = counted.filter(col(CLOCK).notEqual(lit(RepeatedLines.NONE)))
        .groupBy(col(SKEY), col(CLOCK), col(BUCKET))
        .agg(array_sort(collect_list(struct(col(KEY), col(COUNT)))).as(IN_WINDOW))
        .select(col(SKEY).as("__s2"), col(CLOCK).as("__c2"), col(BUCKET).as("__b2"), col(IN_WINDOW));

    String[] inputColumns = documents.columns();
    Dataset<Row> keyed = documents.withColumn(SKEY, xxhash64(col(SOURCE)))
        .withColumn(CLOCK, timeline[0]).withColumn(BUCKET, timeline[1]);
    Dataset<Row> joined = keyed
        .join(broadcast(bySource), col(SKEY).equalTo(col("__s1")), "left")
        .join(broadcast(byWindow), col(SKEY).equalTo(col("__s2")).and(col(CLOCK).equalTo(col("__c2")))
            .and(col(BUCKET).equalTo(col("__b2"))), "left");

    UserDefinedFunction clean = udf((UDF4<String, scala.collection.Seq<Row>, scala.collection.Seq<Row>,
        scala.collection.Seq<Row>, Row>) (raw, inSource, inWindow, dropped) ->
        cleanRow(raw, inSource, inWindow, dropped, p), CLEANED)
        .asNondeterministic(); // evaluated once per row, not once per extracted field
    boolean pages = hasDroppedSpans(documents);
    Column dropped = pages ? col(EXTRACTION).getField(DROPPED)
        : lit(null).cast(DataTypes.createArrayType(DROPPED_SPAN, false));
    Dataset<Row> cleaned = joined.withColumn(CLEANED_COL,
        clean.apply(col(TEXT), col(IN_SOURCE), col(IN_WINDOW), dropped));
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
   * The page's timeline and bucket (see {@link RepeatedLines}): dated pages (fetched_at, else published_at) on
   * {@link RepeatedLines#DATED}, bucket = day / windowDays; undated pages with an input path and record number on
   * their file's timeline, bucket = record_number / windowRecords; otherwise null (no window).
   */
  static Column[] timeline(Set<String> have, CleanParams p) {
    Column none = lit(null).cast(DataTypes.LongType);
    Column time = null;
    if (have.contains(FETCHED_AT)) time = col(FETCHED_AT).cast(DataTypes.TimestampType);
    if (have.contains(PUBLISHED_AT)) {
      Column published = col(PUBLISHED_AT).cast(DataTypes.TimestampType);
      time = time == null ? published : coalesce(time, published);
    }
    Column dated = time == null ? lit(false) : time.isNotNull();
    Column clock = none;
    Column bucket = none;
    if (time != null && p.windowDays() > 0) {
      Column day = floor(unix_seconds(time).divide(86_400L));
      clock = when(dated, lit(RepeatedLines.DATED)).otherwise(none);
      bucket = when(dated, floor(day.divide(p.windowDays())).cast(DataTypes.LongType)).otherwise(none);
    }
    if (have.contains(INPUT_PATH) && have.contains(RECORD_NUMBER) && p.windowRecords() > 0) {
      Column ordered = not(dated).and(col(INPUT_PATH).isNotNull()).and(col(RECORD_NUMBER).isNotNull());
      clock = when(ordered, xxhash64(col(INPUT_PATH)).bitwiseOR(lit(1L))).otherwise(clock);
      bucket = when(ordered, floor(col(RECORD_NUMBER).cast(DataTypes.LongType).divide(p.windowRecords()))
          .cast(DataTypes.LongType)).otherwise(bucket);
    }
    return new Column[] {clock, bucket};
  }

  /** Which occurrence rows {@link #occurrences} makes of a document. */
  enum Occurrences {
    /** A full run's ({@link #OCCURRENCE}): its candidate lines and its {@link Cleaner#DOCUMENT_KEY}. */
    COUNTED,
    /**
     * An addition's ({@link #OCCURRENCE_ADDED}): the same, and for an old document the keys it only looks up
     * (flagged not counted).
     */
    ADDITION,
    /** An addition's totals ({@link #OCCURRENCE_ADDED}): its {@link Cleaner#DOCUMENT_KEY} alone. */
    DOCUMENTS
  }

  /**
   * The occurrence rows of one document of {@link #keys} (source key, clock, bucket, page, body, text; for an
   * addition, doc hash and added flag).
   */
  static List<Row> occurrences(Row r, Occurrences kind, CleanParams p) {
    int maxLine = p.repeatMaxLineChars();
    int windowLine = p.windowed() ? p.windowMaxLineChars() : 0;
    long skey = r.getLong(0);
    boolean timed = !r.isNullAt(1) && !r.isNullAt(2);
    long clock = timed ? r.getLong(1) : RepeatedLines.NONE;
    long bucket = timed ? r.getLong(2) : 0L;
    long page = r.getLong(3);
    long body = r.getLong(4);
    List<Row> out = new ArrayList<>();
    if (kind == Occurrences.COUNTED) {
      Cleaner.candidates(r.getString(5), maxLine, windowLine, (h, windowed) -> out.add(RowFactory.create(
          group(skey, h), skey, h, windowed ? clock : RepeatedLines.NONE, windowed ? bucket : 0L, page, body)));
      out.add(RowFactory.create(group(skey, Cleaner.DOCUMENT_KEY), skey, Cleaner.DOCUMENT_KEY, clock, bucket, page,
          body));
      return out;
    }
    long doc = r.getLong(6);
    boolean added = r.getBoolean(7);
    if (kind == Occurrences.ADDITION) {
      Cleaner.LookupSink sink = (h, windowed, counted) -> out.add(RowFactory.create(group(skey, h), skey, h,
          windowed ? clock : RepeatedLines.NONE, windowed ? bucket : 0L, page, body, doc, added, counted));
      // an added document is cleaned anyway: its counted keys are all it needs to give
      if (added) Cleaner.candidates(r.getString(5), maxLine, windowLine, (h, windowed) -> sink.key(h, windowed, true));
      else Cleaner.lookups(r.getString(5), maxLine, windowLine, sink);
    }
    out.add(RowFactory.create(group(skey, Cleaner.DOCUMENT_KEY), skey, Cleaner.DOCUMENT_KEY, clock, bucket, page,
        body, doc, added, true));
    return out;
  }

  /** The shuffle key of a (source, line key): a mix of both (rows are then sorted by both, so a collision is harmless). */
  static long group(long sourceKey, long lineKey) {
    long h = sourceKey * 0x9E3779B97F4A7C15L + lineKey;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    return h ^ (h >>> 32);
  }

  /**
   * Reads occurrences sorted by (group, source, line, clock, bucket, page) and gives each (source, line)'s rows to
   * {@link #add} between {@link #open} and {@link #close}.
   */
  private abstract static class LineRuns extends SortedRuns {
    LineRuns(Iterator<Row> in) {
      super(in);
    }

    abstract void open(long skey, long line);

    abstract void add(Row occurrence);

    abstract void close(long skey, long line);

    @Override
    protected final void run(long key) {
      long skey = 0;
      long line = 0;
      boolean open = false;
      for (Row r; (r = take(key)) != null; ) {
        if (open && (r.getLong(1) != skey || r.getLong(2) != line)) {
          close(skey, line);
          open = false;
        }
        if (!open) {
          skey = r.getLong(1);
          line = r.getLong(2);
          open(skey, line);
          open = true;
        }
        add(r);
      }
      if (open) close(skey, line);
    }
  }

  /** Yields each (source, line)'s counts ({@link #COUNTED}) from a full run's occurrences. */
  private static final class CountRuns extends LineRuns {
    private final long minDocs;
    private final long minPages;
    private final RepeatedLines.Group group = new RepeatedLines.Group();

    CountRuns(Iterator<Row> in, long minDocs, long minPages) {
      super(in);
      this.minDocs = minDocs;
      this.minPages = minPages;
    }

    @Override
    void open(long skey, long line) {
      group.reset();
    }

    @Override
    void add(Row r) {
      group.add(r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6));
    }

    @Override
    void close(long skey, long line) {
      emitCounts(group, line, minDocs, minPages, (clock, bucket, count) ->
          emit(RowFactory.create(skey, clock, bucket, line, count)));
    }
  }

  /**
   * Gives {@code sink} a (source, line)'s counts: its documents' always (they are the denominators), a line's only
   * when it repeats enough.
   */
  private static void emitCounts(RepeatedLines.Group group, long line, long minDocs, long minPages,
      RepeatedLines.Sink sink) {
    group.emit(line == Cleaner.DOCUMENT_KEY ? 0 : minDocs, minPages, sink);
  }

  /**
   * Yields, from an addition's occurrences, each (source, line)'s counts over all (as {@link CountRuns}) and one
   * row per old document holding it where its verdict flips ({@link #COUNTED_FLIPS}).
   */
  private static final class FlipRuns extends LineRuns {
    private final long minDocs;
    private final long minPages;
    private final Map<LineFlips.Scope, LineFlips.Totals> totals;
    private final CleanParams p;
    private final LineFlips.Group group = new LineFlips.Group();

    FlipRuns(Iterator<Row> in, long minDocs, long minPages, Map<LineFlips.Scope, LineFlips.Totals> totals,
        CleanParams p) {
      super(in);
      this.minDocs = minDocs;
      this.minPages = minPages;
      this.totals = totals;
      this.p = p;
    }

    @Override
    void open(long skey, long line) {
      group.reset(line != Cleaner.DOCUMENT_KEY);
    }

    @Override
    void add(Row r) {
      group.add(r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7), r.getBoolean(8),
          r.getBoolean(9));
    }

    @Override
    void close(long skey, long line) {
      emitCounts(group.all(), line, minDocs, minPages, (clock, bucket, count) ->
          emit(RowFactory.create(skey, clock, bucket, line, count, null)));
      group.flips(skey, totals, p, (clock, bucket, count, doc) ->
          emit(RowFactory.create(skey, clock, bucket, line, count, doc)));
    }
  }

  /** Yields, from an addition's {@link Cleaner#DOCUMENT_KEY} occurrences, the totals of {@link LineFlips#totals}. */
  private static final class TotalsRuns extends LineRuns {
    private final LineFlips.Group group = new LineFlips.Group();

    TotalsRuns(Iterator<Row> in) {
      super(in);
    }

    @Override
    void open(long skey, long line) {
      group.reset(false);
    }

    @Override
    void add(Row r) {
      group.add(r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7), r.getBoolean(8), true);
    }

    @Override
    void close(long skey, long line) {
      group.totals((clock, bucket, before, after) -> emit(RowFactory.create(skey, clock, bucket, before, after)));
    }
  }

  /** Sorted (key, count) entries of the broadcast table, read into arrays for binary search. */
  record Counts(long[] keys, long[] counts) {
    static final Counts EMPTY = new Counts(new long[0], new long[0]);

    static Counts of(scala.collection.Seq<Row> entries) {
      if (entries == null || entries.isEmpty()) return EMPTY;
      int n = entries.size();
      long[] k = new long[n];
      long[] c = new long[n];
      scala.collection.Iterator<Row> it = entries.iterator();
      for (int i = 0; it.hasNext(); i++) {
        Row e = it.next();
        k[i] = e.getLong(0);
        c[i] = e.getLong(1);
      }
      return new Counts(k, c);
    }

    long get(long key) {
      int i = Arrays.binarySearch(keys, key);
      return i < 0 ? 0 : counts[i];
    }
  }

  /** The stage's verdicts on one document's line keys, from its source's and its window's counts. */
  static Cleaner.Repetition repetition(Counts source, Counts window, CleanParams p) {
    long bodies = source.get(Cleaner.DOCUMENT_KEY);
    long pages = window.get(Cleaner.DOCUMENT_KEY);
    return new Cleaner.Repetition() {
      @Override
      public boolean inSource(long keyHash) {
        return RepeatedLines.inSource(source.get(keyHash), bodies, p);
      }

      @Override
      public int inWindow(long keyHash) {
        return RepeatedLines.inWindow(window.get(keyHash), pages, p);
      }
    };
  }

  /** The struct of a span of {@code extraction.dropped}: start, end (into the text) and the extractor's reason. */
  static final StructType DROPPED_SPAN = new StructType()
      .add(START, DataTypes.IntegerType, false)
      .add(END, DataTypes.IntegerType, false)
      .add(REASON, DataTypes.StringType, false);

  /**
   * Cleaned documents as they were before cleaning, to be counted and cleaned again ({@link #addTo}): text =
   * raw_text, the columns the stage adds dropped, and for a web page the spans its extractor left out
   * ({@code extraction.dropped}) rebuilt from its {@code extraction:REASON} annotations — one span per removed line,
   * which removes exactly those lines with those reasons again. Other columns stay where they are.
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

  /** Prefix of the boilerplate reason of a span the page extractor dropped. */
  public static final String EXTRACTION_REASON_PREFIX = "extraction:";

  /** Whether the documents carry an extraction struct with dropped spans (ingested web pages). */
  static boolean hasDroppedSpans(Dataset<Row> documents) {
    if (!Arrays.asList(documents.columns()).contains(EXTRACTION)) return false;
    return documents.schema().apply(EXTRACTION).dataType() instanceof StructType st
        && Arrays.asList(st.fieldNames()).contains(DROPPED);
  }

  /** The spans the page extractor dropped, in text order, as spans removed before cleaning. */
  static List<Cleaner.PreRemoved> preRemoved(scala.collection.Seq<Row> dropped) {
    List<Cleaner.PreRemoved> pre = new ArrayList<>();
    if (dropped == null) return pre;
    scala.collection.Iterator<Row> it = dropped.iterator();
    while (it.hasNext()) {
      Row span = it.next();
      int start = span.getInt(0);
      int end = span.getInt(1);
      if (end > start) pre.add(new Cleaner.PreRemoved(start, end, EXTRACTION_REASON_PREFIX + span.getString(2)));
    }
    pre.sort(java.util.Comparator.comparingInt(Cleaner.PreRemoved::start));
    return pre;
  }

  static Row cleanRow(String raw, scala.collection.Seq<Row> inSource, scala.collection.Seq<Row> inWindow,
      scala.collection.Seq<Row> dropped, CleanParams p) {
    Cleaner.Repetition rep = repetition(Counts.of(inSource), Counts.of(inWindow), p);
    Cleaner.Rules rules = new Cleaner.Rules(p.patterns(), p.structure(), p.repeatMaxLineChars(),
        p.windowed() ? p.windowMaxLineChars() : 0);
    Cleaner.Cleaned c = Cleaner.clean(raw, preRemoved(dropped), rep, rules);
    List<Row> removals = new ArrayList<>(c.removals().size());
    for (Cleaner.Removal r : c.removals()) {
      removals.add(RowFactory.create(r.start(), r.end(), r.reason(), r.removed()));
    }
    LanguageDetector.Detected d = LanguageDetector.detect(c.text(), p.langSampleChars(), p.langMinLetters(),
        p.langMinConfidence());
    return RowFactory.create(c.text(), removals, d.lang(), d.confidence(), c.text().length());
  }

  /**
   * What cleaning removed, for the manifest, from a cleaned documents table (two small Spark aggregations): lines
   * removed, in all and by reason, characters removed by reason, and per source (the {@code maxSources} sources with
   * the most removed lines, ties by name, then the rest summed under "(other sources)"): documents, documents with
   * removals, lines and characters removed, raw characters, lines removed by reason.
   */
  public static Map<String, Object> removalStats(Dataset<Row> cleaned, int maxSources) {
    Dataset<Row> perDoc = cleaned.select(col(SOURCE), explode_outer(col(BOILERPLATE)).as("b"));
    List<Row> rows = perDoc
        .groupBy(col(SOURCE), col("b." + REASON).as(REASON))
        .agg(count(col("b")).as("__lines"), sum(length(col("b." + REMOVED))).as("__chars"))
        .orderBy(col(SOURCE).asc_nulls_first(), col(REASON).asc_nulls_first())
        .collectAsList();
    List<Row> docs = cleaned.groupBy(col(SOURCE))
        .agg(count(lit(1)).as("__docs"), sum(length(col(RAW_TEXT))).as("__raw"),
            sum(when(size(col(BOILERPLATE)).gt(0), 1L).otherwise(0L)).as("__with"))
        .orderBy(col(SOURCE).asc_nulls_first()).collectAsList();
    Map<String, long[]> perSource = new LinkedHashMap<>(); // documents, with removals, raw chars, lines, chars
    for (Row r : docs) {
      perSource.put(name(r.getString(0)), new long[] {r.getLong(1), r.getLong(3), r.isNullAt(2) ? 0 : r.getLong(2), 0,
          0});
    }
    Map<String, Map<String, Long>> reasonsBySource = new LinkedHashMap<>();
    Map<String, Long> linesByReason = new java.util.TreeMap<>();
    Map<String, Long> charsByReason = new java.util.TreeMap<>();
    for (Row r : rows) {
      if (r.isNullAt(1)) continue; // documents without removals
      String source = name(r.getString(0));
      long lines = r.getLong(2);
      long chars = r.isNullAt(3) ? 0 : r.getLong(3);
      reasonsBySource.computeIfAbsent(source, k -> new java.util.TreeMap<>()).put(r.getString(1), lines);
      linesByReason.merge(r.getString(1), lines, Long::sum);
      charsByReason.merge(r.getString(1), chars, Long::sum);
      long[] s = perSource.get(source);
      s[3] += lines;
      s[4] += chars;
    }
    List<Map.Entry<String, long[]>> ranked = new ArrayList<>(perSource.entrySet());
    ranked.sort((a, b) -> a.getValue()[3] != b.getValue()[3] ? Long.compare(b.getValue()[3], a.getValue()[3])
        : a.getKey().compareTo(b.getKey()));
    Map<String, Object> sources = new LinkedHashMap<>();
    long[] other = new long[5];
    Map<String, Long> otherReasons = new java.util.TreeMap<>();
    for (int i = 0; i < ranked.size(); i++) {
      Map.Entry<String, long[]> e = ranked.get(i);
      Map<String, Long> reasons = reasonsBySource.getOrDefault(e.getKey(), Map.of());
      if (i < maxSources) {
        sources.put(e.getKey(), sourceEntry(e.getValue(), reasons));
      } else {
        for (int k = 0; k < other.length; k++) other[k] += e.getValue()[k];
        reasons.forEach((k, v) -> otherReasons.merge(k, v, Long::sum));
      }
    }
    if (ranked.size() > maxSources) sources.put("(other sources)", sourceEntry(other, otherReasons));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("lines_removed", linesByReason.values().stream().mapToLong(Long::longValue).sum());
    out.put("lines_removed_by_reason", linesByReason);
    out.put("chars_removed_by_reason", charsByReason);
    out.put("sources", ranked.size());
    out.put("by_source", sources);
    return out;
  }

  private static String name(String source) {
    return source == null ? "(no source)" : source;
  }

  private static Map<String, Object> sourceEntry(long[] s, Map<String, Long> reasons) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("documents", s[0]);
    m.put("documents_with_removals", s[1]);
    m.put("lines_removed", s[3]);
    m.put("chars_removed", s[4]);
    m.put("raw_chars", s[2]);
    m.put("lines_removed_by_reason", reasons);
    return m;
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
