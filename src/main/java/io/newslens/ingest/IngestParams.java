package io.newslens.ingest;

import java.io.Serializable;

/**
 * Ingest parameters.
 *
 * @param fields how record fields are found ({@code --field}, {@code --source})
 * @param maxRecordBytes largest record (a .txt file, a JSON line, a CSV field) accepted; a larger one is rejected
 *     with reason {@code too_large} ({@code --max-record-bytes})
 * @param partitions partitions of the documents table; 0 picks one per ~32 MB of text, at least 2 per core
 *     ({@code --partitions})
 */
public record IngestParams(FieldMapping fields, int maxRecordBytes, int partitions) implements Serializable {

  public static final int DEFAULT_MAX_RECORD_BYTES = 4 << 20;

  public IngestParams {
    if (fields == null) fields = FieldMapping.defaults();
    if (maxRecordBytes < 1024 || maxRecordBytes > (1 << 30)) {
      throw new IllegalArgumentException("--max-record-bytes must be between 1024 and 1073741824, got " + maxRecordBytes);
    }
    if (partitions < 0 || partitions > 100_000) {
      throw new IllegalArgumentException("--partitions must be between 0 (automatic) and 100000, got " + partitions);
    }
  }

  public static IngestParams defaults() {
    return new IngestParams(FieldMapping.defaults(), DEFAULT_MAX_RECORD_BYTES, 0);
  }
}
