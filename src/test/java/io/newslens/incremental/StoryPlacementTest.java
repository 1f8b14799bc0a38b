package io.newslens.incremental;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.newslens.stories.StoryModel;
import io.newslens.stories.StoryModel.StoryRep;
import io.newslens.stories.Unit;
import io.newslens.stories.UnitVector;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The stories of an update on hand-made stored stories and units (hand-computed cosines). */
class StoryPlacementTest {
  private static final long DAY = 86_400L;
  private static final StoryModel.Rules RULES = new StoryModel.Rules(0.45, 3 * DAY, 30 * DAY, 100, 0.2);

  private static StoryRep rep(String id, long first, long last, int units, int articles, long[] f, double[] w) {
    String[] d = new String[f.length];
    for (int i = 0; i < f.length; i++) d[i] = "f" + f[i];
    return new StoryRep(id, "fr", first, last, units, articles, f, w, d);
  }

  private static StoryPlacement.NewUnit unit(String id, long time, long[] f, double[] w,
      StoryPlacement.Article... articles) {
    String[] d = new String[f.length];
    for (int i = 0; i < f.length; i++) d[i] = "f" + f[i];
    return new StoryPlacement.NewUnit(new Unit(id, 0L, "fr", time, articles.length, new UnitVector(f, w, d),
        List.of()), List.of(articles));
  }

  @Test
  void mergedStoriesSumTheirCentroidsKeepTheLargestAndUniteTheirTimes() {
    StoryRep a = new StoryRep("a", "fr", 5 * DAY, 6 * DAY, 2, 3, new long[] {1, 2}, new double[] {0.5, 0.3},
        new String[] {"un", "deux-a"});
    StoryRep b = new StoryRep("b", "fr", Unit.UNDATED, Unit.UNDATED, 1, 1, new long[] {2, 3},
        new double[] {0.4, 0.1}, new String[] {"deux-b", "trois"});
    StoryRep m = StoryPlacement.merge("a", List.of(a, b), 2);
    // sums 1: 0.5, 2: 0.7, 3: 0.1 -> the two largest, by id; feature 2 shown as b shows it (0.4 > 0.3)
    assertEquals("a", m.storyId());
    assertArrayEquals(new long[] {1, 2}, m.features());
    assertArrayEquals(new double[] {0.5, 0.7}, m.sums(), 1e-12);
    assertArrayEquals(new String[] {"un", "deux-b"}, m.display());
    assertEquals(5 * DAY, m.first());
    assertEquals(6 * DAY, m.last());
    assertEquals(3, m.units());
    assertEquals(4, m.articles());
  }

  @Test
  void aMergeKeepsTheOlderIdNewUnitsJoinOrFoundWithTheFullRunId() {
    Map<String, StoryPlacement.Stored> stored = new TreeMap<>();
    // s9 in use since version 1, a1 since version 2: s9 survives although a1 is the smaller id
    stored.put("s9", new StoryPlacement.Stored(rep("s9", 0, DAY, 1, 1, new long[] {10, 11}, new double[] {1, 1}), 1));
    stored.put("a1", new StoryPlacement.Stored(rep("a1", 2 * DAY, 2 * DAY, 1, 2, new long[] {12}, new double[] {1}),
        2));
    stored.put("z0", new StoryPlacement.Stored(rep("z0", 2 * DAY, 2 * DAY, 1, 1, new long[] {30}, new double[] {1}),
        1));
    // a new article joins a cluster that held s9's and a1's articles: the two stories are one now
    StoryPlacement.Growth g = new StoryPlacement.Growth(Set.of("s9", "a1"), 0, 1, 2);
    long t = 2 * DAY;
    StoryPlacement.NewUnit n1 = unit("n1", t + 3600, new long[] {10, 11}, new double[] {0.6, 0.8},
        new StoryPlacement.Article("n1", t + 3600));
    // a unit of two articles published at the same time: the story's id is the smaller doc_id
    StoryPlacement.NewUnit n0 = unit("n0", t + 7200, new long[] {20}, new double[] {1},
        new StoryPlacement.Article("n0", t + 7200), new StoryPlacement.Article("m5", t + 7200));
    StoryPlacement.Result r = StoryPlacement.place(RULES, stored, List.of(g), List.of(n0, n1), Map.of(), 3);

    assertEquals(Map.of("a1", "s9"), r.aliases());
    assertEquals(Map.of("s9", "s9", "a1", "s9"), r.survivor());
    // n1 against s9 + a1 = (1, 1, 1): cosine (0.6 + 0.8) / sqrt 3 = 0.808 >= 0.45, it joins s9; its similarity is
    // with the centroid after it: (1.6, 1.8, 1), (0.96 + 1.44) / sqrt 6.8 = 0.92036
    assertEquals(Map.of("n1", "s9", "n0", "m5"), r.storyOf());
    assertEquals(2.4 / Math.sqrt(6.8), r.similarity().get("n1"), 1e-12);
    assertEquals(1.0, r.similarity().get("n0"), 1e-12);
    assertEquals(Set.of("m5"), r.created());
    assertEquals(Set.of("s9", "m5"), r.stories().keySet());
    assertEquals(Map.of("s9", 1, "m5", 3), r.since());
    StoryRep s9 = r.stories().get("s9");
    assertArrayEquals(new long[] {10, 11, 12}, s9.features());
    assertArrayEquals(new double[] {1.6, 1.8, 1}, s9.sums(), 1e-12);
    assertEquals(0, s9.first());
    assertEquals(t + 3600, s9.last());
    assertEquals(2, s9.units()); // the two old clusters are one unit, n1 another
    assertEquals(5, s9.articles()); // 1 + 2 + the cluster's new article + n1
    StoryRep m5 = r.stories().get("m5");
    assertEquals("m5", m5.storyId());
    assertEquals(2, m5.articles());
  }

  @Test
  void aReusePartnerInAStoredStoryGivesItsBonusAndAMissingStoryIsAnError() {
    Map<String, StoryPlacement.Stored> stored = new TreeMap<>();
    stored.put("p0", new StoryPlacement.Stored(rep("p0", 0, 0, 1, 1, new long[] {1, 2}, new double[] {1, 1}), 1));
    // cosine with (1, 1): 0.3 / sqrt 2 = 0.212, plus the reuse bonus 0.2 = 0.412 < 0.45: alone
    StoryPlacement.NewUnit u = new StoryPlacement.NewUnit(new Unit("u", 0L, "fr", DAY, 1,
        new UnitVector(new long[] {1, 9}, new double[] {0.3, Math.sqrt(0.91)}, new String[] {"a", "b"}),
        List.of("old")), List.of(new StoryPlacement.Article("u", DAY)));
    StoryPlacement.Result r = StoryPlacement.place(RULES, stored, List.of(), List.of(u), Map.of("old", "p0"), 2);
    assertEquals("u", r.storyOf().get("u"));
    // with 0.4: 0.283 + 0.2 = 0.483: it joins the partner's story
    StoryPlacement.NewUnit v = new StoryPlacement.NewUnit(new Unit("v", 0L, "fr", DAY, 1,
        new UnitVector(new long[] {1, 9}, new double[] {0.4, Math.sqrt(0.84)}, new String[] {"a", "b"}),
        List.of("old")), List.of(new StoryPlacement.Article("v", DAY)));
    assertEquals("p0", StoryPlacement.place(RULES, stored, List.of(), List.of(v), Map.of("old", "p0"), 2)
        .storyOf().get("v"));
    assertThrows(IllegalArgumentException.class, () -> StoryPlacement.place(RULES, stored,
        List.of(new StoryPlacement.Growth(Set.of("p0", "gone"), 0, 1, 2)), List.of(), Map.of(), 2));
  }
}
