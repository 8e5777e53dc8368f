package tether.stickiness.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CookieCodecTest {

  private static final long NOW = 1_900_000_000L;
  private final CookieCodec codec = new CookieCodec(TestKeys.keys(1));
  private final AffinityToken token = new AffinityToken("app-2", 0x0123456789abcdefL, -2L, NOW - 100, NOW);

  @Test
  void roundTrips() {
    String value = codec.encode(token);
    CookieCodec.Decoded decoded = codec.decode(value);
    assertThat(decoded.ok()).isTrue();
    assertThat(decoded.failure()).isNull();
    assertThat(decoded.token()).isEqualTo(token);
    assertThat(decoded.keyId()).isEqualTo("k1");
    assertThat(decoded.token().sessionId()).isEqualTo("0123456789abcdeffffffffffffffffe");
  }

  @Test
  void valuesAreUnpaddedBase64UrlWithoutTheServerIdInClear() {
    String value = codec.encode(token);
    assertThat(value).matches("[A-Za-z0-9_-]+");
    assertThat(value.length()).isLessThan(CookieCodec.MAX_TOKEN_CHARS);
    assertThat(new String(Base64.getUrlDecoder().decode(value), java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains("app-2"); // signed, not encrypted: the README says so
    String keyId = "k".repeat(SigningKeys.MAX_KEY_ID_LENGTH);
    CookieCodec longestKey = new CookieCodec(SigningKeys.fromBase64(keyId, Map.of(keyId, TestKeys.secret(1))), "p");
    String longest = longestKey.encode(new AffinityToken("x".repeat(255), 1, 2, NOW, NOW));
    assertThat(longest.length()).isEqualTo(478).isLessThanOrEqualTo(CookieCodec.MAX_TOKEN_CHARS);
  }

  @Test
  void aTokenOfAnotherPoolIsNotHonouredThoughItsSignatureIsGood() {
    CookieCodec blue = new CookieCodec(TestKeys.keys(1), "blue");
    CookieCodec green = new CookieCodec(TestKeys.keys(1), "green");
    String value = blue.encode(token);
    assertThat(blue.decode(value).token()).isEqualTo(token);
    CookieCodec.Decoded elsewhere = green.decode(value);
    assertThat(elsewhere.failure()).isEqualTo("issued by another pool");
    assertThat(elsewhere.ok()).isFalse();
    assertThat(elsewhere.foreign()).isTrue();
    assertThat(elsewhere.token()).as("genuine, so its session may move").isEqualTo(token);
    assertThat(codec.decode(value).failure()).isEqualTo("issued by another pool");
    byte[] raw = raw(value);
    raw[1 + 1 + "k1".length()] ^= 1; // the pool tag is signed too
    assertThat(blue.decode(encode(raw)).failure()).isEqualTo("bad signature");
  }

  @Test
  void aVersionOneTokenWithoutAPoolIsReadByEveryPool() {
    String value = versionOne(token);
    for (String pool : new String[] {"", "blue", "green"}) {
      CookieCodec.Decoded decoded = new CookieCodec(TestKeys.keys(1), pool).decode(value);
      assertThat(decoded.token()).as(pool).isEqualTo(token);
      assertThat(decoded.ok()).isTrue();
      assertThat(decoded.upToDate()).as("no pool: to be re-issued").isFalse();
    }
    assertThat(codec.decode(codec.encode(token)).upToDate()).isTrue();
  }

  /** The version 1 layout, without a pool tag, signed with key k1. */
  static String versionOne(AffinityToken token) {
    byte[] server = token.serverId().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] unsigned = java.nio.ByteBuffer.allocate(1 + 1 + 2 + 1 + server.length + 32)
        .put((byte) 1).put((byte) 2).put("k1".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .put((byte) server.length).put(server)
        .putLong(token.sessionHigh()).putLong(token.sessionLow()).putLong(token.issuedAt()).putLong(token.lastSeen())
        .array();
    byte[] mac = TestKeys.keys(1).primary().sign(unsigned, 0, unsigned.length);
    return encode(java.nio.ByteBuffer.allocate(unsigned.length + mac.length).put(unsigned).put(mac).array());
  }

  @Test
  void aForgedSignatureIsRejected() {
    byte[] raw = raw(codec.encode(token));
    raw[raw.length - 1] ^= 1;
    assertThat(codec.decode(encode(raw)).failure()).isEqualTo("bad signature");
  }

  @Test
  void aTamperedServerIdIsRejected() {
    byte[] raw = raw(codec.encode(token));
    int at = 1 + 1 + "k1".length() + 4 + 1 + "app-".length();
    assertThat(raw[at]).isEqualTo((byte) '2');
    raw[at] = '1';
    assertThat(codec.decode(encode(raw)).failure()).isEqualTo("bad signature");
  }

  @Test
  void tamperedTimesAreRejected() {
    byte[] raw = raw(codec.encode(token));
    raw[raw.length - CookieCodec.MAC_BYTES - 1] ^= 0x7f; // last-seen's low byte
    assertThat(codec.decode(encode(raw)).failure()).isEqualTo("bad signature");
  }

  @Test
  void everyTruncationIsRejected() {
    String value = codec.encode(token);
    for (int length = 0; length < value.length(); length++) {
      CookieCodec.Decoded decoded = codec.decode(value.substring(0, length));
      assertThat(decoded.ok()).as("length %d", length).isFalse();
      assertThat(decoded.failure()).isIn("malformed token", "bad encoding");
    }
  }

  @Test
  void anOversizedValueIsRejectedBeforeDecoding() {
    assertThat(codec.decode("A".repeat(CookieCodec.MAX_TOKEN_CHARS + 1)).failure()).isEqualTo("oversized token");
  }

  @Test
  void anUnknownKeyIdIsRejected() {
    String value = new CookieCodec(TestKeys.keys(9)).encode(token);
    assertThat(codec.decode(value).failure()).isEqualTo("unknown key id");
  }

  @Test
  void theSameKeyIdWithAnotherSecretIsRejected() {
    SigningKeys impostor = SigningKeys.fromBase64("k1", Map.of("k1", TestKeys.secret(2)));
    assertThat(codec.decode(new CookieCodec(impostor).encode(token)).failure()).isEqualTo("bad signature");
  }

  @Test
  void badEncodingsAreRejected() {
    assertThat(codec.decode("not base64!").failure()).isEqualTo("bad encoding");
    assertThat(codec.decode("abc=").failure()).isEqualTo("bad encoding"); // padding
    assertThat(codec.decode("ab+/").failure()).isEqualTo("bad encoding"); // standard alphabet
    assertThat(codec.decode("AB").failure()).isEqualTo("bad encoding"); // non-zero trailing bits
    assertThat(codec.decode("ABCDE").failure()).isEqualTo("bad encoding"); // impossible length
    assertThat(codec.decode("é".repeat(8)).failure()).isEqualTo("bad encoding");
    assertThat(codec.decode("").failure()).isEqualTo("malformed token");
    assertThat(codec.decode(null).failure()).isEqualTo("malformed token");
  }

  @Test
  void anotherVersionIsRejected() {
    byte[] raw = raw(codec.encode(token));
    raw[0] = 3;
    assertThat(codec.decode(encode(raw)).failure()).isEqualTo("unsupported version");
  }

  @Test
  void randomInputNeverThrowsAndNeverVerifies() {
    Random random = new Random(42);
    byte[] genuine = raw(codec.encode(token));
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes;
      if (i % 2 == 0) {
        bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        if (bytes.length > 0) {
          bytes[0] = (byte) (1 + i % 4 / 2); // versions 1 and 2, past the version check into the structure checks
        }
      } else {
        bytes = genuine.clone();
        bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
      }
      assertThat(codec.decode(encode(bytes)).ok()).isFalse();
      char[] text = new char[random.nextInt(100)];
      for (int j = 0; j < text.length; j++) {
        text[j] = (char) random.nextInt(128);
      }
      assertThat(codec.decode(new String(text)).ok()).isFalse();
    }
  }

  private static byte[] raw(String value) {
    return Base64.getUrlDecoder().decode(value);
  }

  private static String encode(byte[] raw) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
