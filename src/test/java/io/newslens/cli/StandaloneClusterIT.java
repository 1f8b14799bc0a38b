package io.newslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newslens.Columns;
import io.newslens.testing.ChildJvm;
import io.newslens.testing.SparkTest;
import io.newslens.testing.TestCorpora;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1 (one Master and two Workers of one core, started from the Maven jars
 * copied into target/spark-home/jars by {@code mvn verify}), and the thin application jar submitted to it through
 * SparkSubmit in client mode, as {@code spark-submit --class io.newslens.cli.Main target/newslens.jar run …}
 * would; its tables must equal those of a local run. Every daemon is stopped by PID at the end, also when the test
 * fails; every wait is bounded.
 */
@SparkTest
class StandaloneClusterIT {
  @TempDir Path tmp;

  private static final Path SPARK_HOME = Path.of("target/spark-home").toAbsolutePath();
  private static final Path APP_JAR = Path.of("target/newslens.jar").toAbsolutePath();

  @Test
  void theApplicationJarRunsOnAStandaloneCluster(SparkSession spark) throws Exception {
    assertTrue(Files.isRegularFile(APP_JAR), "run `mvn verify` (package builds " + APP_JAR + ")");
    assertTrue(Files.isDirectory(SPARK_HOME.resolve("jars")), "run `mvn verify` (it copies the Spark jars)");
    Files.createDirectories(SPARK_HOME.resolve("conf"));
    Files.copy(Path.of("bin/log4j2.properties"), SPARK_HOME.resolve("conf/log4j2.properties"),
        StandardCopyOption.REPLACE_EXISTING);
    String cp = SPARK_HOME.resolve("conf") + ":" + SPARK_HOME.resolve("jars") + "/*";
    int masterPort = freePort();
    int masterUi = freePort();
    String masterUrl = "spark://127.0.0.1:" + masterPort;
    List<Process> daemons = new ArrayList<>();
    try {
      Process master = start(List.of("-Xmx512m", "-Dspark.master.rest.enabled=false"), cp,
          "org.apache.spark.deploy.master.Master",
          List.of("--host", "127.0.0.1", "--port", "" + masterPort, "--webui-port", "" + masterUi), "master");
      daemons.add(master);
      awaitMaster(masterUi, m -> "ALIVE".equals(m.path("status").asText()), master, "master");
      // two workers of one core each: the application gets two executors, so every shuffle and broadcast crosses
      // JVMs, and the tables must still be those of a local run
      for (int w = 0; w < 2; w++) {
        Process worker = start(List.of("-Xmx512m"), cp, "org.apache.spark.deploy.worker.Worker",
            List.of("--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port", "" + freePort(),
                "--work-dir", tmp.resolve("work" + w).toString(), masterUrl), "worker" + w);
        daemons.add(worker);
        int alive = w + 1;
        awaitMaster(masterUi, m -> m.path("aliveworkers").asInt() == alive, worker, "worker" + w);
      }

      Path out = tmp.resolve("out");
      Path log = tmp.resolve("logs/submit");
      Process submit = ChildJvm.start(ChildJvm.command(List.of("-Xmx1g"), cp, "org.apache.spark.deploy.SparkSubmit",
          List.of("--master", masterUrl, "--deploy-mode", "client", "--name", "newslens", "--conf", "spark.driver.host=127.0.0.1",
              "--conf", "spark.executor.memory=512m", "--conf", "spark.ui.enabled=false",
              "--class", "io.newslens.cli.Main", APP_JAR.toString(),
              "run", "--input", TestCorpora.seedsDir().toString(), "--output", out.toString())), log);
      // the same input on the test's local session, while the cluster runs it
      Path local = tmp.resolve("local");
      Cli run = Cli.run(spark, "run", "--input", TestCorpora.seedsDir().toString(), "--output", local.toString());
      assertEquals(0, run.exit(), run.err());
      assertEquals(0, ChildJvm.waitFor(submit, 900, log), ChildJvm.tail(log));

      JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
      assertEquals(masterUrl, m.path("versions").path("master").asText(), "the master came from spark-submit");
      assertEquals(5, m.path("records").path("read").asLong());
      assertEquals(5, m.path("records").path("kept").asLong());
      assertEquals(0, m.path("records").path("rejected").asLong());
      assertEquals(5, m.path("tables").path("documents").path("rows").asLong());
      assertEquals(5, spark.read().parquet(out.resolve("documents").toString()).count());
      assertEquals(SeedsEndToEndTest.DOC_IDS.values().stream().sorted().toList(),
          spark.read().parquet(out.resolve("documents").toString()).select(Columns.DOC_ID)
              .as(org.apache.spark.sql.Encoders.STRING()).collectAsList().stream().sorted().toList());
      JsonNode apps = master(masterUi).path("completedapps");
      assertEquals(1, apps.size(), "one application ran on the cluster: " + apps);
      assertEquals("newslens", apps.get(0).path("name").asText());
      assertEquals("FINISHED", apps.get(0).path("state").asText());
      for (int w = 0; w < 2; w++) { // each worker ran an executor of the application (its folder under the work dir)
        try (var dirs = Files.list(tmp.resolve("work" + w))) {
          assertEquals(1, dirs.filter(d -> d.getFileName().toString().startsWith("app-")).count(), "worker" + w);
        }
      }

      // the local run's tables: every table equal row for row
      ReliabilityTest.assertEqualTables(spark, local, out);
    } finally {
      for (int i = daemons.size() - 1; i >= 0; i--) stop(daemons.get(i)); // workers first, then the master
    }
  }

  private Process start(List<String> jvm, String cp, String main, List<String> args, String name)
      throws IOException {
    List<String> cmd = ChildJvm.command(jvm, cp, main, args);
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectOutput(tmp.resolve(name + ".out").toFile())
        .redirectError(tmp.resolve(name + ".err").toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", SPARK_HOME.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    return pb.start();
  }

  /** SIGTERM by PID, at most 30 s, then SIGKILL. */
  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private void awaitMaster(int ui, Predicate<JsonNode> ready, Process watched, String name) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!watched.isAlive()) {
        throw new AssertionError(name + " exited with " + watched.exitValue() + ": "
            + Files.readString(tmp.resolve(name + ".err")));
      }
      try {
        if (ready.test(master(ui))) return;
      } catch (IOException notYet) {
        // the web UI is not up yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError(name + " not ready after 120 s: " + Files.readString(tmp.resolve(name + ".err")));
  }

  private static JsonNode master(int ui) throws IOException {
    return new ObjectMapper().readTree(URI.create("http://127.0.0.1:" + ui + "/json/").toURL());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
