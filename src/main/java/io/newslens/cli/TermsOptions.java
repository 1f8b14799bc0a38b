package io.newslens.cli;

import io.newslens.terms.CountMode;
import io.newslens.terms.PeriodUnit;
import io.newslens.terms.TermsParams;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options of the terms stage (a picocli mixin); {@link #toParams()} validates them into {@link TermsParams}. */
public class TermsOptions {

  @Option(names = "--top-terms", paramLabel = "N", defaultValue = "" + TermsParams.DEFAULT_TOP_TERMS,
      description = "Terms kept per article in doc_terms, by tf-idf. Default: ${DEFAULT-VALUE}")
  int topTerms;

  @Option(names = "--min-term-df", paramLabel = "N", defaultValue = "" + TermsParams.DEFAULT_MIN_TERM_DF,
      description = "Smallest document frequency of a row of the terms table. Default: ${DEFAULT-VALUE}")
  int minTermDf;

  @Option(names = "--min-collocation-count", paramLabel = "N",
      defaultValue = "" + TermsParams.DEFAULT_MIN_COLLOCATION_COUNT,
      description = "Smallest count of a 2- or 3-word phrase in collocations. Default: ${DEFAULT-VALUE}")
  int minCollocationCount;

  @Option(names = "--max-collocations", paramLabel = "N", defaultValue = "" + TermsParams.DEFAULT_MAX_COLLOCATIONS,
      description = "Phrases kept per language in collocations, by log-likelihood. Default: ${DEFAULT-VALUE}")
  int maxCollocations;

  @Option(names = "--count-mode", paramLabel = "cluster|raw", defaultValue = "cluster",
      description = "cluster: a duplicate cluster counts once; raw: every article counts. Default: ${DEFAULT-VALUE}")
  String countMode;

  @Option(names = "--period", paramLabel = "UNIT", defaultValue = "month",
      description = "Period of keyness and term_trends: day, week, month, quarter, year. Default: ${DEFAULT-VALUE}")
  String period;

  @Option(names = "--keyness-top", paramLabel = "N", defaultValue = "" + TermsParams.DEFAULT_KEYNESS_TOP,
      description = "Key terms kept per source and per period. Default: ${DEFAULT-VALUE}")
  int keynessTop;

  @Option(names = "--keyness-min-count", paramLabel = "N", defaultValue = "" + TermsParams.DEFAULT_KEYNESS_MIN_COUNT,
      description = "Smallest count of a key term inside its source or period. Default: ${DEFAULT-VALUE}")
  int keynessMinCount;

  @Option(names = "--keyness-min-g2", paramLabel = "X", defaultValue = "" + TermsParams.DEFAULT_KEYNESS_MIN_G2,
      description = "Smallest log-likelihood (G²) of a key term; 3.84 is p < 0.05. Default: ${DEFAULT-VALUE}")
  double keynessMinG2;

  @Option(names = "--keyness-max-dp", paramLabel = "X", defaultValue = "" + TermsParams.DEFAULT_KEYNESS_MAX_DP,
      description = "Largest dispersion DP (Gries' deviation of proportions, 0 = spread evenly, 1 = in one article) "
          + "of a key term over its source's or period's articles; 1 keeps all. Default: ${DEFAULT-VALUE}")
  double keynessMaxDp;

  @Option(names = "--frequent-share", paramLabel = "SHARE", defaultValue = "" + TermsParams.DEFAULT_FREQUENT_SHARE,
      description = "A term in more than this share of the counted articles is flagged frequent (terms.frequent): too "
          + "common to be informative; topics leave it out of their vocabulary and labels. Default: ${DEFAULT-VALUE}")
  double frequentShare;

  @Option(names = "--trend-terms", paramLabel = "N", defaultValue = "" + TermsParams.DEFAULT_TREND_TERMS,
      description = "Most frequent terms per language followed in term_trends. Default: ${DEFAULT-VALUE}")
  int trendTerms;

  /** The validated parameters; an IllegalArgumentException names the flag at fault. */
  public TermsParams toParams() {
    return new TermsParams(topTerms, minTermDf, minCollocationCount, maxCollocations,
        parse(CountMode.class, countMode, "--count-mode"), parse(PeriodUnit.class, period, "--period"),
        keynessTop, keynessMinCount, keynessMinG2, trendTerms, frequentShare, keynessMaxDp);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, String flag) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(flag + " must be one of " + Arrays.stream(type.getEnumConstants())
          .map(c -> c.name().toLowerCase(Locale.ROOT)).toList() + ", got " + value);
    }
  }
}
