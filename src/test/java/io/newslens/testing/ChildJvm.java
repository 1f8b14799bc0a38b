package io.newslens.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a JVM running a main class on the test classpath with Spark's JVM flags (bin/jvm-flags.txt), its output
 * going to files. For runs that need their own SparkContext (task retries, a kill, one core) or their own process.
 */
public final class ChildJvm {
  private ChildJvm() {}

  public static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * HotSpot's C1 compiler only: a child runs one short job on a small input, during which the optimising compiler
   * (C2) would spend about as much CPU as the job itself (a run on the seeds: 107 s of CPU with C2, 65 s without),
   * on the two cores the test JVM also needs. The JIT changes no result.
   */
  public static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

  /**
   * The command line: java, Spark's flags, {@link #C1_ONLY}, the given JVM options, -cp, the main class and its
   * arguments.
   */
  public static List<String> command(List<String> jvmOptions, String classpath, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java());
    cmd.add("@" + Path.of("bin/jvm-flags.txt").toAbsolutePath());
    cmd.add("-Dlog4j2.configurationFile=" + Path.of("bin/log4j2.properties").toAbsolutePath());
    cmd.add(C1_ONLY);
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  /** Starts Newslens' Main with the given JVM options and arguments; stdout and stderr go to log + ".out/.err". */
  public static Process startMain(Path log, List<String> jvmOptions, String... args) throws IOException {
    List<String> opts = new ArrayList<>(List.of("-Xmx1g", "-Dspark.ui.enabled=false"));
    opts.addAll(jvmOptions);
    return start(command(opts, classpath(), "io.newslens.cli.Main", List.of(args)), log);
  }

  public static Process start(List<String> cmd, Path log) throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectOutput(Path.of(log + ".out").toFile())
        .redirectError(Path.of(log + ".err").toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  /** Waits at most the given seconds; kills (SIGKILL) and fails if the process is still running then. */
  public static int waitFor(Process p, long seconds, Path log) throws IOException, InterruptedException {
    if (!p.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
      throw new AssertionError("child JVM still running after " + seconds + " s; log: " + tail(log));
    }
    return p.exitValue();
  }

  public static String tail(Path log) throws IOException {
    StringBuilder b = new StringBuilder();
    for (String ext : List.of(".out", ".err")) {
      Path f = Path.of(log + ext);
      if (Files.exists(f)) {
        List<String> lines = Files.readAllLines(f);
        b.append(ext).append(":\n").append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40),
            lines.size()))).append('\n');
      }
    }
    return b.toString();
  }
}
