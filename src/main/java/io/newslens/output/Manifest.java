package io.newslens.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newslens.ingest.InputFile;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds {@code manifest.json}: the run's identity, versions, parameters, inputs, counts and timings. */
public final class Manifest {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final ObjectNode root = JSON.createObjectNode();

  public Manifest(String runId, Instant started) {
    root.put("tool", OutputFolder.TOOL);
    root.put("manifest_version", 1);
    root.put("run_id", runId);
    root.put("started_at", started.toString());
  }

  public Manifest versions(Map<String, String> versions) {
    ObjectNode v = root.putObject("versions");
    versions.forEach(v::put);
    return this;
  }

  public Manifest params(Map<String, String> given, Map<String, ?> effective) {
    ObjectNode p = root.putObject("params");
    ObjectNode g = p.putObject("given");
    given.forEach(g::put);
    p.set("effective", JSON.valueToTree(new java.util.TreeMap<>(effective)));
    ArrayNode d = p.putArray("defaulted");
    effective.keySet().stream().sorted().filter(k -> !given.containsKey(k)).forEach(d::add);
    return this;
  }

  public Manifest inputs(List<String> args, List<InputFile> files, long totalBytes, String fingerprint, int hidden) {
    ObjectNode in = root.putObject("input");
    ArrayNode a = in.putArray("arguments");
    args.forEach(a::add);
    in.put("files", files.size());
    in.put("bytes", totalBytes);
    in.put("hidden_files_skipped", hidden);
    in.put("fingerprint", fingerprint);
    ArrayNode list = in.putArray("file_list");
    int shown = 0;
    for (InputFile f : files) {
      if (shown++ == 1000) {
        in.put("file_list_truncated", true);
        break;
      }
      ObjectNode o = list.addObject();
      o.put("path", f.path());
      o.put("bytes", f.size());
      o.put("modified", Instant.ofEpochMilli(f.modified()).toString());
    }
    return this;
  }

  public Manifest records(long read, long kept, long rejected, Map<String, Long> rejectedByReason) {
    ObjectNode r = root.putObject("records");
    r.put("read", read);
    r.put("kept", kept);
    r.put("rejected", rejected);
    r.put("reconciled", read == kept + rejected);
    ObjectNode by = r.putObject("rejected_by_reason");
    rejectedByReason.forEach(by::put);
    return this;
  }

  /** Sets a top-level field to a JSON value (an update carries sections of its base's manifest over). */
  public Manifest set(String name, com.fasterxml.jackson.databind.JsonNode value) {
    root.set(name, value);
    return this;
  }

  public Manifest set(String name, int value) {
    root.put(name, value);
    return this;
  }

  /** Adds {@code params.arguments}: the job options as a command line (what an update re-parses). */
  public Manifest arguments(List<String> arguments) {
    ArrayNode a = ((ObjectNode) root.path("params")).putArray("arguments");
    arguments.forEach(a::add);
    return this;
  }

  public Manifest section(String name, Map<String, ?> values) {
    root.set(name, JSON.valueToTree(values));
    return this;
  }

  public Manifest tables(Map<String, Long> rowCounts) {
    ObjectNode t = root.putObject("tables");
    rowCounts.forEach((k, v) -> t.putObject(k).put("rows", v));
    return this;
  }

  public Manifest timings(Map<String, Long> stageMillis, Instant finished, long totalMillis) {
    ObjectNode t = root.putObject("timings_ms");
    stageMillis.forEach(t::put);
    t.put("total", totalMillis);
    root.put("finished_at", finished.toString());
    return this;
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
