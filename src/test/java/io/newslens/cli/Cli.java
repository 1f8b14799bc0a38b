package io.newslens.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Runs {@link Main#run} in this JVM on the shared test session and captures its exit code and output. */
record Cli(int exit, String out, String err) {

  static Cli run(SparkSession spark, String... args) {
    SparkSession.setActiveSession(spark); // the run uses (and must not stop) the shared session
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Cli(code, out.toString(), err.toString());
  }

  List<String> errLines() {
    return err.lines().toList();
  }
}
