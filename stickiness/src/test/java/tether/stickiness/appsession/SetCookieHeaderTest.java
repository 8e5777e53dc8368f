package tether.stickiness.appsession;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SetCookieHeaderTest {

  private static final String[] NAMES = {"JSESSIONID", "sid"};
  private static final long NOW = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();

  @Test
  void readsNameAndValueOfConfiguredCookiesOnly() {
    assertThat(parse("JSESSIONID=ABC.app1; Path=/shop; HttpOnly"))
        .isEqualTo(new SetCookieHeader("JSESSIONID", "ABC.app1", false));
    assertThat(parse(" sid = \"x1\" ;Secure")).isEqualTo(new SetCookieHeader("sid", "x1", false));
    assertThat(parse("JSESSIONIDX=ABC")).isNull();
    assertThat(parse("other=ABC; JSESSIONID=1")).isNull();
    assertThat(parse("JSESSIONID")).isNull();
    assertThat(SetCookieHeader.parse(null, NAMES, NOW)).isNull();
  }

  @Test
  void maxAgeOfZeroOrLessDeletes() {
    assertThat(parse("JSESSIONID=ABC; Max-Age=0").deletes()).isTrue();
    assertThat(parse("JSESSIONID=ABC; max-age=-1; Path=/").deletes()).isTrue();
    assertThat(parse("JSESSIONID=ABC; Max-Age=1800").deletes()).isFalse();
    assertThat(parse("JSESSIONID=ABC; Max-Age=soon").deletes()).isFalse();
  }

  @Test
  void anExpiresInThePastDeletes() {
    assertThat(parse("JSESSIONID=ABC; Expires=Thu, 01 Jan 1970 00:00:00 GMT").deletes()).isTrue();
    assertThat(parse("JSESSIONID=ABC; Path=/; Expires=Thu, 01-Jan-1970 00:00:10 GMT").deletes()).isTrue();
    assertThat(parse("JSESSIONID=ABC; expires=Fri, 01 Jan 2055 00:00:00 GMT").deletes()).isFalse();
    assertThat(parse("JSESSIONID=ABC; Expires=whenever").deletes()).isFalse();
  }

  @Test
  void maxAgeWinsOverExpires() {
    assertThat(parse("JSESSIONID=ABC; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60").deletes()).isFalse();
    assertThat(parse("JSESSIONID=ABC; Max-Age=0; Expires=Fri, 01 Jan 2055 00:00:00 GMT").deletes()).isTrue();
  }

  @Test
  void anEmptyValueDeletes() {
    assertThat(parse("JSESSIONID=; Path=/")).isEqualTo(new SetCookieHeader("JSESSIONID", "", true));
  }

  @Test
  void malformedAttributesNeverThrow() {
    for (String header : new String[] {"JSESSIONID=A;", "JSESSIONID=A;;;", "JSESSIONID=A; =; Max-Age=",
        "JSESSIONID=A; Max-Age=99999999999999999999", "JSESSIONID=A; Expires=", "JSESSIONID=A; Max-Age=-"}) {
      assertThat(parse(header)).as(header).isNotNull();
    }
    assertThat(parse("JSESSIONID=A; Max-Age=99999999999999999999").deletes()).isFalse();
  }

  private static SetCookieHeader parse(String header) {
    return SetCookieHeader.parse(header, NAMES, NOW);
  }
}
