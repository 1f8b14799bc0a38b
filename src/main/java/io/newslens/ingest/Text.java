package io.newslens.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Small string helpers shared by the readers. */
final class Text {
  private Text() {}

  static String normalizeNewlines(String s) {
    if (s.indexOf('\r') < 0) return s;
    return s.replace("\r\n", "\n").replace('\r', '\n');
  }

  static String oneLine(String s) {
    if (s == null) return null;
    String t = s.replaceAll("\\s+", " ").strip();
    if (t.isEmpty()) return null;
    return t.length() <= 500 ? t : t.substring(0, 500);
  }

  /** Non-blank lines at the head of a .txt article where its title is looked for. */
  static final int TITLE_LINES = 8;

  /**
   * The title of a .txt article from its first non-blank lines (at most {@link #TITLE_LINES}). Scraped pages often
   * open with a masthead before the headline: a site name ("Exoconscience.com"), an image's alt text ("logo"), a
   * tagline. So:
   * <ol>
   *   <li>page chrome is not a title: a bare domain name, or one of logo, menu, accueil, home, navigation;</li>
   *   <li>a short line (under 5 words) right after a site's domain name is its tagline, not a title;</li>
   *   <li>date lines are not titles;</li>
   *   <li>of the lines left, one that occurs twice is the title (a page's headline and its repeat), else the
   *       first;</li>
   *   <li>with no line left, the first line.</li>
   * </ol>
   * Returned on one line, at most 500 characters ({@link #oneLine}); null for no lines.
   */
  static String txtTitle(List<String> lines) {
    List<String> candidates = new ArrayList<>();
    boolean afterDomain = false;
    for (String line : lines) {
      String t = oneLine(line);
      if (t == null) continue;
      boolean domain = DOMAIN.matcher(t).matches();
      boolean chrome = domain || CHROME.matcher(t).matches();
      boolean tagline = afterDomain && t.split(" ").length < 5;
      afterDomain = domain;
      if (!chrome && !tagline && !Dates.isDateLine(t)) candidates.add(t);
    }
    for (int i = 0; i < candidates.size(); i++) {
      if (candidates.subList(i + 1, candidates.size()).contains(candidates.get(i))) return candidates.get(i);
    }
    if (!candidates.isEmpty()) return candidates.get(0);
    return lines.isEmpty() ? null : oneLine(lines.get(0));
  }

  private static final Pattern DOMAIN = Pattern.compile("(?U)[\\w-]+(\\.[\\w-]+)*\\.\\p{L}{2,}");
  private static final Pattern CHROME = Pattern.compile("(?iU)logo|menu|accueil|home|navigation");

  /** Bytes of the string in UTF-8, without encoding it. */
  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  static String fileName(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  static String fileStem(String path) {
    String name = fileName(path);
    if (name.endsWith(".gz")) name = name.substring(0, name.length() - 3);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
