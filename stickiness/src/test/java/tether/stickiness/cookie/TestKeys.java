package tether.stickiness.cookie;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Deterministic key material for tests: key id "kN" has 32 bytes all equal to N. */
final class TestKeys {

  private TestKeys() {}

  static String secret(int n) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) n);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Keys k{ids...}, the first one primary. */
  static SigningKeys keys(int primary, int... others) {
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("k" + primary, secret(primary));
    for (int other : others) {
      secrets.put("k" + other, secret(other));
    }
    return SigningKeys.fromBase64("k" + primary, secrets);
  }
}
