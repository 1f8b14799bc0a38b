package io.newslens.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newslens.job.UsageException;
import io.newslens.output.OutputFolder;
import io.newslens.output.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output an update starts from: its manifest (run id, version, lineage, parameters) as published. Only outputs
 * written with persistent state ({@link StateTables}) can be updated.
 *
 * @param manifest the whole manifest.json
 * @param runId the run id of the version
 * @param version the output version ({@link Lineage#VERSION_KEY})
 * @param arguments the job options of the base as a command line ({@code params.arguments})
 * @param effective every parameter's effective value as the manifest writes it
 */
public record Base(JsonNode manifest, String runId, int version, List<String> arguments,
    Map<String, String> effective) {

  /** Reads the manifest of an output folder; a usage error when it is not an output that can be updated. */
  public static Base open(String output, Configuration conf) {
    try {
      Path dir = new Path(output);
      FileSystem fs = dir.getFileSystem(conf);
      Path manifest = new Path(dir, Tables.MANIFEST);
      if (!fs.exists(manifest)) {
        throw new UsageException("cannot update " + output + ": it has no manifest.json (run `newslens run` first)");
      }
      JsonNode m;
      try (InputStream in = fs.open(manifest)) {
        m = new ObjectMapper().readTree(in);
      }
      if (m == null || !OutputFolder.TOOL.equals(m.path("tool").asText())) {
        throw new UsageException("cannot update " + output + ": its manifest.json is not a Newslens manifest");
      }
      if (!m.has(Lineage.VERSION_KEY) || !m.has(StateTables.MANIFEST_KEY)) {
        throw new UsageException("cannot update " + output + ": it was written without incremental state (by "
            + "Newslens " + m.path("versions").path("newslens").asText("?") + "); run `newslens run` again once");
      }
      if (!m.path(StateTables.MANIFEST_KEY).path(State.WRITTEN).asBoolean(true)) {
        throw new UsageException("cannot update " + output + ": it was written by `newslens run --no-state`, which "
            + "keeps no state to add to; run `newslens run` again without --no-state");
      }
      if (m.path(StateTables.MANIFEST_KEY).path("format").asInt() != StateTables.FORMAT) {
        throw new UsageException("cannot update " + output + ": its state has format "
            + m.path(StateTables.MANIFEST_KEY).path("format").asInt() + ", this Newslens reads "
            + StateTables.FORMAT + "; run `newslens run` again once");
      }
      List<String> args = new ArrayList<>();
      m.path("params").path("arguments").forEach(a -> args.add(a.asText()));
      Map<String, String> effective = new LinkedHashMap<>();
      m.path("params").path("effective").fields().forEachRemaining(e ->
          effective.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
      return new Base(m, m.path("run_id").asText(), m.path(Lineage.VERSION_KEY).asInt(), List.copyOf(args),
          effective);
    } catch (IOException e) {
      throw new UsageException("cannot read the output " + output + ": " + e.getMessage());
    }
  }
}
