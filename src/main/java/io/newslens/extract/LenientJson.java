package io.newslens.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A forgiving JSON reader for the JSON-LD blocks of web pages, which are often not valid JSON: HTML comments or
 * {@code <![CDATA[ ]]>} around them, trailing commas, raw line breaks and tabs inside strings, {@code //} and
 * {@code /* *}{@code /} comments, single-quoted strings, several objects one after the other, a missing closing
 * brace at the end. Objects become {@link LinkedHashMap}s, arrays {@link ArrayList}s, strings {@link String}s,
 * numbers, {@code true}, {@code false} and {@code null} their text as a {@link String} (JSON-LD values are read as
 * text anyway). Nesting deeper than {@link #MAX_DEPTH} and input longer than the caller's bound are cut, never an
 * error: {@link #parseAll} returns what it could read.
 */
final class LenientJson {
  static final int MAX_DEPTH = 64;

  private final String s;
  private int i;

  private LenientJson(String s) {
    this.s = s;
  }

  /** Every top-level value in {@code text} (usually one object or one array), in order. */
  static List<Object> parseAll(String text) {
    List<Object> out = new ArrayList<>();
    if (text == null) return out;
    LenientJson p = new LenientJson(text);
    while (true) {
      p.skipJunk();
      if (p.i >= p.s.length()) break;
      char c = p.s.charAt(p.i);
      if (c != '{' && c != '[') {
        p.i++; // stray text between values (a semicolon, "]]>" leftovers): skip it
        continue;
      }
      int before = p.i;
      Object v = p.value(0);
      if (v != null) out.add(v);
      if (p.i == before) p.i++;
    }
    return out;
  }

  private Object value(int depth) {
    skipJunk();
    if (i >= s.length()) return null;
    char c = s.charAt(i);
    if (c == '{') return depth >= MAX_DEPTH ? skipNested() : object(depth);
    if (c == '[') return depth >= MAX_DEPTH ? skipNested() : array(depth);
    if (c == '"' || c == '\'') return string(c);
    return bare();
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> m = new LinkedHashMap<>();
    i++; // {
    while (true) {
      skipJunk();
      if (i >= s.length()) return m;
      char c = s.charAt(i);
      if (c == '}') {
        i++;
        return m;
      }
      if (c == ',') {
        i++;
        continue;
      }
      if (c == ']') { // a bracket that does not match: treat as the end of this object
        return m;
      }
      String key = c == '"' || c == '\'' ? string(c) : bare();
      skipJunk();
      if (i < s.length() && s.charAt(i) == ':') i++;
      else if (key.isEmpty()) {
        i++; // no key and no colon: skip one character so the loop moves on
        continue;
      }
      Object v = value(depth + 1);
      if (!m.containsKey(key)) m.put(key, v);
    }
  }

  private List<Object> array(int depth) {
    List<Object> a = new ArrayList<>();
    i++; // [
    while (true) {
      skipJunk();
      if (i >= s.length()) return a;
      char c = s.charAt(i);
      if (c == ']') {
        i++;
        return a;
      }
      if (c == ',') {
        i++;
        continue;
      }
      if (c == '}') return a;
      int before = i;
      Object v = value(depth + 1);
      if (v != null) a.add(v);
      if (i == before) i++;
    }
  }

  private String string(char quote) {
    StringBuilder b = new StringBuilder();
    i++;
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == quote) return b.toString();
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (i >= s.length()) break;
      char e = s.charAt(i++);
      switch (e) {
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'u' -> {
          if (i + 4 <= s.length() && isHex(s, i, 4)) {
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          } else {
            b.append('u');
          }
        }
        default -> b.append(e); // \" \\ \/ and any unknown escape: the character itself
      }
    }
    return b.toString();
  }

  private static boolean isHex(String s, int from, int n) {
    for (int k = from; k < from + n; k++) {
      if (Character.digit(s.charAt(k), 16) < 0) return false;
    }
    return true;
  }

  /** A number, literal or unquoted key: everything up to the next structural character. */
  private String bare() {
    int start = i;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ',' || c == '}' || c == ']' || c == ':' || Character.isWhitespace(c)) break;
      i++;
    }
    return s.substring(start, i);
  }

  private Object skipNested() {
    int level = 0;
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '"' || c == '\'') {
        i--;
        string(c);
      } else if (c == '{' || c == '[') {
        level++;
      } else if ((c == '}' || c == ']') && --level <= 0) {
        break;
      }
    }
    return null;
  }

  /** White space, comments, HTML comment and CDATA markers. */
  private void skipJunk() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || c == '\uFEFF') {
        i++;
      } else if (s.startsWith("//", i)) {
        int nl = s.indexOf('\n', i);
        i = nl < 0 ? s.length() : nl + 1;
      } else if (s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? s.length() : end + 2;
      } else if (s.startsWith("<!--", i)) {
        i += 4;
      } else if (s.startsWith("-->", i)) {
        i += 3;
      } else if (s.startsWith("<![CDATA[", i)) {
        i += 9;
      } else if (s.startsWith("]]>", i)) {
        i += 3;
      } else {
        return;
      }
    }
  }
}
