package io.newslens;

/**
 * Every column name of every Newslens table, in one place (snake_case). Stages refer to these constants,
 * never to string literals, so a rename is one edit and a notebook author can read the whole schema here.
 */
public final class Columns {
  private Columns() {}

  // documents (ingest)
  public static final String DOC_ID = "doc_id";
  public static final String SOURCE_ID = "source_id";
  public static final String SOURCE = "source";
  public static final String URL = "url";
  public static final String TITLE = "title";
  public static final String PUBLISHED_AT = "published_at";
  public static final String PUBLISHED_RAW = "published_raw";
  public static final String TEXT = "text";
  public static final String INPUT_PATH = "input_path";
  public static final String INPUT_FORMAT = "input_format";
  public static final String RECORD_NUMBER = "record_number";
  public static final String ENCODING = "encoding";
  public static final String META = "meta";
  public static final String ID_COLLISION = "id_collision";
  /** When a crawler fetched the page (WARC-Date); never a publication date. Null for non-crawl inputs. */
  public static final String FETCHED_AT = "fetched_at";
  /** How the text of an HTML page was obtained: struct of method, score and what was dropped. */
  public static final String EXTRACTION = "extraction";
  /** documents.extraction fields: how the article was found and the extractor's confidence (0 to 1). */
  public static final String METHOD = "method";
  public static final String SCORE = "score";
  /** documents.extraction.encoding_source: http, bom, meta, detected or default. */
  public static final String ENCODING_SOURCE = "encoding_source";
  /** documents.extraction: blocks (lines) of the page text, those dropped, and the page and article lengths. */
  public static final String BLOCKS = "blocks";
  public static final String DROPPED_BLOCKS = "dropped_blocks";
  public static final String PAGE_CHARS = "page_chars";
  public static final String ARTICLE_CHARS = "article_chars";
  /**
   * The work table's extraction.dropped: spans (start, end, reason) of the page text the extractor left out; the
   * clean stage turns them into boilerplate annotations and drops the field.
   */
  public static final String DROPPED = "dropped";

  // documents (clean)
  public static final String RAW_TEXT = "raw_text";
  public static final String BOILERPLATE = "boilerplate";
  public static final String LANG = "lang";
  public static final String LANG_CONFIDENCE = "lang_confidence";
  public static final String CHAR_COUNT = "char_count";

  // rejected
  public static final String REASON = "reason";
  public static final String MESSAGE = "message";
  public static final String EXCERPT = "excerpt";

  // analyzed tokens
  public static final String TOKENS = "tokens";
  public static final String TERM = "term";
  public static final String SURFACE = "surface";
  public static final String SENTENCE = "sentence";
  public static final String PARAGRAPH = "paragraph";
  public static final String START = "start";
  public static final String END = "end";
  public static final String STOP = "stop";
  public static final String DISPLAY = "display";

  // duplicates
  public static final String DOC_A = "doc_a";
  public static final String DOC_B = "doc_b";
  public static final String CLUSTER_ID = "cluster_id";
  public static final String CLUSTER_SIZE = "cluster_size";
  public static final String REPRESENTATIVE = "representative";
  public static final String IS_REPRESENTATIVE = "is_representative";

  // ---- clean / analyze --------------------------------------------------------------------------------------------
  // (stage-specific columns of the clean / analyze stage go here)
  /** documents.boilerplate[].removed: the raw line that was taken out of text. */
  public static final String REMOVED = "removed";


  // ---- terms --------------------------------------------------------------------------------------------
  // (stage-specific columns of the terms stage go here)
  public static final String TF = "tf";
  public static final String DF = "df";
  public static final String IDF = "idf";
  public static final String SHARE = "share";
  public static final String WEIGHT = "weight";
  public static final String RANK = "rank";
  public static final String PHRASE = "phrase";
  public static final String PHRASE_TERMS = "phrase_terms";
  public static final String WORDS = "words";
  public static final String COUNT = "count";
  public static final String FIRST_COUNT = "first_count";
  public static final String LAST_COUNT = "last_count";
  public static final String CORPUS_TOKENS = "corpus_tokens";
  public static final String PMI = "pmi";
  public static final String NPMI = "npmi";
  public static final String G2 = "g2";
  public static final String DIMENSION = "dimension";
  public static final String SUBSET = "subset";
  public static final String COUNT_TARGET = "count_target";
  public static final String COUNT_REFERENCE = "count_reference";
  public static final String TOKENS_TARGET = "tokens_target";
  public static final String TOKENS_REFERENCE = "tokens_reference";
  public static final String LOG_RATIO = "log_ratio";
  public static final String PERIOD = "period";
  public static final String PERIOD_START = "period_start";
  public static final String DOC_COUNT = "doc_count";
  public static final String PERIOD_TOKENS = "period_tokens";
  public static final String PERIOD_DOCS = "period_docs";
  public static final String REL_FREQ = "rel_freq";
  /** terms, keyness: Gries' deviation of proportions over the counted articles (0 even, near 1 concentrated). */
  public static final String DP = "dp";
  /** terms: the term is in more than --frequent-share of the counted articles (too common to be informative). */
  public static final String FREQUENT = "frequent";


  // ---- dedup --------------------------------------------------------------------------------------------
  // (stage-specific columns of the dedup stage go here)
  public static final String KIND = "kind";
  public static final String ESTIMATED_JACCARD = "estimated_jaccard";
  public static final String JACCARD = "jaccard";
  public static final String CONTAINMENT = "containment";
  public static final String SHARED_SHINGLES = "shared_shingles";
  public static final String SHINGLES_A = "shingles_a";
  public static final String SHINGLES_B = "shingles_b";


  // ---- reuse --------------------------------------------------------------------------------------------
  // (stage-specific columns of the reuse stage go here)
  public static final String SOURCE_A = "source_a";
  public static final String SOURCE_B = "source_b";
  public static final String START_A = "start_a";
  public static final String END_A = "end_a";
  public static final String START_B = "start_b";
  public static final String END_B = "end_b";
  public static final String PASSAGE = "passage";
  public static final String LENGTH = "length";
  public static final String MATCHED_WORDS = "matched_words";
  public static final String ANCHORS = "anchors";


  // ---- stories --------------------------------------------------------------------------------------------
  public static final String STORY_ID = "story_id";
  public static final String HEADLINE = "headline";
  public static final String FIRST_PUBLISHED = "first_published";
  public static final String LAST_PUBLISHED = "last_published";
  public static final String ARTICLES = "articles";
  public static final String DISTINCT_ARTICLES = "distinct_articles";
  public static final String SOURCES = "sources";
  public static final String FIRST_SOURCE = "first_source";
  /** stories.top_terms: display forms of the centroid's strongest features (topics' terms column is {@link #TOP_TERMS}). */
  public static final String STORY_TERMS = "top_terms";
  public static final String COHESION = "cohesion";
  public static final String SIMILARITY = "similarity";
  public static final String RANK_IN_STORY = "rank_in_story";
  public static final String STORIES = "stories";
  public static final String STORIES_FIRST = "stories_first";
  /** Story representations (not a published table): units, centroid features and their weights. */
  public static final String UNITS = "units";
  public static final String FEATURES = "features";
  public static final String WEIGHTS = "weights";


  // ---- topics --------------------------------------------------------------------------------------------
  public static final String TOPIC_ID = "topic_id";
  public static final String TERM_ID = "term_id";
  public static final String LABEL = "label";
  public static final String TOP_TERMS = "terms";
  /** topics: the topic's terms ranked by relevance (Sievert &amp; Shirley), the ranking its label is taken from. */
  public static final String RELEVANT_TERMS = "relevant_terms";
  public static final String ARTICLE_SHARE = "article_share";
  public static final String DOMINANT_DOCS = "dominant_docs";
  public static final String COHERENCE = "coherence";
  public static final String ALPHA = "alpha";
  public static final String TERM_IDS = "term_ids";
  public static final String COUNTS = "counts";
  public static final String MIXTURE = "mixture";
  public static final String MIXTURE_SOURCE = "mixture_source";
  public static final String DOMINANT_TOPIC = "dominant_topic";
  public static final String DOMINANT_WEIGHT = "dominant_weight";
  public static final String DOCS = "docs";

  // ---- versions and ids (incremental updates) ---------------------------------------------------------------------
  /** The output version that wrote a row: 1 for a full run, one more for each update. */
  public static final String VERSION = "version";
  /** id_aliases: an id that no longer names anything (old_id) and the id that took its members (new_id). */
  public static final String OLD_ID = "old_id";
  public static final String NEW_ID = "new_id";
  /** id_aliases: what happened to old_id: merge (its members joined new_id) or split (some left for new_id). */
  public static final String EVENT = "event";

}
