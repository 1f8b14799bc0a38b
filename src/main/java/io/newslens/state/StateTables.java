package io.newslens.state;

import static io.newslens.Columns.*;

import io.newslens.dedup.Dedup;
import io.newslens.output.Tables;
import io.newslens.reuse.Reuse;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Every table of the persistent state an update reads, with its schema: Parquet folders under
 * {@code OUTPUT/state/}, written by a full run ({@link State}) and carried to each next version by an update
 * ({@code io.newslens.incremental.Update}). Nothing else in Newslens writes them. Row meanings:
 *
 * <pre>
 * state/inputs            one row per input file of a version: path, size, modified (ms), version — a file seen
 *                         with the same path, size and modification time is not read again
 * state/dedup_slots       dedup's search rows: one per (document, LSH band) and one per document for its exact key
 *                         (bucket, doc_id, exact_hi, exact_lo, n_shingles, is_exact)
 * state/dedup_candidates  doc_a, doc_b, buckets, version: how many buckets give a near-duplicate candidate pair,
 *                         as changes per version (a pair is a candidate while the sum is positive)
 * state/reuse_postings    reuse's postings: one per (document, distinct word n-gram): gram, doc_key, source_key,
 *                         first, last (word indices)
 * state/reuse_common      gram, docs, version: documents holding an n-gram found in more than --reuse-max-docs
 *                         documents (never an anchor), as changes per version: while it is common, the sum of an
 *                         n-gram's rows is its count
 * state/cluster_ids       kind (duplicate_cluster), id, since: every cluster id in use and the version that gave it
 * state/story_model       one row per story: what placing a new article needs (StoryModel.StoryRep): story_id,
 *                         lang, first_published, last_published (of its units' representatives; null when none is
 *                         dated), units, articles, features (centroid feature ids, ascending), weights (the
 *                         centroid's sums of unit weights), display (each feature's display form), since (the
 *                         version the id is in use since), version (that wrote the row)
 * state/story_df          feature, lang, df, version: units holding a story feature (lang null), and per language
 *                         its number of units (feature 0, lang set), as changes per version (the sum is the
 *                         count); a full run stores the features held by at least --story-min-df units
 * state/term_docs         one row per document with tokens: what the terms stage counted of it (Terms.STATE_DOCUMENTS):
 *                         doc_id, lang, source, period, period_start, counted, n_tokens, n_content, terms, tfs
 *                         (its content terms and their occurrences), version (that wrote the row)
 * state/term_counts       the terms stage's counts summed (Terms.STATE_COUNTS): kind (term: a term's occurrences
 *                         and documents per source and period, over counted documents; surface: occurrences of a
 *                         term as each surface; phrase: occurrences of a collocation candidate and surface, whatever
 *                         --min-collocation-count), lang, source, period, term, surface, count, docs, version, as
 *                         changes per version (a key's count is the sum of its rows; withdrawals are negative)
 * state/topic_model       the fitted Gibbs topic model an update infers new articles' mixtures with: one row per
 *                         vocabulary term: term_id, term, word_topic (its K topic counts); absent when the topics
 *                         were fitted by MLlib or not at all (an update then fits them again)
 * state/topic_prior       one row per topic: topic_id, alpha, topic_total (tokens), beta (the same on every row),
 *                         version (that fitted the model), oov_share (content tokens outside the vocabulary over
 *                         the whole corpus when fitted: the drift reference)
 * </pre>
 */
public final class StateTables {
  private StateTables() {}

  /** The manifest section describing the state. */
  public static final String MANIFEST_KEY = "state";
  /** Version of the state's layout; an update refuses a base of another format. */
  public static final int FORMAT = 3;

  private static String state(String name) {
    return Tables.STATE + "/" + name;
  }

  public static final String INPUTS = state("inputs");
  public static final String DEDUP_SLOTS = state("dedup_slots");
  public static final String DEDUP_CANDIDATES = state("dedup_candidates");
  public static final String REUSE_POSTINGS = state("reuse_postings");
  public static final String REUSE_COMMON = state("reuse_common");
  public static final String CLUSTER_IDS = state("cluster_ids");

  public static final String STORY_MODEL = state("story_model");
  public static final String STORY_DF = state("story_df");

  public static final String TERM_DOCS = state("term_docs");
  public static final String TERM_COUNTS = state("term_counts");

  public static final String TOPIC_MODEL = state("topic_model");
  public static final String TOPIC_PRIOR = state("topic_prior");

  public static final List<String> ALL = List.of(INPUTS, DEDUP_SLOTS, DEDUP_CANDIDATES,
      REUSE_POSTINGS, REUSE_COMMON, CLUSTER_IDS, STORY_MODEL, STORY_DF, TERM_DOCS, TERM_COUNTS, TOPIC_MODEL,
      TOPIC_PRIOR);

  // columns of the state tables (those not in Columns or a stage's own)
  public static final String PATH = "path";
  public static final String SIZE = "size";
  public static final String MODIFIED = "modified";
  public static final String ID = "id";
  public static final String SINCE = "since";

  /** id_aliases and cluster_ids: the kind of a duplicate cluster's id. */
  public static final String DUPLICATE_CLUSTER = "duplicate_cluster";
  /** id_aliases: the kind of a story's id. */
  public static final String STORY = "story";
  /** id_aliases events. */
  public static final String MERGE = "merge";
  public static final String SPLIT = "split";

  public static final StructType INPUTS_SCHEMA = new StructType()
      .add(PATH, DataTypes.StringType, false)
      .add(SIZE, DataTypes.LongType, false)
      .add(MODIFIED, DataTypes.LongType, false)
      .add(VERSION, DataTypes.IntegerType, false);

  public static final StructType CANDIDATES_SCHEMA = new StructType()
      .add(DOC_A, DataTypes.StringType, false)
      .add(DOC_B, DataTypes.StringType, false)
      .add(Dedup.BUCKETS, DataTypes.IntegerType, false)
      .add(VERSION, DataTypes.IntegerType, false);

  public static final StructType COMMON_SCHEMA = new StructType()
      .add(Reuse.GRAM, DataTypes.LongType, false)
      .add(DOCS, DataTypes.LongType, false)
      .add(VERSION, DataTypes.IntegerType, false);

  public static final StructType CLUSTER_IDS_SCHEMA = new StructType()
      .add(KIND, DataTypes.StringType, false)
      .add(ID, DataTypes.StringType, false)
      .add(SINCE, DataTypes.IntegerType, false);

  public static final StructType STORY_MODEL_SCHEMA = new StructType()
      .add(STORY_ID, DataTypes.StringType, false)
      .add(LANG, DataTypes.StringType, true)
      .add(FIRST_PUBLISHED, DataTypes.TimestampType, true)
      .add(LAST_PUBLISHED, DataTypes.TimestampType, true)
      .add(UNITS, DataTypes.IntegerType, false)
      .add(ARTICLES, DataTypes.IntegerType, false)
      .add(FEATURES, DataTypes.createArrayType(DataTypes.LongType, false), false)
      .add(WEIGHTS, DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add(DISPLAY, DataTypes.createArrayType(DataTypes.StringType, true), false)
      .add(SINCE, DataTypes.IntegerType, false)
      .add(VERSION, DataTypes.IntegerType, false);

  /** state/story_df: the feature column (0 on a language's row of units). */
  public static final String FEATURE = "feature";

  public static final StructType STORY_DF_SCHEMA = new StructType()
      .add(FEATURE, DataTypes.LongType, false)
      .add(LANG, DataTypes.StringType, true)
      .add(DF, DataTypes.LongType, false)
      .add(VERSION, DataTypes.IntegerType, false);

  public static final String WORD_TOPIC = "word_topic";
  public static final String TOPIC_TOTAL = "topic_total";
  public static final String BETA = "beta";
  public static final String OOV_SHARE = "oov_share";

  public static final StructType TOPIC_MODEL_SCHEMA = new StructType()
      .add(TERM_ID, DataTypes.IntegerType, false)
      .add(TERM, DataTypes.StringType, false)
      .add(WORD_TOPIC, DataTypes.createArrayType(DataTypes.IntegerType, false), false);

  public static final StructType TOPIC_PRIOR_SCHEMA = new StructType()
      .add(TOPIC_ID, DataTypes.IntegerType, false)
      .add(ALPHA, DataTypes.DoubleType, false)
      .add(TOPIC_TOTAL, DataTypes.LongType, false)
      .add(BETA, DataTypes.DoubleType, false)
      .add(VERSION, DataTypes.IntegerType, false)
      .add(OOV_SHARE, DataTypes.DoubleType, false);

  public static final StructType ID_ALIASES_SCHEMA = new StructType()
      .add(KIND, DataTypes.StringType, false)
      .add(OLD_ID, DataTypes.StringType, false)
      .add(NEW_ID, DataTypes.StringType, false)
      .add(EVENT, DataTypes.StringType, false)
      .add(VERSION, DataTypes.IntegerType, false);
}
