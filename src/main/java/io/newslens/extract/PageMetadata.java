package io.newslens.extract;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a page says about itself. Every field may be null (authors: empty) when the page does not say.
 *
 * @param title the article's title (JSON-LD headline, og:title, the h1, the title element minus a site suffix)
 * @param published the publication date as written by the page (JSON-LD datePublished, article:published_time,
 *     a time element, a date in the URL); never the crawl date
 * @param authors author names in page order, without duplicates
 * @param canonicalUrl the page's canonical URL (link rel=canonical, og:url), absolute
 * @param siteName the site's name (og:site_name, publisher name); the caller falls back to the host
 * @param lang the page's declared language (html lang, content-language), as written
 * @param description the page's description (meta description, og:description)
 * @param extra other metadata worth keeping, name → value: {@code modified} (date modified), {@code section},
 *     {@code keywords}, {@code ld_type} (the JSON-LD type read), {@code truncated_at} (the page was cut at this many
 *     bytes before parsing), {@code not_text} (the bytes are binary, why)
 */
public record PageMetadata(String title, String published, List<String> authors, String canonicalUrl,
    String siteName, String lang, String description, Map<String, String> extra) implements Serializable {

  public PageMetadata {
    authors = authors == null ? List.of() : List.copyOf(authors);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  public static PageMetadata empty() {
    return new PageMetadata(null, null, List.of(), null, null, null, null, Map.of());
  }
}
