package io.newslens.clean;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules that look at a line's neighbours: the structure of page chrome on plain text. Pure Java, no Spark.
 * {@link Cleaner} runs them after the rules that judge each line alone, and they only ever add reasons to lines that
 * are still kept. Blank lines are transparent: a run of lines goes on across them (the page text of an HTML
 * extractor puts a blank line between every two blocks).
 *
 * <p>In order:
 * <ol>
 *   <li>{@value BoilerplatePatterns#TICKER}: a run of at least {@value #TICKER_MIN_LINES} lines that each start with a
 *       clock time ("12:37 Politique Remaniement : …", "09h45 …") and are at most {@value #SHORT_CHARS} chars: a news
 *       ticker or a live feed's headlines;</li>
 *   <li>{@value BoilerplatePatterns#MENU}: a run of at least {@value #MENU_MIN_LINES} menu items: lines of one to
 *       {@value #MENU_MAX_WORDS} words and at most {@value #MENU_MAX_CHARS} chars that do not end a sentence ("A la
 *       une", "France", "Monde", "Politique");</li>
 *   <li>{@value BoilerplatePatterns#LINK_LIST}: a run of at least {@value #LINK_LIST_MIN_LINES} title-like lines
 *       (menu items or headlines of {@value #TITLE_MIN_WORDS} to {@value #TITLE_MAX_WORDS} words, at most
 *       {@value #SHORT_CHARS} chars, no sentence end, no list marker), at least two of them headlines, not introduced
 *       by a line ending with a colon (an article's own list is);</li>
 *   <li>{@value BoilerplatePatterns#REPEATED_IN_WINDOW}: a line repeated on a large enough share of its source's
 *       pages within the time window (strong evidence) is removed unless it stands among the article's kept lines
 *       (its previous and next lines both kept, neither with windowed evidence); a line repeated in enough pages but
 *       on too few of them (weak evidence) is removed only in a block: its previous or next line is short (at most
 *       {@value #SHORT_CHARS} chars) and removed or repeated in the window too. A teaser block repeats as a run of
 *       lines around or inside the article; the subheading of a developing story, repeated in its articles of the
 *       day, stands among their own paragraphs (and their shared sentences, ending with a full stop, are never
 *       counted in windows: {@link Cleaner#windowed});</li>
 *   <li>{@value BoilerplatePatterns#BLOCK}: one or two kept short lines that do not end a sentence, between two
 *       removed short lines (the title, photo caption and teasers inside a block of page chrome; a short paragraph
 *       between two inline teasers ends with a full stop and stays).</li>
 * </ol>
 */
public final class PageStructure {
  private PageStructure() {}

  static final int SHORT_CHARS = 200;
  static final int TICKER_MIN_LINES = 3;
  static final int MENU_MIN_LINES = 4;
  static final int MENU_MAX_WORDS = 3;
  static final int MENU_MAX_CHARS = 30;
  static final int LINK_LIST_MIN_LINES = 4;
  static final int TITLE_MIN_WORDS = 4;
  static final int TITLE_MAX_WORDS = 25;
  static final int BLOCK_MAX_GAP = 2;

  private static final Pattern CLOCK = Pattern.compile("^\\d{1,2}[:hH]\\d{2}(?!\\d)");
  private static final Pattern LIST_MARKER = Pattern.compile("^([-–—*+>]|\\d{1,3}[.)°]|\\(\\d{1,3}\\)|[a-z][.)] )");

  /**
   * Adds structural reasons to the kept lines. {@code lines} are the document's lines (cleaned text in
   * {@link Cleaner.Line#cleaned}); {@code reasons[i]} is null for a kept line; {@code window[i]} is the line's windowed
   * evidence ({@link Cleaner.Repetition#NO}, {@code WEAK} or {@code STRONG}). {@code skip[i]} marks a line removed
   * before cleaning (a span a page's extractor left out): like a blank line, it is in no run and no neighbour.
   * {@code structure} turns rules 1–3 and 5 on; rule 4 always runs.
   */
  static void apply(List<Cleaner.Line> lines, boolean[] skip, String[] reasons, int[] window, boolean structure) {
    int n = lines.size();
    // the non-blank lines, in order: runs and neighbours are taken over them
    int[] at = new int[n];
    int m = 0;
    for (int i = 0; i < n; i++) if (!lines.get(i).cleaned().isEmpty() && !skip[i]) at[m++] = i;
    String[] text = new String[m];
    int[] words = new int[m];
    for (int k = 0; k < m; k++) {
      text[k] = lines.get(at[k]).cleaned();
      words[k] = countWords(text[k]);
    }
    if (structure) {
      boolean[] ticker = new boolean[m];
      boolean[] menu = new boolean[m];
      boolean[] title = new boolean[m];
      boolean[] headline = new boolean[m];
      for (int k = 0; k < m; k++) {
        String s = text[k];
        ticker[k] = s.length() <= SHORT_CHARS && CLOCK.matcher(s).find();
        boolean ends = endsSentence(s);
        menu[k] = !ends && words[k] >= 1 && words[k] <= MENU_MAX_WORDS && s.length() <= MENU_MAX_CHARS;
        headline[k] = !ends && words[k] >= TITLE_MIN_WORDS && words[k] <= TITLE_MAX_WORDS && s.length() <= SHORT_CHARS
            && !LIST_MARKER.matcher(s).find();
        title[k] = menu[k] || headline[k];
      }
      markRuns(ticker, TICKER_MIN_LINES, null, BoilerplatePatterns.TICKER, at, reasons, text);
      markRuns(menu, MENU_MIN_LINES, null, BoilerplatePatterns.MENU, at, reasons, text);
      markRuns(title, LINK_LIST_MIN_LINES, headline, BoilerplatePatterns.LINK_LIST, at, reasons, text);
    }
    // windowed evidence: strong, unless alone between two paragraphs; weak, inside a block of short lines
    boolean[] candidate = new boolean[m];
    for (int k = 0; k < m; k++) candidate[k] = reasons[at[k]] == null && window[at[k]] != Cleaner.Repetition.NO;
    boolean[] confirmed = new boolean[m];
    for (int k = 0; k < m; k++) {
      if (!candidate[k]) continue;
      boolean before = k > 0 && (candidate[k - 1] || reasons[at[k - 1]] != null);
      boolean after = k + 1 < m && (candidate[k + 1] || reasons[at[k + 1]] != null);
      if (window[at[k]] == Cleaner.Repetition.STRONG) {
        // kept only when it stands among the article's kept lines
        confirmed[k] = k == 0 || k + 1 == m || before || after;
      } else {
        confirmed[k] = (before && text[k - 1].length() <= SHORT_CHARS) || (after && text[k + 1].length() <= SHORT_CHARS);
      }
    }
    for (int k = 0; k < m; k++) if (confirmed[k]) reasons[at[k]] = BoilerplatePatterns.REPEATED_IN_WINDOW;
    if (!structure) return;
    // one or two kept short lines between two removed short lines
    int k = 0;
    while (k < m) {
      if (reasons[at[k]] != null) {
        k++;
        continue;
      }
      int j = k;
      while (j < m && reasons[at[j]] == null) j++;
      // kept lines k..j-1
      if (k > 0 && j < m && j - k <= BLOCK_MAX_GAP && shortRemoved(k - 1, at, reasons, text)
          && shortRemoved(j, at, reasons, text)) {
        boolean chrome = true;
        for (int q = k; q < j; q++) chrome &= text[q].length() <= SHORT_CHARS && !endsSentence(text[q]);
        if (chrome) for (int q = k; q < j; q++) reasons[at[q]] = BoilerplatePatterns.BLOCK;
      }
      k = j;
    }
  }

  private static boolean shortRemoved(int k, int[] at, String[] reasons, String[] text) {
    return reasons[at[k]] != null && text[k].length() <= SHORT_CHARS;
  }

  /**
   * Gives {@code reason} to the kept lines of every run of at least {@code minLines} consecutive lines where
   * {@code member} holds (and, when {@code needTwo} is given, where it holds for two lines or more), unless the line
   * before the run ends with a colon.
   */
  private static void markRuns(boolean[] member, int minLines, boolean[] needTwo, String reason, int[] at,
      String[] reasons, String[] text) {
    int m = member.length;
    int k = 0;
    while (k < m) {
      if (!member[k]) {
        k++;
        continue;
      }
      int j = k;
      int two = 0;
      while (j < m && member[j]) {
        if (needTwo != null && needTwo[j]) two++;
        j++;
      }
      boolean introduced = k > 0 && text[k - 1].endsWith(":");
      if (j - k >= minLines && (needTwo == null || two >= 2) && !introduced) {
        for (int q = k; q < j; q++) if (reasons[at[q]] == null) reasons[at[q]] = reason;
      }
      k = j;
    }
  }

  /** Does the line end like a sentence (., !, ?, …, ; or :, possibly before closing quotes or brackets)? */
  static boolean endsSentence(String s) {
    char c = lastMark(s);
    return c == '.' || c == '!' || c == '?' || c == '…' || c == ';' || c == ':';
  }

  /** Does the line end like a statement (., …, ; or :, possibly before closing quotes or brackets)? A headline may
   * end with ? or !, hardly ever with a full stop. */
  static boolean endsStatement(String s) {
    char c = lastMark(s);
    return c == '.' || c == '…' || c == ';' || c == ':';
  }

  /** The line's last mark before closing quotes and brackets; none (a space) after a truncated headline's " ...". */
  private static char lastMark(String s) {
    int i = s.length() - 1;
    while (i >= 0 && isCloser(s.charAt(i))) i--;
    if (i < 0) return ' ';
    if (s.charAt(i) == '…' && i > 0 && s.charAt(i - 1) == ' ') return ' ';
    if (s.startsWith("...", i - 2) && i > 2 && s.charAt(i - 3) == ' ') return ' ';
    return s.charAt(i);
  }

  private static boolean isCloser(char c) {
    return c == '"' || c == '»' || c == '”' || c == '’' || c == '\'' || c == ')' || c == ']' || c == ' ';
  }

  /** Words: maximal runs of letters or digits. */
  static int countWords(String s) {
    int n = 0;
    boolean in = false;
    for (int i = 0; i < s.length(); i++) {
      boolean w = Character.isLetterOrDigit(s.charAt(i));
      if (w && !in) n++;
      in = w;
    }
    return n;
  }
}
