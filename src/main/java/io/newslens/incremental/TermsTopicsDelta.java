package io.newslens.incremental;

import io.newslens.state.StateTables;
import io.newslens.state.TopicModelState;
import static io.newslens.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.newslens.output.Tables;
import io.newslens.terms.CountMode;
import io.newslens.terms.Terms;
import io.newslens.terms.TermsParams;
import io.newslens.topics.Corpus;
import io.newslens.topics.GibbsLda;
import io.newslens.topics.Topics;
import io.newslens.topics.TopicsParams;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The terms and topics stages of an update, run after documents, tokens, duplicate_clusters, reuse_passages and
 * the stories tables of the next version are staged ({@link StoriesDelta}).
 *
 * <ul>
 *   <li><b>terms</b>: the stage's five tables from its stored counts ({@link StateTables#TERM_DOCS},
 *       {@link StateTables#TERM_COUNTS}) plus the changes of the articles the update adds, cleans again or counts
 *       differently (which article a cluster or story counts can change with a new member): equal to a full run on
 *       all inputs, the sums being exact, without reading the other articles' tokens;</li>
 *   <li><b>topics</b>: the model stays the stored one ({@link TopicModelState}); the articles the update adds or
 *       changes (new, re-cleaned, or whose cluster representative changed) get their mixtures from it as a full run
 *       gives a document it did not fit (inferred from their own terms, or their representative's fitted mixture,
 *       or the prior when no term is in the vocabulary); the topics table's shares and topic_trends are counted
 *       again over every article. The manifest says how far the vocabulary drifted. Without a stored model (MLlib
 *       or none fitted) the topics are fitted again on the whole version.</li>
 * </ul>
 */
final class TermsTopicsDelta {
  private TermsTopicsDelta() {}

  /**
   * What terms and topic trends count: the duplicate clusters' representatives, or with --count-mode story each
   * story's first article (as in a full run).
   */
  static Dataset<Row> countingUnits(Workspace w) {
    if (w.cfg.terms().countMode() != CountMode.STORY) return w.next.readStaged(Tables.DUPLICATE_CLUSTERS);
    return w.next.readStaged(Tables.STORY_ARTICLES).select(col(DOC_ID),
        col(RANK_IN_STORY).equalTo(1).as(IS_REPRESENTATIVE));
  }

  /**
   * The terms tables of the next version from the stored counts ({@link StateTables#TERM_DOCS},
   * {@link StateTables#TERM_COUNTS}) and the changes of the documents this update adds or changes: new, cleaned
   * again, or counted differently now (see {@link Terms#recounted}); only their tokens are read. A base without
   * stored counts (written before they were kept) has the stage run over the whole next version, which then stores
   * them. Returns the manifest's terms section.
   */
  static Map<String, Object> terms(Workspace w, Set<String> newIds, Set<String> dirty) {
    TermsParams p = w.cfg.terms();
    Dataset<Row> documents = w.next.readStaged(Tables.DOCUMENTS);
    Dataset<Row> tokens = w.next.readStaged(Tables.TOKENS);
    Dataset<Row> units = countingUnits(w);
    Map<String, Object> update = new LinkedHashMap<>();
    Terms.Result r;
    if (!w.next.exists(StateTables.TERM_DOCS) || !w.next.exists(StateTables.TERM_COUNTS)) {
      r = Terms.apply(tokens, documents, units, p, true);
      w.next.replace(StateTables.TERM_DOCS, r.stateDocuments().withColumn(VERSION, lit(w.version)));
      w.next.replace(StateTables.TERM_COUNTS, r.stateCounts().withColumn(VERSION, lit(w.version)));
      update.put("counted_again", "every document: the output had no stored term counts");
    } else {
      Dataset<Row> stored = w.base(StateTables.TERM_DOCS);
      Set<String> old = new TreeSet<>(dirty);
      long flagged = 0;
      for (Row x : Terms.recounted(stored, documents, units, p).collectAsList()) {
        if (old.add(x.getString(0))) flagged++;
      }
      Set<String> changed = new TreeSet<>(old);
      changed.addAll(newIds);
      Dataset<Row> oldIds = w.ids(old);
      Dataset<Row> ids = w.ids(changed);
      Terms.Changes c = Terms.changes(stored.join(oldIds, new String[] {DOC_ID}, "left_semi"),
          w.base(Tables.TOKENS).join(oldIds, new String[] {DOC_ID}, "left_semi"),
          w.base(Tables.DOCUMENTS).join(oldIds, new String[] {DOC_ID}, "left_semi"),
          tokens.join(ids, new String[] {DOC_ID}, "left_semi"),
          documents.join(ids, new String[] {DOC_ID}, "left_semi"),
          units.join(ids, new String[] {DOC_ID}, "left_semi"), p);
      w.next.rewrite(StateTables.TERM_DOCS, List.of(DOC_ID), old.isEmpty() ? null : oldIds,
          c.documents().withColumn(VERSION, lit(w.version)));
      w.next.append(StateTables.TERM_COUNTS, c.counts().withColumn(VERSION, lit(w.version)));
      c.release();
      Dataset<Row> counts = w.next.readStaged(StateTables.TERM_COUNTS);
      update.put("documents_counted", changed.size());
      update.put("counted_differently", flagged);
      update.put("count_changes", counts.filter(col(VERSION).equalTo(w.version)).count());
      r = Terms.fromState(w.next.readStaged(StateTables.TERM_DOCS).drop(VERSION), counts.drop(VERSION), p);
    }
    w.next.replace(Tables.TERMS, r.terms());
    w.next.replace(Tables.DOC_TERMS, r.docTerms().withColumn(VERSION, lit(w.version)));
    w.next.replace(Tables.COLLOCATIONS, r.collocations());
    w.next.replace(Tables.KEYNESS, r.keyness());
    w.next.replace(Tables.TERM_TRENDS, r.termTrends());
    Map<String, Object> section = new LinkedHashMap<>(Terms.manifestSection(r, w.next.readStaged(Tables.TERMS), p));
    section.put("update", update);
    r.release();
    return section;
  }

  /**
   * Threshold of the drift advice: a refit is advised when the new articles' content tokens fall outside the stored
   * vocabulary ten points more often than the corpus's did when the model was fitted.
   */
  static final double REFIT_ADVICE_POINTS = 0.10;

  /**
   * The topics tables of the next version.
   *
   * @param changed every document whose mixture may change: new, re-cleaned, or whose representative changed
   * @return the manifest's topics section (the base's, with this version's inference and drift)
   */
  static Map<String, Object> topics(Workspace w, Set<String> changed, Map<String, Object> baseSection) {
    TopicModelState model = TopicModelState.read(w.next);
    if (model == null) return refit(w, "the output has no stored Gibbs topic model");
    TopicsParams p = w.cfg.topics();
    Dataset<Row> ids = w.ids(changed);
    Dataset<Row> tokens = w.next.readStaged(Tables.TOKENS).join(ids, new String[] {DOC_ID}, "left_semi");
    Dataset<Row> clusters = w.next.readStaged(Tables.DUPLICATE_CLUSTERS).join(ids, new String[] {DOC_ID},
        "left_semi").select(col(DOC_ID), col(REPRESENTATIVE));
    Dataset<Row> bags = w.save("topic_bags", ids
        .join(Corpus.bagsOver(tokens, model.termIds()), new String[] {DOC_ID}, "left")
        .join(clusters, new String[] {DOC_ID}, "left")
        .select(col(DOC_ID), coalesce(col(REPRESENTATIVE), col(DOC_ID)).as(REPRESENTATIVE),
            coalesce(col(TERM_IDS), array().cast("array<int>")).as(TERM_IDS),
            coalesce(col(COUNTS), array().cast("array<int>")).as(COUNTS),
            coalesce(col(LENGTH), lit(0)).as(LENGTH),
            coalesce(col(Corpus.CONTENT_TOKENS), lit(0L)).as(Corpus.CONTENT_TOKENS)));

    // an article that is not its cluster's representative takes the representative's mixture when that was fitted
    // (as in a full run); every other article with a vocabulary term is inferred from its own
    Dataset<Row> base = w.base(Tables.DOC_TOPICS).join(ids, new String[] {DOC_ID}, "left_anti");
    Dataset<Row> fittedReps = base.filter(col(MIXTURE_SOURCE).equalTo(Topics.FITTED))
        .select(col(DOC_ID).as("_rep"), col(MIXTURE).as("_rep_mixture"));
    Dataset<Row> joined = bags.join(fittedReps, bags.col(REPRESENTATIVE).equalTo(fittedReps.col("_rep"))
        .and(bags.col(REPRESENTATIVE).notEqual(bags.col(DOC_ID))), "left");
    Dataset<Row> copied = joined.filter(col("_rep_mixture").isNotNull())
        .select(col(DOC_ID), col(REPRESENTATIVE), col(LENGTH), col("_rep_mixture").as(MIXTURE),
            lit(Topics.REPRESENTATIVE_SOURCE).as(MIXTURE_SOURCE));
    Dataset<Row> missing = joined.filter(col("_rep_mixture").isNull());
    Dataset<Row> toInfer = missing.filter(col(LENGTH).gt(0));
    Dataset<Row> inferred = GibbsLda.infer(toInfer, model.snapshot(), p.inferenceIterations(), p.seed())
        .join(toInfer.select(DOC_ID, REPRESENTATIVE, LENGTH), DOC_ID)
        .select(col(DOC_ID), col(REPRESENTATIVE), col(LENGTH), col(MIXTURE), lit(Topics.INFERRED).as(MIXTURE_SOURCE));
    double[] priorMean = priorMean(model.snapshot().alpha());
    Column prior = array(Arrays.stream(priorMean).mapToObj(x -> lit(x)).toArray(Column[]::new));
    Dataset<Row> priors = missing.filter(col(LENGTH).equalTo(0))
        .select(col(DOC_ID), col(REPRESENTATIVE), col(LENGTH), prior.as(MIXTURE), lit(Topics.PRIOR).as(MIXTURE_SOURCE));
    Column[] order = Arrays.stream(w.base(Tables.DOC_TOPICS).columns()).map(functions::col).toArray(Column[]::new);
    Dataset<Row> rows = copied.unionByName(inferred).unionByName(priors)
        .select(col(DOC_ID), col(REPRESENTATIVE), col(REPRESENTATIVE).equalTo(col(DOC_ID)).as(IS_REPRESENTATIVE),
            col(LENGTH), col(MIXTURE),
            array_position(col(MIXTURE), array_max(col(MIXTURE))).minus(1).cast("int").as(DOMINANT_TOPIC),
            array_max(col(MIXTURE)).as(DOMINANT_WEIGHT), col(MIXTURE_SOURCE), lit(w.version).as(VERSION))
        .select(order);
    w.next.rewrite(Tables.DOC_TOPICS, List.of(DOC_ID), ids, w.save("doc_topics", rows));

    Dataset<Row> docTopics = w.next.readStaged(Tables.DOC_TOPICS);
    Dataset<Row> described = w.base(Tables.TOPICS).drop(SHARE, ARTICLE_SHARE, DOMINANT_DOCS);
    w.next.replace(Tables.TOPICS, Topics.withShares(described, docTopics));
    Dataset<Row> counted = w.cfg.terms().countMode() != CountMode.STORY ? docTopics
        : docTopics.join(countingUnits(w).filter(col(IS_REPRESENTATIVE)).select(DOC_ID), DOC_ID, "left_semi");
    w.next.replace(Tables.TOPIC_TRENDS, Topics.trends(counted, w.next.readStaged(Tables.DOCUMENTS), p.period()));

    // drift: the new articles' content tokens outside the stored vocabulary
    Dataset<Row> news = w.read("topic_bags");
    double oov = TopicModelState.oovShare(news);
    Map<String, Object> sources = new java.util.TreeMap<>();
    for (Row r : w.read("doc_topics").groupBy(MIXTURE_SOURCE).count().collectAsList()) {
      sources.put(r.getString(0), r.getLong(1));
    }
    Map<String, Object> section = new LinkedHashMap<>(baseSection);
    Map<String, Object> update = new LinkedHashMap<>();
    update.put("model_fitted_by_version", model.fittedVersion());
    update.put("mixtures_written", sources);
    update.put("oov_share_at_fit", model.oovShare());
    update.put("oov_share_new", oov);
    boolean advise = oov > model.oovShare() + REFIT_ADVICE_POINTS;
    update.put("refit_advised", advise);
    if (advise) {
      update.put("advice", String.format(java.util.Locale.ROOT, "%.1f %% of the new articles' content tokens are "
          + "outside the topic vocabulary (%.1f %% when fitted): `newslens update --refresh` fits the topics again",
          100 * oov, 100 * model.oovShare()));
    }
    section.put("update", update);
    return section;
  }

  /** The topics stage on the whole next version; the stored model is replaced by the new fit's. */
  static Map<String, Object> refit(Workspace w, String why) {
    Dataset<Row> tokens = w.next.readStaged(Tables.TOKENS);
    Topics.Result r = Topics.apply(tokens, w.next.readStaged(Tables.DOCUMENTS),
        w.next.readStaged(Tables.DUPLICATE_CLUSTERS),
        w.cfg.terms().countMode() == CountMode.STORY ? countingUnits(w) : null, w.cfg.topics());
    w.next.replace(Tables.TOPICS, r.topics());
    w.next.replace(Tables.DOC_TOPICS, r.docTopics().withColumn(VERSION, lit(w.version)));
    w.next.replace(Tables.TOPIC_TRENDS, r.topicTrends());
    if (r.model() instanceof GibbsLda g) {
      TopicModelState.write(w.spark, g.snapshot(), r.vocabulary(), tokens, w.version,
          w.next.staged(StateTables.TOPIC_MODEL), w.next.staged(StateTables.TOPIC_PRIOR));
      w.next.claimWritten(StateTables.TOPIC_MODEL);
      w.next.claimWritten(StateTables.TOPIC_PRIOR);
    }
    r.release();
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("stats", r.stats());
    if (r.notFitted() != null) section.put("skipped", r.notFitted());
    section.put("update", Map.of("refitted", true, "why", why));
    return section;
  }

  private static double[] priorMean(double[] alpha) {
    double s = 0;
    for (double a : alpha) s += a;
    double[] m = new double[alpha.length];
    for (int i = 0; i < m.length; i++) m[i] = alpha[i] / s;
    return m;
  }

  /** Every document whose mixture may change in this version: new, re-cleaned, or with another representative. */
  static Set<String> changed(Set<String> newIds, Set<String> dirty, Map<String, String> representativeOf) {
    Set<String> out = new TreeSet<>(newIds);
    out.addAll(dirty);
    out.addAll(representativeOf.keySet());
    return out;
  }
}
