package tether.stickiness.cookie;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 keys by key id. New tokens are signed with the primary key; tokens signed with any
 * configured key are accepted, so a rotation (add the new key as primary, keep the old one until the
 * last token it signed has passed max-life) keeps every session. Secrets never appear in messages.
 */
public final class SigningKeys {

  public static final int MIN_SECRET_BYTES = 32;
  public static final int MAX_KEY_ID_LENGTH = 32;
  static final String ALGORITHM = "HmacSHA256";

  private static final String KEY_ID_EXPECTED =
      "1 to " + MAX_KEY_ID_LENGTH + " characters of A-Z a-z 0-9 _ -";

  private final SigningKey[] keys;
  private final SigningKey primary;

  private SigningKeys(SigningKey[] keys, SigningKey primary) {
    this.keys = keys;
    this.primary = primary;
  }

  /** Keys from raw secrets of at least {@value #MIN_SECRET_BYTES} bytes each. */
  public static SigningKeys of(String primaryKeyId, Map<String, byte[]> secrets) {
    if (secrets == null || secrets.isEmpty()) {
      throw new IllegalArgumentException("keys: " + (secrets == null ? null : "{}")
          + " (expected: at least one key id with its secret)");
    }
    List<SigningKey> keys = new ArrayList<>();
    for (Map.Entry<String, byte[]> entry : secrets.entrySet()) {
      String id = entry.getKey();
      checkKeyId("keys", id);
      byte[] secret = entry.getValue();
      if (secret == null || secret.length < MIN_SECRET_BYTES) {
        throw new IllegalArgumentException("keys." + id + ": " + (secret == null ? 0 : secret.length)
            + " bytes (expected: at least " + MIN_SECRET_BYTES + " bytes)");
      }
      keys.add(new SigningKey(id, secret));
    }
    checkKeyId("primaryKeyId", primaryKeyId);
    SigningKey primary = keys.stream().filter(k -> k.id().equals(primaryKeyId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("primaryKeyId: " + primaryKeyId
            + " (expected: one of " + secrets.keySet() + ")"));
    return new SigningKeys(keys.toArray(SigningKey[]::new), primary);
  }

  /** Keys from base64 (standard or URL-safe alphabet, padding optional) secrets, as configuration holds them. */
  public static SigningKeys fromBase64(String primaryKeyId, Map<String, String> base64Secrets) {
    if (base64Secrets == null) {
      return of(primaryKeyId, null);
    }
    Map<String, byte[]> secrets = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : base64Secrets.entrySet()) {
      secrets.put(entry.getKey(), decodeSecret(entry.getKey(), entry.getValue()));
    }
    return of(primaryKeyId, secrets);
  }

  public String primaryKeyId() {
    return primary.id();
  }

  public Set<String> keyIds() {
    Set<String> ids = new TreeSet<>();
    for (SigningKey key : keys) {
      ids.add(key.id());
    }
    return Collections.unmodifiableSet(ids);
  }

  SigningKey primary() {
    return primary;
  }

  /** The key whose id is these bytes, or null. Linear: there are only ever a few keys. */
  SigningKey find(byte[] bytes, int offset, int length) {
    for (SigningKey key : keys) {
      byte[] id = key.idBytes();
      if (Arrays.equals(id, 0, id.length, bytes, offset, offset + length)) {
        return key;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "SigningKeys[primary=" + primary.id() + ", keys=" + keyIds() + "]";
  }

  private static byte[] decodeSecret(String id, String base64) {
    String text = base64 == null ? "" : base64.strip();
    try {
      boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
      return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("keys." + id + ": <secret not shown> (expected: base64 of at least "
          + MIN_SECRET_BYTES + " bytes)");
    }
  }

  private static void checkKeyId(String name, String id) {
    boolean ok = id != null && !id.isEmpty() && id.length() <= MAX_KEY_ID_LENGTH;
    for (int i = 0; ok && i < id.length(); i++) {
      char c = id.charAt(i);
      ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
    if (!ok) {
      throw new IllegalArgumentException(name + ": " + id + " (expected: " + KEY_ID_EXPECTED + ")");
    }
  }

  /** One key; each thread keeps its own initialised Mac because Mac is not thread-safe and init is costly. */
  static final class SigningKey {

    private final String id;
    private final byte[] idBytes;
    private final ThreadLocal<Mac> macs;

    SigningKey(String id, byte[] secret) {
      this.id = id;
      this.idBytes = id.getBytes(StandardCharsets.US_ASCII);
      SecretKeySpec spec = new SecretKeySpec(secret.clone(), ALGORITHM);
      this.macs = ThreadLocal.withInitial(() -> newMac(spec));
      newMac(spec); // fail at configuration time, not on the first request
    }

    String id() {
      return id;
    }

    byte[] idBytes() {
      return idBytes;
    }

    /** HMAC-SHA256 of the range with this thread's Mac (left reset by doFinal). */
    byte[] sign(byte[] data, int offset, int length) {
      Mac mac = macs.get();
      mac.update(data, offset, length);
      return mac.doFinal();
    }

    private static Mac newMac(SecretKeySpec spec) {
      try {
        Mac mac = Mac.getInstance(ALGORITHM);
        mac.init(spec);
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(ALGORITHM + " is not available", e);
      }
    }
  }
}
