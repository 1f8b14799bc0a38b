package io.newslens.clean;

import static io.newslens.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newslens.dedup.Dedup;
import io.newslens.dedup.DedupParams;
import io.newslens.reuse.Reuse;
import io.newslens.reuse.ReuseParams;
import io.newslens.testing.SparkTest;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The time-aware, source-aware rule on small tables of page text: what each page keeps and what it loses, with the
 * edge cases (a source with one page, undated pages, two sources sharing a template, a quote several sources
 * repeat, a developing story's articles of one day), and what dedup and reuse see afterwards.
 */
@SparkTest
class CleanWindowTest {

  /** One page: id, source, url, publication and fetch dates (ISO day or null), file and record (or null), text. */
  record Page(String id, String source, String url, String published, String fetched, String file, Long record,
      String text) {}

  static final StructType SCHEMA = new StructType()
      .add(DOC_ID, DataTypes.StringType, false)
      .add(SOURCE, DataTypes.StringType, true)
      .add(URL, DataTypes.StringType, true)
      .add(PUBLISHED_AT, DataTypes.TimestampType, true)
      .add(FETCHED_AT, DataTypes.TimestampType, true)
      .add(INPUT_PATH, DataTypes.StringType, true)
      .add(RECORD_NUMBER, DataTypes.LongType, true)
      .add(TEXT, DataTypes.StringType, true);

  static Dataset<Row> table(SparkSession spark, List<Page> pages) {
    List<Row> rows = new ArrayList<>();
    for (Page p : pages) {
      rows.add(RowFactory.create(p.id(), p.source(), p.url(), ts(p.published()), ts(p.fetched()), p.file(), p.record(),
          p.text()));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  static Timestamp ts(String day) {
    return day == null ? null : Timestamp.valueOf(day + " 12:00:00");
  }

  /** A long, unique paragraph (over 200 chars: never windowed, never in a block). */
  static String para(String id, int k) {
    return "Le conseil municipal de la commune numéro " + id + " a examiné le point " + k + " de son ordre du jour, "
        + "consacré au budget des écoles, à la rénovation du gymnase et au plan de circulation du centre-ville, "
        + "avant un vote prévu pour la séance suivante.";
  }

  /** The day's teaser block of a source: two headlines (no full stop). */
  static List<String> teasers(String source, int day) {
    return List.of("Jour " + day + " chez " + source + " : la mairie présente son nouveau plan vélo",
        "Jour " + day + " chez " + source + " : les commerçants du marché inquiets pour leur avenir");
  }

  static final String FOOTER = "Retrouvez toute l'actualité de votre ville sur notre site";

  /** An article inside the source's chrome of the day: teasers between the first two paragraphs, the footer. */
  static String page(String id, String source, int day, String... inside) {
    List<String> lines = new ArrayList<>();
    lines.add(para(id, 1));
    lines.addAll(teasers(source, day));
    lines.addAll(List.of(inside));
    lines.add(para(id, 2));
    lines.add(FOOTER);
    return String.join("\n", lines);
  }

  static String day(int d) {
    return String.format("2024-03-%02d", 10 + d);
  }

  static Map<String, Row> clean(SparkSession spark, List<Page> pages, CleanParams p) {
    Map<String, Row> byId = new TreeMap<>();
    for (Row r : Clean.apply(table(spark, pages), p).documents().collectAsList()) byId.put(r.getAs(DOC_ID), r);
    assertEquals(pages.size(), byId.size(), "one row per document");
    return byId;
  }

  static String text(Map<String, Row> byId, String id) {
    return byId.get(id).getAs(TEXT);
  }

  static List<String> reasons(Map<String, Row> byId, String id) {
    Row r = byId.get(id);
    return r.<Row>getList(r.fieldIndex(BOILERPLATE)).stream().map(b -> b.<String>getAs(REASON)).toList();
  }

  static final CleanParams WINDOW_OFF = CleanParams.defaults().withWindow(0, 0, 4, 0.2, 200);

  @Test
  void blocksThatChangeEveryDayAndTheEdgeCases(SparkSession spark) {
    List<Page> pages = new ArrayList<>();
    // source "ville": 5 pages a day for 4 days, each day its own teaser block; 20 pages with the footer
    for (int d = 0; d < 4; d++) {
      for (int k = 0; k < 5; k++) {
        String id = "v" + d + k;
        String[] inside = {};
        // day 2: four pages are a developing story, with its subheading between two paragraphs and a sentence
        if (d == 2 && k < 4) inside = new String[] {para(id, 0), "Ce que l'on sait de l'incendie du marché",
            "L'enquête a été confiée à la police judiciaire de la ville.", para(id, 3)};
        pages.add(new Page(id, "ville", "https://ville.example/" + id, day(d), null, null, null,
            page(id, "ville", d, inside)));
      }
    }
    // a quote six sources repeat on day 1 (one page each), as a line of its own
    String quote = "« Nous ne céderons pas », a lancé le maire devant le conseil";
    for (int s = 0; s < 6; s++) {
      String id = "q" + s;
      pages.add(new Page(id, "site" + s, null, day(1), null, null, null,
          String.join("\n", para(id, 1), quote, para(id, 2))));
    }
    // a source with one page: its teasers have nothing to repeat against
    pages.add(new Page("solo", "solo", null, day(1), null, null, null, page("solo", "solo", 1)));
    // two sources sharing a template (the same publisher's daily block), 4 and 2 pages on day 3
    for (int k = 0; k < 4; k++) {
      pages.add(new Page("t" + k, "groupe-a", null, day(3), null, null, null, page("t" + k, "groupe", 3)));
    }
    for (int k = 0; k < 2; k++) {
      pages.add(new Page("u" + k, "groupe-b", null, day(3), null, null, null, page("u" + k, "groupe", 3)));
    }
    // undated pages in file order: 5 consecutive records of one file share a block; 5 in a table without order
    for (int k = 0; k < 5; k++) {
      pages.add(new Page("f" + k, "fichier", null, null, null, "file:/crawl/part-0.warc.gz", (long) k,
          page("f" + k, "fichier", 7)));
      pages.add(new Page("n" + k, "sans-ordre", null, null, null, null, null, page("n" + k, "sans-ordre", 7)));
    }
    // fetched the same day, published a year apart: the fetch date counts
    for (int k = 0; k < 4; k++) {
      pages.add(new Page("w" + k, "archive", null, "202" + k + "-01-15", day(2), null, null,
          page("w" + k, "archive", 2)));
    }

    Map<String, Row> out = clean(spark, pages, CleanParams.defaults());
    // the daily blocks go, the articles stay whole
    for (int d = 0; d < 4; d++) {
      for (int k = 0; k < 5; k++) {
        String id = "v" + d + k;
        String t = text(out, id);
        for (String teaser : teasers("ville", d)) assertFalse(t.contains(teaser), id + ": " + teaser);
        assertFalse(t.contains(FOOTER), id);
        assertTrue(t.startsWith(para(id, 1)) && t.endsWith(para(id, 2)), id + ": " + t);
      }
    }
    assertEquals(List.of("repeated_in_window", "repeated_in_window", "repeated_in_source"), reasons(out, "v00"));
    // the developing story keeps its subheading (alone between paragraphs) and its sentence
    for (int k = 0; k < 4; k++) {
      String t = text(out, "v2" + k);
      assertTrue(t.contains("\nCe que l'on sait de l'incendie du marché\n"), t);
      assertTrue(t.contains("L'enquête a été confiée à la police judiciaire de la ville."), t);
    }
    // the quote stays in every source
    for (int s = 0; s < 6; s++) assertTrue(text(out, "q" + s).contains(quote), "q" + s);
    // one page: nothing to repeat against
    for (String teaser : teasers("solo", 1)) assertTrue(text(out, "solo").contains(teaser));
    // a shared template is each source's own: removed where the source repeats it, kept in the source of two pages
    for (int k = 0; k < 4; k++) for (String x : teasers("groupe", 3)) assertFalse(text(out, "t" + k).contains(x));
    for (int k = 0; k < 2; k++) for (String x : teasers("groupe", 3)) assertTrue(text(out, "u" + k).contains(x));
    // undated: file order stands in for the date; without it, only the corpus-wide rule (5 pages < 10)
    for (int k = 0; k < 5; k++) {
      for (String x : teasers("fichier", 7)) assertFalse(text(out, "f" + k).contains(x), "f" + k);
      for (String x : teasers("sans-ordre", 7)) assertTrue(text(out, "n" + k).contains(x), "n" + k);
    }
    // the fetch day, not the publication year
    for (int k = 0; k < 4; k++) for (String x : teasers("archive", 2)) assertFalse(text(out, "w" + k).contains(x));

    // with the windowed rule off, frequency alone misses every daily block (5 pages < 10)
    Map<String, Row> off = clean(spark, pages, WINDOW_OFF);
    for (String x : teasers("ville", 0)) assertTrue(text(off, "v00").contains(x));
    assertEquals(List.of("repeated_in_source"), reasons(off, "v00"));
    for (String x : teasers("fichier", 7)) assertTrue(text(off, "f0").contains(x));
    // published dates alone (no fetched_at column): a year apart, nothing shared
    Map<String, Row> published = clean(spark, pages.stream().filter(p -> p.id().startsWith("w")).toList(),
        CleanParams.defaults());
    Dataset<Row> noFetch = table(spark, pages.stream().filter(p -> p.id().startsWith("w")).toList()).drop(FETCHED_AT);
    for (Row r : Clean.apply(noFetch, CleanParams.defaults()).documents().collectAsList()) {
      for (String x : teasers("archive", 2)) assertTrue(r.<String>getAs(TEXT).contains(x), r.<String>getAs(DOC_ID));
    }
    for (String x : teasers("archive", 2)) assertFalse(text(published, "w0").contains(x));

    // the manifest's counts, from the cleaned table
    Map<String, Object> stats = Clean.removalStats(Clean.apply(table(spark, pages), CleanParams.defaults())
        .documents(), 3);
    assertEquals(13, ((Number) stats.get("sources")).intValue());
    @SuppressWarnings("unchecked")
    Map<String, Object> bySource = (Map<String, Object>) stats.get("by_source");
    assertEquals(List.of("ville", "fichier", "archive", "(other sources)"), List.copyOf(bySource.keySet()));
    @SuppressWarnings("unchecked")
    Map<String, Object> ville = (Map<String, Object>) bySource.get("ville");
    // 40 teaser lines and 20 footers
    assertEquals(20L, ville.get("documents"));
    assertEquals(20L, ville.get("documents_with_removals"));
    assertEquals(60L, ville.get("lines_removed"));
    assertEquals(Map.of("repeated_in_source", 20L, "repeated_in_window", 40L), ville.get("lines_removed_by_reason"));
  }

  /** Six short, unrelated articles: two sentences each. */
  static final String[] BODIES = {
      "Le tribunal administratif a suspendu mardi l'arrêté interdisant la baignade dans le lac. Les associations de "
          + "riverains saluent une décision attendue depuis le début de l'été.",
      "La récolte de pommes s'annonce abondante dans les vergers de la vallée malgré la grêle d'avril. Les "
          + "producteurs craignent pourtant une chute des prix à l'automne.",
      "Un incendie a détruit dans la nuit un entrepôt de la zone industrielle sans faire de victime. Les pompiers "
          + "ont mobilisé quarante hommes pendant six heures.",
      "Le club de handball a remporté son troisième match consécutif devant un public enthousiaste. L'entraîneur "
          + "veut désormais viser le haut du classement.",
      "La médiathèque rouvre ses portes après dix-huit mois de travaux et un budget dépassé. Les horaires "
          + "d'ouverture sont élargis au dimanche matin.",
      "Une colonie de chauves-souris protégées a été découverte dans le clocher de l'église. Les travaux de "
          + "toiture sont reportés jusqu'au printemps."};

  @Test
  void dedupAndReuseNeverSeeTheRemovedChrome(SparkSession spark) {
    // six unrelated short articles of one source and day, inside a heavy chrome of the day (menu, ticker, teasers)
    List<String> chrome = new ArrayList<>(List.of("Accueil", "Politique", "Monde", "Économie", "Culture"));
    for (int i = 0; i < 12; i++) {
      chrome.add(String.format("%02d:%02d Le fil de la journée rapporte l'événement numéro %d survenu dans la "
          + "région ce jour-là", 18 - i, 5 * i, i));
    }
    List<Page> pages = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      String body = BODIES[k].replace(". ", ".\n");
      String text = String.join("\n", chrome) + "\n" + String.join("\n", teasers("ville", 0)) + "\n" + body;
      // the same ticker on a sister site's pages: cross-source, as reuse would count it
      pages.add(new Page("d" + k, k < 3 ? "ville" : "ville-soeur", null, day(0), null, null, null, text));
    }
    Dataset<Row> raw = table(spark, pages);
    Dataset<Row> cleaned = Clean.apply(raw, CleanParams.defaults()).documents().cache();
    for (Row r : cleaned.collectAsList()) {
      String t = r.getAs(TEXT);
      assertFalse(t.contains("Le fil de la journée"), t);
      assertFalse(t.contains("plan vélo"), t);
      assertTrue(List.of(BODIES).contains(t.replace("\n", " ")), t);
    }
    // on the raw page text the chrome makes unrelated articles near-duplicates and reused passages
    assertTrue(Dedup.pairs(raw, DedupParams.defaults()).count() > 0);
    assertTrue(Reuse.apply(raw, ReuseParams.defaults()).passages().count() > 0);
    // on the cleaned text: none (the stages read the cleaned text column)
    assertEquals(0, Dedup.pairs(cleaned, DedupParams.defaults()).count());
    assertEquals(0, Reuse.apply(cleaned, ReuseParams.defaults()).passages().count());
    cleaned.unpersist();
  }
}
