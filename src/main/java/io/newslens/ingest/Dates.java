package io.newslens.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the date formats news records carry into an instant (UTC when the input has no zone).
 * ISO dates and date-times (with or without zone, 'T' or space), RFC 822/1123, epoch seconds or milliseconds,
 * and the day-first forms common in French sources (13/09/2023, 13.09.2023 22:20).
 */
public final class Dates {
  private Dates() {}

  private static final Pattern EPOCH = Pattern.compile("-?\\d{9,13}(\\.\\d+)?");
  private static final List<DateTimeFormatter> LOCAL_DATE_TIMES = List.of(
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS]", Locale.ROOT),
      DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm[:ss]", Locale.ROOT),
      DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm[:ss]", Locale.ROOT),
      DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm[:ss]", Locale.ROOT),
      DateTimeFormatter.ofPattern("dd-MM-uuuu HH:mm[:ss]", Locale.ROOT));
  private static final List<DateTimeFormatter> LOCAL_DATES = List.of(
      DateTimeFormatter.ISO_LOCAL_DATE,
      DateTimeFormatter.ofPattern("uuuu/MM/dd", Locale.ROOT),
      DateTimeFormatter.ofPattern("dd/MM/uuuu", Locale.ROOT),
      DateTimeFormatter.ofPattern("dd.MM.uuuu", Locale.ROOT),
      DateTimeFormatter.ofPattern("dd-MM-uuuu", Locale.ROOT),
      DateTimeFormatter.BASIC_ISO_DATE);
  // RFC 822 allows a two-digit year and no day-of-week; RFC_1123_DATE_TIME covers the common four-digit form.
  private static final DateTimeFormatter RFC_822 =
      DateTimeFormatter.ofPattern("[EEE, ]d MMM uu[uu] HH:mm[:ss] [zzz][Z][X]", Locale.ENGLISH);

  /** The instant a date string denotes, or empty if no supported format matches (never throws). */
  public static Optional<Instant> parse(String raw) {
    if (raw == null) return Optional.empty();
    String s = raw.strip();
    if (s.isEmpty() || s.length() > 64) return Optional.empty();
    if (EPOCH.matcher(s).matches()) return epoch(s);
    String iso = s.indexOf(' ') == 10 && s.length() > 11 && Character.isDigit(s.charAt(11))
        ? s.substring(0, 10) + 'T' + s.substring(11) : s;
    try {
      return Optional.of(OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException ignored) { /* try the next format */ }
    try {
      return Optional.of(ZonedDateTime.parse(iso, DateTimeFormatter.ISO_ZONED_DATE_TIME).toInstant());
    } catch (DateTimeParseException ignored) { /* next */ }
    try {
      return Optional.of(LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException ignored) { /* next */ }
    try {
      return Optional.of(ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException ignored) { /* next */ }
    try {
      return Optional.of(ZonedDateTime.parse(s, RFC_822).toInstant());
    } catch (DateTimeParseException ignored) { /* next */ }
    for (DateTimeFormatter f : LOCAL_DATE_TIMES) {
      try {
        return Optional.of(LocalDateTime.parse(s, f).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException ignored) { /* next */ }
    }
    for (DateTimeFormatter f : LOCAL_DATES) {
      try {
        return Optional.of(LocalDate.parse(s, f).atStartOfDay().toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException ignored) { /* next */ }
    }
    return Optional.empty();
  }

  /** Whether a whole line is nothing but a date or date-time (used to find a .txt article's date line). */
  public static boolean isDateLine(String line) {
    String s = line.strip();
    return s.length() >= 8 && s.length() <= 40 && !EPOCH.matcher(s).matches() && Character.isDigit(s.charAt(0))
        && parse(s).isPresent();
  }

  private static Optional<Instant> epoch(String s) {
    try {
      double v = Double.parseDouble(s);
      // 13 digits: milliseconds; otherwise seconds. Years 1973..2286 either way.
      long millis = s.replace("-", "").split("\\.")[0].length() >= 13 ? (long) v : (long) (v * 1000);
      return Optional.of(Instant.ofEpochMilli(millis));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
