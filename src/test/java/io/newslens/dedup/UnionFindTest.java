package io.newslens.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UnionFindTest {
  @Test
  void labelsEveryIdWithTheSmallestOfItsComponent() {
    UnionFind uf = new UnionFind();
    uf.union("d", "e");
    uf.union("b", "c");
    uf.union("e", "c"); // joins {d, e} and {b, c}
    uf.union("z", "y");
    uf.union("y", "z"); // the same edge twice
    uf.union("k", "k"); // a loop: k alone
    Map<String, String> m = uf.smallestMembers();
    assertEquals(Map.of("b", "b", "c", "b", "d", "b", "e", "b", "y", "y", "z", "y", "k", "k"), m);
    assertEquals(7, uf.size());
  }

  @Test
  void aLongChainIsOneComponent() {
    UnionFind uf = new UnionFind();
    for (int i = 100_000; i > 0; i--) uf.union("n" + (i + 100_000), "n" + (i + 99_999));
    Map<String, String> m = uf.smallestMembers();
    assertEquals(100_001, m.size());
    assertEquals(1, m.values().stream().distinct().count());
    assertEquals("n100000", m.get("n200000"));
  }
}
