package tether.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tether.routing.NormalizedPath.Valid;

class PathNormalizerTest {

  private final PathNormalizer normalizer = new PathNormalizer();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "/                        | /                   | /",
      "/a/b/c                   | /a/b/c              | /a/b/c",
      "/a/./b/../c              | /a/c                | /a/c",
      "/a/b/..                  | /a/                 | /a/",
      "/.                       | /                   | /",
      "/a;x=1/b;y               | /a/b                | /a;x=1/b;y",
      "/;jsessionid=X           | /                   | /;jsessionid=X",
      "/a/%7euser/%2d%5F        | /a/~user/-_         | /a/~user/-_",
      "/a%3bb/c%2a              | /a%3Bb/c%2A         | /a%3Bb/c%2A",
      "/a;p=%2e%2e/b            | /a/b                | /a;p=../b",
  })
  void normalisesForMatchingAndForwarding(String raw, String match, String forward) {
    assertThat(normalizer.normalize(raw)).isEqualTo(new Valid(match, forward));
  }

  @Test
  void anAlreadyNormalPathIsNotCopied() {
    String raw = "/images/cat.png";
    Valid valid = (Valid) normalizer.normalize(raw);
    assertThat(valid.matchPath()).isSameAs(raw);
    assertThat(valid.forwardPath()).isSameAs(raw);
  }

  @Test
  void withoutParametersMatchAndForwardAreOneString() {
    Valid valid = (Valid) normalizer.normalize("/a/./%62");
    assertThat(valid.matchPath()).isEqualTo("/a/b").isSameAs(valid.forwardPath());
  }

  @Test
  void theLengthLimitIsConfigurable() {
    PathNormalizer short10 = new PathNormalizer(10);
    assertThat(short10.normalize("/123456789")).isInstanceOf(Valid.class);
    assertThat(short10.normalize("/1234567890")).isEqualTo(PathNormalizer.TOO_LONG);
    assertThatThrownBy(() -> new PathNormalizer(0))
        .hasMessage("maxPathLength: 0 (expected: > 0)");
  }

  @Test
  void nullIsRefusedNotThrown() {
    assertThat(normalizer.normalize(null)).isEqualTo(PathNormalizer.NOT_ABSOLUTE);
  }

  @Test
  void everyOtherAsciiCharacterIsRefusedRawButAcceptedEncoded() {
    String allowed = "-._~!$&'()*+,;=:@";
    for (char c = 0x21; c < 0x7f; c++) {
      if (Character.isLetterOrDigit(c) || allowed.indexOf(c) >= 0 || c == '/' || c == '%') {
        continue;
      }
      assertThat(normalizer.normalize("/a" + c)).as("raw %s", c).isInstanceOf(NormalizedPath.Invalid.class);
      if (c != '\\') {
        String encoded = String.format("/a%%%02X", (int) c);
        assertThat(normalizer.normalize(encoded)).as("encoded %s", c).isEqualTo(new Valid(encoded, encoded));
      }
    }
  }

  @Test
  void normalisingTheForwardedPathAgainChangesNothing() {
    String[] pieces = {"/", "a", "b", ".", "..", "%2e", "%41", "%3b", ";x=1", ";", "%2F", "~", "%"};
    Random random = new Random(1);
    int valid = 0;
    for (int i = 0; i < 50_000; i++) {
      StringBuilder raw = new StringBuilder("/");
      for (int j = random.nextInt(8); j >= 0; j--) {
        raw.append(pieces[random.nextInt(pieces.length)]);
      }
      if (!(normalizer.normalize(raw.toString()) instanceof Valid once)) {
        continue;
      }
      valid++;
      assertThat(normalizer.normalize(once.forwardPath())).as(raw.toString()).isEqualTo(once);
      assertThat(once.matchPath()).as(raw.toString())
          .isEqualTo(once.forwardPath().replaceAll(";[^/]*", ""))
          .doesNotContain("//", "/./", "/../").doesNotEndWith("/.").doesNotEndWith("/..");
    }
    assertThat(valid).isGreaterThan(10_000);
  }
}
