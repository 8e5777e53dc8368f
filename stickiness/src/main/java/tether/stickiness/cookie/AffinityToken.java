package tether.stickiness.cookie;

import java.nio.charset.StandardCharsets;

/**
 * What the signed cookie carries.
 *
 * @param serverId    the pinned server's id (never its address)
 * @param sessionHigh high 64 bits of the random 128-bit session id
 * @param sessionLow  low 64 bits of the session id
 * @param issuedAt    when the session's first token was issued, epoch seconds (max-life counts from here)
 * @param lastSeen    when the token was last re-issued, epoch seconds (max-idle counts from here)
 */
public record AffinityToken(String serverId, long sessionHigh, long sessionLow, long issuedAt, long lastSeen) {

  /** Server ids are written with a one-byte length. */
  public static final int MAX_SERVER_ID_BYTES = 255;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  public AffinityToken {
    if (serverId == null || serverId.isEmpty() || tooLong(serverId)) {
      throw new IllegalArgumentException("serverId: " + serverId + " (expected: 1 to "
          + MAX_SERVER_ID_BYTES + " UTF-8 bytes)");
    }
    if (issuedAt < 0 || lastSeen < issuedAt) {
      throw new IllegalArgumentException("lastSeen: " + lastSeen + " (expected: >= issuedAt " + issuedAt
          + " >= 0)");
    }
  }

  private static boolean tooLong(String serverId) {
    // A char takes at most 3 UTF-8 bytes, so short ids need no encoding to check (this runs per request).
    return serverId.length() * 3 > MAX_SERVER_ID_BYTES
        && serverId.getBytes(StandardCharsets.UTF_8).length > MAX_SERVER_ID_BYTES;
  }

  /** The session id as 32 lowercase hex digits. */
  public String sessionId() {
    char[] out = new char[32];
    for (int i = 0; i < 16; i++) {
      out[i] = HEX[(int) (sessionHigh >>> (60 - 4 * i)) & 0xf];
      out[16 + i] = HEX[(int) (sessionLow >>> (60 - 4 * i)) & 0xf];
    }
    return new String(out);
  }

  /** The same session seen again now. */
  public AffinityToken seenAt(long nowSeconds) {
    return new AffinityToken(serverId, sessionHigh, sessionLow, issuedAt, Math.max(lastSeen, nowSeconds));
  }

  /** The same session, now on another server (it keeps its id and its max-life). */
  public AffinityToken movedTo(String newServerId, long nowSeconds) {
    return new AffinityToken(newServerId, sessionHigh, sessionLow, issuedAt, Math.max(lastSeen, nowSeconds));
  }
}
