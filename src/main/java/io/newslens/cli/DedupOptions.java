package io.newslens.cli;

import io.newslens.dedup.DedupParams;
import io.newslens.job.UsageException;
import picocli.CommandLine.Option;

/** Options of the dedup stage (a picocli mixin); {@link #toParams()} validates them into {@link DedupParams}. */
public class DedupOptions {

  @Option(names = "--dedup-shingle-size", paramLabel = "N", defaultValue = "" + DedupParams.DEFAULT_SHINGLE_SIZE,
      description = "Words per shingle. Default: ${DEFAULT-VALUE}")
  int shingleSize;

  @Option(names = "--dedup-hashes", paramLabel = "N", defaultValue = "" + DedupParams.DEFAULT_HASHES,
      description = "MinHash functions per signature. Default: ${DEFAULT-VALUE}")
  int numHashes;

  @Option(names = "--dedup-target", paramLabel = "S", defaultValue = "" + DedupParams.DEFAULT_TARGET,
      description = "Jaccard similarity the LSH bands × rows are tuned for (unless --dedup-bands/--dedup-rows are "
          + "given). Default: ${DEFAULT-VALUE}")
  double target;

  @Option(names = "--dedup-bands", paramLabel = "N", defaultValue = "0",
      description = "LSH bands (0: derived from --dedup-target). Default: ${DEFAULT-VALUE}")
  int bands;

  @Option(names = "--dedup-rows", paramLabel = "N", defaultValue = "0",
      description = "Rows per LSH band (0: derived from --dedup-target). Default: ${DEFAULT-VALUE}")
  int rows;

  @Option(names = "--dedup-min-jaccard", paramLabel = "S", defaultValue = "" + DedupParams.DEFAULT_MIN_JACCARD,
      description = "A candidate pair is a near-duplicate at this exact Jaccard similarity… Default: ${DEFAULT-VALUE}")
  double minJaccard;

  @Option(names = "--dedup-min-containment", paramLabel = "S",
      defaultValue = "" + DedupParams.DEFAULT_MIN_CONTAINMENT,
      description = "…or when this share of the smaller text's shingles is in the larger one (trimmed or padded "
          + "reprints). Default: ${DEFAULT-VALUE}")
  double minContainment;

  @Option(names = "--dedup-min-contained", paramLabel = "N", defaultValue = "" + DedupParams.DEFAULT_MIN_CONTAINED,
      description = "Shingles the smaller text needs for containment to count. Default: ${DEFAULT-VALUE}")
  int minContained;

  @Option(names = "--dedup-max-bucket", paramLabel = "N", defaultValue = "" + DedupParams.DEFAULT_MAX_BUCKET,
      description = "LSH buckets up to this size give all their pairs; larger ones only linear work. "
          + "Default: ${DEFAULT-VALUE}")
  int maxBucket;


  /** The validated parameters; {@code seed} is the job's {@code --seed}. */
  public DedupParams toParams(long seed) {
    try {
      return new DedupParams(shingleSize, numHashes, target, bands, rows, minJaccard, minContainment, minContained,
          maxBucket, seed);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
