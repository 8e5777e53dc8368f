package tether.proxy.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tether.proxy.config.BackendConfig;

class BackendClientTest {

  @Test
  void aPerServerLimitIsSharedOutAmongTheThreadsRoundedUp() {
    assertThat(BackendClient.shareOf(256, 1)).isEqualTo(256);
    assertThat(BackendClient.shareOf(256, 3)).isEqualTo(86);
    assertThat(BackendClient.shareOf(1, 4)).isEqualTo(1);
    assertThat(BackendClient.shareOf(0, 4)).isZero();
    assertThat(BackendClient.shareOf(Integer.MAX_VALUE, 2)).isEqualTo(1 << 30);
  }

  @Test
  void noI_OThreadsIsRefused() {
    BackendConfig config =
        new BackendConfig(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 0);

    assertThatThrownBy(() -> BackendClient.start(config, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ioThreads: 0 (expected: >= 1)");
  }
}
