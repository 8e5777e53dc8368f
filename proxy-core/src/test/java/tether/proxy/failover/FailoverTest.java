package tether.proxy.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tether.proxy.config.AffinityConfig;
import tether.proxy.config.HealthCheckConfig;
import tether.proxy.config.PassiveConfig;
import tether.proxy.pool.Health;
import tether.proxy.testing.Affinities;
import tether.proxy.testing.CountingBackend;
import tether.proxy.testing.RunningProxy;
import tether.proxy.testing.TestConfig;

/**
 * A server killed under load, with real servers and real clients: sessions sign in (get a cookie),
 * make GETs and POSTs, and start over; one server dies in the middle.
 */
class FailoverTest {

  private static final int CLIENTS = 8;
  private static final int REQUESTS_PER_SESSION = 12;

  private final Map<String, AtomicInteger> deliveries = CountingBackend.deliveries();
  private final List<CountingBackend> backends = new ArrayList<>();
  private final List<Result> results = Collections.synchronizedList(new ArrayList<>());
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong ids = new AtomicLong();
  private ExecutorService clients;

  /** One request as a client saw it. */
  private record Result(
      int session, boolean newSession, String requestId, String method, long started, long ended,
      int status, String server, boolean cookieSet, boolean retryAfter) {
    boolean failed() {
      return status != 200;
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    running.set(false);
    if (clients != null) {
      clients.shutdownNow();
      clients.awaitTermination(30, TimeUnit.SECONDS);
    }
    backends.forEach(CountingBackend::close);
  }

  @Test
  void aServerKilledUnderLoadCostsAtMostItsInFlightRequests() throws Exception {
    for (String id : List.of("s1", "s2", "s3")) {
      backends.add(CountingBackend.start(id, deliveries));
    }
    HealthCheckConfig checks =
        new HealthCheckConfig(true, HealthCheckConfig.Type.HTTP, Duration.ofMillis(300), Duration.ofMillis(100), 0.1,
            Duration.ofMillis(250), 1, 2, HealthCheckConfig.Start.DOWN,
            new HealthCheckConfig.HttpSettings("GET", "/health", null, HealthCheckConfig.HttpSettings.DEFAULT_STATUSES,
                null, null, "", false));
    TestConfig config =
        TestConfig.create()
            .pool("app", backends.get(0).port(), backends.get(1).port(), backends.get(2).port())
            .affinity("app", Affinities.cookie(AffinityConfig.Unavailable.REDISPATCH))
            .keys("k1", Map.of("k1", Affinities.KEY))
            .tune("app", p -> p.withHealthCheck(checks).withPassive(PassiveConfig.DEFAULTS))
            .route("/", "app");
    try (RunningProxy proxy = RunningProxy.start(config)) {
      // Servers start down until their first check passes: the load begins once all three are up.
      await().atMost(Duration.ofSeconds(10)).until(() -> proxy.tether().pool("app").snapshot().servers().stream()
          .allMatch(s -> s.health() == Health.UP));
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      clients = Executors.newFixedThreadPool(CLIENTS);
      AtomicInteger sessions = new AtomicInteger();
      for (int c = 0; c < CLIENTS; c++) {
        clients.submit(() -> runSessions(http, proxy, sessions));
      }
      CountingBackend victim = backends.get(1);
      await().atMost(Duration.ofSeconds(30)).until(() -> victim.requests() >= 100 && results.size() >= 400);

      long killedAt = System.nanoTime();
      victim.kill();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> proxy.tether().pool("app").snapshot().server("s2").health() != Health.UP);
      long detectedAt = System.nanoTime();
      int atDetection = results.size();
      await().atMost(Duration.ofSeconds(30)).until(() -> results.size() >= atDetection + 600);
      running.set(false);
      clients.shutdown();
      assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

      List<Result> all = List.copyOf(results);
      List<Result> failures = all.stream().filter(Result::failed).toList();
      long serverErrors = proxy.meter("tether.pool.app.server.s2.errors.server")
          + proxy.meter("tether.pool.app.server.s2.errors.timeout");

      org.slf4j.LoggerFactory.getLogger(FailoverTest.class).info(
          "{} requests in {} sessions; {} failed (all in flight on s2 when it died); detected {} ms after the kill; "
              + "{} POSTs delivered once each; {} sessions moved off s2",
          all.size(), all.stream().map(Result::session).distinct().count(), failures.size(),
          TimeUnit.NANOSECONDS.toMillis(detectedAt - killedAt),
          all.stream().filter(r -> r.method().equals("POST") && !r.failed()).count(),
          all.stream().filter(r -> r.started() > killedAt && r.cookieSet() && !r.newSession()).count());
      // No request reached a server twice: a POST cut by the crash is not replayed elsewhere.
      assertThat(deliveries.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
      // Only requests the dead server had taken failed; at most one per client was in flight. Besides
      // breaking off, a dying server may answer by itself: its Undertow refuses work it can no longer
      // dispatch with a bare 503. Tether's own refusals carry Retry-After, and there must be none.
      assertThat(failures).hasSizeLessThanOrEqualTo(CLIENTS);
      assertThat(failures).noneMatch(Result::retryAfter);
      assertThat(failures.stream().filter(f -> f.status() != 503).count()).isLessThanOrEqualTo(serverErrors);
      assertThat(failures).allSatisfy(f -> assertThat(f.started()).isLessThan(detectedAt));
      assertThat(failures).allSatisfy(f -> assertThat(f.started()).isLessThan(killedAt + TimeUnit.SECONDS.toNanos(5)));
      // Requests that found the dead server's port closed went elsewhere, unseen by their clients.
      assertThat(proxy.meter("tether.pool.app.server.s2.retries")).isPositive();

      // After detection: no errors, nothing on s2, new sessions included.
      List<Result> after = all.stream().filter(r -> r.started() > detectedAt).toList();
      assertThat(after).hasSizeGreaterThan(500);
      assertThat(after).allSatisfy(r -> {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.server()).isNotEqualTo("s2");
      });
      assertThat(after.stream().filter(Result::newSession).count()).isPositive();

      // Sessions pinned to s2 moved once, to one server, and stayed there.
      Map<Integer, List<Result>> bySession = new LinkedHashMap<>();
      for (Result r : all) {
        bySession.computeIfAbsent(r.session(), k -> new ArrayList<>()).add(r);
      }
      int moved = 0;
      for (List<Result> session : bySession.values()) {
        List<Result> before = session.stream().filter(r -> r.ended() < killedAt && !r.failed()).toList();
        if (before.isEmpty() || !before.get(before.size() - 1).server().equals("s2")) {
          continue;
        }
        List<String> later = session.stream()
            .filter(r -> r.started() > killedAt && !r.failed())
            .map(Result::server)
            .toList();
        if (later.size() < 2) {
          continue;
        }
        moved++;
        assertThat(later).as("session after its server died").containsOnly(later.get(0)).doesNotContain("s2");
        assertThat(session.stream().filter(r -> r.started() > killedAt && r.cookieSet()).count())
            .as("one new cookie, for the one move").isLessThanOrEqualTo(1);
      }
      assertThat(moved).as("sessions that were on s2 and went on after it died").isPositive();

      // What operators see.
      assertThat(proxy.tether().metrics().getGauges().get("tether.pool.app.server.s2.health").getValue())
          .isEqualTo(0.0);
      assertThat(proxy.tether().metrics().getGauges().get("tether.pool.app.server.s1.health").getValue())
          .isEqualTo(1.0);
    }
  }

  private void runSessions(HttpClient http, RunningProxy proxy, AtomicInteger sessions) {
    while (running.get()) {
      int session = sessions.incrementAndGet();
      String cookie = null;
      for (int i = 0; i < REQUESTS_PER_SESSION && running.get(); i++) {
        boolean post = i % 2 == 1;
        String requestId = Long.toString(ids.incrementAndGet());
        HttpRequest.Builder request = HttpRequest.newBuilder(proxy.uri("/work?n=" + i))
            .timeout(Duration.ofSeconds(10))
            .header(CountingBackend.REQUEST_ID.toString(), requestId);
        if (cookie != null) {
          request.header("Cookie", cookie);
        }
        if (post) {
          request.POST(HttpRequest.BodyPublishers.ofString("item=" + requestId));
        }
        long started = System.nanoTime();
        int status;
        String server = null;
        String setCookie = null;
        boolean retryAfter = false;
        try {
          HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
          status = response.statusCode();
          server = response.headers().firstValue("X-Server").orElse(null);
          setCookie = response.headers().firstValue("Set-Cookie").orElse(null);
          retryAfter = response.headers().firstValue("Retry-After").isPresent();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (Exception e) {
          status = -1;
        }
        results.add(new Result(session, cookie == null, requestId, post ? "POST" : "GET", started, System.nanoTime(),
            status, server, setCookie != null, retryAfter));
        if (setCookie != null) {
          cookie = setCookie.substring(0, setCookie.indexOf(';'));
        }
      }
    }
  }
}
