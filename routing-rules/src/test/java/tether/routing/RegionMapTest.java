package tether.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegionMapTest {

  @Test
  void findsKeysInsideLongerStringsIncludingCollidingOnes() {
    // "Aa" and "BB" have the same String hash.
    Map<String, Integer> entries = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      entries.put("/k" + i, i);
    }
    entries.put("Aa", -1);
    entries.put("BB", -2);
    RegionMap<Integer> map = new RegionMap<>(entries);
    assertThat(map.get("xAay", 1, 3)).isEqualTo(-1);
    assertThat(map.get("BB:80", 0, 2)).isEqualTo(-2);
    assertThat(map.get("/k999/rest", 0, 5)).isEqualTo(999);
    assertThat(map.get("/k999/rest", 0, 4)).isEqualTo(99);
    assertThat(map.get("/k1000", 0, 6)).isNull();
    assertThat(map.get("", 0, 0)).isNull();
    assertThat(new RegionMap<Integer>(Map.of()).get("a", 0, 1)).isNull();
  }
}
