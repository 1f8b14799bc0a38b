package io.newslens.terms;

import io.newslens.spark.Schemas;
import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.newslens.analyze.Tokens;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The terms stage: term statistics of the corpus, all terms shown in their display form
 * ({@link Tokens#displayForms}). Statistics are per language (a term is a (lang, term) pair; N is the language's
 * count of counted documents or tokens), over tokens with {@code stop == false}; collocations use every token of a
 * sentence. Formulas: {@link TermWeights} (idf), {@link Association} (PMI, NPMI, G², log ratio).
 *
 * <p><b>Counting unit.</b> With duplicate clusters and {@link CountMode#CLUSTER} (default) only each cluster's
 * representative is counted, so a story reprinted forty times counts once; documents missing from the clusters
 * table count as their own cluster. {@link CountMode#STORY} is the same with the stories stage's units (the caller
 * passes one row per article flagging each story's first article). With {@link CountMode#RAW}, or when no
 * clusters are given, every article counts.
 * doc_terms covers every article either way (a reprint gets its own top terms, weighed by the counted corpus's idf).
 *
 * <p>Tables (every top-N ordering has a full tie-break):
 * <pre>
 * terms         term, display, lang, tf (occurrences), df (documents), idf, share (df / N), dp (Gries' deviation of
 *               proportions over the counted documents, {@link Dispersion}), frequent (share &gt; --frequent-share);
 *               df &gt;= --min-term-df
 * doc_terms     doc_id, lang, term, display, tf (in the document), idf, weight (tf × idf), rank (1 = highest
 *               weight, then term); rank &lt;= --top-terms
 * collocations  lang, phrase (most frequent surface, then smallest; taken from documents.text when given, see
 *               {@link Phrases}), phrase_terms, words (2 or 3), count, first_count, last_count (of the end terms),
 *               corpus_tokens (all tokens, stop words included), pmi, npmi, g2, rank (by g2, count, terms); only
 *               pmi &gt; 0, count &gt;= --min-collocation-count, rank &lt;= --max-collocations per language
 * keyness       dimension ("source" or "period"), subset (the source, or the period label), lang, term, display,
 *               count_target, count_reference, tokens_target, tokens_reference, g2, log_ratio, rank (by g2,
 *               log_ratio, term), dp (the term's DP over the subset's counted documents); over-represented terms
 *               only (count_target/tokens_target &gt; count_reference/tokens_reference) with count_target &gt;=
 *               --keyness-min-count, g2 &gt;= --keyness-min-g2 and dp &lt;= --keyness-max-dp (spread over the subset's
 *               articles, not repeated by a few),
 *               rank &lt;= --keyness-top per (dimension, subset, lang); the reference is the rest of the same
 *               language's corpus (for periods: of its dated part)
 * term_trends   lang, term, display, period, period_start, count, doc_count, period_tokens, period_docs, rel_freq
 *               (count / period_tokens), for the --trend-terms most frequent terms of each language in the dated
 *               corpus, every period of that language (zero counts included)
 * </pre>
 * Undated documents are left out of keyness by period and term_trends; documents without a source out of keyness by
 * source ({@link Result#stats()} says how many).
 *
 * <p><b>State for updates.</b> Every table is a function of per-document rows and of counts that are sums, so an
 * update need not read every token again: a full run keeps both ({@code apply(…, true)}: {@link
 * Result#stateDocuments()}, {@link Result#stateCounts()}, stored by {@code io.newslens.state.State}); an update
 * counts the documents it adds or changes ({@link #changes}, the old ones' former counts withdrawn) and computes
 * the tables from the stored rows ({@link #fromState}).
 */
public final class Terms {
  private Terms() {}

  // private working columns
  static final String COUNTED = "_counted";
  private static final String N_DOCS = "_n_docs";
  private static final String N_TOKENS = "_n_tokens";
  private static final String N_CONTENT = "_n_content";
  private static final String KIND = "_kind";
  private static final String N = "_n";
  private static final String M = "_m";
  private static final String K = "_k";
  private static final String PHRASE_KEY = "_phrase_key";
  private static final String DOC_TERMS = "_doc_terms";
  private static final String DOC_TFS = "_doc_tfs";
  private static final String N_CONTENT_TOTAL = "_n_content_total";
  private static final String F = "_f";

  /**
   * The stage's tables (lazy) and what the manifest should say. The tables share one intermediate table marked for
   * caching (persist is lazy: it is computed by the first table written): the one pass over the tokens
   * ({@link Parts}) summed per key ({@link Totals}): per-document flags and term counts, display forms, counted
   * term occurrences per term, source and period, and collocation candidates with their counts.
   * {@link #release()} frees it once the tables are written.
   */
  public record Result(Dataset<Row> terms, Dataset<Row> docTerms, Dataset<Row> collocations, Dataset<Row> keyness,
      Dataset<Row> termTrends, CountMode countModeRequested, CountMode countMode, PeriodUnit period,
      CountedTotals sizes, List<Dataset<Row>> cached, Dataset<Row> summed) {

    /** The documents the stage counted (from the sizes held on the driver: no Spark job). */
    public TermsStats stats() {
      long[] n = sizes.documentCounts();
      return new TermsStats(countModeRequested, countMode, period, n[0], n[1], n[2], n[3]);
    }

    /** Unpersists the cached intermediate tables. */
    public void release() {
      for (Dataset<Row> d : cached) d.unpersist();
    }

    /**
     * What an update continues from, per document ({@link #STATE_DOCUMENTS}); only when the stage was applied with
     * its state.
     */
    public Dataset<Row> stateDocuments() {
      return Terms.stateDocuments(state().filter(col(KIND).equalTo(Parts.DOC)));
    }

    /** What an update continues from, the summed counts ({@link #STATE_COUNTS}). */
    public Dataset<Row> stateCounts() {
      return Terms.stateCounts(state().filter(col(KIND).isin(Totals.GROUP_SUM, Totals.SURFACE_SUM,
          Totals.PHRASE_SUM)));
    }

    private Dataset<Row> state() {
      if (summed == null) throw new IllegalStateException("the terms stage was applied without its state");
      return summed;
    }
  }

  // the state an update continues from (see STATE_DOCUMENTS and STATE_COUNTS)
  public static final String STATE_COUNTED = "counted";
  public static final String STATE_TOKENS = "n_tokens";
  public static final String STATE_CONTENT = "n_content";
  public static final String STATE_TERMS = "terms";
  public static final String STATE_TFS = "tfs";
  /**
   * The state counts' kind column ({@link io.newslens.Columns#KIND}) and its values: a term's counted occurrences
   * in a (source, period), a display candidate's, a phrase candidate's.
   */
  public static final String STATE_KIND = io.newslens.Columns.KIND;
  public static final String STATE_TERM = "term";
  public static final String STATE_SURFACE = "surface";
  public static final String STATE_PHRASE = "phrase";

  /**
   * Per document with tokens and a documents row: doc_id, lang, source, period, period_start (a date), counted
   * (whether the terms tables count it), n_tokens, n_content (its content tokens), terms and tfs (its content terms
   * in the order of first occurrence, and their occurrences). Every per-document total of the stage comes from
   * these rows.
   */
  public static final StructType STATE_DOCUMENTS = new StructType()
      .add(DOC_ID, DataTypes.StringType, true)
      .add(LANG, DataTypes.StringType, true)
      .add(SOURCE, DataTypes.StringType, true)
      .add(PERIOD, DataTypes.StringType, true)
      .add(PERIOD_START, DataTypes.DateType, true)
      .add(STATE_COUNTED, DataTypes.BooleanType, true)
      .add(STATE_TOKENS, DataTypes.LongType, true)
      .add(STATE_CONTENT, DataTypes.LongType, true)
      .add(STATE_TERMS, new ArrayType(DataTypes.StringType, false), true)
      .add(STATE_TFS, new ArrayType(DataTypes.LongType, false), true);

  /**
   * The summed counts, before any is reduced to a display form or filtered: kind {@value #STATE_TERM} (lang,
   * source, period, term: count = occurrences and docs = documents, over counted documents), {@value
   * #STATE_SURFACE} (lang, term, surface: count = occurrences as that surface, over every token) and {@value
   * #STATE_PHRASE} (lang, term = the phrase key, its terms joined by U+0000, surface: count = occurrences, over
   * counted documents, whatever --min-collocation-count). Rows may repeat a key: its count is their sum (an
   * update adds its changes as rows of their own, withdrawals negative).
   */
  public static final StructType STATE_COUNTS = new StructType()
      .add(STATE_KIND, DataTypes.StringType, false)
      .add(LANG, DataTypes.StringType, true)
      .add(SOURCE, DataTypes.StringType, true)
      .add(PERIOD, DataTypes.StringType, true)
      .add(TERM, DataTypes.StringType, true)
      .add(SURFACE, DataTypes.StringType, true)
      .add(COUNT, DataTypes.LongType, false)
      .add(DOCS, DataTypes.LongType, true);

  /** {@link #STATE_DOCUMENTS} rows from rows of kind {@link Parts#DOC}. */
  private static Dataset<Row> stateDocuments(Dataset<Row> docRows) {
    return docRows.select(col(DOC_ID), col(LANG), col(SOURCE), col(PERIOD),
        date_from_unix_date(col(PERIOD_START)).as(PERIOD_START), col(COUNTED).as(STATE_COUNTED),
        col(N).as(STATE_TOKENS), col(M).as(STATE_CONTENT), col(DOC_TERMS).as(STATE_TERMS),
        col(DOC_TFS).as(STATE_TFS));
  }

  /** {@link #STATE_COUNTS} rows from summed rows (kinds GROUP/SURFACE/PHRASE of either Parts or Totals). */
  private static Dataset<Row> stateCounts(Dataset<Row> sums) {
    Column kind = col(KIND);
    return sums.select(
        when(kind.isin(Parts.GROUP_COUNT, Totals.GROUP_SUM), lit(STATE_TERM))
            .when(kind.isin(Parts.SURFACE_COUNT, Totals.SURFACE_SUM), lit(STATE_SURFACE))
            .when(kind.isin(Parts.PHRASE_COUNT, Totals.PHRASE_SUM), lit(STATE_PHRASE)).as(STATE_KIND),
        col(LANG), col(SOURCE), col(PERIOD), col(TERM), col(SURFACE), col(N).as(COUNT), col(M).as(DOCS));
  }

  /** {@link #STATE_DOCUMENTS} rows back in the stage's row layout ({@link #PARTS_TYPE}). */
  private static Dataset<Row> docRows(Dataset<Row> state) {
    return state.select(lit(Parts.DOC).as(KIND), col(DOC_ID), col(LANG), col(SOURCE), col(PERIOD),
        unix_date(col(PERIOD_START)).as(PERIOD_START), col(STATE_COUNTED).as(COUNTED),
        lit(null).cast("string").as(TERM), lit(null).cast("string").as(SURFACE), col(STATE_TOKENS).as(N),
        col(STATE_CONTENT).as(M), lit(null).cast("long").as(K), col(STATE_TERMS).as(DOC_TERMS),
        col(STATE_TFS).as(DOC_TFS));
  }

  /** {@link #STATE_COUNTS} rows back in the stage's row layout, as {@link Parts} emits them. */
  private static Dataset<Row> countRows(Dataset<Row> state) {
    Column kind = col(STATE_KIND);
    return state.select(
        when(kind.equalTo(STATE_TERM), lit(Parts.GROUP_COUNT))
            .when(kind.equalTo(STATE_SURFACE), lit(Parts.SURFACE_COUNT))
            .when(kind.equalTo(STATE_PHRASE), lit(Parts.PHRASE_COUNT))
            // a null kind gives a message too (concat with null is null): an unreadable state says so
            .otherwise(raise_error(concat(lit("terms state: unknown kind "), coalesce(kind, lit("null")))))
            .cast("int").as(KIND),
        lit(null).cast("string").as(DOC_ID), col(LANG), col(SOURCE), col(PERIOD),
        lit(null).cast("int").as(PERIOD_START), lit(null).cast("boolean").as(COUNTED), col(TERM), col(SURFACE),
        col(COUNT).as(N), col(DOCS).as(M), lit(null).cast("long").as(K),
        lit(null).cast("array<string>").as(DOC_TERMS), lit(null).cast("array<bigint>").as(DOC_TFS));
  }

  /**
   * The documents whose counting may differ from the stored state: stored documents ({@link #STATE_DOCUMENTS})
   * whose counted flag, source or period is not what {@code documents} and {@code clusters} give now (a cluster
   * got another representative, a story another first article). One row each: doc_id.
   */
  public static Dataset<Row> recounted(Dataset<Row> stateDocuments, Dataset<Row> documents, Dataset<Row> clusters,
      TermsParams p) {
    require(documents, "documents", DOC_ID, PUBLISHED_AT, SOURCE);
    require(clusters, "clusters", DOC_ID, IS_REPRESENTATIVE);
    Dataset<Row> now = flagged(documents.select(DOC_ID, SOURCE, PUBLISHED_AT), clusters, p.countMode(), p)
        .select(DOC_ID, COUNTED, SOURCE, PERIOD);
    return stateDocuments.select(col(DOC_ID), col(STATE_COUNTED).as("_was"), col(SOURCE).as("_source"),
            col(PERIOD).as("_period"))
        .join(now, DOC_ID)
        .filter(not(col("_was").eqNullSafe(col(COUNTED)).and(col("_source").eqNullSafe(col(SOURCE)))
            .and(col("_period").eqNullSafe(col(PERIOD)))))
        .select(DOC_ID);
  }

  /**
   * An update's changes to the stored state: new {@link #STATE_DOCUMENTS} rows for the documents added or changed,
   * and {@link #STATE_COUNTS} rows of the count changes (their contribution as they are now, minus what the old
   * ones among them contributed as they were; only keys whose count changed). {@link #release()} once written.
   */
  public record Changes(Dataset<Row> documents, Dataset<Row> counts, Dataset<Row> cached) {
    public void release() {
      cached.unpersist();
    }
  }

  /**
   * @param stateBefore     the stored state rows ({@link #STATE_DOCUMENTS}) of the old documents that change
   * @param tokensBefore    their tokens as the state counted them
   * @param documentsBefore their documents rows as they were (doc_id, text)
   * @param tokensAfter     the tokens of every document added or changed, as they are now
   * @param documentsAfter  those documents' rows now (doc_id, source, published_at, text)
   * @param clusters        doc_id, is_representative, of (at least) those documents now
   */
  public static Changes changes(Dataset<Row> stateBefore, Dataset<Row> tokensBefore, Dataset<Row> documentsBefore,
      Dataset<Row> tokensAfter, Dataset<Row> documentsAfter, Dataset<Row> clusters, TermsParams p) {
    checkTokens(tokensBefore);
    checkTokens(tokensAfter);
    require(documentsAfter, "documents", DOC_ID, PUBLISHED_AT, SOURCE);
    require(clusters, "clusters", DOC_ID, IS_REPRESENTATIVE);
    boolean hasText = Arrays.asList(documentsBefore.columns()).contains(TEXT);
    Dataset<Row> before = stateBefore.select(col(DOC_ID), col(SOURCE), col(PERIOD), col(PERIOD_START),
            col(STATE_COUNTED).as(COUNTED))
        .join(documentsBefore.select(col(DOC_ID), hasText ? col(TEXT) : lit(null).cast("string").as(TEXT)),
            new String[] {DOC_ID}, "left");
    Dataset<Row> withdrawn = parts(tokensBefore, before).filter(col(KIND).notEqual(Parts.DOC))
        .withColumn(N, negate(col(N))).withColumn(M, negate(col(M)));
    Dataset<Row> after = parts(tokensAfter, flagged(documentsAfter, clusters, p.countMode(), p)).persist(CACHE);
    Dataset<Row> counts = after.filter(col(KIND).notEqual(Parts.DOC)).unionByName(withdrawn)
        .groupBy(KIND, LANG, SOURCE, PERIOD, TERM, SURFACE)
        .agg(sum(col(N)).as(N), sum(col(M)).as(M))
        .filter(col(N).notEqual(0).or(coalesce(col(M), lit(0L)).notEqual(0)));
    return new Changes(stateDocuments(after.filter(col(KIND).equalTo(Parts.DOC))), stateCounts(counts), after);
  }

  /**
   * The stage's tables from its stored state after an update's {@link #changes}: every document's row and every
   * count change since the full run that wrote the state. Equal to {@link #apply} on the same documents (the sums
   * are exact); the tokens are not read.
   */
  public static Result fromState(Dataset<Row> stateDocuments, Dataset<Row> stateCounts, TermsParams p) {
    long minPhraseCount = p.minCollocationCount();
    Dataset<Row> totals = docRows(stateDocuments)
        .unionByName(countRows(stateCounts)
            .repartition(col(LANG), col(TERM))
            .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new Totals(rows, minPhraseCount, false),
                Encoders.row(PARTS_TYPE)))
        .persist(CACHE);
    return tables(totals, p.countMode(), p, false);
  }

  /** Frequent terms the manifest names per language (it counts them all). */
  public static final int FREQUENT_LISTED = 50;

  /**
   * The manifest's terms section: the stage's numbers, the frequent share, the frequent terms per language of the
   * written terms table (how many, and the first {@link #FREQUENT_LISTED} display forms by document frequency, then
   * term) and the keyness DP bound.
   */
  public static Map<String, Object> manifestSection(Result r, Dataset<Row> writtenTerms, TermsParams p) {
    Map<String, Object> section = new java.util.LinkedHashMap<>(r.stats().toMap());
    section.put("frequent_share", p.frequentShare());
    Map<String, Object> byLang = new TreeMap<>();
    for (Row x : writtenTerms.filter(col(FREQUENT))
        .groupBy(LANG)
        .agg(count(lit(1)), slice(transform(sort_array(collect_list(struct(lit(0L).minus(col(DF)), col(TERM),
            col(DISPLAY)))), e -> e.getField(DISPLAY)), 1, FREQUENT_LISTED))
        .collectAsList()) {
      byLang.put(x.getString(0), Map.of("count", x.getLong(1), "terms", x.getList(2)));
    }
    section.put("frequent_terms", byLang);
    section.put("keyness_max_dp", p.keynessMaxDp());
    return section;
  }

  /**
   * @param tokens        the analyze stage's table ({@link Tokens#SCHEMA})
   * @param documents     doc_id, source, published_at, and optionally text (the text the tokens' offsets point
   *                      into: then phrase surfaces are taken from it, see {@link Phrases})
   * @param clustersOrNull doc_id, is_representative (one row per document: the duplicate clusters, or the stories in
   *                      story mode), or null when no dedup ran
   */
  public static Result apply(Dataset<Row> tokens, Dataset<Row> documents, Dataset<Row> clustersOrNull,
      TermsParams p) {
    return apply(tokens, documents, clustersOrNull, p, false);
  }

  /**
   * As {@link #apply(Dataset, Dataset, Dataset, TermsParams)}; with {@code withState} the result also holds what an
   * update continues from ({@link Result#stateDocuments()}, {@link Result#stateCounts()}).
   */
  public static Result apply(Dataset<Row> tokens, Dataset<Row> documents, Dataset<Row> clustersOrNull,
      TermsParams p, boolean withState) {
    checkTokens(tokens);
    require(documents, "documents", DOC_ID, PUBLISHED_AT, SOURCE);
    if (clustersOrNull != null) require(clustersOrNull, "clusters", DOC_ID, IS_REPRESENTATIVE);
    CountMode mode = clustersOrNull == null ? CountMode.RAW : p.countMode();
    long minPhraseCount = p.minCollocationCount();
    // the candidates' per-partition sums meet in one shuffle (every (lang, term) or (lang, phrase key) in one
    // partition, documents spread by doc_id) and are summed there ({@link Totals}); only the totals (and with the
    // state, the sums) are cached
    Dataset<Row> totals = parts(tokens, flagged(documents, clustersOrNull, mode, p))
        .repartition(col(LANG), coalesce(col(DOC_ID), col(TERM)))
        .mapPartitions((MapPartitionsFunction<Row, Row>) rows -> new Totals(rows, minPhraseCount, withState),
            Encoders.row(PARTS_TYPE))
        .persist(CACHE);
    return tables(totals, mode, p, withState);
  }

  private static final StorageLevel CACHE = StorageLevel.MEMORY_AND_DISK();

  /** The row layout of {@link Parts} and {@link Totals}. */
  private static final StructType PARTS_TYPE = new StructType()
      .add(KIND, DataTypes.IntegerType, false)
      .add(DOC_ID, DataTypes.StringType, true)
      .add(LANG, DataTypes.StringType, true)
      .add(SOURCE, DataTypes.StringType, true)
      .add(PERIOD, DataTypes.StringType, true)
      .add(PERIOD_START, DataTypes.IntegerType, true) // days since 1970-01-01
      .add(COUNTED, DataTypes.BooleanType, true)
      .add(TERM, DataTypes.StringType, true)
      .add(SURFACE, DataTypes.StringType, true)
      .add(N, DataTypes.LongType, true)
      .add(M, DataTypes.LongType, true)
      .add(K, DataTypes.LongType, true)
      .add(DOC_TERMS, new ArrayType(DataTypes.StringType, false), true)
      .add(DOC_TFS, new ArrayType(DataTypes.LongType, false), true);

  /**
   * One row per document: doc_id, source, text (null when the documents have none), whether it is counted
   * ({@link #COUNTED}), period_start (a date) and period.
   */
  private static Dataset<Row> flagged(Dataset<Row> documents, Dataset<Row> clustersOrNull, CountMode mode,
      TermsParams p) {
    boolean hasText = Arrays.asList(documents.columns()).contains(TEXT);
    Dataset<Row> docs = documents.select(col(DOC_ID), col(SOURCE), col(PUBLISHED_AT),
        hasText ? col(TEXT) : lit(null).cast("string").as(TEXT));
    if (mode != CountMode.RAW) {
      // one row per document is the contract; should a document appear twice, it counts if it represents any
      // of its clusters (the documents are never multiplied by the join)
      Dataset<Row> reps = clustersOrNull.groupBy(DOC_ID).agg(max(col(IS_REPRESENTATIVE)).as("_rep"));
      docs = docs.join(reps, DOC_ID, "left")
          .withColumn(COUNTED, coalesce(col("_rep"), lit(true))).drop("_rep");
    } else {
      docs = docs.withColumn(COUNTED, lit(true));
    }
    return docs
        .withColumn(PERIOD_START, periodStart(col(PUBLISHED_AT), p.period()))
        .withColumn(PERIOD, periodLabel(col(PERIOD_START), p.period()))
        .drop(PUBLISHED_AT);
  }

  /**
   * The one pass over the tokens ({@link Parts}), in {@link #PARTS_TYPE} rows: every document's rows are counted
   * where they lie (no shuffle of tokens), display and collocation candidates and counted term occurrences summed
   * per partition. A left join keeps tokens rows without a documents row: they count nowhere but in the display
   * forms (which are over the whole tokens table). The token structs go in as parallel arrays
   * ({@link DocumentTokens}), not as Rows.
   *
   * @param docs as {@link #flagged} gives them
   */
  private static Dataset<Row> parts(Dataset<Row> tokens, Dataset<Row> docs) {
    Column toks = col(TOKENS);
    Dataset<DocumentTokens> joined = tokens.select(col(DOC_ID), col(LANG), toks.getField(TERM).as("terms"),
            toks.getField(SURFACE).as("surfaces"), toks.getField(SENTENCE).as("sentences"),
            toks.getField(STOP).as("stops"), toks.getField(START).as("starts"), toks.getField(END).as("ends"))
        .join(docs, new String[] {DOC_ID}, "left")
        .select(col(DOC_ID).as("docId"), col(LANG).as("lang"), col("terms"), col("surfaces"), col("sentences"),
            col("stops"), col("starts"), col("ends"), col(SOURCE).as("source"), col(PERIOD).as("period"),
            unix_date(col(PERIOD_START)).as("periodStart"), col(COUNTED).as("counted"), col(TEXT).as("text"))
        .as(Encoders.bean(DocumentTokens.class));
    return joined.mapPartitions((MapPartitionsFunction<DocumentTokens, Row>) rows -> new Parts(rows, Parts.MAX_KEYS),
        Encoders.row(PARTS_TYPE));
  }

  /** The five tables from the summed counts ({@link Totals}' rows, cached by the caller). */
  private static Result tables(Dataset<Row> totals, CountMode mode, TermsParams p, boolean withState) {
    Dataset<Row> flags = totals.filter(col(KIND).equalTo(Parts.DOC))
        .select(col(DOC_ID), col(LANG), col(SOURCE), col(PERIOD), date_from_unix_date(col(PERIOD_START))
            .as(PERIOD_START), col(COUNTED), col(N).as(N_TOKENS), col(M).as(N_CONTENT), col(DOC_TERMS), col(DOC_TFS));

    Dataset<Row> display = totals.filter(col(KIND).equalTo(Parts.SURFACE_COUNT))
        .select(col(LANG), col(TERM), col(SURFACE).as(DISPLAY));
    // the counted documents' sizes per language, source and period, held on the driver (one Spark job): every
    // per-language, per-source and per-period total below is summed from them
    CountedTotals sizes = CountedTotals.of(flags, N_TOKENS, N_CONTENT);
    Dataset<Row> perLang = sizes.perLanguage(N_DOCS, N_TOKENS, N_CONTENT_TOTAL);
    // every counted document's (term, occurrences) pairs with its size and subsets: what dispersion sums over
    Dataset<Row> countedPairs = flags.filter(col(COUNTED))
        .select(col(LANG), col(SOURCE), col(PERIOD), col(N_CONTENT),
            explode(arrays_zip(col(DOC_TERMS), col(DOC_TFS))).as("_t"))
        .select(col(LANG), col(SOURCE), col(PERIOD), col(N_CONTENT), col("_t." + DOC_TERMS).as(TERM),
            col("_t." + DOC_TFS).as(F));

    UserDefinedFunction idf = udf((UDF2<Long, Long, Double>) TermWeights::idf, DataTypes.DoubleType);
    Dataset<Row> termAgg = totals.filter(col(KIND).equalTo(Totals.TERM_TOTAL))
        // df is never null (a count, as the table's schema has always said)
        .select(col(LANG), col(TERM), col(N).as(TF), coalesce(col(M), lit(0L)).as(DF), col(K).as("_dated"))
        .join(broadcast(perLang), LANG)
        .withColumn(IDF, idf.apply(col(DF), col(N_DOCS)))
        .withColumn(SHARE, col(DF).divide(col(N_DOCS)))
        // computed once: terms, dispersion, doc_terms, collocations and trends all read it
        .persist(CACHE);

    // DP over the counted documents: the (lang, term) totals are broadcast to the pairs, no pair is shuffled
    Dataset<Row> dp = dispersion(countedPairs
            .join(broadcast(termAgg.select(col(LANG), col(TERM), col(TF).as("_term_tf"))), new String[] {LANG, TERM})
            .join(broadcast(perLang.select(col(LANG), col(N_CONTENT_TOTAL).as("_lang_n"))), LANG),
        col("_term_tf"), col("_lang_n"), LANG, TERM);
    Dataset<Row> terms = withDisplay(termAgg.filter(col(DF).geq(p.minTermDf())).join(dp, new String[] {LANG, TERM}),
            display)
        .withColumn(FREQUENT, col(SHARE).gt(p.frequentShare()))
        .select(TERM, DISPLAY, LANG, TF, DF, IDF, SHARE, DP, FREQUENT);

    Dataset<Row> docTerms = docTerms(flags, termAgg, perLang, display, p);
    Dataset<Row> collocations = collocations(totals.filter(col(KIND).equalTo(Parts.PHRASE_COUNT)), termAgg, perLang,
        p);
    // keyness and trends: counted occurrences of a term per source and per period, summed in Totals
    Dataset<Row> bySource = totals.filter(col(KIND).equalTo(Totals.SOURCE_COUNT))
        .select(col(LANG), col(SOURCE).as(SUBSET), col(TERM), col(N).as(COUNT_TARGET), col(M).as("_term_total"));
    Dataset<Row> byPeriod = totals.filter(col(KIND).equalTo(Totals.PERIOD_COUNT))
        .select(col(LANG), col(PERIOD), col(TERM), col(N).as(COUNT), col(M).as(DOC_COUNT), col(K).as("_term_total"));
    Dataset<Row> keyness = keyness(bySource, sizes, countedPairs, SOURCE, "source", display, p)
        .unionByName(keyness(byPeriod.select(col(LANG), col(PERIOD).as(SUBSET), col(TERM), col(COUNT)
            .as(COUNT_TARGET), col("_term_total")), sizes, countedPairs, PERIOD, "period", display, p));
    Dataset<Row> trends = trends(termAgg, byPeriod, sizes, display, p);
    return new Result(terms, docTerms, collocations, keyness, trends, p.countMode(), mode, p.period(), sizes,
        List.of(termAgg, totals), withState ? totals : null);
  }

  /**
   * Gries' DP per key ({@link Dispersion}): over pairs (keys..., f occurrences in a document, n its content tokens)
   * with the key's totals {@code totalF} and {@code totalN}, DP = Σ max(0, f·N − n·F) / (F·N). The sum is of
   * integers, so DP does not depend on the order Spark adds the pairs in.
   */
  static Dataset<Row> dispersion(Dataset<Row> pairs, Column totalF, Column totalN, String... keys) {
    Column excess = greatest(lit(0L), col(F).multiply(totalN).minus(col(N_CONTENT).multiply(totalF)));
    Column[] group = Arrays.stream(keys).map(functions::col).toArray(Column[]::new);
    return pairs.groupBy(group)
        .agg(sum(excess).as("_excess"), first(totalF).as("_tf"), first(totalN).as("_tn"))
        .select(joined(Arrays.asList(group), List.of(col("_excess").cast("double")
            .divide(col("_tf").cast("double").multiply(col("_tn").cast("double"))).as(DP))));
  }

  private static Column[] joined(List<Column> a, List<Column> b) {
    List<Column> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all.toArray(new Column[0]);
  }

  /** The rows {@link TopTerms} ranks, before their display forms. */
  private static final StructType RANKED_TYPE = new StructType()
      .add(DOC_ID, DataTypes.StringType, true)
      .add(LANG, DataTypes.StringType, true)
      .add(TERM, DataTypes.StringType, true)
      .add(TF, DataTypes.LongType, true)
      .add(IDF, DataTypes.DoubleType, true)
      .add(WEIGHT, DataTypes.DoubleType, true)
      .add(RANK, DataTypes.IntegerType, false);

  /**
   * Every document's top terms ({@link TopTerms}), ranked from its own term array with the languages' idf held on
   * the driver and broadcast (the (lang, term) table the join broadcast before).
   */
  private static Dataset<Row> docTerms(Dataset<Row> flags, Dataset<Row> termAgg, Dataset<Row> perLang,
      Dataset<Row> display, TermsParams p) {
    Map<String, Map<String, Double>> idf = new HashMap<>();
    for (Row r : termAgg.filter(col(LANG).isNotNull()).select(LANG, TERM, IDF).collectAsList()) {
      idf.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(r.getString(1), r.getDouble(2));
    }
    Map<String, Long> docs = new HashMap<>();
    for (Row r : perLang.select(LANG, N_DOCS).collectAsList()) {
      if (!r.isNullAt(0)) docs.put(r.getString(0), r.getLong(1));
    }
    Broadcast<TopTerms> ranker = JavaSparkContext.fromSparkContext(flags.sparkSession().sparkContext())
        .broadcast(new TopTerms(idf, docs));
    int top = p.topTerms();
    Dataset<Row> ranked = flags.select(DOC_ID, LANG, DOC_TERMS, DOC_TFS)
        .flatMap((FlatMapFunction<Row, Row>) r -> {
          List<Row> rows = new java.util.ArrayList<>();
          for (TopTerms.Ranked x : ranker.value().rank(r.getString(1), r.<String>getList(2), r.<Long>getList(3),
              top)) {
            rows.add(RowFactory.create(r.getString(0), r.getString(1), x.term(), x.tf(), x.idf(), x.weight(),
                x.rank()));
          }
          return rows.iterator();
        }, Encoders.row(RANKED_TYPE));
    return withDisplay(ranked, display).select(DOC_ID, LANG, TERM, DISPLAY, TF, IDF, WEIGHT, RANK);
  }

  /** @param phraseTotals lang, term (the phrase key), surface (its most frequent), n (count &gt;= the minimum) */
  private static Dataset<Row> collocations(Dataset<Row> phraseTotals, Dataset<Row> termAgg, Dataset<Row> perLang,
      TermsParams p) {
    UserDefinedFunction pmi = udf((UDF4<Long, Long, Long, Long, Double>) Association::pmi, DataTypes.DoubleType);
    UserDefinedFunction npmi = udf((UDF4<Long, Long, Long, Long, Double>) Association::npmi, DataTypes.DoubleType);
    UserDefinedFunction g2 = udf((UDF4<Long, Long, Long, Long, Double>) Association::g2Pair, DataTypes.DoubleType);
    // null-safe: without whole-stage code generation Spark may evaluate it on rows a later filter drops
    UserDefinedFunction phraseTerms = udf((UDF1<String, scala.collection.immutable.Seq<String>>) k -> k == null
        ? null : scala.jdk.javaapi.CollectionConverters.asScala(TermCounts.phraseTerms(k)).toList(),
        new ArrayType(DataTypes.StringType, false));
    Dataset<Row> marginals = termAgg.select(LANG, TERM, TF);
    return phraseTotals
        .select(col(LANG), col(TERM).as(PHRASE_KEY), col(SURFACE).as(PHRASE), col(N).as(COUNT))
        .withColumn(PHRASE_TERMS, phraseTerms.apply(col(PHRASE_KEY)))
        .withColumn(WORDS, size(col(PHRASE_TERMS)))
        .withColumn("_first", element_at(col(PHRASE_TERMS), 1))
        .withColumn("_last", element_at(col(PHRASE_TERMS), -1))
        .join(broadcast(marginals.withColumnRenamed(TERM, "_first").withColumnRenamed(TF, FIRST_COUNT)),
            new String[] {LANG, "_first"})
        .join(broadcast(marginals.withColumnRenamed(TERM, "_last").withColumnRenamed(TF, LAST_COUNT)),
            new String[] {LANG, "_last"})
        .join(broadcast(perLang.select(col(LANG), col(N_TOKENS).as(CORPUS_TOKENS))), LANG)
        .withColumn(PMI, pmi.apply(col(COUNT), col(FIRST_COUNT), col(LAST_COUNT), col(CORPUS_TOKENS)))
        .filter(col(PMI).gt(0))
        .withColumn(NPMI, npmi.apply(col(COUNT), col(FIRST_COUNT), col(LAST_COUNT), col(CORPUS_TOKENS)))
        .withColumn(G2, g2.apply(col(COUNT), col(FIRST_COUNT), col(LAST_COUNT), col(CORPUS_TOKENS)))
        .withColumn("_key", concat_ws(" ", col(PHRASE_TERMS)))
        .withColumn(RANK, row_number().over(Window.partitionBy(LANG)
            .orderBy(col(G2).desc(), col(COUNT).desc(), col("_key").asc(), col(WORDS).asc())))
        .filter(col(RANK).leq(p.maxCollocations()))
        .select(LANG, PHRASE, PHRASE_TERMS, WORDS, COUNT, FIRST_COUNT, LAST_COUNT, CORPUS_TOKENS, PMI, NPMI, G2, RANK);
  }

  /**
   * The one pass over the documents' tokens ({@link DocumentTokens}): per document with a documents row one
   * {@link #DOC} row (n = tokens, m = content tokens, its content terms and their tf as two arrays in the order of
   * first occurrence); per partition, summed in bounded counters ({@link TermCounts.BoundedCounter}): display-form
   * candidates (lang, term, surface, count) of every token, and for counted documents their content terms by
   * (lang, source, period, term) (n = occurrences, m = documents) and collocation candidates (lang, phrase key,
   * surface, count) from {@link Phrases}.
   */
  static final class Parts implements Iterator<Row> {
    static final int DOC = 0;
    static final int GROUP_COUNT = 1;
    static final int SURFACE_COUNT = 2;
    static final int PHRASE_COUNT = 3;
    /** Distinct keys a counter holds before it is emitted (a few tens of MB at most). */
    static final int MAX_KEYS = 100_000;

    private record Key(String lang, String term, String surface) {}

    private record GroupKey(String lang, String source, String period, String term) {}

    private final Iterator<DocumentTokens> rows;
    private final TermCounts.BoundedCounter<Key> surfaces;
    private final TermCounts.BoundedCounter<GroupKey> groups;
    private final TermCounts.BoundedCounter<Key> phrases;
    private final ArrayDeque<Row> out = new ArrayDeque<>();

    /**
     * @param rows    documents; counted is null for a tokens row without a documents row
     * @param maxKeys distinct keys a counter holds before it is emitted
     */
    Parts(Iterator<DocumentTokens> rows, int maxKeys) {
      this.rows = rows;
      this.surfaces = new TermCounts.BoundedCounter<>(maxKeys);
      this.groups = new TermCounts.BoundedCounter<>(maxKeys, 2);
      this.phrases = new TermCounts.BoundedCounter<>(maxKeys);
    }

    @Override
    public boolean hasNext() {
      while (out.isEmpty()) {
        if (rows.hasNext()) {
          add(rows.next());
        } else if (!surfaces.isEmpty() || !groups.isEmpty() || !phrases.isEmpty()) {
          drain(surfaces, SURFACE_COUNT);
          drainGroups();
          drain(phrases, PHRASE_COUNT);
        } else {
          return false;
        }
      }
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) throw new NoSuchElementException();
      return out.poll();
    }

    private void add(DocumentTokens d) {
      String lang = d.getLang();
      String[] terms = d.getTerms();
      String[] surfaceForms = d.getSurfaces();
      boolean[] stops = d.getStops();
      int n = terms.length;
      for (int i = 0; i < n; i++) surfaces.add(new Key(lang, terms[i], surfaceForms[i]), 1);
      if (surfaces.full()) drain(surfaces, SURFACE_COUNT);
      if (d.getCounted() == null) return; // no documents row
      boolean counted = d.getCounted();
      Map<String, Long> tf = TermCounts.contentTerms(terms, stops);
      String[] docTerms = new String[tf.size()];
      long[] docTfs = new long[tf.size()];
      long content = 0;
      int k = 0;
      for (Map.Entry<String, Long> e : tf.entrySet()) {
        docTerms[k] = e.getKey();
        docTfs[k++] = e.getValue();
        content += e.getValue();
        if (counted) groups.add(new GroupKey(lang, d.getSource(), d.getPeriod(), e.getKey()), e.getValue(), 1);
      }
      out.add(RowFactory.create(DOC, d.getDocId(), lang, d.getSource(), d.getPeriod(), d.getPeriodStart(), counted,
          null, null, (long) n, content, null, docTerms, docTfs));
      if (groups.full()) drainGroups();
      if (!counted) return;
      String text = d.getText();
      for (Phrases.Candidate c : Phrases.candidates(terms, surfaceForms, d.getSentences(), stops,
          text == null ? null : d.getStarts(), text == null ? null : d.getEnds(), text)) {
        phrases.add(new Key(lang, TermCounts.phraseKey(c.terms()), c.surface()), 1);
      }
      if (phrases.full()) drain(phrases, PHRASE_COUNT);
    }

    private void drain(TermCounts.BoundedCounter<Key> counter, int kind) {
      for (Map.Entry<Key, Long> e : counter.drain()) {
        Key k = e.getKey();
        out.add(countRow(kind, k.lang(), k.term(), k.surface(), e.getValue()));
      }
    }

    /** A row of (lang, key, surface) counted n times, in this row layout: a display or phrase candidate or total. */
    static Row countRow(int kind, String lang, String key, String surface, long n) {
      return RowFactory.create(kind, null, lang, null, null, null, null, key, surface, n, null, null, null, null);
    }

    /** A row of a term's sums (n, m, k) over a (source, period) group, in this row layout. */
    static Row termRow(int kind, String lang, String source, String period, String term, long n, long m, Long k) {
      return RowFactory.create(kind, null, lang, source, period, null, null, term, null, n, m, k, null, null);
    }

    private void drainGroups() {
      for (Map.Entry<GroupKey, long[]> e : groups.drainAll()) {
        GroupKey k = e.getKey();
        out.add(termRow(GROUP_COUNT, k.lang(), k.source(), k.period(), k.term(), e.getValue()[0], e.getValue()[1],
            null));
      }
    }
  }

  /**
   * The sums of {@link Parts}' per-partition counts, over one shuffle partition holding every row of each of its
   * (lang, term) and (lang, phrase key) keys, in {@link Parts}' row layout: documents pass through; then per
   * (lang, term) its display form ({@link Parts#SURFACE_COUNT}: surface = the most frequent surface, ties to the
   * smallest, n = occurrences); per (lang, term) counted in some document, its counted occurrences (n), documents
   * (m) and occurrences in dated documents (k) ({@link #TERM_TOTAL}), per source its occurrences there (n) and in
   * all sourced documents (m) ({@link #SOURCE_COUNT}), per period its occurrences (n), documents (m) and
   * occurrences in all dated documents (k) ({@link #PERIOD_COUNT}); and per (lang, phrase key) seen at least
   * {@code minPhraseCount} times its count and most frequent surface ({@link Parts#PHRASE_COUNT}).
   */
  static final class Totals implements Iterator<Row> {
    static final int TERM_TOTAL = 4;
    static final int SOURCE_COUNT = 5;
    static final int PERIOD_COUNT = 6;
    static final int SURFACE_SUM = 7;
    static final int GROUP_SUM = 8;
    static final int PHRASE_SUM = 9;

    private record LangKey(String lang, String key) {}

    private final Iterator<Row> rows;
    private final long minPhraseCount;
    private final TermCounts.ValueTally<LangKey> surfaces = new TermCounts.ValueTally<>();
    private final TermCounts.ValueTally<LangKey> phrases = new TermCounts.ValueTally<>();
    /** per (lang, term): per (source, period) its occurrences and documents, in rows of kind GROUP_COUNT */
    private final Map<LangKey, Map<List<String>, long[]>> groups = new HashMap<>();
    private final ArrayDeque<Row> out = new ArrayDeque<>();
    private final boolean withSums;
    private Iterator<Map.Entry<LangKey, Map<String, long[]>>> display;
    private Iterator<Map.Entry<LangKey, Map<List<String>, long[]>>> terms;
    private Iterator<Map.Entry<LangKey, Map<String, long[]>>> phrase;

    /**
     * @param withSums also emit the summed counts themselves ({@link #SURFACE_SUM}, {@link #GROUP_SUM},
     *                 {@link #PHRASE_SUM}: per (lang, term, surface), (lang, source, period, term) and (lang, phrase
     *                 key, surface), before any is reduced to a display form or filtered by its count): the state an
     *                 update continues from
     */
    Totals(Iterator<Row> rows, long minPhraseCount, boolean withSums) {
      this.rows = rows;
      this.minPhraseCount = minPhraseCount;
      this.withSums = withSums;
    }

    /** A key's summed counts per surface, one row each (a count of 0 is gone). */
    private void sums(int kind, LangKey k, Map<String, long[]> values) {
      for (Map.Entry<String, long[]> v : values.entrySet()) {
        if (v.getValue()[0] != 0) out.add(Parts.countRow(kind, k.lang(), k.key(), v.getKey(), v.getValue()[0]));
      }
    }

    @Override
    public boolean hasNext() {
      while (out.isEmpty()) {
        if (rows.hasNext()) {
          add(rows.next());
          continue;
        }
        if (display == null) {
          display = surfaces.drainCounts();
          terms = groups.entrySet().iterator();
          phrase = phrases.drainCounts();
        }
        if (display.hasNext()) {
          Map.Entry<LangKey, Map<String, long[]>> e = display.next();
          LangKey k = e.getKey();
          if (withSums) sums(SURFACE_SUM, k, e.getValue());
          TermCounts.ValueTally.Top top = TermCounts.ValueTally.top(e.getValue());
          if (top.total() > 0) {
            out.add(Parts.countRow(Parts.SURFACE_COUNT, k.lang(), k.key(), top.value(), top.total()));
          }
        } else if (terms.hasNext()) {
          Map.Entry<LangKey, Map<List<String>, long[]>> e = terms.next();
          terms.remove();
          term(e.getKey(), e.getValue());
        } else if (phrase.hasNext()) {
          Map.Entry<LangKey, Map<String, long[]>> e = phrase.next();
          LangKey k = e.getKey();
          if (withSums) sums(PHRASE_SUM, k, e.getValue());
          TermCounts.ValueTally.Top top = TermCounts.ValueTally.top(e.getValue());
          if (top.total() > 0 && top.total() >= minPhraseCount) {
            out.add(Parts.countRow(Parts.PHRASE_COUNT, k.lang(), k.key(), top.value(), top.total()));
          }
        } else {
          return false;
        }
      }
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) throw new NoSuchElementException();
      return out.poll();
    }

    /** Counts a row, or passes it through (a document). */
    private void add(Row r) {
      switch (r.getInt(0)) {
        case Parts.DOC -> out.add(r);
        case Parts.SURFACE_COUNT -> surfaces.add(new LangKey(r.getString(2), r.getString(7)), r.getString(8),
            r.getLong(9));
        case Parts.PHRASE_COUNT -> phrases.add(new LangKey(r.getString(2), r.getString(7)), r.getString(8),
            r.getLong(9));
        case Parts.GROUP_COUNT -> {
          long[] c = groups.computeIfAbsent(new LangKey(r.getString(2), r.getString(7)), k -> new HashMap<>(4))
              .computeIfAbsent(Arrays.asList(r.getString(3), r.getString(4)), k -> new long[2]);
          c[0] += r.getLong(9);
          c[1] += r.getLong(10);
        }
        default -> throw new IllegalStateException("unknown row kind " + r.getInt(0));
      }
    }

    /** The rows of one term from its counts per (source, period). */
    private void term(LangKey key, Map<List<String>, long[]> byGroup) {
      long tf = 0;
      long df = 0;
      long sourced = 0;
      long dated = 0;
      Map<String, Long> bySource = new TreeMap<>();
      Map<String, long[]> byPeriod = new TreeMap<>();
      for (Map.Entry<List<String>, long[]> g : byGroup.entrySet()) {
        String source = g.getKey().get(0);
        String period = g.getKey().get(1);
        long n = g.getValue()[0];
        long m = g.getValue()[1];
        if (n < 0 || m < 0) {
          throw new IllegalStateException("count below zero for " + key.key() + " in " + g.getKey() + ": " + n + ", "
              + m);
        }
        if (n == 0 && m == 0) continue; // every occurrence withdrawn (an update's)
        if (withSums) {
          out.add(Parts.termRow(GROUP_SUM, key.lang(), source, period, key.key(), n, m, null));
        }
        tf += n;
        df += g.getValue()[1];
        if (source != null) {
          sourced += n;
          bySource.merge(source, n, Long::sum);
        }
        if (period != null) {
          dated += n;
          long[] c = byPeriod.computeIfAbsent(period, k -> new long[2]);
          c[0] += n;
          c[1] += g.getValue()[1];
        }
      }
      if (tf == 0) return;
      String lang = key.lang();
      String term = key.key();
      out.add(Parts.termRow(TERM_TOTAL, lang, null, null, term, tf, df, dated));
      for (Map.Entry<String, Long> e : bySource.entrySet()) {
        out.add(Parts.termRow(SOURCE_COUNT, lang, e.getKey(), null, term, e.getValue(), sourced, null));
      }
      for (Map.Entry<String, long[]> e : byPeriod.entrySet()) {
        out.add(Parts.termRow(PERIOD_COUNT, lang, null, e.getKey(), term, e.getValue()[0], e.getValue()[1], dated));
      }
    }
  }

  /**
   * @param target lang, subset, term, count_target (occurrences in the subset), _term_total (occurrences in the
   *               language's documents with a subset) of counted documents
   * @param sizes  the counted documents' sizes; the tokens of a subset and of a language are its counted
   *               documents' content tokens (the sum of their terms' occurrences), over the documents with a subset
   */
  private static Dataset<Row> keyness(Dataset<Row> target, CountedTotals sizes, Dataset<Row> countedPairs,
      String groupCol, String dimension, Dataset<Row> display, TermsParams p) {
    // per (lang, subset) and per lang: as many rows as sources or periods, held on the driver
    Dataset<Row> targetTotals = sizes.perSubset(groupCol, TOKENS_TARGET);
    Dataset<Row> corpusTotals = sizes.perLanguageWith(groupCol, "_total");
    UserDefinedFunction g2 = udf((UDF4<Long, Long, Long, Long, Double>) Association::g2Keyness, DataTypes.DoubleType);
    UserDefinedFunction logRatio =
        udf((UDF4<Long, Long, Long, Long, Double>) Association::logRatio, DataTypes.DoubleType);
    Column a = col(COUNT_TARGET);
    Column n1 = col(TOKENS_TARGET);
    Column b = col(COUNT_REFERENCE);
    Column n2 = col(TOKENS_REFERENCE);
    Dataset<Row> key = target.filter(a.geq(p.keynessMinCount()))
        .join(broadcast(targetTotals), new String[] {LANG, SUBSET})
        .join(broadcast(corpusTotals), LANG)
        .withColumn(COUNT_REFERENCE, col("_term_total").minus(a))
        .withColumn(TOKENS_REFERENCE, col("_total").minus(n1))
        .filter(n2.gt(0))
        // over-represented: a/n1 > b/n2, compared as a·n2 > b·n1
        .filter(a.cast("double").multiply(n2).gt(b.cast("double").multiply(n1)))
        .withColumn(G2, g2.apply(a, n1, b, n2))
        .filter(col(G2).geq(p.keynessMinG2()));
    // DP of each candidate over its subset's counted documents: the candidates (small) are broadcast to the pairs
    Dataset<Row> candidates = key.select(LANG, SUBSET, TERM, COUNT_TARGET, TOKENS_TARGET);
    Dataset<Row> dp = dispersion(countedPairs.filter(col(groupCol).isNotNull())
            .select(col(LANG), col(groupCol).as(SUBSET), col(TERM), col(F), col(N_CONTENT))
            .join(broadcast(candidates), new String[] {LANG, SUBSET, TERM}),
        col(COUNT_TARGET), col(TOKENS_TARGET), LANG, SUBSET, TERM);
    key = key.join(dp, new String[] {LANG, SUBSET, TERM})
        .filter(col(DP).leq(p.keynessMaxDp()))
        .withColumn(LOG_RATIO, logRatio.apply(a, n1, b, n2))
        .withColumn(RANK, row_number().over(Window.partitionBy(LANG, SUBSET)
            .orderBy(col(G2).desc(), col(LOG_RATIO).desc(), col(TERM).asc())))
        .filter(col(RANK).leq(p.keynessTop()))
        .withColumn(DIMENSION, lit(dimension));
    return withDisplay(key, display).select(DIMENSION, SUBSET, LANG, TERM, DISPLAY, COUNT_TARGET, COUNT_REFERENCE,
        TOKENS_TARGET, TOKENS_REFERENCE, G2, LOG_RATIO, RANK, DP);
  }

  /**
   * @param termAgg  per (lang, term): _dated, its counted occurrences in dated documents
   * @param byPeriod per (lang, period, term): count and doc_count of counted documents
   */
  private static Dataset<Row> trends(Dataset<Row> termAgg, Dataset<Row> byPeriod, CountedTotals sizes,
      Dataset<Row> display, TermsParams p) {
    Dataset<Row> top = termAgg.filter(col("_dated").gt(0))
        .withColumn("_rank", row_number().over(Window.partitionBy(LANG)
            .orderBy(col("_dated").desc(), col(TERM).asc())))
        .filter(col("_rank").leq(p.trendTerms()))
        .select(LANG, TERM);
    Dataset<Row> periods = sizes.perPeriod(PERIOD_TOKENS, PERIOD_DOCS);
    Dataset<Row> counts = byPeriod.select(LANG, TERM, PERIOD, COUNT, DOC_COUNT)
        .join(broadcast(top), new String[] {LANG, TERM}, "left_semi");
    Dataset<Row> grid = top.join(broadcast(periods), LANG)
        .join(counts, new String[] {LANG, TERM, PERIOD}, "left")
        .withColumn(COUNT, coalesce(col(COUNT), lit(0L)))
        .withColumn(DOC_COUNT, coalesce(col(DOC_COUNT), lit(0L)))
        .withColumn(REL_FREQ, when(col(PERIOD_TOKENS).gt(0), col(COUNT).divide(col(PERIOD_TOKENS))).otherwise(0.0));
    return withDisplay(grid, display).select(LANG, TERM, DISPLAY, PERIOD, PERIOD_START, COUNT, DOC_COUNT,
        PERIOD_TOKENS, PERIOD_DOCS, REL_FREQ);
  }

  /** Adds the display column (the term itself if the term has no display form). */
  private static Dataset<Row> withDisplay(Dataset<Row> df, Dataset<Row> display) {
    return df.join(display.withColumnRenamed(DISPLAY, "_display"), new String[] {LANG, TERM}, "left")
        .withColumn(DISPLAY, coalesce(col("_display"), col(TERM)))
        .drop("_display");
  }

  /** First day of the period holding the timestamp (a date), null for a null timestamp. */
  public static Column periodStart(Column ts, PeriodUnit unit) {
    Column d = to_date(ts);
    return switch (unit) {
      case DAY -> d;
      case WEEK -> to_date(date_trunc("week", ts));
      case MONTH -> trunc(d, "month");
      case QUARTER -> trunc(d, "quarter");
      case YEAR -> trunc(d, "year");
    };
  }

  /** The period's label from its first day (see {@link PeriodUnit}). */
  public static Column periodLabel(Column start, PeriodUnit unit) {
    return switch (unit) {
      case DAY -> date_format(start, "yyyy-MM-dd");
      // the ISO week-based year is the year of the week's Thursday
      case WEEK -> concat(year(date_add(start, 3)).cast("string"), lit("-W"),
          lpad(weekofyear(start).cast("string"), 2, "0"));
      case MONTH -> date_format(start, "yyyy-MM");
      case QUARTER -> concat(year(start).cast("string"), lit("-Q"), quarter(start).cast("string"));
      case YEAR -> year(start).cast("string");
    };
  }

  private static void checkTokens(Dataset<Row> tokens) {
    require(tokens, "tokens", DOC_ID, LANG, TOKENS);
    StructField f = tokens.schema().apply(TOKENS);
    if (!(f.dataType() instanceof ArrayType at) || !(at.elementType() instanceof StructType st)) {
      throw new IllegalArgumentException("tokens: column " + TOKENS + " must be an array of structs, got "
          + f.dataType().simpleString());
    }
    Set<String> missing = new TreeSet<>(List.of(TERM, SURFACE, SENTENCE, START, END, STOP));
    missing.removeAll(Arrays.asList(st.fieldNames()));
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("tokens: token struct lacks field(s) " + String.join(", ", missing));
    }
  }

  /** Columns are named in alphabetical order, so a message lists the missing ones that way. */
  private static void require(Dataset<Row> df, String table, String... columns) {
    Schemas.require(df, table + ": missing column(s)", columns);
  }
}
