package tether.examples.affinity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import tether.stickiness.cookie.CookieCodec;
import tether.stickiness.cookie.SigningKeys;

/** Signing keys for the tests (public, so never for anything else) and the HOCON that configures them. */
final class TestKeys {

  static final String K1 = secret("e2e key one: 32 bytes or more, not secret");
  static final String K2 = secret("e2e key two: 32 bytes or more, not secret");
  /** Another secret under the id k1: a cookie it signs names a known key but has a wrong signature. */
  static final String OTHER_K1 = secret("e2e key of another fleet, also not secret");

  private TestKeys() {}

  /** {@code keys { primary = ..., secrets { id = "...", ... } }} for the given ids and secrets. */
  static String hocon(String primary, Map<String, String> secrets) {
    StringBuilder out = new StringBuilder("keys {\n    primary = ").append(primary).append("\n    secrets {\n");
    secrets.forEach((id, secret) -> out.append("      ").append(id).append(" = \"").append(secret).append("\"\n"));
    return out.append("    }\n  }").toString();
  }

  /** A codec that reads and writes the cookies of pool {@code app}, as a Tether with these keys does. */
  static CookieCodec codec(String primary, Map<String, String> secrets) {
    return new CookieCodec(SigningKeys.fromBase64(primary, secrets), "app");
  }

  private static String secret(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
