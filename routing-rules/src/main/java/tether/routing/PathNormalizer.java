package tether.routing;

import tether.routing.NormalizedPath.Invalid;
import tether.routing.NormalizedPath.Valid;

/**
 * Turns a raw request path into the one form that is both matched and forwarded, or refuses it.
 *
 * <p>Only percent-encoded unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) are decoded; other
 * encodings stay encoded, with upper-case hex. Dot segments are resolved as in RFC 3986. Anything a
 * server might read differently from the proxy is refused rather than guessed at: encoded
 * {@code /} or {@code \}, encoded dot segments, dot segments carrying parameters ({@code ..;x}),
 * raw {@code \}, control characters raw or encoded, empty segments ({@code //}), bad
 * percent-encodings, characters outside RFC 3986's path set (including any non-ASCII character,
 * which a client must percent-encode), climbing above the root, and paths longer than the limit.
 *
 * <p>Path parameters ({@code ;jsessionid=...}) stay in the forwarded path; the match path drops
 * them segment by segment, so {@code /images;jsessionid=X/a} matches as {@code /images/a}.
 */
public final class PathNormalizer {

  public static final int DEFAULT_MAX_LENGTH = 8192;

  static final Invalid NOT_ABSOLUTE = new Invalid("path does not start with /");
  static final Invalid TOO_LONG = new Invalid("path is too long");
  static final Invalid RAW_BACKSLASH = new Invalid("path contains a backslash");
  static final Invalid CONTROL = new Invalid("path contains a control character");
  static final Invalid NON_ASCII = new Invalid("path contains a non-ASCII character");
  static final Invalid DISALLOWED = new Invalid("path contains a character not allowed in a path");
  static final Invalid EMPTY_SEGMENT = new Invalid("path contains an empty segment (//)");
  static final Invalid BAD_PERCENT = new Invalid("path contains an invalid percent-encoding");
  static final Invalid ENCODED_SLASH = new Invalid("path contains an encoded slash (%2F)");
  static final Invalid ENCODED_BACKSLASH = new Invalid("path contains an encoded backslash (%5C)");
  static final Invalid ENCODED_CONTROL = new Invalid("path contains an encoded control character");
  static final Invalid ENCODED_DOT_SEGMENT = new Invalid("path contains an encoded dot segment");
  static final Invalid DOT_SEGMENT_PARAMS = new Invalid("path contains a dot segment with parameters");
  static final Invalid ABOVE_ROOT = new Invalid("path climbs above the root");

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  /** Characters allowed raw in a path: RFC 3986 pchar, '/' and '%' (checked separately). */
  private static final boolean[] ALLOWED = new boolean[128];

  static {
    String allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/%";
    for (int i = 0; i < allowed.length(); i++) {
      ALLOWED[allowed.charAt(i)] = true;
    }
  }

  private final int maxLength;

  public PathNormalizer() {
    this(DEFAULT_MAX_LENGTH);
  }

  public PathNormalizer(int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxPathLength: " + maxLength + " (expected: > 0)");
    }
    this.maxLength = maxLength;
  }

  public int maxLength() {
    return maxLength;
  }

  /** Never throws; a refusal comes back as {@link NormalizedPath.Invalid}. */
  public NormalizedPath normalize(String rawPath) {
    if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      return NOT_ABSOLUTE;
    }
    int n = rawPath.length();
    if (n > maxLength) {
      return TOO_LONG;
    }
    // One pass decides whether the path is already normal, which most are: then no copy is made.
    boolean normal = true;
    int segments = 1;
    int segmentStart = 1;
    for (int i = 1; i <= n; i++) {
      char c = i < n ? rawPath.charAt(i) : '/';
      if (c == '/') {
        int length = i - segmentStart;
        if (length == 0 && i < n) {
          return EMPTY_SEGMENT;
        }
        if (isDots(rawPath, segmentStart, length)) {
          normal = false;
        }
        segmentStart = i + 1;
        segments++;
        continue;
      }
      Invalid bad = checkRaw(c);
      if (bad != null) {
        return bad;
      }
      if (c == '%' || c == ';') {
        normal = false;
      }
    }
    return normal ? new Valid(rawPath, rawPath) : resolve(rawPath, segments);
  }

  private static boolean isDots(CharSequence s, int start, int length) {
    return (length == 1 || length == 2) && s.charAt(start) == '.' && s.charAt(start + length - 1) == '.';
  }

  private static Invalid checkRaw(char c) {
    if (c < 0x20 || c == 0x7f) {
      return CONTROL;
    }
    if (c >= 0x80) {
      return NON_ASCII;
    }
    if (c == '\\') {
      return RAW_BACKSLASH;
    }
    return ALLOWED[c] ? null : DISALLOWED;
  }

  /**
   * The slow path: decode, split off parameters and resolve dot segments, segment by segment,
   * writing the forwarded and the match form side by side. {@code segments} bounds the depth.
   */
  private static NormalizedPath resolve(String raw, int segments) {
    int n = raw.length();
    StringBuilder forward = new StringBuilder(n);
    StringBuilder match = new StringBuilder(n);
    // Where each kept segment starts in both forms, so that ".." can drop the last one.
    int[] forwardStarts = new int[segments];
    int[] matchStarts = new int[segments];
    int depth = 0;
    int start = 1;
    while (true) {
      int end = raw.indexOf('/', start);
      boolean last = end < 0;
      if (last) {
        end = n;
      }
      int segmentStart = forward.length();
      forward.append('/');
      int nameEnd = -1;
      boolean decodedInName = false;
      for (int i = start; i < end; i++) {
        char c = raw.charAt(i);
        if (c != '%') {
          if (c == ';' && nameEnd < 0) {
            nameEnd = forward.length();
          }
          forward.append(c);
          continue;
        }
        int hi = i + 2 < end ? hex(raw.charAt(i + 1)) : -1;
        int lo = i + 2 < end ? hex(raw.charAt(i + 2)) : -1;
        if (hi < 0 || lo < 0) {
          return BAD_PERCENT;
        }
        int value = hi * 16 + lo;
        if (value == '/') {
          return ENCODED_SLASH;
        }
        if (value == '\\') {
          return ENCODED_BACKSLASH;
        }
        if (value < 0x20 || value == 0x7f) {
          return ENCODED_CONTROL;
        }
        if (isUnreserved(value)) {
          forward.append((char) value);
          decodedInName |= nameEnd < 0;
        } else {
          forward.append('%').append(HEX[hi]).append(HEX[lo]);
        }
        i += 2;
      }
      boolean hasParams = nameEnd >= 0;
      if (!hasParams) {
        nameEnd = forward.length();
      }
      int nameLength = nameEnd - segmentStart - 1;
      if (isDots(forward, segmentStart + 1, nameLength)) {
        if (decodedInName) {
          return ENCODED_DOT_SEGMENT;
        }
        if (hasParams) {
          // Servlet containers drop the parameters and then see a dot segment; others do not.
          return DOT_SEGMENT_PARAMS;
        }
        forward.setLength(segmentStart);
        if (nameLength == 2) {
          if (depth == 0) {
            return ABOVE_ROOT;
          }
          depth--;
          forward.setLength(forwardStarts[depth]);
          match.setLength(matchStarts[depth]);
        }
        if (last) {
          // "/a/b/.." is "/a/": the directory, kept as a trailing slash.
          forward.append('/');
          match.append('/');
        }
      } else if (nameLength == 0 && !last) {
        // "/a/;x/b": some servers read an empty segment here, others a parameter of "a".
        return EMPTY_SEGMENT;
      } else {
        forwardStarts[depth] = segmentStart;
        matchStarts[depth] = match.length();
        depth++;
        match.append(forward, segmentStart, nameEnd);
      }
      if (last) {
        break;
      }
      start = end + 1;
    }
    String forwardPath = forward.toString();
    // Parameters are the only difference between the two forms.
    return new Valid(match.length() == forward.length() ? forwardPath : match.toString(), forwardPath);
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }
}
