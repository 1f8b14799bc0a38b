package io.newslens.terms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the terms stage counted, for the manifest.
 *
 * @param countModeRequested  the --count-mode given
 * @param countMode           the mode used: "raw" when no duplicate clusters were given, whatever was requested
 * @param period              the period unit of keyness and term_trends
 * @param documents           documents with tokens (tokens joined to documents on doc_id)
 * @param countedDocuments    documents counted in the statistics (cluster representatives, or all in raw mode)
 * @param undatedDocuments    counted documents without published_at, left out of the period tables
 * @param unsourcedDocuments  counted documents without a source, left out of source keyness
 */
public record TermsStats(CountMode countModeRequested, CountMode countMode, PeriodUnit period, long documents,
    long countedDocuments, long undatedDocuments, long unsourcedDocuments) {

  /** The stats as a manifest section: snake_case keys, enum values in lower case. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count_mode", countMode.label());
    m.put("count_mode_requested", countModeRequested.label());
    m.put("period", period.label());
    m.put("documents", documents);
    m.put("counted_documents", countedDocuments);
    m.put("undated_documents", undatedDocuments);
    m.put("unsourced_documents", unsourcedDocuments);
    return m;
  }
}
