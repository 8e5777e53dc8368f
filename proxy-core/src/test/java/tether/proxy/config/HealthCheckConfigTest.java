package tether.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tether.proxy.config.HealthCheckConfig.HttpSettings;
import tether.proxy.config.HealthCheckConfig.Start;
import tether.proxy.config.HealthCheckConfig.StatusRange;
import tether.proxy.config.HealthCheckConfig.Type;

/** The record refuses what the mapper would have reported, for configurations built in code. */
class HealthCheckConfigTest {

  private static HealthCheckConfig timing(Duration interval, Duration timeout, double jitter, int rise, int fall) {
    return new HealthCheckConfig(true, Type.HTTP, interval, Duration.ofMillis(500), jitter, timeout, rise, fall,
        Start.DOWN, HttpSettings.DEFAULT);
  }

  private static HttpSettings http(String method, String path, String host, String contains, String regex,
      String control) {
    return new HttpSettings(method, path, host, HttpSettings.DEFAULT_STATUSES, contains, regex, control, false);
  }

  @Test
  void disabledDiffersFromTheDefaultOnlyInBeingOff() {
    assertThat(HealthCheckConfig.DISABLED.enabled()).isFalse();
    assertThat(HealthCheckConfig.DEFAULT.enabled()).isTrue();
    assertThat(new HealthCheckConfig(true, HealthCheckConfig.DISABLED.type(), HealthCheckConfig.DISABLED.interval(),
        HealthCheckConfig.DISABLED.fastInterval(), HealthCheckConfig.DISABLED.jitter(),
        HealthCheckConfig.DISABLED.timeout(), HealthCheckConfig.DISABLED.rise(), HealthCheckConfig.DISABLED.fall(),
        HealthCheckConfig.DISABLED.start(), HealthCheckConfig.DISABLED.http())).isEqualTo(HealthCheckConfig.DEFAULT);
  }

  @Test
  void timingOutOfRangeIsRefused() {
    Duration s1 = Duration.ofSeconds(1);
    Duration s2 = Duration.ofSeconds(2);
    assertThatThrownBy(() -> timing(s2, s2, 0.1, 2, 3))
        .hasMessage("timeout: PT2S (expected: a duration < interval, which is PT2S)");
    assertThatThrownBy(() -> timing(Duration.ZERO, s1, 0.1, 2, 3))
        .hasMessage("interval: PT0S (expected: a duration > 0)");
    assertThatThrownBy(() -> timing(s2, s1, 0.51, 2, 3)).hasMessage("jitter: 0.51 (expected: a number 0..0.5)");
    assertThatThrownBy(() -> timing(s2, s1, Double.NaN, 2, 3)).hasMessage("jitter: NaN (expected: a number 0..0.5)");
    assertThatThrownBy(() -> timing(s2, s1, 0.1, 0, 3)).hasMessage("rise: 0 (expected: an integer 1..100)");
    assertThatThrownBy(() -> timing(s2, s1, 0.1, 2, 101)).hasMessage("fall: 101 (expected: an integer 1..100)");
  }

  @Test
  void httpSettingsOutOfRangeAreRefused() {
    assertThatThrownBy(() -> http("get", "/", null, null, null, ""))
        .hasMessage("method: get (expected: an HTTP method in capitals, such as GET, HEAD or POST)");
    assertThatThrownBy(() -> http("GET", "/a b", null, null, null, ""))
        .hasMessageStartingWith("path: /a b (expected: a path starting with /");
    assertThatThrownBy(() -> http("GET", "/", "", null, null, ""))
        .hasMessageStartingWith("host:  (expected: a host name or host:port");
    assertThatThrownBy(() -> http("GET", "/", null, "ok", "ok", ""))
        .hasMessage("bodyRegex: ok (expected: either bodyContains or bodyRegex, not both)");
    assertThatThrownBy(() -> http("GET", "/", null, null, "[", ""))
        .hasMessage("bodyRegex: [ (expected: a regular expression (Java syntax) to find in the body)");
    assertThatThrownBy(() -> http("GET", "/", null, null, null, "X:Y"))
        .hasMessageStartingWith("controlHeader: X:Y (expected: a header name");
    assertThatThrownBy(() -> new HttpSettings("GET", "/", null, List.of(), null, null, "", false))
        .hasMessage("statuses: [] (expected: at least one status or range)");
  }

  @Test
  void aStatusRangeHoldsStatusesInOrder() {
    assertThat(new StatusRange(300, 399).contains(399)).isTrue();
    assertThat(new StatusRange(300, 399).contains(400)).isFalse();
    assertThat(new StatusRange(204, 204)).hasToString("204");
    assertThatThrownBy(() -> new StatusRange(399, 300))
        .hasMessage("statuses: 399-300 (expected: statuses 100..599, a range's first <= its last)");
    assertThatThrownBy(() -> new StatusRange(99, 200)).isInstanceOf(IllegalArgumentException.class);
  }
}
