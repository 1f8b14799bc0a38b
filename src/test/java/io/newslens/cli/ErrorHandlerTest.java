package io.newslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.newslens.job.RunFailedException;
import io.newslens.job.UsageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ErrorHandlerTest {

  private static String[] handle(Exception e, int expectedExit, String... args) {
    CommandLine cl = new CommandLine(new Main());
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    CommandLine.ParseResult pr = cl.parseArgs(args);
    assertEquals(expectedExit, new RunCommand.ErrorHandler().handleExecutionException(e, cl, pr));
    return err.toString().lines().toArray(String[]::new);
  }

  @Test
  void expectedFailuresAreOneLineWithTheirExitCode() {
    assertEquals(1, handle(new UsageException("input not found: x"), 2, "run").length);
    assertEquals("newslens: input not found: x", handle(new UsageException("input not found: x"), 2, "run")[0]);
    assertEquals("newslens: cannot write x",
        handle(new RunFailedException("cannot write x", null), 1, "run")[0]);
  }

  @Test
  void anUnexpectedFailureIsOneLineEvenWhenItsMessageHoldsAStackTrace() {
    Exception spark = new IllegalStateException("Job aborted due to stage failure: Task 0 failed 4 times\n"
        + "java.lang.OutOfMemoryError: Java heap space\n\tat io.newslens.X.y(X.java:1)");
    String[] lines = handle(spark, 1, "run");
    assertEquals(1, lines.length);
    assertEquals("newslens: the run failed: IllegalStateException: Job aborted due to stage failure: Task 0 failed"
        + " 4 times (--verbose for details)", lines[0]);
  }
}
