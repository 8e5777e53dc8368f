package tether.stickiness.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

  @Test
  void decodesStandardAndUrlSafeBase64() {
    byte[] secret = new byte[32];
    secret[0] = (byte) 0xfb; // encodes to '+' / '-' in the first character
    String standard = java.util.Base64.getEncoder().encodeToString(secret);
    String urlSafe = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    SigningKeys keys = SigningKeys.fromBase64("a", Map.of("a", standard, "b", urlSafe));
    assertThat(keys.primaryKeyId()).isEqualTo("a");
    assertThat(keys.keyIds()).containsExactly("a", "b");
  }

  @Test
  void rejectsShortSecretsWithoutShowingThem() {
    assertThatThrownBy(() -> SigningKeys.of("a", Map.of("a", new byte[31])))
        .hasMessage("keys.a: 31 bytes (expected: at least 32 bytes)");
    assertThatThrownBy(() -> SigningKeys.fromBase64("a", Map.of("a", "c2VjcmV0!!")))
        .hasMessage("keys.a: <secret not shown> (expected: base64 of at least 32 bytes)");
  }

  @Test
  void rejectsBadKeyIdsAndAMissingPrimary() {
    assertThatThrownBy(() -> SigningKeys.fromBase64("a", Map.of("a b", TestKeys.secret(1))))
        .hasMessage("keys: a b (expected: 1 to 32 characters of A-Z a-z 0-9 _ -)");
    assertThatThrownBy(() -> SigningKeys.fromBase64("z", Map.of("a", TestKeys.secret(1))))
        .hasMessage("primaryKeyId: z (expected: one of [a])");
    assertThatThrownBy(() -> SigningKeys.of("a", Map.of()))
        .hasMessage("keys: {} (expected: at least one key id with its secret)");
  }

  @Test
  void neverPrintsSecrets() {
    assertThat(TestKeys.keys(1, 2).toString())
        .isEqualTo("SigningKeys[primary=k1, keys=[k1, k2]]")
        .doesNotContain(TestKeys.secret(1));
  }
}
