package io.newslens.job;

import io.newslens.analyze.AnalyzeParams;
import io.newslens.clean.CleanParams;
import io.newslens.dedup.DedupParams;
import io.newslens.reuse.ReuseParams;
import io.newslens.stories.StoriesParams;
import io.newslens.terms.TermsParams;
import io.newslens.topics.TopicsParams;
import io.newslens.ingest.IngestParams;
import java.util.List;
import java.util.Map;

/**
 * Everything one run needs, parsed and validated once by the CLI (or built by tests). Each stage gets only its own
 * parameter record from here.
 *
 * @param inputs files, folders or globs to read
 * @param output the output folder
 * @param master Spark master to use when spark-submit gave none (null: {@code local[*]})
 * @param seed the seed every randomized step derives its own from
 * @param ingest, clean, analyze, dedup, reuse, stories, terms, topics each stage's own parameters
 * @param given the options the user gave, as typed (for the manifest)
 * @param effective every parameter's effective value, given or defaulted (for the manifest)
 * @param arguments the job options as a command line that parses to these parameters again (inputs, output and
 *     master left out; for the manifest, from which an update of the output takes its parameters)
 */
public record JobConfig(
    List<String> inputs,
    String output,
    String master,
    long seed,
    IngestParams ingest,
    CleanParams clean,
    AnalyzeParams analyze,
    DedupParams dedup,
    ReuseParams reuse,
    StoriesParams stories,
    TermsParams terms,
    TopicsParams topics,
    Map<String, String> given,
    Map<String, Object> effective,
    List<String> arguments) {

  public JobConfig {
    if (inputs == null || inputs.isEmpty()) throw new UsageException("--input: at least one input is needed");
    if (output == null || output.isBlank()) throw new UsageException("--output must not be empty");
    inputs = List.copyOf(inputs);
    given = Map.copyOf(given == null ? Map.of() : given);
    effective = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(effective == null ? Map.of() : effective));
    arguments = List.copyOf(arguments == null ? List.of() : arguments);
    if (ingest == null) ingest = IngestParams.defaults();
    if (clean == null) clean = CleanParams.defaults();
    if (analyze == null) analyze = AnalyzeParams.defaults();
    if (dedup == null) dedup = DedupParams.defaults();
    if (reuse == null) reuse = ReuseParams.defaults();
    if (stories == null) stories = StoriesParams.defaults();
    if (terms == null) terms = TermsParams.defaults();
    if (topics == null) topics = TopicsParams.defaults();
  }

  /** A configuration with every default, for tests and programmatic use. */
  public static JobConfig of(List<String> inputs, String output) {
    // every parameter at its default: the empty command line
    return new JobConfig(inputs, output, null, 42L, null, null, null, null, null, null, null, null, Map.of(),
        Map.of(), List.of());
  }

  /** The same job on other inputs (an update's new files, or every input of a refresh). */
  public JobConfig withInputs(List<String> newInputs) {
    return new JobConfig(newInputs, output, master, seed, ingest, clean, analyze, dedup, reuse, stories, terms,
        topics, given, effective, arguments);
  }
}
