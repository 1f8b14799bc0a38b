package io.newslens.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.newslens.job.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {
  @TempDir Path dir;
  private final Configuration conf = new Configuration();

  private void write(String rel, String content) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  @BeforeEach
  void corpus() throws IOException {
    write("a.jsonl", "{}\n");
    write("b/c/d.txt", "T\n\nx");
    write("b/e.csv", "text\nx\n");
    write(".hidden.jsonl", "{}\n");
    write("_SUCCESS", "");
    write(".git/objects/x.txt", "x");
    write("b/_tmp/y.txt", "y");
    write("b/.z.txt.crc", "z");
  }

  private List<String> names(Inputs.Listing l) {
    String root = dir.toUri().getPath();
    return l.files().stream().map(f -> f.path().substring(f.path().indexOf(root) + root.length())).toList();
  }

  @Test
  void folderIsReadRecursivelySortedAndHiddenNamesAreSkippedAndCounted() throws IOException {
    Inputs.Listing l = Inputs.list(List.of(dir.toString()), conf);
    assertEquals(List.of("a.jsonl", "b/c/d.txt", "b/e.csv"), names(l));
    // .hidden.jsonl, _SUCCESS, .git/objects/x.txt, b/_tmp/y.txt; Hadoop's local file system itself hides .crc files
    assertEquals(4, l.hiddenSkipped());
    assertEquals(3 + 4 + 7, l.totalBytes());
    assertTrue(l.files().get(0).path().startsWith("file:/"), l.files().get(0).path());
  }

  @Test
  void aFileNamedExplicitlyIsReadEvenIfHidden() throws IOException {
    assertEquals(List.of(".hidden.jsonl"), names(Inputs.list(List.of(dir.resolve(".hidden.jsonl").toString()), conf)));
    assertEquals(List.of("b/e.csv"), names(Inputs.list(List.of(dir.resolve("b/e.csv").toString()), conf)));
  }

  @Test
  void globMatchesFilesAndFoldersAndSkipsHiddenMatches() throws IOException {
    Inputs.Listing l = Inputs.list(List.of(dir + "/*.jsonl"), conf);
    assertEquals(List.of("a.jsonl"), names(l));
    assertEquals(1, l.hiddenSkipped());
    assertEquals(List.of("b/c/d.txt", "b/e.csv"), names(Inputs.list(List.of(dir + "/b"), conf)));
    assertEquals(List.of("b/c/d.txt"), names(Inputs.list(List.of(dir + "/b/{c,x}"), conf)));
  }

  @Test
  void overlappingInputsAreListedOnce() throws IOException {
    Inputs.Listing l = Inputs.list(List.of(dir + "/b", dir.toString(), dir + "/a.jsonl"), conf);
    assertEquals(List.of("a.jsonl", "b/c/d.txt", "b/e.csv"), names(l));
  }

  @Test
  void missingOrUnreadableInputIsAUsageError() {
    UsageException e = assertThrows(UsageException.class,
        () -> Inputs.list(List.of(dir + "/nope"), conf));
    assertEquals("input not found: " + dir + "/nope", e.getMessage());
    e = assertThrows(UsageException.class, () -> Inputs.list(List.of(dir + "/*.xml"), conf));
    assertEquals("input not found: " + dir + "/*.xml", e.getMessage());
    e = assertThrows(UsageException.class, () -> Inputs.list(List.of("nosuchfs://host/x"), conf));
    assertTrue(e.getMessage().startsWith("cannot read input nosuchfs://host/x: "), e.getMessage());
  }

  @Test
  void fingerprintChangesWithTheInput() throws IOException {
    String before = Inputs.list(List.of(dir.toString()), conf).fingerprint();
    assertEquals(before, Inputs.list(List.of(dir.toString()), conf).fingerprint());
    write("b/e.csv", "text\nxy\n");
    assertNotEquals(before, Inputs.list(List.of(dir.toString()), conf).fingerprint());
  }
}
