package tether.routing;

import java.util.Map;

/**
 * An immutable string-keyed map that can be probed with a region of a longer string, so that looking
 * up {@code example.com} inside {@code www.example.com:8080}, or {@code /api} inside
 * {@code /api/users}, needs no substring. Values must not be null.
 *
 * <p>Laid out for few memory reads per probe, since with thousands of rules a lookup's cost is
 * mostly cache misses: open addressing with linear probing, at most half full; the hashes in their
 * own array, so a key is only read once its hash matched; each key next to its value.
 */
final class RegionMap<V> {

  private final int[] hashes;
  /** Key at {@code 2 * slot}, value at {@code 2 * slot + 1}. */
  private final Object[] entries;
  private final int mask;
  private final int longestKey;

  RegionMap(Map<String, V> map) {
    int capacity = Integer.highestOneBit(Math.max(2, map.size() * 2 + 1)) * 2;
    hashes = new int[capacity];
    entries = new Object[capacity * 2];
    mask = capacity - 1;
    int longest = 0;
    for (Map.Entry<String, V> e : map.entrySet()) {
      String key = e.getKey();
      int hash = hash(key, 0, key.length());
      int slot = hash & mask;
      while (hashes[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      hashes[slot] = hash;
      entries[2 * slot] = key;
      entries[2 * slot + 1] = e.getValue();
      longest = Math.max(longest, key.length());
    }
    longestKey = longest;
  }

  /** The length of the longest key: a longer region cannot be found. */
  int longestKey() {
    return longestKey;
  }

  /** The value for the key equal to {@code s[from, to)}, or {@code null}. */
  @SuppressWarnings("unchecked")
  V get(String s, int from, int to) {
    int length = to - from;
    if (length > longestKey) {
      return null;
    }
    int hash = hash(s, from, to);
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int slotHash = hashes[slot];
      if (slotHash == 0) {
        return null;
      }
      if (slotHash == hash) {
        String key = (String) entries[2 * slot];
        if (key.length() == length && key.regionMatches(0, s, from, length)) {
          return (V) entries[2 * slot + 1];
        }
      }
    }
  }

  private static int hash(String s, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + s.charAt(i);
    }
    h ^= h >>> 16;
    // 0 marks an empty slot, so that finding one needs no read of the entries.
    return h == 0 ? 1 : h;
  }
}
