package io.newslens.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a SparkSession is made. Under spark-submit the master (and everything else) comes from there;
 * only when no master was given does the job run on embedded local Spark.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static final String DEFAULT_MASTER = "local[*]";

  static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
  /**
   * Set when the shuffle partitions are ours (not the user's), so they may follow the corpus size; its value is the
   * session's own default (8 per local core), the base the sizing starts from whenever it runs.
   */
  static final String AUTO_PARTITIONS = "spark.newslens.autoShufflePartitions";
  /**
   * {@link #AUTO_PARTITIONS} on a master given by spark-submit: the default partitions are {@value
   * #PARTITIONS_PER_CORE} per core the cluster has when the corpus is sized (its executors have registered by then),
   * as on a local master, instead of Spark's fixed 200.
   */
  static final String PER_CORE = "per-core";
  public static final String ADAPTIVE = "spark.sql.adaptive.enabled";
  /**
   * Set when adaptive query execution is ours to choose (the user did not set {@value #ADAPTIVE}): it is then off
   * for a small corpus and on for any other ({@link #sizeShufflePartitions}).
   */
  static final String AUTO_ADAPTIVE = "spark.newslens.autoAdaptive";
  public static final String WHOLE_STAGE_CODEGEN = "spark.sql.codegen.wholeStage";
  /**
   * How Spark makes its expression evaluators (projections, predicates, orderings): FALLBACK (its default) compiles
   * generated Java with Janino and falls back to interpreting the expressions if that fails; NO_CODEGEN interprets
   * them. Spark marks it internal (it exists for its own tests of the interpreted path, which is the same fallback
   * every query may take); it is set only for a small corpus and only when the user set neither it nor
   * {@value #WHOLE_STAGE_CODEGEN}.
   */
  static final String CODEGEN_FACTORY_MODE = "spark.sql.codegen.factoryMode";
  /**
   * Set when code generation is ours to choose (the user set neither {@value #WHOLE_STAGE_CODEGEN} nor {@value
   * #CODEGEN_FACTORY_MODE}): off for a small corpus, on for any other ({@link #sizeShufflePartitions}).
   */
  static final String AUTO_CODEGEN = "spark.newslens.autoCodegen";
  static final int PARTITIONS_PER_CORE = 8;
  /** Corpus text (characters) per shuffle partition when the partitions follow the corpus size. */
  static final long TEXT_CHARS_PER_PARTITION = 24L << 20;
  /** Below this much text per default partition a corpus is small: one partition per this much text, at least one per core. */
  static final long SMALL_TEXT_CHARS_PER_PARTITION = 1L << 20;

  /**
   * Sizes the SQL shuffle partitions to the corpus once its text length is known. A large corpus gets one
   * partition per {@value #TEXT_CHARS_PER_PARTITION} characters beyond the default (8 per core), so a million
   * articles don't go through the handful of partitions that suit OrangeSum (every token-level shuffle would then
   * sort gigabytes per task). A small one (less than {@value #SMALL_TEXT_CHARS_PER_PARTITION} characters per
   * default partition) gets one partition per that much text and at least one per core: the seeds' every shuffle
   * ran 16 tasks of a few hundred bytes each, and every stage of the pipeline paid their scheduling. Only when the
   * partitions were not set by the user (spark-submit --conf or a system property); returns the partitions in
   * effect.
   *
   * <p>A small corpus also runs without adaptive query execution when the user left it to us: AQE runs every
   * shuffle stage of a query as a Spark job of its own and plans the rest again after each, which on a few
   * partitions of a few kilobytes coalesces nothing and costs a job's fixed time per shuffle (the seeds' run took 257
   * jobs with it, 144 without, with the same tables).
   *
   * <p>And, when the user left it to us, without code generation: each of the run's few hundred queries and
   * evaluators would be compiled to Java bytecode (Janino) for rows that take microseconds to interpret, and the JIT
   * then compiles the compiler. On the seeds the run took 18 % less job time and 19 % less CPU with every table
   * identical (README, "Small corpora without code generation").
   */
  public static int sizeShufflePartitions(SparkSession spark, long textChars) {
    int current = Integer.parseInt(spark.conf().get(SHUFFLE_PARTITIONS));
    String auto = spark.conf().get(AUTO_PARTITIONS, "false");
    int cores = Math.max(1, spark.sparkContext().defaultParallelism());
    boolean small = textChars < PARTITIONS_PER_CORE * cores * SMALL_TEXT_CHARS_PER_PARTITION;
    if (spark.conf().get(AUTO_ADAPTIVE, "false").equals("true")) {
      spark.conf().set(ADAPTIVE, Boolean.toString(!small));
    }
    if (spark.conf().get(AUTO_CODEGEN, "false").equals("true")) {
      spark.conf().set(WHOLE_STAGE_CODEGEN, Boolean.toString(!small));
      spark.conf().set(CODEGEN_FACTORY_MODE, small ? "NO_CODEGEN" : "FALLBACK");
    }
    if (auto.equals("false")) return current;
    int base = auto.equals("true") ? current
        : auto.equals(PER_CORE) ? PARTITIONS_PER_CORE * Math.max(1, spark.sparkContext().defaultParallelism())
        : Integer.parseInt(auto);
    int wanted;
    if (textChars < base * SMALL_TEXT_CHARS_PER_PARTITION) {
      wanted = (int) Math.max(Math.min(cores, base), textChars / SMALL_TEXT_CHARS_PER_PARTITION + 1);
    } else {
      wanted = (int) Math.min(2000, Math.max(base, textChars / TEXT_CHARS_PER_PARTITION + 1));
    }
    if (wanted != current) spark.conf().set(SHUFFLE_PARTITIONS, Integer.toString(wanted));
    return wanted;
  }

  /** Whether the session generates code: whole-stage code generation on and evaluators not interpreted. */
  public static boolean generatesCode(SparkSession spark) {
    return Boolean.parseBoolean(spark.conf().get(WHOLE_STAGE_CODEGEN, "true"))
        && !spark.conf().get(CODEGEN_FACTORY_MODE, "FALLBACK").equals("NO_CODEGEN");
  }

  static final String EXECUTOR_JAVA_OPTIONS_KEY = "spark.executor.extraJavaOptions";
  /**
   * Executors' JIT on a cluster: HotSpot's optimising compiler (C2) takes only methods about eight times hotter than
   * by default (invocations, loop back-edges); the rest run as C1 compiled them. Every executor is a JVM of its own
   * that compiles Spark, the job and the generated code again, on the cores its tasks run on; a local master
   * compiles them once. On two one-core executors (2,000 OrangeSum articles) the standalone job took 151.8 s with
   * the default thresholds, 106.7 s with C1 alone (whose code ran the analyzer's and reuse's hot loops 1.5-1.9x
   * slower on the whole corpus) and 122.5 s with these; on the whole corpus 358.9 s against 395.4 s (see README,
   * "Cluster against local").
   */
  static final String EXECUTOR_JIT = "-XX:Tier4InvocationThreshold=40000 -XX:Tier4MinInvocationThreshold=4800 "
      + "-XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=400000";

  /** Whether the executors get {@link #EXECUTOR_JIT}: a master that is not local, and no executor options set. */
  static boolean executorJit(SparkConf conf) {
    return conf.contains("spark.master") && !conf.get("spark.master").startsWith("local")
        && !conf.contains(EXECUTOR_JAVA_OPTIONS_KEY);
  }

  public static SparkSession getOrCreate(String masterIfNoneGiven) {
    SparkConf conf = new SparkConf(true); // picks up spark.* system properties set by spark-submit
    SparkSession.Builder b = SparkSession.builder().config(conf);
    // spark-submit names the app after the main class when --name is not given
    String name = conf.get("spark.app.name", "");
    if (name.isEmpty() || name.equals("io.newslens.cli.Main")) b.appName("newslens");
    if (!conf.contains("spark.master")) {
      String master = masterIfNoneGiven != null ? masterIfNoneGiven : DEFAULT_MASTER;
      b.master(master);
      // Spark's 200 shuffle partitions cost seconds per shuffle on a laptop (GraphX and RDD steps don't get
      // AQE's coalescing); 8 per core keeps partitions small enough for a million articles on local[2].
      int partitions = Math.max(PARTITIONS_PER_CORE, PARTITIONS_PER_CORE * localCores(master));
      if (!conf.contains(SHUFFLE_PARTITIONS)) {
        b.config(SHUFFLE_PARTITIONS, Integer.toString(partitions));
        b.config(AUTO_PARTITIONS, Integer.toString(partitions));
      }
      setIfAbsent(b, conf, "spark.default.parallelism", Integer.toString(Math.max(2, localCores(master))));
      setIfAbsent(b, conf, "spark.driver.host", "127.0.0.1");
      setIfAbsent(b, conf, "spark.ui.showConsoleProgress", "false");
      // On a local master the driver's heap also runs the tasks, whose Parquet page buffers, per-document arrays
      // and UDF objects live outside Spark's unified memory. With Spark's 0.6 a 2 GB driver ran out of heap in
      // dedup at a million articles; 0.4 leaves those objects 1 GB and completed it (growth-1m-attempt4).
      setIfAbsent(b, conf, "spark.memory.fraction", "0.4");
      // A finished stage's shuffle files are deleted when the driver's garbage collector frees its shuffle, which a
      // large heap may not do for Spark's default 30 min: at a million articles 37 GB of earlier stages' shuffle
      // files were still on disk when reuse started. A collection every 2 min lets them go.
      setIfAbsent(b, conf, "spark.cleaner.periodicGC.interval", "2min");
    }
    if (conf.contains("spark.master") && !conf.contains(SHUFFLE_PARTITIONS)) {
      // submitted to a cluster without the user's partitions: Spark's 200 would give a 2,000-article corpus on two
      // executors 200-task stages of a few milliseconds each (the cluster run was 4x local[2]); the partitions
      // follow the corpus and the cluster's cores as on a local master
      b.config(AUTO_PARTITIONS, PER_CORE);
    }
    if (executorJit(conf)) b.config(EXECUTOR_JAVA_OPTIONS_KEY, EXECUTOR_JIT);
    setIfAbsent(b, conf, "spark.sql.session.timeZone", "UTC");
    if (!conf.contains(ADAPTIVE)) {
      b.config(ADAPTIVE, "true");
      b.config(AUTO_ADAPTIVE, "true");
    }
    if (!conf.contains(WHOLE_STAGE_CODEGEN) && !conf.contains(CODEGEN_FACTORY_MODE)) b.config(AUTO_CODEGEN, "true");
    setIfAbsent(b, conf, "spark.sql.parquet.compression.codec", "zstd");
    // zstd for shuffle and spill blocks too: reuse's shuffles of n-gram postings and pair texts were 39 % smaller
    // than with lz4 (2.1 against 3.5 GB at 100k synthetic articles) for about 9 % more time; a million articles
    // needs tens of GB of shuffle space otherwise.
    setIfAbsent(b, conf, "spark.io.compression.codec", "zstd");
    // The vectorized Parquet reader fills 4,096 rows a batch; a tokens row holds a whole article's token structs
    // (hundreds), so one batch of it is over a million structs per column and a 2 GB driver ran out of heap in
    // the topics stage (measured on 10k synthetic articles; 512 ran the same job in 2 GB).
    setIfAbsent(b, conf, "spark.sql.parquet.columnarReaderBatchSize", "512");
    // Likewise for cached tables: 10,000-row column batches of per-document arrays (dedup's shingle sets) grew
    // buffers a 2 GB driver could not allocate at a million articles; 1,000 rows a batch keeps them small.
    setIfAbsent(b, conf, "spark.sql.inMemoryColumnarStorage.batchSize", "1000");
    // Parquet row groups of 32 MiB instead of 128: a reader allocates a whole column chunk of a row group, and
    // the documents' text column chunk of a 128 MiB group failed to allocate in a 2 GB driver at a million
    // articles (growth-1m-attempt3); writers buffer one group per open file.
    setIfAbsent(b, conf, "spark.hadoop.parquet.block.size", Integer.toString(32 << 20));
    return b.getOrCreate();
  }

  /** Cores of a local master: local → 1, local[N] / local[N,F] → N, local[*] → available processors. */
  static int localCores(String master) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?\\])?").matcher(master);
    if (!m.matches()) return Runtime.getRuntime().availableProcessors();
    if (m.group(1) == null) return 1;
    return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
  }

  private static void setIfAbsent(SparkSession.Builder b, SparkConf conf, String key, String value) {
    if (!conf.contains(key)) b.config(key, value);
  }
}
