package tether.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassiveMapperTest {

  private static final String KEY = "tether.pools.app.passive.";

  @TempDir Path dir;
  private PoolSections sections;

  @BeforeEach
  void setUp() {
    sections = new PoolSections(dir);
  }

  @Test
  void anEmptyObjectTakesTheDefaults() {
    PassiveConfig config = PassiveMapper.map(sections.section("passive"));

    assertThat(sections.problems()).isEmpty();
    assertThat(config).isEqualTo(PassiveConfig.DEFAULTS);
    assertThat(config).isEqualTo(new PassiveConfig(5, new PassiveConfig.On(true, true, Set.of()),
        Duration.ofSeconds(10), 2.0, Duration.ofMinutes(5), 50));
    assertThat(config.enabled()).isTrue();
  }

  @Test
  void everyKeyIsRead() {
    PassiveConfig config = PassiveMapper.map(sections.section("passive",
        "  consecutive-failures = 3",
        "  on = [timeout, 502, \"503\"]",
        "  base-ejection = 2s",
        "  multiplier = 1.5",
        "  max-ejection = 1m",
        "  max-ejected-percent = 30"));

    assertThat(sections.problems()).isEmpty();
    assertThat(config).isEqualTo(new PassiveConfig(3, new PassiveConfig.On(false, true, Set.of(502, 503)),
        Duration.ofSeconds(2), 1.5, Duration.ofMinutes(1), 30));
    assertThat(config.on().status(503)).isTrue();
    assertThat(config.on().status(504)).isFalse();
  }

  @Test
  void zeroFailuresTurnsDetectionOff() {
    PassiveConfig config = PassiveMapper.map(sections.section("passive", "  consecutive-failures = 0"));

    assertThat(sections.problems()).isEmpty();
    assertThat(config.enabled()).isFalse();
  }

  @Test
  void badValuesAreReportedAndTheDefaultsStandIn() {
    PassiveConfig config = PassiveMapper.map(sections.section("passive",
        "  consecutive-failures = -1",
        "  on = [connect, 404, { x = 1 }, connect, 1.5]",
        "  base-ejection = 0s",
        "  multiplier = 1",
        "  max-ejection = soon",
        "  max-ejected-percent = 101"));

    String element = "(expected: connect, timeout, or a status 500..599)";
    assertThat(sections.problems()).containsExactly(
        sections.at(2, KEY + "consecutive-failures: -1 (expected: an integer >= 0)"),
        sections.at(3, KEY + "on[1]: 404 " + element),
        sections.at(3, KEY + "on[2]: {\"x\":1} " + element),
        sections.at(3, KEY + "on[3]: \"connect\" (expected: each condition once; on[0] has it too)"),
        sections.at(3, KEY + "on[4]: 1.5 " + element),
        sections.at(4, KEY + "base-ejection: \"0s\" (expected: a duration > 0, such as 10s or 500ms)"),
        sections.at(5, KEY + "multiplier: 1 (expected: a number > 1 and <= 10, such as 2)"),
        sections.at(6, KEY + "max-ejection: \"soon\" (expected: a duration > 0, such as 10s or 500ms)"),
        sections.at(7, KEY + "max-ejected-percent: 101 (expected: an integer 1..100)"));
    assertThat(config).isEqualTo(PassiveConfig.DEFAULTS);
  }

  @Test
  void anOnListNeedsAtLeastOneConditionAndMustBeAList() {
    PassiveMapper.map(sections.section("passive", "  on = []", "  multiplier = 11"));

    assertThat(sections.problems()).containsExactly(
        sections.at(2, KEY + "on: [] (expected: a list of at least one of connect, timeout and statuses "
            + "500..599, such as [connect, timeout, 503]; consecutive-failures = 0 turns detection off)"),
        sections.at(3, KEY + "multiplier: 11 (expected: a number > 1 and <= 10, such as 2)"));

    PassiveMapper.map(sections.section("passive", "  on = connect", "  multiplier = fast"));

    assertThat(sections.problems()).containsExactly(
        sections.at(2, KEY + "on: \"connect\" (expected: a list of at least one of connect, timeout and statuses "
            + "500..599, such as [connect, timeout, 503])"),
        sections.at(3, KEY + "multiplier: \"fast\" (expected: a number > 1 and <= 10, such as 2)"));
  }

  @Test
  void theMaximumEjectionIsNoShorterThanTheBase() {
    PassiveConfig both = PassiveMapper.map(sections.section("passive",
        "  base-ejection = 1m",
        "  max-ejection = 30s"));
    assertThat(sections.problems()).containsExactly(
        sections.at(3, KEY + "max-ejection: \"30s\" (expected: a duration >= base-ejection, which is 1m)"));
    assertThat(both.maxEjection()).isEqualTo(both.baseEjection());

    PassiveMapper.map(sections.section("passive", "  max-ejection = 5s"));
    assertThat(sections.problems()).containsExactly(
        sections.at(2, KEY + "max-ejection: \"5s\" (expected: a duration >= base-ejection, which is 10s)"));

    PassiveMapper.map(sections.section("passive", "  base-ejection = 10m"));
    assertThat(sections.problems()).containsExactly(
        sections.at(2, KEY + "base-ejection: \"10m\" (expected: a duration <= max-ejection, which is 5m)"));
  }

  @Test
  void theRecordRefusesBadValues() {
    PassiveConfig d = PassiveConfig.DEFAULTS;
    assertThatThrownBy(() -> new PassiveConfig(-1, d.on(), d.baseEjection(), 2, d.maxEjection(), 50))
        .hasMessage("consecutiveFailures: -1 (expected: >= 0)");
    assertThatThrownBy(() -> new PassiveConfig(5, d.on(), d.baseEjection(), 1.0, d.maxEjection(), 50))
        .hasMessage("multiplier: 1.0 (expected: > 1 and <= 10)");
    assertThatThrownBy(() -> new PassiveConfig(5, d.on(), Duration.ofMinutes(6), 2, d.maxEjection(), 50))
        .hasMessage("maxEjection: PT5M (expected: >= baseEjection, which is PT6M)");
    assertThatThrownBy(() -> new PassiveConfig(5, d.on(), d.baseEjection(), 2, d.maxEjection(), 0))
        .hasMessage("maxEjectedPercent: 0 (expected: 1..100)");
    assertThatThrownBy(() -> new PassiveConfig.On(false, false, Set.of()))
        .hasMessage("on: nothing (expected: at least one of connect, timeout, or a status)");
    assertThatThrownBy(() -> new PassiveConfig.On(true, false, Set.of(404)))
        .hasMessage("statuses: [404] (expected: statuses 500..599)");
  }
}
