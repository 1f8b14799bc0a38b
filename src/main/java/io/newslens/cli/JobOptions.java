package io.newslens.cli;

import io.newslens.ingest.FieldMapping;
import io.newslens.ingest.IngestParams;
import io.newslens.job.JobConfig;
import io.newslens.job.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The options of a job, shared by {@code run} and {@code update} (a picocli mixin): inputs, output, field mapping,
 * every stage's options, the seed and the master. {@link #config} validates them into a {@link JobConfig};
 * {@link #arguments} writes the effective values back as a command line that parses to the same configuration
 * (what an update reads from its base's manifest).
 */
public class JobOptions {

  /** Options that say where and how to run, not what to compute: an update may give them freely. */
  static final Set<String> RUN_ONLY = Set.of("input", "output", "master", "verbose", "partitions", "refresh");

  /**
   * Flags of one command that are not job parameters: not in the manifest's parameters, nor in the command line an
   * update parses again (run's --no-state is in the manifest's state section instead).
   */
  static final Set<String> COMMAND_FLAGS = Set.of("verbose", "refresh", "no-state");

  @Option(names = "--input", paramLabel = "PATH", defaultValue = "${sys:newslens.home:-.}/seeds",
      description = "A file, folder (read recursively) or glob; repeatable. Default: ${DEFAULT-VALUE}")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--output", paramLabel = "PATH", defaultValue = "${sys:newslens.home:-.}/out",
      description = "Output folder (created; replaced only if it is a Newslens output). Default: ${DEFAULT-VALUE}")
  String output;

  @Option(names = "--field", paramLabel = "FIELD=COLUMN",
      description = "Name the input column of a field: text, title, date, url, source, id. Repeatable.")
  Map<String, String> fields = new LinkedHashMap<>();

  @Option(names = "--source", paramLabel = "NAME",
      description = "Source for records with neither a source field nor a URL (default: the file name)")
  String source;

  @Option(names = "--max-record-bytes", paramLabel = "N", defaultValue = "" + IngestParams.DEFAULT_MAX_RECORD_BYTES,
      description = "Largest record accepted; larger ones are rejected as too_large. Default: ${DEFAULT-VALUE}")
  int maxRecordBytes;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
      description = "Partitions of the documents table (0: automatic). Default: ${DEFAULT-VALUE}")
  int partitions;

  @Mixin CleanOptions clean = new CleanOptions();
  @Mixin AnalyzeOptions analyze = new AnalyzeOptions();
  @Mixin DedupOptions dedup = new DedupOptions();
  @Mixin ReuseOptions reuse = new ReuseOptions();
  @Mixin StoriesOptions stories = new StoriesOptions();
  @Mixin TermsOptions terms = new TermsOptions();
  @Mixin TopicsOptions topics = new TopicsOptions();

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seed of every randomized step (MinHash family, topic sampler). Default: ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master when not run by spark-submit. Default: local[*]")
  String master;

  @Option(names = {"-v", "--verbose"}, description = "Log Spark's INFO lines and print stack traces.")
  boolean verbose;

  /** An option's name as the manifest keys it: the longest name without its dashes. */
  static String key(OptionSpec o) {
    return o.longestName().replaceFirst("^--", "");
  }

  /** An option's value as the manifest writes it (maps with their keys sorted); null when unset. */
  static String value(OptionSpec o) {
    Object v = o.getValue();
    if (v instanceof Map<?, ?> m) return new TreeMap<>(m).toString();
    return v == null ? null : v.toString();
  }

  /** Options of the command that are job parameters (not help, version, verbose or command-specific flags). */
  static List<OptionSpec> jobOptions(CommandLine.Model.CommandSpec spec) {
    List<OptionSpec> out = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      String name = key(o);
      if (o.usageHelp() || o.versionHelp() || COMMAND_FLAGS.contains(name)) continue;
      out.add(o);
    }
    return out;
  }

  /** The validated configuration; given = the options matched on the command line, as typed. */
  JobConfig config(CommandLine.Model.CommandSpec spec) {
    IngestParams ingest;
    try {
      ingest = new IngestParams(new FieldMapping(fields, source), maxRecordBytes, partitions);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Map<String, String> given = new TreeMap<>();
    Map<String, Object> effective = new TreeMap<>();
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    for (OptionSpec o : jobOptions(spec)) {
      String v = value(o);
      effective.put(key(o), v);
      if (parsed != null && parsed.hasMatchedOption(o)) given.put(key(o), String.valueOf(v));
    }
    // --frequent-share (a terms option) flags terms in the terms table and keeps the same terms out of the topics
    io.newslens.terms.TermsParams termsParams;
    io.newslens.topics.TopicsParams topicsParams;
    try {
      termsParams = terms.toParams();
      topicsParams = topics.toParams(seed);
      topicsParams = topicsParams.withLabels(termsParams.frequentShare(), topicsParams.relevanceLambda());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    return new JobConfig(inputs, output, master, seed, ingest, clean.toParams(), analyze.toParams(),
        dedup.toParams(seed), reuse.toParams(), stories.toParams(), termsParams, topicsParams, given, effective,
        arguments(spec));
  }

  /**
   * The effective value of every job option but the run-only ones ({@link #RUN_ONLY}), as a command line: parsed
   * again, it gives the same parameters. Maps give one {@code --field k=v} per entry, negatable booleans their
   * {@code --no-} form when false, unset options nothing.
   */
  static List<String> arguments(CommandLine.Model.CommandSpec spec) {
    List<String> args = new ArrayList<>();
    for (OptionSpec o : jobOptions(spec)) {
      if (RUN_ONLY.contains(key(o))) continue;
      Object v = o.getValue();
      if (v == null) continue;
      if (v instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
          args.add(o.longestName());
          args.add(e.getKey() + "=" + e.getValue());
        }
      } else if (v instanceof Boolean b && o.negatable()) {
        args.add(b ? o.longestName() : o.longestName().replaceFirst("^--", "--no-"));
      } else if (v instanceof Boolean b) {
        if (b) args.add(o.longestName());
      } else {
        args.add(o.longestName());
        args.add(String.valueOf(v));
      }
    }
    return args;
  }
}
