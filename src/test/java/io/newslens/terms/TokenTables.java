package io.newslens.terms;

import io.newslens.analyze.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Hand-made tokens tables with {@link Tokens#SCHEMA} for tests, from a deliberately simple tokenizer: words are
 * runs of letters and digits (inner hyphens and apostrophes kept), a French elided article ("l’", "d’", "qu’" …)
 * is cut off the surface, term = lower-cased surface, a new sentence starts after '.', '!', '?' or a line break,
 * a new paragraph after a blank line, stop words from a short French list.
 */
final class TokenTables {
  private TokenTables() {}

  static final Set<String> STOP = Set.of("le", "la", "les", "l", "de", "du", "des", "d", "et", "un", "une", "à", "a",
      "en", "au", "aux", "que", "qui", "ce", "se", "sa", "son", "ses", "leur", "leurs", "il", "elle", "ils", "on",
      "pour", "par", "sur", "dans", "avec", "est", "sont", "été", "ont", "ne", "pas", "plus", "y", "ou", "mais",
      "entre", "cette", "ces", "nous", "vous", "je", "lui", "être", "avoir", "the", "of", "and");

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:[-'’][\\p{L}\\p{N}]+)*");
  private static final Pattern ELISION = Pattern.compile("^(?i)(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]");

  /** One document's text: its id, language and text. */
  record Text(String docId, String lang, String text) {}

  static Text text(String docId, String lang, String text) {
    return new Text(docId, lang, text);
  }

  /** The tokens table of the given texts. */
  static Dataset<Row> tokens(SparkSession spark, Text... texts) {
    List<Row> rows = new ArrayList<>();
    for (Text t : texts) rows.add(RowFactory.create(t.docId(), t.lang(), tokenize(t.text())));
    return spark.createDataFrame(rows, Tokens.SCHEMA);
  }

  /** The token structs of one text (as Rows in {@link Tokens#TOKEN} order). */
  static List<Row> tokenize(String text) {
    List<Row> out = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    int sentence = 0;
    int paragraph = 0;
    int prevEnd = 0;
    boolean first = true;
    while (m.find()) {
      String gap = text.substring(prevEnd, m.start());
      if (!first) {
        if (gap.matches("(?s).*\\n\\s*\\n.*")) paragraph++;
        if (gap.matches("(?s).*[.!?\\n].*")) sentence++;
      }
      first = false;
      int start = m.start();
      String surface = m.group();
      Matcher e = ELISION.matcher(surface);
      if (e.find() && e.end() < surface.length()) {
        start += e.end();
        surface = surface.substring(e.end());
      }
      String term = surface.toLowerCase(Locale.ROOT);
      out.add(RowFactory.create(term, surface, sentence, paragraph, start, m.end(), STOP.contains(term)));
      prevEnd = m.end();
    }
    return out;
  }
}
