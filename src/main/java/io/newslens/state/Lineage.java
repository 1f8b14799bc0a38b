package io.newslens.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The manifest's record of an output's versions: {@value #VERSION_KEY} (1 after {@code run}, one more per update)
 * and {@value #LINEAGE_KEY}: the run id of version 1 ({@code base_run_id}) and one entry per version — its number,
 * run id, kind ({@code run}, {@code update}, {@code refresh}), start and end, the input arguments, the files added
 * and skipped, and the records read, kept, rejected and skipped (doc_id already in the output).
 */
public final class Lineage {
  private Lineage() {}

  public static final String VERSION_KEY = "output_version";
  public static final String LINEAGE_KEY = "lineage";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one version added. */
  public record Entry(int version, String runId, String kind, Instant started, Instant finished,
      List<String> arguments, long filesAdded, long bytesAdded, long filesSkipped, long recordsRead,
      long recordsKept, long recordsRejected, long recordsSkipped, Map<String, Long> rejectedByReason) {}

  /** The lineage of a first version (a full run). */
  public static JsonNode first(Entry e) {
    ObjectNode l = JSON.createObjectNode();
    l.put("base_run_id", e.runId());
    l.putArray("versions").add(entry(e));
    return l;
  }

  /** The base's lineage with one more version. */
  public static JsonNode next(JsonNode baseManifest, Entry e) {
    ObjectNode l = baseManifest.path(LINEAGE_KEY).deepCopy();
    ((ArrayNode) l.withArray("versions")).add(entry(e));
    return l;
  }

  private static ObjectNode entry(Entry e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("version", e.version());
    o.put("run_id", e.runId());
    o.put("kind", e.kind());
    o.put("started_at", e.started().toString());
    o.put("finished_at", e.finished().toString());
    ArrayNode a = o.putArray("input_arguments");
    e.arguments().forEach(a::add);
    ObjectNode files = o.putObject("files");
    files.put("added", e.filesAdded());
    files.put("bytes_added", e.bytesAdded());
    files.put("skipped_known", e.filesSkipped());
    ObjectNode r = o.putObject("records");
    r.put("read", e.recordsRead());
    r.put("kept", e.recordsKept());
    r.put("rejected", e.recordsRejected());
    r.put("skipped_known_id", e.recordsSkipped());
    ObjectNode by = r.putObject("rejected_by_reason");
    e.rejectedByReason().forEach(by::put);
    return o;
  }
}
