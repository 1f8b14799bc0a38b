package io.newslens.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DisjointSetsTest {

  @Test
  void unionsJoinSetsAndTheLargerRootStays() {
    DisjointSets s = new DisjointSets();
    for (int i = 0; i < 6; i++) assertEquals(i, s.add());
    s.union(0, 1); // {0,1} root 0 (tie: first)
    s.union(2, 3); // {2,3} root 2
    s.union(4, 2); // {2,3,4}: the larger set's root 2 stays
    assertEquals(0, s.find(1));
    assertEquals(2, s.find(4));
    s.union(1, 3); // {0,1} joins {2,3,4}: root 2
    for (int i = 0; i < 5; i++) assertEquals(2, s.find(i));
    assertEquals(5, s.find(5)); // never joined
    assertNotEquals(s.find(5), s.find(0));
    assertEquals(6, s.size());
  }

  @Test
  void growsPastItsInitialCapacityAndFindsALongChain() {
    DisjointSets s = new DisjointSets();
    int n = 100_000;
    for (int i = 0; i < n; i++) s.add();
    for (int i = 1; i < n; i++) s.union(i, i - 1);
    int root = s.find(0);
    for (int i = 0; i < n; i += 997) assertEquals(root, s.find(i));
    assertThrows(IndexOutOfBoundsException.class, () -> s.find(n));
  }
}
