package tether.stickiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionTableTest {

  private final FakeTime time = new FakeTime();
  private final SessionTable<String> table = new SessionTable<>(Duration.ofMinutes(30), 1000, time);

  @Test
  void countsSessionsPerServer() {
    table.pin("s1", "a");
    table.pin("s2", "a");
    table.pin("s3", "b");
    table.pin("s1", "a"); // seen again: still one session
    assertThat(table.liveSessions()).isEqualTo(Map.of("a", 2L, "b", 1L));
    assertThat(table.liveSessions("a")).isEqualTo(2);
    assertThat(table.liveSessions("nobody")).isZero();
    assertThat(table.serverFor("s3")).isEqualTo("b");
  }

  @Test
  void aSessionThatMovesServerIsCountedOnTheNewOneOnly() {
    table.pin("s1", "a");
    table.pin("s2", "a");
    table.pin("s1", "b");
    assertThat(table.liveSessions()).isEqualTo(Map.of("a", 1L, "b", 1L));
    assertThat(table.serverFor("s1")).isEqualTo("b");
  }

  @Test
  void forgettingASessionUncountsIt() {
    table.pin("s1", "a");
    assertThat(table.unpin("s1")).isTrue();
    assertThat(table.unpin("s1")).isFalse();
    assertThat(table.liveSessions()).isEmpty();
    assertThat(table.serverFor("s1")).isNull();
  }

  @Test
  void idleSessionsExpireAndAreUncountedAndActivityKeepsThemAlive() {
    table.pin("idle", "a");
    table.pin("busy", "a");
    time.advance(Duration.ofMinutes(20));
    assertThat(table.serverFor("busy")).isEqualTo("a");
    time.advance(Duration.ofMinutes(20));
    assertThat(table.liveSessions()).isEqualTo(Map.of("a", 1L));
    assertThat(table.serverFor("idle")).isNull();
    assertThat(table.expirations()).isEqualTo(1);
    assertThat(table.sizeEvictions()).isZero();
  }

  @Test
  void anExpiredSessionSeenAgainIsCountedOnce() {
    table.pin("s1", "a");
    time.advance(Duration.ofMinutes(31));
    table.pin("s1", "b"); // the compute sees the expired entry as absent and evicts it first
    assertThat(table.liveSessions()).isEqualTo(Map.of("b", 1L));
    assertThat(table.expirations()).isEqualTo(1);
  }

  @Test
  void aFullTableEvictsAndCountsSizeEvictionsSeparately() {
    SessionTable<String> small = new SessionTable<>(Duration.ofMinutes(30), 100, time);
    for (int i = 0; i < 250; i++) {
      small.pin("s" + i, i % 2 == 0 ? "a" : "b");
    }
    assertThat(small.size()).isEqualTo(100);
    assertThat(small.sizeEvictions()).isEqualTo(150);
    assertThat(small.expirations()).isZero();
    assertThat(small.liveSessions().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100);
  }

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> new SessionTable<String>(Duration.ZERO, 1, time))
        .hasMessage("expireAfterAccess: PT0S (expected: > 0)");
    assertThatThrownBy(() -> new SessionTable<String>(Duration.ofSeconds(1), 0, time))
        .hasMessage("maximumSize: 0 (expected: >= 1)");
  }
}
