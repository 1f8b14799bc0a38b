package io.newslens.ingest;

import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;

/**
 * Ingest stage: reads every input file into the {@code documents} and {@code rejected} tables.
 *
 * <p>Files are spread over tasks by size (largest first, into the lightest group), each task streams its files
 * through the {@link RecordSource} its {@link InputFormat} opens; a WARC file is read by tasks of its own, one per
 * byte range of {@value #SPLIT_BYTES_CONF} ({@link InputSplit}, {@link WarcSplits}); web pages carry their fetch
 * time and extraction audit ({@link PageExtractions}). Parquet inputs have their footers checked on the executors (a
 * corrupt file is a rejection, not a failed run), are read by Spark per group of files sharing a schema, and go
 * through the same {@link FieldMapping}. Document ids
 * are SHA-256 hashes of (source, source_id); when two records share them, both get an id that also hashes their
 * input location, and {@code id_collision} is set, so they never merge. The documents are then hash-partitioned by
 * {@code doc_id} into few partitions, so many small files don't become many tiny partitions.
 */
public final class Ingest {
  private Ingest() {}

  /** The stage's tables. {@code raw} is every record met (documents and rejections), for the reconciliation. */
  public record Result(Dataset<Row> documents, Dataset<Row> rejected, Dataset<Row> raw) {}

  static final StructType RAW_SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField(INPUT_PATH, DataTypes.StringType, false),
      DataTypes.createStructField(INPUT_FORMAT, DataTypes.StringType, false),
      DataTypes.createStructField(RECORD_NUMBER, DataTypes.LongType, false),
      DataTypes.createStructField(SOURCE_ID, DataTypes.StringType, true),
      DataTypes.createStructField(SOURCE, DataTypes.StringType, true),
      DataTypes.createStructField(URL, DataTypes.StringType, true),
      DataTypes.createStructField(TITLE, DataTypes.StringType, true),
      DataTypes.createStructField(PUBLISHED_RAW, DataTypes.StringType, true),
      DataTypes.createStructField(TEXT, DataTypes.StringType, true),
      DataTypes.createStructField(ENCODING, DataTypes.StringType, true),
      DataTypes.createStructField(META, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true),
      DataTypes.createStructField(REASON, DataTypes.StringType, true),
      DataTypes.createStructField(MESSAGE, DataTypes.StringType, true),
      DataTypes.createStructField(EXCERPT, DataTypes.StringType, true),
      DataTypes.createStructField(FETCHED_AT, DataTypes.TimestampType, true),
      DataTypes.createStructField(EXTRACTION, PageExtractions.WORK_SCHEMA, true)});

  /** Column order of the documents table as ingest writes it. */
  public static final List<String> DOCUMENT_COLUMNS = List.of(DOC_ID, SOURCE_ID, SOURCE, URL, TITLE, PUBLISHED_AT,
      PUBLISHED_RAW, TEXT, INPUT_PATH, INPUT_FORMAT, RECORD_NUMBER, ENCODING, META, ID_COLLISION, FETCHED_AT,
      EXTRACTION);

  public static final List<String> REJECTED_COLUMNS =
      List.of(INPUT_PATH, INPUT_FORMAT, RECORD_NUMBER, REASON, MESSAGE, EXCERPT);

  public static Result apply(SparkSession spark, List<InputFile> files, IngestParams p) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<InputFile> streamed = new ArrayList<>();
    List<InputFile> parquet = new ArrayList<>();
    for (InputFile f : files) {
      (InputFormat.of(f.path()) == InputFormat.PARQUET && !InputFormat.gzipped(f.path()) ? parquet : streamed).add(f);
    }
    SerializableConfiguration conf = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
    int cores = Math.max(1, spark.sparkContext().defaultParallelism());

    boolean failFirstAttempt = Boolean.parseBoolean(spark.conf().get(TEST_FAIL_FIRST_ATTEMPT, "false"));
    long splitBytes = org.apache.spark.network.util.JavaUtils.byteStringAsBytes(
        spark.conf().get(SPLIT_BYTES_CONF, "128m"));
    List<List<InputSplit>> groups = InputSplit.groups(streamed, cores, splitBytes,
        f -> new FileOpener(f.path(), conf));
    Dataset<Row> raw = spark.createDataFrame(readStreamed(jsc, groups, conf, p, failFirstAttempt), RAW_SCHEMA);
    if (!parquet.isEmpty()) raw = raw.unionByName(readParquet(spark, jsc, parquet, conf, p, cores));

    int parts = p.partitions() > 0 ? p.partitions() : documentPartitions(files, cores);

    Dataset<Row> docs = raw.filter(col(REASON).isNull())
        .withColumn(DOC_ID, hashId(col(SOURCE), col(SOURCE_ID)))
        .repartition(parts, col(DOC_ID));
    Column dupes = count(lit(1)).over(Window.partitionBy(DOC_ID));
    docs = docs.withColumn(ID_COLLISION, dupes.gt(1))
        .withColumn(DOC_ID, when(col(ID_COLLISION),
            hashId(col(SOURCE), col(SOURCE_ID), col(INPUT_PATH), col(RECORD_NUMBER).cast("string")))
            .otherwise(col(DOC_ID)))
        .withColumn(PUBLISHED_AT, call_udf("newslens_parse_date", col(PUBLISHED_RAW)))
        .select(DOCUMENT_COLUMNS.stream().map(functions::col).toArray(Column[]::new));
    Dataset<Row> rejected = raw.filter(col(REASON).isNotNull())
        .select(REJECTED_COLUMNS.stream().map(functions::col).toArray(Column[]::new));
    return new Result(docs, rejected, raw);
  }

  /** How much larger than its file a gzipped input's text is taken to be (news JSON Lines: 3–4×). */
  static final int GZIP_EXPANSION = 4;

  /**
   * How much smaller than its HTML the visible text of a page is taken to be, for sizing the documents table of
   * HTML and WARC inputs: the 2,000 OrangeSum pages hold 12.0 MB of visible text (UTF-8) in 120.2 MB of HTML.
   */
  static final int HTML_TEXT_SHARE = 10;

  /** The Spark setting whose size splits a large WARC file into byte ranges, one task each (as Spark's files). */
  public static final String SPLIT_BYTES_CONF = "spark.sql.files.maxPartitionBytes";

  /**
   * Partitions of the documents table: one per 32 MiB of input text (a gzipped file counts {@value #GZIP_EXPANSION}×
   * its size, an HTML or WARC file 1/{@value #HTML_TEXT_SHARE} of it), at least two per core, at most 4,096. Sized on the text, not the files, because every later stage
   * holds a partition's work at once (a million synthetic articles in 769 MB of .gz made 25 partitions of 40,000
   * articles each, and a 2 GB driver ran out of heap caching dedup's features).
   */
  static int documentPartitions(List<InputFile> files, int cores) {
    long textBytes = 0;
    for (InputFile f : files) {
      long bytes = InputFormat.gzipped(f.path()) ? f.size() * GZIP_EXPANSION : f.size();
      InputFormat format = InputFormat.of(f.path());
      textBytes += format == InputFormat.HTML || format == InputFormat.WARC ? bytes / HTML_TEXT_SHARE : bytes;
    }
    return (int) Math.max(2L * cores, Math.min(4096, textBytes / (32L << 20) + 1));
  }

  /** Registers the UDFs this stage uses; idempotent. */
  public static void registerUdfs(SparkSession spark) {
    if (spark.catalog().functionExists("newslens_parse_date")) return;
    spark.udf().register("newslens_parse_date",
        (UDF1<String, Timestamp>) s -> Dates.parse(s).map(Timestamp::from).orElse(null), DataTypes.TimestampType);
  }

  static Column hashId(Column... parts) {
    return substring(sha2(concat_ws("\u001f", parts), 256), 1, 16);
  }

  /**
   * Test-only fault injection: when this Spark conf is "true", the first attempt of every file-reading task fails
   * after its first record (retries, e.g. under {@code local[2,4]}, then succeed). Inert unless set.
   */
  public static final String TEST_FAIL_FIRST_ATTEMPT = "spark.newslens.test.failFirstAttempt";

  private static JavaRDD<Row> readStreamed(JavaSparkContext jsc, List<List<InputSplit>> groups,
      SerializableConfiguration conf, IngestParams p, boolean failFirstAttempt) {
    if (groups.isEmpty()) return jsc.emptyRDD();
    return jsc.parallelize(groups, groups.size())
        .flatMap(group -> {
          Iterator<Row> it = new GroupIterator(group, conf, p);
          org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
          return failFirstAttempt && task != null && task.attemptNumber() == 0 ? new FailAfterFirst(it) : it;
        });
  }

  /** Greedy size balancing: largest file first into the lightest group; order within a group by path. */
  static List<List<InputFile>> balance(List<InputFile> files, int groups) {
    List<InputFile> bySize = new ArrayList<>(files);
    bySize.sort(Comparator.comparingLong(InputFile::size).reversed().thenComparing(InputFile::path));
    List<List<InputFile>> out = new ArrayList<>();
    long[] load = new long[groups];
    for (int i = 0; i < groups; i++) out.add(new ArrayList<>());
    for (InputFile f : bySize) {
      int best = 0;
      for (int i = 1; i < groups; i++) if (load[i] < load[best]) best = i;
      out.get(best).add(f);
      load[best] += Math.max(1, f.size());
    }
    out.removeIf(List::isEmpty);
    for (List<InputFile> g : out) g.sort(Comparator.comparing(InputFile::path));
    return out;
  }

  /** The iterator of an injected first-attempt failure: one row, then an exception. */
  private static final class FailAfterFirst implements Iterator<Row> {
    private final Iterator<Row> in;
    private int served;

    FailAfterFirst(Iterator<Row> in) {
      this.in = in;
    }

    @Override
    public boolean hasNext() {
      if (served > 0) throw new IllegalStateException("injected failure (" + TEST_FAIL_FIRST_ATTEMPT + ")");
      return in.hasNext();
    }

    @Override
    public Row next() {
      hasNext();
      served++;
      return in.next();
    }
  }

  /** Streams the records of a group of files (or of one range of a WARC file), one file open at a time. */
  private static final class GroupIterator implements Iterator<Row> {
    private final Iterator<InputSplit> splits;
    private final SerializableConfiguration conf;
    private final IngestParams p;
    private RecordSource current;

    GroupIterator(List<InputSplit> group, SerializableConfiguration conf, IngestParams p) {
      this.splits = group.iterator();
      this.conf = conf;
      this.p = p;
    }

    @Override
    public boolean hasNext() {
      while (current == null || !current.hasNext()) {
        if (current != null) closeQuietly(current);
        if (!splits.hasNext()) return false;
        InputSplit s = splits.next();
        current = s.open(new FileOpener(s.path(), conf), p);
      }
      return true;
    }

    @Override
    public Row next() {
      hasNext();
      return toRow(current.next());
    }
  }

  /** Opens a file of any Hadoop file system, seeking where a byte range starts. */
  private static final class FileOpener implements RecordSource.Opener {
    private final String path;
    private final SerializableConfiguration conf;

    FileOpener(String path, SerializableConfiguration conf) {
      this.path = path;
      this.conf = conf;
    }

    @Override
    public InputStream open() throws java.io.IOException {
      Path hp = new Path(path);
      return hp.getFileSystem(conf.value()).open(hp, 1 << 16);
    }

    @Override
    public InputStream openAt(long offset) throws java.io.IOException {
      Path hp = new Path(path);
      FSDataInputStream in = hp.getFileSystem(conf.value()).open(hp, 1 << 16);
      if (offset > 0) in.seek(offset);
      return in;
    }

    @Override
    public long length() throws java.io.IOException {
      Path hp = new Path(path);
      return hp.getFileSystem(conf.value()).getFileStatus(hp).getLen();
    }
  }

  private static void closeQuietly(RecordSource r) {
    try {
      r.close();
    } catch (java.io.IOException ignored) {
      // reading is over; nothing to lose
    }
  }

  static Row toRow(RawRecord r) {
    return RowFactory.create(r.inputPath(), r.inputFormat(), r.recordNumber(), r.sourceId(), r.source(), r.url(),
        r.title(), r.publishedRaw(), r.text(), r.encoding(),
        r.meta() == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(r.meta()),
        r.reason(), r.message(), r.excerpt(),
        r.fetchedAt() == null ? null : Timestamp.from(java.time.Instant.parse(r.fetchedAt())),
        PageExtractions.toRow(r.extraction()));
  }

  // ---- Parquet inputs ----------------------------------------------------------------------------------------

  private static Dataset<Row> readParquet(SparkSession spark, JavaSparkContext jsc, List<InputFile> files,
      SerializableConfiguration conf, IngestParams p, int cores) {
    // A file that isn't Parquet would fail Spark's reader and the whole run, and files with different schemas read
    // together would lose the columns of all but one: check each footer first (on the executors), then read each
    // group of files sharing a schema on its own.
    List<String> paths = files.stream().map(InputFile::path).toList();
    List<Tuple2<String, Row>> checks = jsc.parallelize(paths, Math.min(paths.size(), 2 * cores))
        .map(path -> parquetCheck(path, conf.value())).collect();
    Map<String, List<String>> bySchema = new java.util.TreeMap<>();
    List<Row> bad = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      Tuple2<String, Row> c = checks.get(i);
      if (c._2() != null) bad.add(c._2());
      else bySchema.computeIfAbsent(c._1(), k -> new ArrayList<>()).add(paths.get(i));
    }
    Dataset<Row> out = spark.createDataFrame(bad, RAW_SCHEMA);
    for (List<String> group : bySchema.values()) out = out.unionByName(readParquetGroup(spark, group, p));
    return out;
  }

  private static Dataset<Row> readParquetGroup(SparkSession spark, List<String> group, IngestParams p) {
    Dataset<Row> rows = spark.read().parquet(group.toArray(String[]::new))
        .withColumn("__path", col("_metadata.file_path"))
        .withColumn("__row", col("_metadata.row_index"));
    String[] names = Arrays.stream(rows.columns()).filter(c -> !c.startsWith("__")).toArray(String[]::new);
    return spark.createDataFrame(rows.javaRDD().map(row -> {
      String path = row.getAs("__path");
      long number = ((Number) row.getAs("__row")).longValue() + 1;
      Map<String, Object> rec = new LinkedHashMap<>();
      for (String n : names) {
        Object v = row.getAs(n);
        if (v instanceof byte[] b) {
          // A binary column holding text: decode strictly, as the other readers do.
          try {
            v = Bytes.strictDecode(b, StandardCharsets.UTF_8);
          } catch (java.nio.charset.CharacterCodingException e) {
            return toRow(RawRecord.reject(path, "parquet", number, RawRecord.INVALID_UTF8,
                "column '" + n + "' is not valid UTF-8", null));
          }
        }
        rec.put(n, plain(v));
      }
      RawRecord r = p.fields().map(rec, path, "parquet", number);
      if (!r.rejected() && utf8Length(r.text()) > p.maxRecordBytes()) {
        r = RawRecord.reject(path, "parquet", number, RawRecord.TOO_LARGE,
            "text is longer than --max-record-bytes=" + p.maxRecordBytes(), r.text());
      }
      return toRow(r);
    }), RAW_SCHEMA);
  }

  /** Spark row values as plain Java values (Row → Map, Seq → List, times → ISO strings) for {@link FieldMapping}. */
  static Object plain(Object v) {
    if (v instanceof Row r) {
      Map<String, Object> m = new LinkedHashMap<>();
      String[] fields = r.schema() == null ? new String[0] : r.schema().fieldNames();
      for (int i = 0; i < r.size(); i++) m.put(i < fields.length ? fields[i] : "_" + i, plain(r.get(i)));
      return m;
    }
    if (v instanceof scala.collection.Seq<?> seq) {
      List<Object> l = new ArrayList<>();
      for (Object o : scala.jdk.javaapi.CollectionConverters.asJava(seq)) l.add(plain(o));
      return l;
    }
    if (v instanceof scala.collection.Map<?, ?> map) {
      Map<String, Object> m = new LinkedHashMap<>();
      scala.jdk.javaapi.CollectionConverters.asJava(map).forEach((k, x) -> m.put(String.valueOf(k), plain(x)));
      return m;
    }
    if (v instanceof Timestamp t) return t.toInstant().toString();
    if (v instanceof java.time.Instant t) return t.toString();
    if (v instanceof java.sql.Date d) return d.toLocalDate().toString();
    return v;
  }

  static long utf8Length(String s) {
    return Text.utf8Length(s);
  }


  /**
   * (schema, null) when the file is readable Parquet (magic bytes at both ends, a footer that parses), else
   * (null, a rejection row).
   */
  static Tuple2<String, Row> parquetCheck(String path, Configuration conf) {
    Row bad = parquetMagicCheck(path, conf);
    if (bad != null) return new Tuple2<>(null, bad);
    try (org.apache.parquet.hadoop.ParquetFileReader r = io.newslens.output.ParquetTables.open(
        org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(new Path(path), conf))) {
      return new Tuple2<>(r.getFooter().getFileMetaData().getSchema().toString(), null);
    } catch (java.io.IOException | RuntimeException e) {
      return new Tuple2<>(null, toRow(RawRecord.reject(path, "parquet", 0, RawRecord.CORRUPT_PARQUET,
          "unreadable Parquet footer: " + e.getMessage(), null)));
    }
  }

  private static Row parquetMagicCheck(String path, Configuration conf) {
    try {
      Path hp = new Path(path);
      FileSystem fs = hp.getFileSystem(conf);
      long len = fs.getFileStatus(hp).getLen();
      byte[] head = new byte[4];
      byte[] tail = new byte[4];
      try (FSDataInputStream in = fs.open(hp)) {
        if (len >= 12) {
          in.readFully(0, head);
          in.readFully(len - 4, tail);
        }
      }
      byte[] magic = "PAR1".getBytes(StandardCharsets.US_ASCII);
      if (len == 0) {
        return toRow(RawRecord.reject(path, "parquet", 0, RawRecord.EMPTY_FILE, "file is empty", null));
      }
      if (len < 12 || !Arrays.equals(head, magic) || !Arrays.equals(tail, magic)) {
        return toRow(RawRecord.reject(path, "parquet", 0, RawRecord.CORRUPT_PARQUET,
            "not a complete Parquet file (missing PAR1 magic bytes)", null));
      }
      return null;
    } catch (java.io.IOException e) {
      return toRow(RawRecord.reject(path, "parquet", 0, RawRecord.UNREADABLE, "cannot read: " + e.getMessage(), null));
    }
  }

}
