package tether.proxy.config;

import java.util.Map;

/**
 * The keys that sign affinity cookies, shared by every Tether instance that must read each other's
 * cookies. The newest key signs; every listed key is accepted, so a key can be rotated in without
 * losing sessions.
 *
 * @param primary the id of the key that signs new cookies; empty when no key is configured
 * @param secrets key id to the secret, base64-encoded, at least 32 bytes once decoded
 */
public record KeysConfig(String primary, Map<String, String> secrets) {

  public static final KeysConfig NONE = new KeysConfig("", Map.of());

  public KeysConfig {
    secrets = Map.copyOf(secrets);
  }

  public boolean configured() {
    return !primary.isEmpty();
  }

  @Override
  public String toString() {
    // Never print secrets, whatever logs the configuration.
    return "KeysConfig[primary=" + primary + ", secrets=" + secrets.keySet() + "]";
  }
}
