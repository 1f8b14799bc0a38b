package io.newslens.terms;

import java.util.Objects;

/**
 * Parameters of the terms stage (CLI flags in {@code io.newslens.cli.TermsOptions}).
 *
 * @param topTerms            terms kept per document in doc_terms, by tf-idf ({@code --top-terms})
 * @param minTermDf           smallest document frequency of a row of the terms table ({@code --min-term-df})
 * @param minCollocationCount smallest count of a phrase in collocations ({@code --min-collocation-count})
 * @param maxCollocations     phrases kept per language, by G² ({@code --max-collocations})
 * @param countMode           cluster: each duplicate cluster counts once; raw: every article ({@code --count-mode})
 * @param period              period unit of keyness and term_trends ({@code --period})
 * @param keynessTop          key terms kept per source and per period ({@code --keyness-top})
 * @param keynessMinCount     smallest count of a key term inside its source or period ({@code --keyness-min-count})
 * @param keynessMinG2        smallest G² of a key term; 3.84 is p &lt; 0.05 at one degree of freedom
 *                            ({@code --keyness-min-g2})
 * @param trendTerms          terms followed per language in term_trends, by corpus count ({@code --trend-terms})
 * @param frequentShare       a term in more than this share of its language's counted documents is flagged
 *                            {@code frequent} in the terms table ({@code --frequent-share}; the topics stage leaves
 *                            the same terms out of its vocabulary)
 * @param keynessMaxDp        largest DP (Gries' deviation of proportions over the subset's counted articles) of a
 *                            key term: a term concentrated in a few of a source's or period's articles is not key
 *                            to it ({@code --keyness-max-dp}; 1 keeps every term)
 */
public record TermsParams(int topTerms, int minTermDf, int minCollocationCount, int maxCollocations,
    CountMode countMode, PeriodUnit period, int keynessTop, int keynessMinCount, double keynessMinG2,
    int trendTerms, double frequentShare, double keynessMaxDp) {

  public static final int DEFAULT_TOP_TERMS = 20;
  public static final int DEFAULT_MIN_TERM_DF = 1;
  public static final int DEFAULT_MIN_COLLOCATION_COUNT = 5;
  public static final int DEFAULT_MAX_COLLOCATIONS = 10_000;
  public static final int DEFAULT_KEYNESS_TOP = 50;
  public static final int DEFAULT_KEYNESS_MIN_COUNT = 5;
  public static final double DEFAULT_KEYNESS_MIN_G2 = 3.84;
  public static final int DEFAULT_TREND_TERMS = 100;
  /** See {@link #frequentShare}: measured on OrangeSum and the Brown corpus, README "Readable terms and topics". */
  public static final double DEFAULT_FREQUENT_SHARE = 0.2;
  /** See {@link #keynessMaxDp}: measured on OrangeSum, README "Readable terms and topics". */
  public static final double DEFAULT_KEYNESS_MAX_DP = 0.9;

  /** The parameters with the frequent share and keyness dispersion bound at their defaults. */
  public TermsParams(int topTerms, int minTermDf, int minCollocationCount, int maxCollocations, CountMode countMode,
      PeriodUnit period, int keynessTop, int keynessMinCount, double keynessMinG2, int trendTerms) {
    this(topTerms, minTermDf, minCollocationCount, maxCollocations, countMode, period, keynessTop, keynessMinCount,
        keynessMinG2, trendTerms, DEFAULT_FREQUENT_SHARE, DEFAULT_KEYNESS_MAX_DP);
  }

  public TermsParams {
    positive(topTerms, "--top-terms");
    positive(minTermDf, "--min-term-df");
    positive(minCollocationCount, "--min-collocation-count");
    positive(maxCollocations, "--max-collocations");
    Objects.requireNonNull(countMode, "--count-mode must be cluster or raw");
    Objects.requireNonNull(period, "--period must be day, week, month, quarter or year");
    positive(keynessTop, "--keyness-top");
    positive(keynessMinCount, "--keyness-min-count");
    if (!(keynessMinG2 >= 0) || Double.isInfinite(keynessMinG2)) {
      throw new IllegalArgumentException("--keyness-min-g2 must be a finite number >= 0, got " + keynessMinG2);
    }
    positive(trendTerms, "--trend-terms");
    checkFrequentShare(frequentShare);
    if (!(keynessMaxDp >= 0 && keynessMaxDp <= 1)) {
      throw new IllegalArgumentException("--keyness-max-dp must be between 0 and 1, got " + keynessMaxDp);
    }
  }

  /** The rule for {@code --frequent-share}, shared with the topics stage's parameters. */
  public static void checkFrequentShare(double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("--frequent-share must be a share in (0, 1], got " + share);
    }
  }

  public static TermsParams defaults() {
    return new TermsParams(DEFAULT_TOP_TERMS, DEFAULT_MIN_TERM_DF, DEFAULT_MIN_COLLOCATION_COUNT,
        DEFAULT_MAX_COLLOCATIONS, CountMode.CLUSTER, PeriodUnit.MONTH, DEFAULT_KEYNESS_TOP,
        DEFAULT_KEYNESS_MIN_COUNT, DEFAULT_KEYNESS_MIN_G2, DEFAULT_TREND_TERMS);
  }

  public TermsParams withTopTerms(int v) {
    return new TermsParams(v, minTermDf, minCollocationCount, maxCollocations, countMode, period, keynessTop,
        keynessMinCount, keynessMinG2, trendTerms, frequentShare, keynessMaxDp);
  }

  public TermsParams withCountMode(CountMode v) {
    return new TermsParams(topTerms, minTermDf, minCollocationCount, maxCollocations, v, period, keynessTop,
        keynessMinCount, keynessMinG2, trendTerms, frequentShare, keynessMaxDp);
  }

  public TermsParams withPeriod(PeriodUnit v) {
    return new TermsParams(topTerms, minTermDf, minCollocationCount, maxCollocations, countMode, v, keynessTop,
        keynessMinCount, keynessMinG2, trendTerms, frequentShare, keynessMaxDp);
  }

  public TermsParams withCollocations(int minCount, int max) {
    return new TermsParams(topTerms, minTermDf, minCount, max, countMode, period, keynessTop, keynessMinCount,
        keynessMinG2, trendTerms, frequentShare, keynessMaxDp);
  }

  public TermsParams withKeyness(int top, int minCount, double minG2) {
    return new TermsParams(topTerms, minTermDf, minCollocationCount, maxCollocations, countMode, period, top,
        minCount, minG2, trendTerms, frequentShare, keynessMaxDp);
  }

  public TermsParams withTrendTerms(int v) {
    return new TermsParams(topTerms, minTermDf, minCollocationCount, maxCollocations, countMode, period, keynessTop,
        keynessMinCount, keynessMinG2, v, frequentShare, keynessMaxDp);
  }

  public TermsParams withFrequentShare(double v) {
    return new TermsParams(topTerms, minTermDf, minCollocationCount, maxCollocations, countMode, period, keynessTop,
        keynessMinCount, keynessMinG2, trendTerms, v, keynessMaxDp);
  }

  public TermsParams withKeynessMaxDp(double v) {
    return new TermsParams(topTerms, minTermDf, minCollocationCount, maxCollocations, countMode, period, keynessTop,
        keynessMinCount, keynessMinG2, trendTerms, frequentShare, v);
  }

  private static void positive(int v, String flag) {
    if (v < 1) throw new IllegalArgumentException(flag + " must be >= 1, got " + v);
  }
}
