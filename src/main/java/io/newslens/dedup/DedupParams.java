package io.newslens.dedup;

import java.io.Serializable;

/**
 * Parameters of the dedup stage.
 *
 * @param shingleSize words per shingle ({@code --dedup-shingle-size})
 * @param numHashes MinHash functions ({@code --dedup-hashes}); with bands and rows derived, the banding uses at most
 *     this many
 * @param targetSimilarity the Jaccard similarity the banding is tuned for: bands × rows minimize the false-positive
 *     area below it plus the false-negative area above it ({@code --dedup-target}); 0.3 with 128 hashes gives
 *     37 × 3, which makes a pair of similarity 0.45 a candidate with probability 0.97 and one of 0.5 with 0.993
 *     (short articles with a sentence dropped and three words changed have Jaccard 0.4–0.5 over 5-shingles)
 * @param bands LSH bands, 0 to derive from the target ({@code --dedup-bands}); set together with rows
 * @param rows rows per band, 0 to derive from the target ({@code --dedup-rows})
 * @param minJaccard a verified candidate is a near-duplicate when its exact Jaccard similarity reaches this
 *     ({@code --dedup-min-jaccard}) ...
 * @param minContainment ... or when the share of the smaller shingle set found in the larger one reaches this
 *     ({@code --dedup-min-containment}), so a trimmed or padded reprint is found
 * @param minContainedShingles containment counts only when the smaller document has at least this many shingles,
 *     so a one-line text is not a "duplicate" of every article that contains it ({@code --dedup-min-contained})
 * @param maxBucketSize LSH buckets up to this size give all their pairs; a larger bucket (a band nearly every
 *     article shares) gives only linear work: each member paired with the bucket's smallest doc_id and with its
 *     successor in doc_id order ({@code --dedup-max-bucket})
 * @param seed seed of the MinHash family ({@code --dedup-seed})
 */
public record DedupParams(int shingleSize, int numHashes, double targetSimilarity, int bands, int rows,
    double minJaccard, double minContainment, int minContainedShingles, int maxBucketSize, long seed)
    implements Serializable {

  public DedupParams {
    if (shingleSize < 1 || shingleSize > 50) {
      throw new IllegalArgumentException("--dedup-shingle-size must be between 1 and 50, got " + shingleSize);
    }
    if (numHashes < 1 || numHashes > 4096) {
      throw new IllegalArgumentException("--dedup-hashes must be between 1 and 4096, got " + numHashes);
    }
    if (!(targetSimilarity > 0 && targetSimilarity < 1)) {
      throw new IllegalArgumentException("--dedup-target must be strictly between 0 and 1, got " + targetSimilarity);
    }
    if (bands < 0 || rows < 0 || (bands == 0) != (rows == 0)) {
      throw new IllegalArgumentException("--dedup-bands and --dedup-rows must both be 0 (derived from --dedup-target) "
          + "or both positive, got " + bands + " and " + rows);
    }
    if ((long) bands * rows > numHashes) {
      throw new IllegalArgumentException("--dedup-bands × --dedup-rows (" + bands + " × " + rows
          + ") must not exceed --dedup-hashes (" + numHashes + ")");
    }
    if (!(minJaccard > 0 && minJaccard <= 1)) {
      throw new IllegalArgumentException("--dedup-min-jaccard must be in (0, 1], got " + minJaccard);
    }
    if (!(minContainment > 0 && minContainment <= 1)) {
      throw new IllegalArgumentException("--dedup-min-containment must be in (0, 1], got " + minContainment);
    }
    if (minContainedShingles < 1) {
      throw new IllegalArgumentException("--dedup-min-contained must be >= 1, got " + minContainedShingles);
    }
    if (maxBucketSize < 2) {
      throw new IllegalArgumentException("--dedup-max-bucket must be >= 2, got " + maxBucketSize);
    }
  }

  public static final int DEFAULT_SHINGLE_SIZE = 5;
  public static final int DEFAULT_HASHES = 128;
  public static final double DEFAULT_TARGET = 0.3;
  public static final double DEFAULT_MIN_JACCARD = 0.4;
  public static final double DEFAULT_MIN_CONTAINMENT = 0.7;
  public static final int DEFAULT_MIN_CONTAINED = 20;
  public static final int DEFAULT_MAX_BUCKET = 100;
  public static final long DEFAULT_SEED = 42;

  public static DedupParams defaults() {
    return new DedupParams(DEFAULT_SHINGLE_SIZE, DEFAULT_HASHES, DEFAULT_TARGET, 0, 0, DEFAULT_MIN_JACCARD,
        DEFAULT_MIN_CONTAINMENT, DEFAULT_MIN_CONTAINED, DEFAULT_MAX_BUCKET, DEFAULT_SEED);
  }

  /** The bands × rows in use: as given, or derived from the target similarity and the number of hashes. */
  public Banding banding() {
    return bands > 0 ? new Banding(bands, rows) : Banding.forThreshold(targetSimilarity, numHashes);
  }

  public DedupParams withBanding(int bands, int rows) {
    return new DedupParams(shingleSize, numHashes, targetSimilarity, bands, rows, minJaccard, minContainment,
        minContainedShingles, maxBucketSize, seed);
  }

  public DedupParams withSeed(long seed) {
    return new DedupParams(shingleSize, numHashes, targetSimilarity, bands, rows, minJaccard, minContainment,
        minContainedShingles, maxBucketSize, seed);
  }
}
