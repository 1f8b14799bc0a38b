package io.newslens.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The id rule of an update, on hand-made clusters: ids never change, merges keep the oldest, splits are recorded. */
class ClusterIdsTest {

  @Test
  void aNewMemberJoinsUnderTheExistingId() {
    ClusterIds.Result r = ClusterIds.assign(List.of(List.of("b", "c", "a")), Map.of("b", "b", "c", "b"),
        Map.of("b", 1));
    // "a" is smaller than the id, but the cluster keeps "b": an existing id never changes
    assertEquals(Map.of("a", "b", "b", "b", "c", "b"), r.ids());
    assertEquals(List.of(), r.aliases());
    assertEquals(Set.of(), r.created());
  }

  @Test
  void aMergeKeepsTheOldestIdThenTheSmallest() {
    // x (since version 2) and y (since version 1) merge: y is older, so it survives though "x" < "y"
    ClusterIds.Result older = ClusterIds.assign(List.of(List.of("x", "x2", "y", "n")),
        Map.of("x", "x", "x2", "x", "y", "y"), Map.of("x", 2, "y", 1));
    assertEquals("y", older.ids().get("n"));
    assertEquals(List.of(new ClusterIds.Alias("x", "y", StateTables.MERGE)), older.aliases());
    assertEquals(Set.of("x"), older.retired());
    // same version: the smaller id survives
    ClusterIds.Result same = ClusterIds.assign(List.of(List.of("p", "q", "n")), Map.of("p", "p", "q", "q"),
        Map.of("p", 1, "q", 1));
    assertEquals("p", same.ids().get("q"));
    assertEquals(List.of(new ClusterIds.Alias("q", "p", StateTables.MERGE)), same.aliases());
  }

  @Test
  void newArticlesAloneGetTheFullRunIdAndASplitIsRecorded() {
    // n1, n2 are new: their cluster's id is its smallest doc_id; m left cluster "k" (whose id document stays in k)
    ClusterIds.Result r = ClusterIds.assign(List.of(List.of("n2", "n1"), List.of("k", "k2"), List.of("m", "n3")),
        Map.of("k", "k", "k2", "k", "m", "k"), Map.of("k", 1));
    assertEquals(Map.of("n1", "n1", "n2", "n1", "k", "k", "k2", "k", "m", "m", "n3", "m"), r.ids());
    assertEquals(Set.of("m", "n1"), r.created());
    assertEquals(List.of(new ClusterIds.Alias("k", "m", StateTables.SPLIT)), r.aliases());
  }
}
