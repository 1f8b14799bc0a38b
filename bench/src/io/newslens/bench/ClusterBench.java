package io.newslens.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newslens.output.Tables;
import io.newslens.spark.SparkSessions;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;

/**
 * The job on a real Spark standalone cluster against local[2] on the same two cores, side by side: one Master and two
 * Workers of 1 core each on 127.0.0.1 (started from target/spark-home/jars, every daemon stopped by PID, every wait
 * bounded), the application jar submitted in client mode through SparkSubmit, then the same jar through SparkSubmit
 * with {@code --master local[2]}, for each input in turn. Records wall time, the manifest's per-stage times, Spark
 * jobs and tasks per stage from the event logs, and the row-by-row comparison of the two runs' tables.
 *
 * <p>Usage: {@code ClusterBench WORK_DIR RESULT_JSON NAME=INPUT [NAME=INPUT...]} (absolute input paths).
 */
public final class ClusterBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SPARK_HOME = Path.of("target/spark-home").toAbsolutePath();
  private static final Path APP_JAR = Path.of("target/newslens.jar").toAbsolutePath();
  /** Memory of each worker and of its one executor, and the driver heap of both kinds of run. */
  static final String WORKER_MEMORY = "2g";
  static final String DRIVER_MEMORY = "2g";
  static final long RUN_TIMEOUT_S = 3 * 3600;

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]).toAbsolutePath();
    Path result = Path.of(args[1]);
    Files.createDirectories(work);
    Files.createDirectories(SPARK_HOME.resolve("conf"));
    Files.copy(Path.of("bin/log4j2.properties"), SPARK_HOME.resolve("conf/log4j2.properties"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String cp = SPARK_HOME.resolve("conf") + ":" + SPARK_HOME.resolve("jars") + "/*";
    ObjectNode out = JSON.createObjectNode();
    out.put("commit", git("rev-parse", "--short", "HEAD"));
    out.put("setup", "standalone: 1 master, 2 workers x 1 core x " + WORKER_MEMORY + ", client mode, driver "
        + DRIVER_MEMORY + "; local: SparkSubmit --master local[2], driver " + DRIVER_MEMORY);
    ArrayNode runs = out.putArray("runs");
    for (int i = 2; i < args.length; i++) {
      String name = args[i].substring(0, args[i].indexOf('='));
      String input = args[i].substring(args[i].indexOf('=') + 1);
      ObjectNode r = runs.addObject();
      r.put("input", name);
      r.put("load_average_start", loadAverage());
      JsonNode cluster;
      try (LocalCluster c = LocalCluster.start(cp, work.resolve(name + "-daemons"), 2, 1, WORKER_MEMORY)) {
        cluster = submit(cp, c.masterUrl(), input, work.resolve(name + "-cluster"), work);
      }
      if (System.getenv("BENCH_CLUSTER_ONLY") != null) {
        r.set("standalone", cluster);
        Files.writeString(result, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
        System.err.printf("cluster bench: %s standalone %.1f s (job %.1f s), local skipped%n", name,
            cluster.path("wall_s").asDouble(), cluster.path("job_ms").asDouble() / 1000);
        continue;
      }
      JsonNode local = submit(cp, "local[2]", input, work.resolve(name + "-local"), work);
      r.set("standalone", cluster);
      r.set("local", local);
      r.put("load_average_end", loadAverage());
      double ratio = cluster.path("wall_s").asDouble() / local.path("wall_s").asDouble();
      r.put("wall_ratio", ratio);
      r.put("job_ratio", cluster.path("job_ms").asDouble() / local.path("job_ms").asDouble());
      ObjectNode stageRatios = r.putObject("stage_ratios");
      cluster.path("stages_ms").fields().forEachRemaining(e -> stageRatios.put(e.getKey(),
          e.getValue().asDouble() / Math.max(1, local.path("stages_ms").path(e.getKey()).asDouble())));
      SparkSession spark = SparkSessions.getOrCreate("local[2]");
      Map<String, long[]> diff = CompareOutputs.compare(spark, work.resolve(name + "-cluster/out").toString(),
          work.resolve(name + "-local/out").toString(), Tables.ALL, List.of());
      r.set("tables", JSON.readTree(CompareOutputs.toJson(diff)));
      spark.stop();
      Files.writeString(result, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
      System.err.printf("cluster bench: %s standalone %.1f s, local[2] %.1f s, ratio %.2f%n", name,
          cluster.path("wall_s").asDouble(), local.path("wall_s").asDouble(), ratio);
    }
  }

  /** Submits the job, waits, and summarises its manifest and event log. */
  static JsonNode submit(String cp, String master, String input, Path dir, Path work) throws Exception {
    deleteTree(dir);
    Path events = dir.resolve("events");
    Files.createDirectories(events);
    Path output = dir.resolve("out");
    List<String> cmd = new ArrayList<>(List.of(java(), "@" + Path.of("bin/jvm-flags.txt").toAbsolutePath(),
        "-Xmx" + DRIVER_MEMORY, "-cp", cp, "org.apache.spark.deploy.SparkSubmit", "--master", master,
        "--deploy-mode", "client", "--name", "newslens", "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.memory=" + DRIVER_MEMORY, "--conf", "spark.executor.memory=" + WORKER_MEMORY,
        "--conf", "spark.ui.enabled=false", "--conf", "spark.eventLog.enabled=true",
        "--conf", "spark.eventLog.compress=false", "--conf", "spark.eventLog.dir=" + events.toUri(),
        "--class", "io.newslens.cli.Main"));
    // BENCH_SPARK_CONF="k=v|k=v": extra settings for both runs (experiments; the published runs set none)
    String extra = System.getenv("BENCH_SPARK_CONF");
    if (extra != null && !extra.isBlank()) {
      for (String kv : extra.split("\\|")) {
        cmd.add("--conf");
        cmd.add(kv.trim());
      }
    }
    cmd.addAll(List.of(APP_JAR.toString(), "run", "--input", input, "--output", output.toString()));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("submit.out").toFile())
        .redirectError(dir.resolve("submit.err").toFile()).start();
    if (!p.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      throw new IllegalStateException("run on " + master + " still going after " + RUN_TIMEOUT_S + " s");
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    if (p.exitValue() != 0) {
      throw new IllegalStateException("run on " + master + " failed; see " + dir.resolve("submit.err"));
    }
    ObjectNode r = JSON.createObjectNode();
    r.put("master", master);
    r.put("wall_s", wall);
    JsonNode manifest = JSON.readTree(output.resolve(Tables.MANIFEST).toFile());
    r.put("job_ms", manifest.path("timings_ms").path("total").asLong());
    ObjectNode stages = r.putObject("stages_ms");
    manifest.path("timings_ms").fields().forEachRemaining(e -> {
      if (!e.getKey().equals("total")) stages.set(e.getKey(), e.getValue());
    });
    r.set("spark", eventLog(events));
    return r;
  }

  /** Jobs, tasks and summed task time per Newslens stage (the job description "newslens: STAGE"). */
  static JsonNode eventLog(Path dir) throws IOException {
    Map<Integer, String> stageOfJob = new HashMap<>();
    Map<Integer, String> stageOfSparkStage = new HashMap<>();
    Map<String, long[]> per = new TreeMap<>(); // jobs, tasks, task ms
    List<Path> files;
    try (var s = Files.walk(dir)) {
      files = s.filter(f -> f.getFileName().toString().startsWith("events_") || f.getFileName().toString()
          .startsWith("local-") || f.getFileName().toString().startsWith("app-")).filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      try (BufferedReader in = Files.newBufferedReader(f)) {
        String line;
        while ((line = in.readLine()) != null) {
          JsonNode e;
          try {
            e = JSON.readTree(line);
          } catch (IOException bad) {
            continue;
          }
          String ev = e.path("Event").asText();
          if (ev.equals("SparkListenerJobStart")) {
            String d = e.path("Properties").path("spark.job.description").asText("");
            String stage = d.startsWith("newslens: ") ? d.substring(10) : "other";
            stageOfJob.put(e.path("Job ID").asInt(), stage);
            per.computeIfAbsent(stage, k -> new long[3])[0]++;
            for (JsonNode sid : e.path("Stage IDs")) stageOfSparkStage.put(sid.asInt(), stage);
          } else if (ev.equals("SparkListenerTaskEnd")) {
            String stage = stageOfSparkStage.getOrDefault(e.path("Stage ID").asInt(), "other");
            long[] v = per.computeIfAbsent(stage, k -> new long[3]);
            v[1]++;
            v[2] += e.path("Task Info").path("Finish Time").asLong() - e.path("Task Info").path("Launch Time").asLong();
          }
        }
      }
    }
    ObjectNode r = JSON.createObjectNode();
    long jobs = 0;
    long tasks = 0;
    for (Map.Entry<String, long[]> e : per.entrySet()) {
      ObjectNode s = r.putObject(e.getKey());
      s.put("jobs", e.getValue()[0]);
      s.put("tasks", e.getValue()[1]);
      s.put("task_s", e.getValue()[2] / 1e3);
      jobs += e.getValue()[0];
      tasks += e.getValue()[1];
    }
    r.put("total_jobs", jobs);
    r.put("total_tasks", tasks);
    return r;
  }

  /** A standalone Master and Workers on 127.0.0.1, stopped (workers first, by PID) when closed. */
  static final class LocalCluster implements AutoCloseable {
    private final List<Process> daemons = new ArrayList<>();
    private String masterUrl;

    static LocalCluster start(String cp, Path dir, int workers, int cores, String memory) throws Exception {
      LocalCluster c = new LocalCluster();
      try {
        Files.createDirectories(dir);
        int port = freePort();
        int ui = freePort();
        c.masterUrl = "spark://127.0.0.1:" + port;
        Process master = daemon(cp, dir, "master", "org.apache.spark.deploy.master.Master",
            List.of("--host", "127.0.0.1", "--port", "" + port, "--webui-port", "" + ui));
        c.daemons.add(master);
        await(ui, m -> "ALIVE".equals(m.path("status").asText()), master);
        for (int w = 0; w < workers; w++) {
          Process worker = daemon(cp, dir, "worker" + w, "org.apache.spark.deploy.worker.Worker",
              List.of("--host", "127.0.0.1", "--cores", "" + cores, "--memory", memory, "--webui-port",
                  "" + freePort(), "--work-dir", dir.resolve("work" + w).toString(), c.masterUrl));
          c.daemons.add(worker);
          final int alive = w + 1;
          await(ui, m -> m.path("aliveworkers").asInt() == alive, worker);
        }
        return c;
      } catch (Exception e) {
        c.close();
        throw e;
      }
    }

    String masterUrl() {
      return masterUrl;
    }

    private static Process daemon(String cp, Path dir, String name, String main, List<String> args)
        throws IOException {
      List<String> cmd = new ArrayList<>(List.of(java(), "@" + Path.of("bin/jvm-flags.txt").toAbsolutePath(),
          "-Xmx512m", "-Dspark.master.rest.enabled=false", "-cp", cp, main));
      cmd.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile())
          .redirectError(dir.resolve(name + ".err").toFile());
      pb.environment().put("SPARK_HOME", SPARK_HOME.toString());
      pb.environment().put("SPARK_SCALA_VERSION", "2.13");
      pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
      return pb.start();
    }

    private static void await(int ui, java.util.function.Predicate<JsonNode> ready, Process watched)
        throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < deadline) {
        if (!watched.isAlive()) throw new IllegalStateException("a daemon exited with " + watched.exitValue());
        try {
          if (ready.test(JSON.readTree(URI.create("http://127.0.0.1:" + ui + "/json/").toURL()))) return;
        } catch (IOException notYet) {
          // the web UI is not up yet
        }
        Thread.sleep(500);
      }
      throw new IllegalStateException("the cluster was not ready after 120 s");
    }

    @Override
    public void close() throws InterruptedException {
      for (int i = daemons.size() - 1; i >= 0; i--) {
        Process p = daemons.get(i);
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static double loadAverage() throws IOException {
    return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
  }

  static String git(String... args) {
    try {
      List<String> cmd = new ArrayList<>(List.of("git"));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String s = new String(p.getInputStream().readAllBytes()).strip();
      return p.waitFor() == 0 ? s : "unknown";
    } catch (IOException | InterruptedException e) {
      return "unknown";
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
