package tether.stickiness.appsession;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CookieDateTest {

  @Test
  void readsTheFormatsServersWrite() {
    long expected = Instant.parse("2015-10-21T07:28:00Z").toEpochMilli();
    assertThat(CookieDate.parse("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(expected);
    assertThat(CookieDate.parse("Wed, 21-Oct-2015 07:28:00 GMT")).isEqualTo(expected);
    assertThat(CookieDate.parse("Wednesday, 21-Oct-15 07:28:00 GMT")).isEqualTo(expected);
    assertThat(CookieDate.parse("Wed Oct 21 07:28:00 2015")).isEqualTo(expected);
    assertThat(CookieDate.parse("Thu, 01-Jan-70 00:00:10 GMT")).isEqualTo(10_000);
  }

  @Test
  void rejectsWhatIsNotADate() {
    assertThat(CookieDate.parse("")).isEqualTo(CookieDate.INVALID);
    assertThat(CookieDate.parse("tomorrow")).isEqualTo(CookieDate.INVALID);
    assertThat(CookieDate.parse("Wed, 31 Feb 2015 07:28:00 GMT")).isEqualTo(CookieDate.INVALID);
    assertThat(CookieDate.parse("Wed, 21 Oct 2015 25:28:00 GMT")).isEqualTo(CookieDate.INVALID);
    assertThat(CookieDate.parse("Wed, 21 Oct 2015")).isEqualTo(CookieDate.INVALID);
  }
}
