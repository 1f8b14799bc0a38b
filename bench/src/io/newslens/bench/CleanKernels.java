package io.newslens.bench;

import io.newslens.analyze.TextAnalyzer;
import io.newslens.clean.Cleaner;
import io.newslens.clean.CleanParams;
import io.newslens.clean.LanguageDetector;
import io.newslens.ingest.IngestParams;
import io.newslens.ingest.RawRecord;
import io.newslens.ingest.RecordSource;
import java.io.FileInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the time of ingest + clean + analyze goes, kernel by kernel, without Spark: one thread, the corpus in
 * memory, each kernel timed (this thread's CPU time) over every document after a warm-up pass. Also measures how often the language
 * detected from the bounded sample ({@code --lang-sample-chars}, the stage's way) agrees with the language detected
 * from the whole cleaned text.
 *
 * <pre>bench/java io.newslens.bench.CleanKernels CORPUS.jsonl[.gz] [MAX_DOCS]</pre>
 */
public final class CleanKernels {
  private static final java.lang.management.ThreadMXBean MX =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /** This thread's CPU time in ns: robust on a loaded machine, unlike wall time. */
  static long cpu() {
    return MX.getCurrentThreadCpuTime();
  }

  public static void main(String[] args) throws Exception {
    String path = args[0];
    int maxDocs = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
    CleanParams cp = CleanParams.defaults();
    Map<String, Object> out = new LinkedHashMap<>();

    long t0 = cpu();
    List<String> texts = new ArrayList<>();
    try (RecordSource r = RecordSource.open(path, () -> new FileInputStream(path), IngestParams.defaults())) {
      while (r.hasNext() && texts.size() < maxDocs) {
        RawRecord rec = r.next();
        if (!rec.rejected()) texts.add(rec.text());
      }
    }
    out.put("documents", texts.size());
    out.put("read_seconds", (cpu() - t0) / 1e9);

    for (int pass = 0; pass < 2; pass++) {
      Map<String, Double> secs = new LinkedHashMap<>();
      long sink = 0;
      long t = cpu();
      for (String s : texts) sink += Cleaner.candidateKeys(s, cp.repeatMaxLineChars()).length;
      secs.put("candidate_keys", (cpu() - t) / 1e9);
      List<String> cleaned = new ArrayList<>(texts.size());
      t = cpu();
      for (String s : texts) cleaned.add(Cleaner.clean(s, h -> false, cp.patterns(), cp.repeatMaxLineChars()).text());
      secs.put("clean", (cpu() - t) / 1e9);
      List<String> langs = new ArrayList<>(texts.size());
      t = cpu();
      for (String s : cleaned) {
        langs.add(LanguageDetector.detect(s, cp.langSampleChars(), cp.langMinLetters(), cp.langMinConfidence()).lang());
      }
      secs.put("lang_sample", (cpu() - t) / 1e9);
      t = cpu();
      for (int i = 0; i < cleaned.size(); i++) {
        sink += TextAnalyzer.analyze(cleaned.get(i), langs.get(i), true, 200_000).tokens().size();
      }
      secs.put("analyze", (cpu() - t) / 1e9);
      secs.put("sink", (double) sink);
      out.put("pass" + pass, secs);
      if (pass == 1) {
        // agreement of the sampled detection with whole-text detection
        int same = 0;
        Map<String, Integer> changes = new LinkedHashMap<>();
        t = cpu();
        for (int i = 0; i < cleaned.size(); i++) {
          String whole = LanguageDetector.detect(cleaned.get(i), Integer.MAX_VALUE, cp.langMinLetters(),
              cp.langMinConfidence()).lang();
          if (Objects.equals(whole, langs.get(i))) same++;
          else changes.merge(whole + "->" + langs.get(i), 1, Integer::sum);
        }
        out.put("lang_whole_seconds", (cpu() - t) / 1e9);
        out.put("lang_agree_with_whole", same);
        out.put("lang_changes_whole_to_sample", changes);
      }
    }
    System.out.println(new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
  }
}
