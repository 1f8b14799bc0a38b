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

  @Mixin JobOptions job = new JobOptions();

  @Option(names = "--no-state",
      description = "Write no incremental state (OUTPUT/state): the run is faster, and its output cannot be given "
          + "to `newslens update`. The tables are the same.")
  boolean noState;

  @Override
  public Integer call() throws Exception {
    if (job.verbose) {
      Configurator.setRootLevel(Level.INFO);
    }
    JobConfig cfg = config();
    return withSession(job.master, spark -> {
      Pipeline.Summary s = Pipeline.run(spark, cfg, !noState);
      spec.commandLine().getOut().println(summaryLine(s));
      return 0;
    });
  }

  /** What a command does with the session. */
  interface SessionBody {
    int run(SparkSession spark) throws Exception;
  }

  /**
   * Runs {@code body} with a session, stopped afterwards only if made here: a caller's session (tests, a notebook)
   * may be active or default.
   */
  static int withSession(String master, SessionBody body) throws Exception {
    boolean ownSession = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = SparkSessions.getOrCreate(master);
    try {
      return body.run(spark);
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
    return job.config(spec);
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
