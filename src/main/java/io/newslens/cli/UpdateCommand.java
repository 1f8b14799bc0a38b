package io.newslens.cli;

import io.newslens.output.ParquetTables;
import io.newslens.state.Base;
import io.newslens.incremental.Update;
import io.newslens.job.JobConfig;
import io.newslens.job.Pipeline;
import io.newslens.state.StateTables;
import io.newslens.job.UsageException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code newslens update}: adds new inputs to an existing output as its next version ({@link Update}). Every job
 * parameter comes from the output's manifest; an option given here must equal the output's value (else a usage
 * error naming it), so the update cannot make the output inconsistent.
 */
@Command(name = "update", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Add new inputs to an existing output: its next version, with the same parameters and ids.",
        "Input files already in the output (same path, size and modification time) are skipped, and so are records "
            + "whose doc_id it already holds. Parameters are the output's: an option given here must equal them."})
final class UpdateCommand implements Callable<Integer> {

  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin JobOptions job = new JobOptions();

  @Option(names = "--refresh",
      description = "Recompute every table from the inputs the output was made of (and --input, if given), keeping "
          + "cluster and story ids (a full run's cost).")
  boolean refresh;

  @Override
  public Integer call() throws Exception {
    if (job.verbose) Configurator.setRootLevel(Level.INFO);
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    boolean inputGiven = parsed.hasMatchedOption("--input");
    if (!inputGiven && !refresh) {
      throw new UsageException("update: --input is needed (the new files to add), or --refresh");
    }
    return RunCommand.withSession(job.master, spark -> {
      Base base = Base.open(job.output, spark.sparkContext().hadoopConfiguration());
      checkParameters(base);
      JobConfig cfg = config(base, inputGiven ? job.inputs : List.of());
      if (refresh) {
        List<String> inputs = storedInputs(spark);
        if (inputGiven) inputs.addAll(job.inputs);
        Pipeline.Summary s = Pipeline.refresh(spark, cfg.withInputs(inputs), base);
        spec.commandLine().getOut().println(String.format(Locale.ROOT, "newslens: refreshed %s to version %d in "
            + "%.1f s: every table recomputed from %d records, cluster and story ids kept: %s", s.output(),
            base.version() + 1, s.millis() / 1e3, s.recordsRead(), new TreeMap<>(s.tableRows())));
        return 0;
      }
      Update.Summary s = Update.run(spark, cfg, base.runId());
      spec.commandLine().getOut().println(summaryLine(s));
      return 0;
    });
  }

  /**
   * Every file the output was made of ({@code state/inputs}), each as it was read: a refresh reads them again, so a
   * file that is gone or changed (size, modification time) is a usage error naming it, and the output stays as it is.
   */
  List<String> storedInputs(SparkSession spark) throws IOException {
    List<String> paths = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    for (Row r : ParquetTables.read(spark, job.output + "/" + StateTables.INPUTS)
        .select(StateTables.PATH, StateTables.SIZE, StateTables.MODIFIED).orderBy(StateTables.PATH).collectAsList()) {
      Path p = new Path(r.getString(0));
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        problems.add(r.getString(0) + " is gone");
        continue;
      }
      FileStatus st = fs.getFileStatus(p);
      if (st.getLen() != r.getLong(1) || st.getModificationTime() != r.getLong(2)) {
        problems.add(r.getString(0) + " changed since it was read (size or modification time)");
        continue;
      }
      paths.add(r.getString(0));
    }
    if (!problems.isEmpty()) {
      throw new UsageException("update --refresh reads again every input the output was made of: "
          + String.join("; ", problems.subList(0, Math.min(3, problems.size())))
          + (problems.size() > 3 ? " (and " + (problems.size() - 3) + " more)" : "")
          + "; put them back, or make a new output with `newslens run`");
    }
    return paths;
  }

  /** Refuses an option given on the command line whose value differs from the base output's. */
  void checkParameters(Base base) {
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    for (OptionSpec o : JobOptions.jobOptions(spec)) {
      String key = JobOptions.key(o);
      if (JobOptions.RUN_ONLY.contains(key) || !parsed.hasMatchedOption(o)) continue;
      String given = JobOptions.value(o);
      String theirs = base.effective().get(key);
      if (!Objects.equals(given, theirs)) {
        throw new UsageException("update: " + o.longestName() + " " + given + " differs from the output's " + theirs
            + " (an update keeps the parameters of the output it adds to; `newslens run` makes a new output)");
      }
    }
  }

  /** The base's parameters (its manifest's command line) with this update's inputs, output and master. */
  JobConfig config(Base base, List<String> inputs) {
    List<String> args = new ArrayList<>(base.arguments());
    for (String i : inputs) {
      args.add("--input");
      args.add(i);
    }
    args.add("--output");
    args.add(job.output);
    if (job.master != null) {
      args.add("--master");
      args.add(job.master);
    }
    args.add("--partitions");
    args.add(Integer.toString(job.partitions));
    RunCommand run = new RunCommand();
    CommandLine cl = new CommandLine(run);
    try {
      cl.parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new UsageException("update: the output's parameters do not parse: " + e.getMessage());
    }
    return run.config();
  }

  static String summaryLine(Update.Summary s) {
    if (!s.published()) {
      return String.format(Locale.ROOT, "newslens: nothing to add to %s: all %d input files are already in it "
          + "(version %d)", s.output(), s.filesSkipped(), s.version());
    }
    return String.format(Locale.ROOT, "newslens: updated %s to version %d in %.1f s: %d new documents, %d rejected, "
        + "%d skipped (doc_id already there) from %d new files (%d already in it): %s", s.output(), s.version(),
        s.millis() / 1e3, s.recordsKept(), s.recordsRejected(), s.recordsSkipped(), s.filesAdded(), s.filesSkipped(),
        new TreeMap<>(s.tableRows()));
  }
}
