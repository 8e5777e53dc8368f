package tether.stickiness.cookie;

/**
 * Remembers how recently seen cookie values decoded, so that a value is verified once rather than on
 * every request of its session (and twice per request: the strategy reads the cookie when resolving and
 * again when responding). Decoding is a pure function of the value and the keys, which a codec never
 * changes, so a remembered result is the one decoding would give.
 *
 * <p>A small direct-mapped table: each value has one slot, chosen by its hash, and a newer value takes
 * the slot over. Slots hold immutable entries, so racing threads at worst miss and decode again; a value
 * is only taken from a slot after comparing it whole, in time that does not depend on where the values
 * differ: a slot may hold another client's valid cookie, and a caller who could time the comparison
 * must not learn it a character at a time.
 */
final class DecodedValues {

  /** Slots; a power of two. Enough for the sessions active at once on a busy instance to mostly hit. */
  static final int SLOTS = 512;

  private record Entry(String value, CookieCodec.Decoded decoded) {}

  private final CookieCodec codec;
  private final Entry[] slots = new Entry[SLOTS];

  DecodedValues(CookieCodec codec) {
    this.codec = codec;
  }

  CookieCodec.Decoded decode(String value) {
    if (value == null || value.length() > CookieCodec.MAX_TOKEN_CHARS) {
      // Not worth a slot: decoding rejects these before any work.
      return codec.decode(value);
    }
    int h = value.hashCode();
    int i = (h ^ (h >>> 16)) & (SLOTS - 1);
    Entry e = slots[i];
    if (e != null && sameValue(e.value, value)) {
      return e.decoded;
    }
    CookieCodec.Decoded decoded = codec.decode(value);
    slots[i] = new Entry(value, decoded);
    return decoded;
  }

  private static boolean sameValue(String remembered, String value) {
    if (remembered.length() != value.length()) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < value.length(); i++) {
      diff |= remembered.charAt(i) ^ value.charAt(i);
    }
    return diff == 0;
  }
}
