package io.newslens.ingest;

import java.util.Locale;

/** Input formats, chosen by file extension (after an optional {@code .gz}); each names the reader of its files. */
public enum InputFormat {
  TXT, JSONL, JSON, CSV, TSV, PARQUET, HTML, WARC, UNSUPPORTED;

  /** The extensions read, as the unsupported_format message lists them. */
  static final String EXTENSIONS = ".txt, .jsonl, .ndjson, .json, .csv, .tsv, .parquet, .html, .htm, .warc";

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
      case "html", "htm" -> HTML;
      case "warc" -> WARC;
      default -> UNSUPPORTED;
    };
  }

  public static boolean gzipped(String path) {
    return path.toLowerCase(Locale.ROOT).endsWith(".gz");
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The reader of a file of this format. Parquet files are read by Spark (see {@link Ingest}); one given here, e.g.
   * a gzipped one, is unsupported.
   */
  RecordSource open(String path, RecordSource.Opener opener, IngestParams params) {
    return switch (this) {
      case TXT -> new TxtReader(path, opener, params);
      case JSONL -> new JsonLinesReader(path, opener, params);
      case JSON -> new JsonReader(path, opener, params);
      case CSV, TSV -> new CsvReader(path, this, opener, params);
      case HTML -> new HtmlReader(path, opener, params);
      case WARC -> new WarcSource(path, opener, params, 0, Long.MAX_VALUE);
      case PARQUET, UNSUPPORTED -> new UnsupportedReader(path, this, opener, params);
    };
  }
}
