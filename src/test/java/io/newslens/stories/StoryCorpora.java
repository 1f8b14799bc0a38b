package io.newslens.stories;

import static io.newslens.Columns.*;

import io.newslens.analyze.Analyze;
import io.newslens.analyze.AnalyzeParams;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Hand-made corpora for the stories stage's tests: articles of planted stories (each with its own names and terms,
 * told in different words by different sources), analyzed by the real analyze stage.
 */
final class StoryCorpora {
  private StoryCorpora() {}

  /** One article: id, source, title, publication (ISO date, or null), language, text, planted story. */
  record Article(String id, String source, String title, String published, String lang, String text, String story) {}

  static final StructType DOCUMENTS = new StructType()
      .add(DOC_ID, DataTypes.StringType, false)
      .add(SOURCE, DataTypes.StringType, true)
      .add(TITLE, DataTypes.StringType, true)
      .add(PUBLISHED_AT, DataTypes.TimestampType, true)
      .add(LANG, DataTypes.StringType, false)
      .add(TEXT, DataTypes.StringType, false);

  static Dataset<Row> documents(SparkSession spark, List<Article> articles) {
    List<Row> rows = new ArrayList<>();
    for (Article a : articles) {
      Timestamp ts = a.published() == null ? null
          : Timestamp.valueOf(a.published().length() == 10 ? a.published() + " 08:00:00" : a.published());
      rows.add(RowFactory.create(a.id(), a.source(), a.title(), ts, a.lang(), a.text()));
    }
    return spark.createDataFrame(rows, DOCUMENTS);
  }

  static Dataset<Row> tokens(Dataset<Row> documents) {
    return Analyze.apply(documents, AnalyzeParams.defaults()).tokens();
  }

  /** Everyday words every story uses. */
  static final String[] COMMON = ("le gouvernement a annoncé mardi que la situation reste difficile pour les habitants "
      + "de la région selon plusieurs responsables qui ont demandé une réponse rapide des autorités lors d'une réunion "
      + "organisée dans la capitale où de nombreux témoins ont raconté les événements de la semaine dernière avec "
      + "inquiétude tandis que les experts estiment que la crise pourrait durer encore plusieurs mois").split(" ");

  /** A pseudo-word of two to four syllables, lower case. */
  static String word(SplittableRandom r) {
    String[] s = {"ka", "lo", "mi", "ze", "tru", "vor", "bal", "qui", "no", "ssa", "pel", "gri", "ta", "don", "rix",
        "fu", "sel", "mar", "ven", "dro"};
    StringBuilder b = new StringBuilder();
    int n = 2 + r.nextInt(3);
    for (int i = 0; i < n; i++) b.append(s[r.nextInt(s.length)]);
    return b.toString();
  }

  static String capital(String w) {
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  /**
   * A story's vocabulary: two people (first and last names), a place and six terms, drawn from {@code seed}.
   */
  record StoryWords(String person1, String person2, String place, List<String> terms) {
    static StoryWords of(long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      String p1 = capital(word(r)) + " " + capital(word(r));
      String p2 = capital(word(r)) + " " + capital(word(r));
      String place = capital(word(r));
      List<String> terms = new ArrayList<>();
      for (int i = 0; i < 6; i++) terms.add(word(r));
      return new StoryWords(p1, p2, place, terms);
    }
  }

  /**
   * One article of a story, in its own wording: five sentences mixing everyday words with the story's names and
   * three or four of its terms, the article's seed choosing which and in what order.
   */
  static Article article(String id, String source, String published, String lang, String story, StoryWords w,
      long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder text = new StringBuilder();
    for (int s = 0; s < 5; s++) {
      List<String> words = new ArrayList<>();
      for (int i = 0; i < 9; i++) words.add(COMMON[r.nextInt(COMMON.length)]);
      words.add(r.nextInt(words.size()), w.terms().get(r.nextInt(w.terms().size())));
      words.add(r.nextInt(words.size()), w.terms().get(r.nextInt(w.terms().size())));
      if (s % 2 == 0) words.add(1 + r.nextInt(words.size() - 1), w.person1());
      if (s % 2 == 1) words.add(1 + r.nextInt(words.size() - 1), w.person2());
      if (s == 2) words.add(1 + r.nextInt(words.size() - 1), "à " + w.place());
      String sentence = String.join(" ", words);
      text.append(capital(sentence)).append(". ");
    }
    String title = w.person1() + " à " + w.place() + " : " + w.terms().get(r.nextInt(w.terms().size())) + " "
        + COMMON[r.nextInt(COMMON.length)];
    return new Article(id, source, title, published, lang, text.toString().trim(), story);
  }
}
