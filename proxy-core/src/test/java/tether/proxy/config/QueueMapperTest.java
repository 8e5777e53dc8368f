package tether.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueMapperTest {

  private static final String KEY = "tether.pools.app.queue.";

  @TempDir Path dir;
  private PoolSections sections;

  @BeforeEach
  void setUp() {
    sections = new PoolSections(dir);
  }

  @Test
  void anEmptyObjectIsUnlimited() {
    QueueConfig config = QueueMapper.map(sections.section("queue"));

    assertThat(sections.problems()).isEmpty();
    assertThat(config).isEqualTo(QueueConfig.UNLIMITED);
    assertThat(config).isEqualTo(new QueueConfig(0, 100, Duration.ofSeconds(5)));
    assertThat(config.limited()).isFalse();
  }

  @Test
  void everyKeyIsRead() {
    QueueConfig config = QueueMapper.map(sections.section("queue",
        "  max-concurrent = 20",
        "  size = \"0\"",
        "  timeout = 250ms"));

    assertThat(sections.problems()).isEmpty();
    assertThat(config).isEqualTo(new QueueConfig(20, 0, Duration.ofMillis(250)));
    assertThat(config.limited()).isTrue();
  }

  @Test
  void badValuesAreReportedAndTheDefaultsStandIn() {
    QueueConfig config = QueueMapper.map(sections.section("queue",
        "  max-concurrent = -1",
        "  size = lots",
        "  timeout = 0"));

    assertThat(sections.problems()).containsExactly(
        sections.at(2, KEY + "max-concurrent: -1 (expected: an integer >= 0)"),
        sections.at(3, KEY + "size: \"lots\" (expected: an integer >= 0)"),
        sections.at(4, KEY + "timeout: 0 (expected: a duration > 0, such as 10s or 500ms)"));
    assertThat(config).isEqualTo(QueueConfig.UNLIMITED);
  }

  @Test
  void theRecordRefusesBadValues() {
    assertThatThrownBy(() -> new QueueConfig(-1, 100, Duration.ofSeconds(5)))
        .hasMessage("maxConcurrent: -1 (expected: >= 0)");
    assertThatThrownBy(() -> new QueueConfig(1, -1, Duration.ofSeconds(5)))
        .hasMessage("queueSize: -1 (expected: >= 0)");
    assertThatThrownBy(() -> new QueueConfig(1, 1, Duration.ZERO))
        .hasMessage("queueTimeout: PT0S (expected: > 0)");
  }
}
