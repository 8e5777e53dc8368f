package tether.stickiness.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64UrlTest {

  @Test
  void decodesWhatTheJdkEncodesForEveryLength() {
    Random random = new Random(1);
    for (int length = 0; length < 100; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      String text = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      assertThat(Base64Url.decode(text)).as("length %d", length).isEqualTo(bytes);
    }
  }

  @Test
  void rejectsWhatTheJdkRejectsAndNonCanonicalEndings() {
    assertThat(Base64Url.decode("A")).isNull();
    assertThat(Base64Url.decode("AB")).isNull(); // 'B' leaves a bit set past the last byte
    assertThat(Base64Url.decode("AAB")).isNull();
    assertThat(Base64Url.decode("AQ")).containsExactly(1);
    assertThat(Base64Url.decode("AAE")).containsExactly(0, 1);
    assertThat(Base64Url.decode("AAA=")).isNull();
    assertThat(Base64Url.decode("AA+A")).isNull();
    assertThat(Base64Url.decode("AA/A")).isNull();
    assertThat(Base64Url.decode("AA\u00c0A")).isNull();
    assertThat(Base64Url.decode("AA\u0100A")).isNull();
    assertThat(Base64Url.decode("")).isEmpty();
  }
}
