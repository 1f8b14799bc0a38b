package io.newslens.ingest;

import java.util.Locale;

/** Input formats, chosen by file extension (after an optional {@code .gz}). */
public enum InputFormat {
  TXT, JSONL, JSON, CSV, TSV, PARQUET, UNSUPPORTED;

  public static InputFormat of(String path) {
    String name = Text.fileName(path).toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) name = name.substring(0, name.length() - 3);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    return switch (ext) {
      case "txt", "text" -> TXT;
      case "jsonl", "ndjson", "jsonlines" -> JSONL;
      case "json" -> JSON;
      case "csv" -> CSV;
      case "tsv", "tab" -> TSV;
      case "parquet", "parq" -> PARQUET;
      default -> UNSUPPORTED;
    };
  }

  public static boolean gzipped(String path) {
    return path.toLowerCase(Locale.ROOT).endsWith(".gz");
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
