package io.newslens.ingest;

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
