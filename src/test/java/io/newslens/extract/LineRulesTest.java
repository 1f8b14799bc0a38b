package io.newslens.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The short-line rules and the class-name kinds, on lines and names written for these tests. */
class LineRulesTest {

  static Block block(String html) {
    return PageBlocks.of(Jsoup.parse(html).body()).get(0);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      <p>By Jane Doe</p>                                          | true
      <p>Par Jean Dupont et Marie Martin</p>                      | true
      <p>AFP, publié le lundi 15 juin 2020 à 16h40</p>            | true
      <p>Published November 20th, 2019 - 07:50 GMT</p>            | true
      <p>NOVEMBER 20, 2019 10:43</p>                              | true
      <p><time datetime=2020-01-02>2 Jan</time> · 4 min</p>       | true
      <p>Jane Doe, Staff Writer</p>                               | true
      <p>By the end of the year, prices had doubled.</p>          | false
      <p>Le 2 juin, le ministre a démissionné.</p>                | false
      <li>June 17 -- Bridgestone Arena, Nashville</li>            | false
      <blockquote>Someone (@someone) November 9, 2018</blockquote> | false
      <p>The council met on 12 March and voted the budget, which the mayor had presented a week before.</p> | false
      """)
  void bylines(String html, boolean expected) {
    assertEquals(expected, LineRules.byline(block(html), List.of("Jane Doe")), html);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      Advertisement                                     | true
      PUBLICITÉ                                         | true
      Share this article                                | true
      À lire aussi :                                    | true
      12 comments                                       | true
      © 2020 Example Media. All rights reserved.        | true
      Read more                                         | true
      Read more about the vote in our earlier report.   | false
      The comments of the minister surprised everyone.  | false
      """)
  void stockPhrases(String text, boolean expected) {
    assertEquals(expected, LineRules.boilerplate(block("<p>" + text + "</p>")), text);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      div | article-comments         | comments
      div | relatedArticles          | related
      div | c-byline__author         | byline
      div | social-share-bar         | share
      div | entry-meta post-date     | byline
      div | bloc-partage             | share
      div | main-content             | -
      div | adaptive-layout          | -
      div | header                   | navigation
      article | post tag-politics format-standard | -
      article | comment                | comments
      """)
  void classNameKinds(String tag, String cls, String expected) {
    assertEquals(expected, ClassNames.mark(Jsoup.parse("<" + tag + " class='" + cls + "'>x</" + tag + ">")
        .body().child(0)), cls);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      <p>one two three</p>                 | 3 | 0
      <p><a href=x>one two</a> three</p>   | 3 | 6
      <p>l'été à Paris, 3,5 %</p>           | 6 | 0
      """)
  void blockCounts(String html, int words, int linkChars) {
    Block b = PageBlocks.of(Jsoup.parse(html)
        .body()).get(0);
    assertEquals(words, b.words);
    assertEquals(linkChars, b.linkChars);
  }
}
