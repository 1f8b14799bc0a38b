package io.newslens.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folder trees in tests: copying an output (hidden files included) to change the copy, deleting a temporary one. */
public final class Folders {
  private Folders() {}

  /** Copies a folder tree, hidden files included, to a new place. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
  }

  /** Deletes a folder tree, as much of it as can be deleted (for temporary folders at JVM exit). */
  public static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder that is already gone, or half gone: nothing to report at JVM exit
    }
  }
}
