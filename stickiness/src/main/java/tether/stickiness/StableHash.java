package tether.stickiness;

/**
 * The 64-bit hash every Tether instance must agree on (hash rings, fingerprints): FNV-1a over the
 * UTF-8 bytes, then the SplitMix64 finalizer.
 *
 * <p>Why this pair: both are tiny, published and fully specified by a few constants, so the result is
 * the same on every JVM and version (unlike {@code String.hashCode} mixing or any seeded hash). FNV-1a
 * alone spreads short, similar keys ("app1#0", "app1#1") poorly in its high bits; the SplitMix64
 * finalizer is a bijection with full avalanche, which fixes that. It is not a cryptographic hash:
 * use it for placement, never for secrecy.
 */
public final class StableHash {

  static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  static final long FNV_PRIME = 0x100000001b3L;

  private StableHash() {}

  public static long hash(byte[] bytes) {
    return mix(fnv1a(bytes, 0, bytes.length));
  }

  public static long hash(byte[] bytes, int offset, int length) {
    return mix(fnv1a(bytes, offset, length));
  }

  /** Same value as {@code hash(text.toString().getBytes(UTF_8))}, without the copy. */
  public static long hash(CharSequence text) {
    return mix(fnv1a(text, 0, text.length()));
  }

  /** The hash of {@code text.subSequence(start, end)}, without the copy. */
  public static long hash(CharSequence text, int start, int end) {
    return mix(fnv1a(text, start, end));
  }

  /** Sixteen lowercase hex digits of the hash: an identifier for logs that does not reveal the text. */
  public static String fingerprint(CharSequence text) {
    return hex(hash(text));
  }

  /** Sixteen lowercase hex digits, zero-padded. */
  public static String hex(long value) {
    char[] out = new char[16];
    for (int i = 15; i >= 0; i--) {
      out[i] = Character.forDigit((int) (value & 0xf), 16);
      value >>>= 4;
    }
    return new String(out);
  }

  static long fnv1a(byte[] bytes, int offset, int length) {
    long h = FNV_OFFSET_BASIS;
    for (int i = offset, end = offset + length; i < end; i++) {
      h = (h ^ (bytes[i] & 0xff)) * FNV_PRIME;
    }
    return h;
  }

  /** FNV-1a over the UTF-8 encoding, encoded on the fly; unpaired surrogates count as '?' like the JDK's encoder. */
  static long fnv1a(CharSequence text, int start, int n) {
    long h = FNV_OFFSET_BASIS;
    for (int i = start; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        h = (h ^ c) * FNV_PRIME;
      } else if (c < 0x800) {
        h = (h ^ (0xc0 | (c >> 6))) * FNV_PRIME;
        h = (h ^ (0x80 | (c & 0x3f))) * FNV_PRIME;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(++i));
        h = (h ^ (0xf0 | (cp >> 18))) * FNV_PRIME;
        h = (h ^ (0x80 | ((cp >> 12) & 0x3f))) * FNV_PRIME;
        h = (h ^ (0x80 | ((cp >> 6) & 0x3f))) * FNV_PRIME;
        h = (h ^ (0x80 | (cp & 0x3f))) * FNV_PRIME;
      } else if (Character.isSurrogate(c)) {
        h = (h ^ '?') * FNV_PRIME;
      } else {
        h = (h ^ (0xe0 | (c >> 12))) * FNV_PRIME;
        h = (h ^ (0x80 | ((c >> 6) & 0x3f))) * FNV_PRIME;
        h = (h ^ (0x80 | (c & 0x3f))) * FNV_PRIME;
      }
    }
    return h;
  }

  /** The SplitMix64 finalizer (Steele, Lea and Flood, 2014). */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
