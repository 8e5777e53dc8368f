package tether.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryMapperTest {

  private static final String KEY = "tether.pools.app.retries.";

  @TempDir Path dir;
  private PoolSections sections;

  @BeforeEach
  void setUp() {
    sections = new PoolSections(dir);
  }

  @Test
  void anEmptyObjectTakesTheDefaults() {
    RetryConfig config = RetryMapper.map(sections.section("retries"));

    assertThat(sections.problems()).isEmpty();
    assertThat(config).isEqualTo(RetryConfig.DEFAULTS);
    assertThat(config).isEqualTo(new RetryConfig(3, new RetryConfig.On(false, true, Set.of()), 0.2, 10));
    assertThat(config.enabled()).isTrue();
    assertThat(config.retriesTimeout()).isFalse();
    assertThat(config.retriesReset()).isTrue();
    assertThat(config.retriesStatus(503)).isFalse();
  }

  @Test
  void everyKeyIsRead() {
    RetryConfig config = RetryMapper.map(sections.section("retries",
        "  attempts = 4",
        "  on = [connect, timeout, reset, 502, 503]",
        "  budget-ratio = 0.1",
        "  budget-min-per-second = 5"));

    assertThat(sections.problems()).isEmpty();
    assertThat(config).isEqualTo(new RetryConfig(4, new RetryConfig.On(true, true, Set.of(502, 503)), 0.1, 5));
    assertThat(config.retriesTimeout()).isTrue();
    assertThat(config.retriesReset()).isTrue();
    assertThat(config.retriesStatus(502)).isTrue();
    assertThat(config.retriesStatus(500)).isFalse();
    assertThat(config.retriesStatus(404)).isFalse();
  }

  @Test
  void connectIsImpliedAndOneAttemptNeverRetries() {
    RetryConfig config = RetryMapper.map(sections.section("retries",
        "  attempts = 1",
        "  on = []",
        "  budget-ratio = 0",
        "  budget-min-per-second = 0"));

    assertThat(sections.problems()).isEmpty();
    assertThat(config).isEqualTo(new RetryConfig(1, RetryConfig.On.CONNECT_ONLY, 0.0, 0));
    assertThat(config.enabled()).isFalse();
  }

  @Test
  void badValuesAreReportedAndTheDefaultsStandIn() {
    RetryConfig config = RetryMapper.map(sections.section("retries",
        "  attempts = 11",
        "  on = [timeout, 404, 600, reset, timeout, idempotent]",
        "  budget-ratio = 1.5",
        "  budget-min-per-second = -1"));

    String element = "(expected: connect, timeout, reset, or a status 500..599)";
    assertThat(sections.problems()).containsExactly(
        sections.at(2, KEY + "attempts: 11 (expected: an integer 1..10)"),
        sections.at(3, KEY + "on[1]: 404 " + element),
        sections.at(3, KEY + "on[2]: 600 " + element),
        sections.at(3, KEY + "on[4]: \"timeout\" (expected: each condition once; on[0] has it too)"),
        sections.at(3, KEY + "on[5]: \"idempotent\" " + element),
        sections.at(4, KEY + "budget-ratio: 1.5 (expected: a number 0..1, such as 0.2)"),
        sections.at(5, KEY + "budget-min-per-second: -1 (expected: an integer >= 0)"));
    assertThat(config).isEqualTo(RetryConfig.DEFAULTS);
  }

  @Test
  void wrongTypesAreReported() {
    RetryConfig config = RetryMapper.map(sections.section("retries",
        "  attempts = 0",
        "  on = { connect = true }",
        "  budget-ratio = half"));

    assertThat(sections.problems()).containsExactly(
        sections.at(2, KEY + "attempts: 0 (expected: an integer 1..10)"),
        sections.at(3, KEY + "on: {\"connect\":true} (expected: a list of connect, timeout, reset and statuses "
            + "500..599, such as [connect, reset, 503])"),
        sections.at(4, KEY + "budget-ratio: \"half\" (expected: a number 0..1, such as 0.2)"));
    assertThat(config).isEqualTo(RetryConfig.DEFAULTS);
  }

  @Test
  void theRecordRefusesBadValues() {
    assertThatThrownBy(() -> new RetryConfig(0, RetryConfig.On.CONNECT_ONLY, 0.2, 10))
        .hasMessage("attempts: 0 (expected: 1..10)");
    assertThatThrownBy(() -> new RetryConfig(3, RetryConfig.On.CONNECT_ONLY, -0.1, 10))
        .hasMessage("budgetRatio: -0.1 (expected: 0..1)");
    assertThatThrownBy(() -> new RetryConfig(3, RetryConfig.On.CONNECT_ONLY, 0.2, -1))
        .hasMessage("budgetMinPerSecond: -1 (expected: >= 0)");
    assertThatThrownBy(() -> new RetryConfig.On(true, true, Set.of(499)))
        .hasMessage("statuses: [499] (expected: statuses 500..599)");
  }
}
