package io.newslens.cli;

import io.newslens.ingest.FieldMapping;
import io.newslens.ingest.IngestParams;
import io.newslens.job.JobConfig;
import io.newslens.job.Pipeline;
import io.newslens.job.RunFailedException;
import io.newslens.job.UsageException;
import io.newslens.spark.SparkSessions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newslens run}: parses options into a {@link JobConfig} and hands it to the {@link Pipeline}. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run the job: read the input, write the output tables and manifest.json.")
final class RunCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

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

  @Override
  public Integer call() throws Exception {
    if (verbose) {
      Configurator.setRootLevel(Level.INFO);
    }
    JobConfig cfg = config();
    // Stop the session only if this run made it: a caller's session (tests, a notebook) may be active or default.
    boolean ownSession = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = SparkSessions.getOrCreate(master);
    try {
      Pipeline.Summary s = Pipeline.run(spark, cfg);
      spec.commandLine().getOut().println(summaryLine(s));
      return 0;
    } finally {
      if (ownSession) spark.stop();
    }
  }

  /**
   * The run's one line on stdout: where it wrote and the rows per table; when no record was kept, that instead,
   * with the rejections by reason, so an input that was not understood (e.g. pages with no article) says so.
   */
  static String summaryLine(Pipeline.Summary s) {
    String head = String.format(java.util.Locale.ROOT, "newslens: wrote %s in %.1f s: ", s.output(), s.millis() / 1e3);
    if (s.recordsKept() > 0) return head + new TreeMap<>(s.tableRows());
    StringBuilder reasons = new StringBuilder();
    new TreeMap<>(s.rejectedByReason()).forEach((r, n) -> reasons.append(reasons.length() == 0 ? "" : ", ")
        .append(r).append(' ').append(n));
    return head + "no document was kept: " + (s.recordsRead() == 0 ? "no record was read"
        : s.recordsRead() - s.recordsKept() + " of " + s.recordsRead() + " records rejected (" + reasons
            + "); the rejected table says why");
  }

  JobConfig config() {
    IngestParams ingest;
    try {
      ingest = new IngestParams(new FieldMapping(fields, source), maxRecordBytes, partitions);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Map<String, String> given = new TreeMap<>();
    Map<String, Object> effective = new TreeMap<>();
    for (OptionSpec o : spec.options()) {
      String name = o.longestName().replaceFirst("^--", "");
      if (o.usageHelp() || o.versionHelp() || name.equals("verbose")) continue;
      Object v = o.getValue();
      effective.put(name, v == null ? null : v.toString());
      if (spec.commandLine().getParseResult() != null && spec.commandLine().getParseResult().hasMatchedOption(o)) {
        given.put(name, String.valueOf(v));
      }
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
        dedup.toParams(seed), reuse.toParams(), stories.toParams(), termsParams, topicsParams, given, effective);
  }

  /** Maps exceptions to exit codes: usage 2, expected run failure 1, anything else 1 with its class name. */
  static final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult pr) {
      boolean verbose = pr.subcommand() != null && pr.subcommand().hasMatchedOption("--verbose");
      Throwable t = ex;
      if (verbose) ex.printStackTrace(cl.getErr());
      if (t instanceof UsageException) {
        cl.getErr().println("newslens: " + t.getMessage());
        return 2;
      }
      if (t instanceof RunFailedException) {
        cl.getErr().println("newslens: " + t.getMessage());
        return 1;
      }
      // one line: Spark's messages carry the failed task's whole stack trace after the first line
      String msg = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
      cl.getErr().println("newslens: the run failed: " + t.getClass().getSimpleName() + ": " + msg
          + (verbose ? "" : " (--verbose for details)"));
      return 1;
    }
  }
}
