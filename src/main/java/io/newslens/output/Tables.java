package io.newslens.output;

import java.util.List;

/** Names of the output tables: each is a Parquet folder of that name inside the output folder. */
public final class Tables {
  private Tables() {}

  public static final String DOCUMENTS = "documents";
  public static final String REJECTED = "rejected";
  public static final String TOKENS = "tokens";
  public static final String TERMS = "terms";
  public static final String DOC_TERMS = "doc_terms";
  public static final String COLLOCATIONS = "collocations";
  public static final String KEYNESS = "keyness";
  public static final String TERM_TRENDS = "term_trends";
  public static final String DUPLICATE_PAIRS = "duplicate_pairs";
  public static final String DUPLICATE_CLUSTERS = "duplicate_clusters";
  public static final String REUSE_PASSAGES = "reuse_passages";
  public static final String STORIES = "stories";
  public static final String STORY_ARTICLES = "story_articles";
  public static final String STORY_TRENDS = "story_trends";
  public static final String TOPICS = "topics";
  public static final String DOC_TOPICS = "doc_topics";
  public static final String TOPIC_TRENDS = "topic_trends";
  /** Ids of clusters (and stories) that updates merged into others or split off (incremental updates). */
  public static final String ID_ALIASES = "id_aliases";
  /** The folder of the persistent state an update reads ({@code io.newslens.state.StateTables}). */
  public static final String STATE = "state";

  public static final String MANIFEST = "manifest.json";

  public static final List<String> ALL = List.of(DOCUMENTS, REJECTED, TOKENS, TERMS, DOC_TERMS, COLLOCATIONS,
      KEYNESS, TERM_TRENDS, DUPLICATE_PAIRS, DUPLICATE_CLUSTERS, REUSE_PASSAGES, STORIES, STORY_ARTICLES, STORY_TRENDS,
      TOPICS, DOC_TOPICS, TOPIC_TRENDS, ID_ALIASES);

  /**
   * Tables whose rows carry the {@code version} that wrote them: an update appends rows to them and rewrites only
   * the files holding rows that change.
   */
  public static final List<String> VERSIONED = List.of(DOCUMENTS, REJECTED, TOKENS, DOC_TERMS, DUPLICATE_PAIRS,
      DUPLICATE_CLUSTERS, REUSE_PASSAGES, STORY_ARTICLES, DOC_TOPICS, ID_ALIASES);
}
