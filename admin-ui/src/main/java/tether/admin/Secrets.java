package tether.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Hashing, comparing and minting the secrets of the admin plane. */
final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /**
   * Whether two secrets are equal, in time that does not depend on where they differ: both are
   * hashed to 32 bytes first (so neither the length nor a common prefix shows), then compared with
   * {@link MessageDigest#isEqual}, which looks at every byte.
   */
  static boolean equal(String presented, String expected) {
    return MessageDigest.isEqual(sha256(presented), sha256(expected));
  }

  /** 256 random bits, URL-safe: a session id or a CSRF token. */
  static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String base64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
