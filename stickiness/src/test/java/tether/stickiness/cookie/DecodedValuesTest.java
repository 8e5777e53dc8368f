package tether.stickiness.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecodedValuesTest {

  private static final long NOW = 1_900_000_000L;
  private final CookieCodec codec = new CookieCodec(TestKeys.keys(1));
  private final DecodedValues values = new DecodedValues(codec);

  @Test
  void aValueSeenAgainDecodesAsBefore() {
    String value = codec.encode(new AffinityToken("app-1", 1, 2, NOW, NOW));
    CookieCodec.Decoded first = values.decode(value);
    // An equal value from another request: a different String instance.
    CookieCodec.Decoded again = values.decode(new String(value.toCharArray()));
    assertThat(first.ok()).isTrue();
    assertThat(again).isSameAs(first);
    assertThat(again).isEqualTo(codec.decode(value));
  }

  @Test
  void aValueThatDiffersInOneCharacterIsDecodedOnItsOwn() {
    String value = codec.encode(new AffinityToken("app-1", 1, 2, NOW, NOW));
    assertThat(values.decode(value).ok()).isTrue();
    int at = value.length() / 2;
    String forged = value.substring(0, at) + (value.charAt(at) == 'A' ? 'B' : 'A') + value.substring(at + 1);
    assertThat(values.decode(forged).ok()).isFalse();
    assertThat(values.decode(value).ok()).isTrue();
  }

  @Test
  void valuesSharingASlotEachDecodeRight() {
    for (int i = 0; i < DecodedValues.SLOTS * 3; i++) {
      AffinityToken token = new AffinityToken("app-" + (i % 7), i, -i, NOW, NOW);
      String value = codec.encode(token);
      assertThat(values.decode(value).token()).isEqualTo(token);
    }
  }

  @Test
  void nullAndOversizedValuesAreRejectedAsTheCodecRejectsThem() {
    assertThat(values.decode(null)).isEqualTo(codec.decode(null));
    String oversized = "A".repeat(CookieCodec.MAX_TOKEN_CHARS + 1);
    assertThat(values.decode(oversized).failure()).isEqualTo("oversized token");
  }
}
