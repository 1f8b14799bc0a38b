package io.newslens.cli;

import io.newslens.job.Versions;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Newslens command line: {@code newslens run [options]} and {@code newslens update --output OUT --input NEW}. {@link #run} returns 0 (ok), 1 (the run failed) or
 * 2 (bad usage); expected failures print one line, a stack trace only with {@code --verbose}.
 */
@Command(name = "newslens", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Turns a corpus of news articles into Parquet tables: documents, terms, duplicates, reuse, topics.",
    subcommands = {RunCommand.class, UpdateCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out).setErr(err);
    cl.setExecutionExceptionHandler(new RunCommand.ErrorHandler());
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("newslens: " + ex.getMessage());
      ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
          + " --help' for more information.");
      return 2;
    });
    return cl.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "a command is needed: run or update");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"newslens " + Versions.newslens()};
    }
  }
}
