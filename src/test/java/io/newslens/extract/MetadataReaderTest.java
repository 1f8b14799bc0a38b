package io.newslens.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a page says about itself, from JSON-LD, meta tags, markup and the URL, in that order. */
class MetadataReaderTest {

  static PageMetadata read(String html, String url) {
    return MetadataReader.read(Jsoup.parse(html, url == null ? "" : url), url).metadata();
  }

  @Test
  void jsonLdComesFirstEvenWhenItIsNotValidJson() {
    String html = """
        <html lang="en-GB"><head><title>Other title | Site</title>
        <meta property="og:title" content="The og title">
        <meta property="article:published_time" content="2019-01-01T00:00:00Z">
        <script type="application/ld+json"><!--
        {"@context": "https://schema.org", "@type": ["NewsArticle"], "headline": "The headline",
         "datePublished": "2020-07-02T16:40:00+02:00", // a comment
         "author": ["Ann Lee", {"@type": "Person", "name": "By Bob Stone"}, "https://example.org/staff/ann"],
         "publisher": {"@type": "Organization", "name": "The Daily Example",},
         "articleBody": "Body text with a raw
        line break.", "keywords": ["a", "b"],}
        --></script></head><body><h1>The h1</h1></body></html>""";
    MetadataReader.Result r = MetadataReader.read(Jsoup.parse(html), "https://example.org/a");
    PageMetadata m = r.metadata();
    assertEquals("The headline", m.title());
    assertEquals("2020-07-02T16:40:00+02:00", m.published());
    assertEquals(List.of("Ann Lee", "Bob Stone"), m.authors());
    assertEquals("The Daily Example", m.siteName());
    assertEquals("en-GB", m.lang());
    assertEquals("a, b", m.extra().get("keywords"));
    assertEquals("NewsArticle", m.extra().get("ld_type"));
    assertEquals("Body text with a raw\nline break.", r.jsonLdBody());
    assertEquals(List.of("The headline", "The og title", "The h1", "Other title | Site"), r.titles());
  }

  @Test
  void openGraphAndMarkupWithoutJsonLd() {
    String html = """
        <html><head><title>Fallback</title>
        <meta property="og:title" content="Jacob &amp;amp; Co. unveil a watch | Watch News">
        <meta property="og:site_name" content="Watch News">
        <meta property="og:url" content="/2021/05/06/jacob-co-watch">
        <meta name="description" content="  A  short   description. ">
        <meta http-equiv="content-language" content="fr">
        </head><body><article><h1>Jacob &amp; Co. unveil a watch</h1>
        <time datetime="2021-05-06T10:00:00+02:00">6 mai</time></article></body></html>""";
    PageMetadata m = read(html, "https://watch.example/news?id=5");
    assertEquals("Jacob & Co. unveil a watch", m.title());
    assertEquals("2021-05-06T10:00:00+02:00", m.published());
    assertEquals("https://watch.example/2021/05/06/jacob-co-watch", m.canonicalUrl());
    assertEquals("A short description.", m.description());
    assertEquals("fr", m.lang());
    assertEquals(List.of(), m.authors());
  }

  @Test
  void theDateComesFromTheUrlWhenThePageHasNone() {
    assertEquals("2020-07-02", read("<title>T</title>", "https://x.example/news/2020/07/02/slug.html").published());
    assertEquals("2018-11-30", read("<title>T</title>", "https://x.example/politics-20181130-story.html")
        .published());
    assertNull(read("<title>T</title>", "https://x.example/news/2020/13/02/slug").published());
    // a placeholder date is not a date: the next source (here the URL) is used
    assertEquals("2015-03-04", read("<meta property='article:published_time' content='0001-01-01T00:00:00Z'>",
        "https://x.example/2015/03/04/a").published());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      2020-07-02T16:40:00+02:00       | 2020-07-02T16:40:00+02:00
      2020-07-02 16:40:00             | 2020-07-02 16:40:00
      2020/7/2                        | 2020-07-02
      July 2, 2020                    | 2020-07-02
      2nd July 2020                   | 2020-07-02
      2 juillet 2020                  | 2020-07-02
      1er août 2019 à 10h             | 2019-08-01
      Thu, 02 Jul 2020 16:40:00 GMT   | 2020-07-02T16:40Z
      yesterday                       | yesterday
      """)
  void datesAreIsoWhenTheyCanBe(String written, String expected) {
    assertEquals(expected, MetadataReader.date(written));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = ';', textBlock = """
      Headline here | The Site                 ; The Site            ;                    ; Headline here
      Headline here - Example News             ; Example News        ;                    ; Headline here
      Example News: Headline here              ; Example News        ;                    ; Headline here
      Headline here – lemonde.fr               ;                     ;                    ; Headline here
      Le Monde : Headline here                 ;                     ;                    ; Headline here
      Pros and cons - a review                 ;                     ;                    ; Pros and cons - a review
      Brexit: what happens next                ; Example News        ;                    ; Brexit: what happens next
      Section | Headline here | Brand          ;                     ; Headline here      ; Headline here
      """)
  void siteNamesAreStrippedFromTitles(String title, String site, String h1, String expected) {
    String url = "https://www.lemonde.fr/a";
    assertEquals(expected, MetadataReader.stripSiteName(title, site, url, h1));
  }

  @Test
  void aPageWithNothingGivesNulls() {
    PageMetadata m = read("", null);
    assertNull(m.title());
    assertNull(m.published());
    assertNull(m.canonicalUrl());
    assertNull(m.siteName());
    assertNull(m.lang());
    assertEquals(List.of(), m.authors());
  }

  @Test
  void canonicalUrlsAreAbsoluteHttp() {
    assertEquals("https://a.example/x/y", MetadataReader.absolute("y", "https://a.example/x/z"));
    assertEquals("https://b.example/p", MetadataReader.absolute("https://b.example/p", null));
    assertNull(MetadataReader.absolute("/p", null));
    assertNull(MetadataReader.absolute("javascript:void(0)", "https://a.example/"));
    assertNull(MetadataReader.absolute("http://[bad", "https://a.example/"));
  }
}
