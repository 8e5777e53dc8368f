package tether.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static tether.admin.TestAdmin.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET .../drain/wait}: answers when the drain completes, or at its timeout, without holding a thread. */
class DrainWaitTest {

  private static final String SERVER = "/api/pools/web/servers/a";

  private final TestAdmin admin = new TestAdmin();

  @BeforeEach
  void drain() {
    assertThat(admin.operator("POST", SERVER + "/drain", null).statusCode()).isEqualTo(200);
  }

  @AfterEach
  void close() {
    admin.close();
  }

  @Test
  void answersWhenTheDrainCompletes() {
    CompletableFuture<HttpResponse<String>> waiting = wait("30s");
    // Still waiting while other calls are answered: the long-poll holds no thread the server needs.
    for (int i = 0; i < AdminServer.WORKER_THREADS + 2; i++) {
      wait("30s");
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.engine.drainWaiters() == AdminServer.WORKER_THREADS + 3);
    assertThat(admin.viewer("GET", SERVER + "/drain", null).statusCode()).isEqualTo(200);
    assertThat(waiting).isNotDone();

    admin.engine.finishDrain("web", "a");

    HttpResponse<String> response = waiting.orTimeout(10, TimeUnit.SECONDS).join();
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode drain = json(response);
    assertThat(drain.get("done").asBoolean()).isTrue();
    assertThat(drain.get("liveSessions").asInt()).isZero();
  }

  @Test
  void answersAtTheTimeoutWithTheProgressSoFar() {
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<String>> waiting = wait("200ms");
    await().atMost(Duration.ofSeconds(10)).until(waiting::isDone);
    // It waited for the timeout rather than answering at once (a lower bound only: never flaky).
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    HttpResponse<String> response = waiting.join();
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode drain = json(response);
    assertThat(drain.get("done").asBoolean()).isFalse();
    assertThat(drain.get("liveSessions").asInt()).isEqualTo(3);
  }

  @Test
  void answersAtOnceWhenTheDrainIsDoneAlready() {
    admin.engine.finishDrain("web", "a");
    HttpResponse<String> response = admin.viewer("GET", SERVER + "/drain/wait?timeout=5m", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("done").asBoolean()).isTrue();
  }

  @Test
  void answers409WhenTheDrainIsCalledOff() {
    CompletableFuture<HttpResponse<String>> waiting = wait("30s");
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.engine.drainWaiters() == 1);
    assertThat(admin.operator("POST", SERVER + "/enable", null).statusCode()).isEqualTo(200);
    HttpResponse<String> response = waiting.orTimeout(10, TimeUnit.SECONDS).join();
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(json(response).get("error").asText()).startsWith("drain: called off");
  }

  @Test
  void answers409ForAServerThatIsNotDraining() {
    HttpResponse<String> response = admin.viewer("GET", "/api/pools/web/servers/b/drain/wait", null);
    assertThat(response.statusCode()).isEqualTo(409);
  }

  private CompletableFuture<HttpResponse<String>> wait(String timeout) {
    return admin.sendAsync(admin.request("GET", SERVER + "/drain/wait?timeout=" + timeout, null)
        .header("Authorization", "Bearer " + TestAdmin.VIEWER));
  }
}
