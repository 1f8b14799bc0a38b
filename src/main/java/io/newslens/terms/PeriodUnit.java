package io.newslens.terms;

import java.util.Locale;

/**
 * Length of a period in the period tables, and its label: day "yyyy-MM-dd", week "YYYY-Www" (ISO 8601 week and
 * week-based year), month "yyyy-MM" (default), quarter "yyyy-Qn", year "yyyy". Periods start at the first day of
 * the unit (weeks on Monday) in the Spark session's time zone ({@code spark.sql.session.timeZone}).
 */
public enum PeriodUnit {
  DAY, WEEK, MONTH, QUARTER, YEAR;

  /** The lower-case name used on the command line and in the manifest. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
