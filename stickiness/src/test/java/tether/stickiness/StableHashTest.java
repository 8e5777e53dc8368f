package tether.stickiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StableHashTest {

  @Test
  void fnv1aMatchesThePublishedTestVectors() {
    assertThat(StableHash.fnv1a(new byte[0], 0, 0)).isEqualTo(0xcbf29ce484222325L);
    assertThat(StableHash.fnv1a(bytes("a"), 0, 1)).isEqualTo(0xaf63dc4c8601ec8cL);
    assertThat(StableHash.fnv1a(bytes("foobar"), 0, 6)).isEqualTo(0x85944171f73967e8L);
  }

  @Test
  void splitMixFinalizerMatchesItsReferenceOutput() {
    // SplitMix64 seeded with 0 returns mix(0x9e3779b97f4a7c15) first: 0xe220a8397b1dcdaf.
    assertThat(StableHash.mix(0x9e3779b97f4a7c15L)).isEqualTo(0xe220a8397b1dcdafL);
  }

  @Test
  void valuesArePinnedSoEveryInstanceAndVersionAgrees() {
    // Computed independently from the published FNV-1a and SplitMix64 definitions. If this changes,
    // instances of different versions would send the same key to different servers.
    assertThat(StableHash.hash("tether")).isEqualTo(StableHash.mix(StableHash.fnv1a(bytes("tether"), 0, 6)));
    assertThat(StableHash.hex(StableHash.hash("tether"))).isEqualTo(PINNED_TETHER);
  }

  @Test
  void textHashEqualsTheHashOfItsUtf8Bytes() {
    for (String text : new String[] {"", "app1#0", "é", "€uro", "😀 ok", "\ud800 lone", "end \udc00"}) {
      assertThat(StableHash.hash(text)).as(text).isEqualTo(StableHash.hash(text.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void rangesHashLikeTheSubstring() {
    String text = "xxabc.app1yy";
    assertThat(StableHash.hash(text, 2, 10)).isEqualTo(StableHash.hash("abc.app1"));
    byte[] bytes = bytes(text);
    assertThat(StableHash.hash(bytes, 2, 8)).isEqualTo(StableHash.hash("abc.app1"));
  }

  @Test
  void hexIsSixteenDigitsZeroPadded() {
    assertThat(StableHash.hex(0x1fL)).isEqualTo("000000000000001f");
    assertThat(StableHash.hex(-1L)).isEqualTo("ffffffffffffffff");
  }

  private static final String PINNED_TETHER = "ae0d088e55e98d19";

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
