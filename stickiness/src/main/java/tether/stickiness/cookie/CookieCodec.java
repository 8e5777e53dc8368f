package tether.stickiness.cookie;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The affinity token format: base64url without padding of
 *
 * <pre>
 *   version (1 byte, = 2)
 *   key id length (1) | key id (ASCII)
 *   pool tag (4): the first 4 bytes of SHA-256 of the pool's name (UTF-8)
 *   server id length (1) | server id (UTF-8)
 *   session id (16) | issued at (8, epoch seconds) | last seen (8, epoch seconds)
 *   HMAC-SHA256 (32) of every byte before it, with the key named by the key id
 * </pre>
 *
 * A codec belongs to one pool and reads only its own pool's tokens: server ids are unique within a
 * pool, not across pools, so a token of pool {@code blue} naming {@code s1} must not pin a session to
 * {@code green}'s {@code s1}. Version 1 tokens, the same without the pool tag, are still read, by any
 * pool, so that sessions survive an upgrade.
 *
 * <p>Decoding never throws: a bad token is a {@link Decoded} with a failure reason. Checks run cheapest
 * first (length cap, alphabet, structure, key id) and the MAC is compared in constant time.
 */
public final class CookieCodec {

  public static final int VERSION = 2;
  /** Longest cookie value decoded; a well-formed token is at most 478 characters. */
  public static final int MAX_TOKEN_CHARS = 512;

  private static final int VERSION_WITHOUT_POOL = 1;
  private static final int POOL_TAG_BYTES = 4;
  private static final String OTHER_POOL = "issued by another pool";

  static final int MAC_BYTES = 32;
  private static final int SESSION_BYTES = 16;
  private static final int TIME_BYTES = 16;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final SigningKeys keys;
  private final byte[] poolTag;

  /** A codec for tokens of the pool named {@code pool}. */
  public CookieCodec(SigningKeys keys, String pool) {
    if (keys == null || pool == null) {
      throw new IllegalArgumentException("keys, pool: " + keys + ", " + pool + " (expected: non-null)");
    }
    this.keys = keys;
    this.poolTag = poolTag(pool);
  }

  /** A codec for the tokens of a pool with no name, as a strategy used on its own has. */
  public CookieCodec(SigningKeys keys) {
    this(keys, "");
  }

  static byte[] poolTag(String pool) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(pool.getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(digest, POOL_TAG_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * A decoded token, or why there is none.
   *
   * @param token    the verified token, or null; also set, with a failure, for a genuine token that
   *                 another pool issued ({@link #foreign})
   * @param keyId    the id of the key that signed it, or null
   * @param failure  why the value is not a token of this codec's pool, or null; never contains the value
   * @param upToDate false for a version 1 token, which names no pool and is best re-issued soon
   */
  public record Decoded(AffinityToken token, String keyId, String failure, boolean upToDate) {

    static final Decoded OVERSIZED = failed("oversized token");
    static final Decoded BAD_ENCODING = failed("bad encoding");
    static final Decoded MALFORMED = failed("malformed token");
    static final Decoded BAD_VERSION = failed("unsupported version");
    static final Decoded UNKNOWN_KEY = failed("unknown key id");
    static final Decoded BAD_SIGNATURE = failed("bad signature");

    /** A genuine token of this codec's pool, or of no pool (version 1). */
    public boolean ok() {
      return token != null && failure == null;
    }

    /**
     * A genuine token that another pool issued: no pin here, but the session it carries may move here,
     * keeping its id and age, as it would move to another server of its own pool.
     */
    public boolean foreign() {
      return token != null && failure != null;
    }

    private static Decoded failed(String reason) {
      return new Decoded(null, null, reason, true);
    }
  }

  /** The cookie value for this token, signed with the primary key. */
  public String encode(AffinityToken token) {
    SigningKeys.SigningKey key = keys.primary();
    byte[] keyId = key.idBytes();
    byte[] serverId = token.serverId().getBytes(StandardCharsets.UTF_8);
    int signed = 1 + 1 + keyId.length + POOL_TAG_BYTES + 1 + serverId.length + SESSION_BYTES + TIME_BYTES;
    ByteBuffer out = ByteBuffer.allocate(signed + MAC_BYTES);
    out.put((byte) VERSION)
        .put((byte) keyId.length).put(keyId)
        .put(poolTag)
        .put((byte) serverId.length).put(serverId)
        .putLong(token.sessionHigh()).putLong(token.sessionLow())
        .putLong(token.issuedAt()).putLong(token.lastSeen());
    byte[] bytes = out.array();
    out.put(key.sign(bytes, 0, signed));
    return ENCODER.encodeToString(bytes);
  }

  /** The verified token in this cookie value, or the reason it is not one. Never throws. */
  public Decoded decode(String value) {
    if (value == null || value.isEmpty()) {
      return Decoded.MALFORMED;
    }
    if (value.length() > MAX_TOKEN_CHARS) {
      return Decoded.OVERSIZED;
    }
    byte[] raw = Base64Url.decode(value);
    if (raw == null) {
      return Decoded.BAD_ENCODING;
    }
    if (raw[0] != VERSION && raw[0] != VERSION_WITHOUT_POOL) {
      return Decoded.BAD_VERSION;
    }
    // Walk the layout with bounds checks before trusting any length byte.
    int keyIdLength = raw.length > 1 ? raw[1] & 0xff : -1;
    int poolAt = 2 + keyIdLength;
    int serverAt = raw[0] == VERSION ? poolAt + POOL_TAG_BYTES : poolAt;
    if (keyIdLength < 1 || serverAt >= raw.length) {
      return Decoded.MALFORMED;
    }
    int serverLength = raw[serverAt] & 0xff;
    int sessionAt = serverAt + 1 + serverLength;
    int signed = sessionAt + SESSION_BYTES + TIME_BYTES;
    if (serverLength < 1 || signed + MAC_BYTES != raw.length) {
      return Decoded.MALFORMED;
    }
    SigningKeys.SigningKey key = keys.find(raw, 2, keyIdLength);
    if (key == null) {
      return Decoded.UNKNOWN_KEY;
    }
    byte[] expected = key.sign(raw, 0, signed);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, signed, raw.length))) {
      return Decoded.BAD_SIGNATURE;
    }
    ByteBuffer fields = ByteBuffer.wrap(raw, sessionAt, SESSION_BYTES + TIME_BYTES);
    long high = fields.getLong();
    long low = fields.getLong();
    long issuedAt = fields.getLong();
    long lastSeen = fields.getLong();
    if (issuedAt < 0 || lastSeen < issuedAt) {
      return Decoded.MALFORMED; // only a signing bug could produce this; still never throw
    }
    String serverId = new String(raw, serverAt + 1, serverLength, StandardCharsets.UTF_8);
    AffinityToken token = new AffinityToken(serverId, high, low, issuedAt, lastSeen);
    boolean tagged = serverAt != poolAt;
    boolean ours = !tagged || Arrays.equals(raw, poolAt, serverAt, poolTag, 0, POOL_TAG_BYTES);
    return new Decoded(token, key.id(), ours ? null : OTHER_POOL, tagged);
  }
}
