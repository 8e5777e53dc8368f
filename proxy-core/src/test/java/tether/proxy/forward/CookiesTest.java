package tether.proxy.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CookiesTest {

  @Test
  void findsACookieByExactName() {
    assertThat(Cookies.find("a=1; TETHER=tok; b=2", "TETHER")).isEqualTo("tok");
    assertThat(Cookies.find("XTETHER=no; TETHER=yes", "TETHER")).isEqualTo("yes");
    assertThat(Cookies.find("a=1;TETHER=tight", "TETHER")).isEqualTo("tight");
    assertThat(Cookies.find("a=1; b=2", "TETHER")).isNull();
    assertThat(Cookies.find("", "TETHER")).isNull();
    assertThat(Cookies.find("TETHER", "TETHER")).isNull();
  }

  @Test
  void stripsOnlyTheNamedCookies() {
    Set<String> names = Set.of("TETHER");
    assertThat(Cookies.strip("a=1; TETHER=tok; b=2", names)).isEqualTo("a=1; b=2");
    assertThat(Cookies.strip("TETHER=tok", names)).isNull();
    assertThat(Cookies.strip("TETHER=one; TETHER=two", names)).isNull();
    assertThat(Cookies.strip("XTETHER=keep; TETHER=tok", names)).isEqualTo("XTETHER=keep");
    String untouched = "a=1; b=2";
    assertThat(Cookies.strip(untouched, names)).isSameAs(untouched);
    assertThat(Cookies.strip(" ; ;a=1;; ", names)).isEqualTo(" ; ;a=1;; ");
    assertThat(Cookies.strip("a=1; TETHER=x;; b", names)).isEqualTo("a=1; b");
  }
}
