package tether.stickiness.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tether.stickiness.AffinityChain;
import tether.stickiness.Resolution;
import tether.stickiness.TestPool;
import tether.stickiness.TestRequest;
import tether.stickiness.TestResponse;
import tether.stickiness.appsession.LearnedConfig;
import tether.stickiness.appsession.LearnedStrategy;
import tether.stickiness.appsession.RouteSuffixConfig;
import tether.stickiness.appsession.RouteSuffixStrategy;
import tether.stickiness.cookie.SignedCookieConfig;
import tether.stickiness.cookie.SignedCookieStrategy;
import tether.stickiness.cookie.SigningKeys;
import tether.stickiness.hash.ClientAddressConfig;
import tether.stickiness.hash.ClientAddressStrategy;
import tether.stickiness.hash.HeaderHashConfig;
import tether.stickiness.hash.HeaderHashStrategy;

/** The cost of {@code resolve} per strategy for a request that carries affinity, over a pool of 10 servers. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResolveBenchmark {

  private static final String[] SERVERS = {"app0", "app1", "app2", "app3", "app4", "app5", "app6", "app7", "app8",
      "app9"};
  private static final int LEARNED_SESSIONS = 100_000;

  private final TestPool pool = new TestPool(SERVERS);
  private SignedCookieStrategy cookie;
  private RouteSuffixStrategy routeSuffix;
  private LearnedStrategy learned;
  private HeaderHashStrategy header;
  private ClientAddressStrategy clientAddress;
  private AffinityChain chain;
  private TestRequest cookieRequest;
  private Resolution cookieResolution;
  private TestRequest routeRequest;
  private TestRequest learnedRequest;
  private TestRequest headerRequest;
  private TestRequest addressRequest;

  @Setup
  public void setUp() {
    byte[] secret = new byte[32];
    java.util.Arrays.fill(secret, (byte) 7);
    SigningKeys keys = SigningKeys.fromBase64("k2024", Map.of("k2024", Base64.getEncoder().encodeToString(secret)));
    cookie = SignedCookieStrategy.create(
        SignedCookieConfig.builder(keys).refreshInterval(Duration.ofMinutes(5)).build());
    TestResponse issued = new TestResponse();
    cookie.respond(TestRequest.get("/"), Resolution.NO_AFFINITY, "app7", issued);
    String setCookie = issued.added().get(0);
    cookieRequest = TestRequest.get("/shop/cart").cookie("TETHER", setCookie.substring(7, setCookie.indexOf(';')));
    cookieResolution = cookie.resolve(cookieRequest, pool);

    routeSuffix = new RouteSuffixStrategy(RouteSuffixConfig.defaults());
    routeRequest = TestRequest.get("/shop/cart").cookie("JSESSIONID", "8F3A2B9C41D7E6F00A1B2C3D4E5F6071.app3");

    learned = new LearnedStrategy(LearnedConfig.builder().build(), Clock.systemUTC(),
        com.github.benmanes.caffeine.cache.Ticker.systemTicker());
    for (int i = 0; i < LEARNED_SESSIONS; i++) {
      learned.table().learn(String.format("%032X", i * 2654435761L), SERVERS[i % SERVERS.length]);
    }
    learnedRequest = TestRequest.get("/shop/cart").cookie("JSESSIONID", String.format("%032X", 4242 * 2654435761L));

    header = new HeaderHashStrategy(HeaderHashConfig.defaults());
    headerRequest = TestRequest.get("/api").header("X-Session-Id", "c0ffee00-1234-4abc-9def-0123456789ab");
    clientAddress = new ClientAddressStrategy(ClientAddressConfig.defaults());
    addressRequest = TestRequest.get("/").from("203.0.113.77");

    chain = AffinityChain.of(List.of(cookie, routeSuffix, learned));
    check();
  }

  private void check() {
    for (Resolution resolution : List.of(cookie(), routeSuffix(), learned(), header(), clientAddress(), chain())) {
      if (!resolution.isValid()) {
        throw new IllegalStateException("benchmark request does not resolve: " + resolution);
      }
    }
  }

  @Benchmark
  public Resolution cookie() {
    return cookie.resolve(cookieRequest, pool);
  }

  /** What the response side costs when no refresh is due: verify again, count the session, write nothing. */
  @Benchmark
  public TestResponse cookieRespond() {
    TestResponse response = new TestResponse();
    cookie.respond(cookieRequest, cookieResolution, "app7", response);
    return response;
  }

  @Benchmark
  public Resolution routeSuffix() {
    return routeSuffix.resolve(routeRequest, pool);
  }

  @Benchmark
  public Resolution learned() {
    return learned.resolve(learnedRequest, pool);
  }

  @Benchmark
  public Resolution header() {
    return header.resolve(headerRequest, pool);
  }

  @Benchmark
  public Resolution clientAddress() {
    return clientAddress.resolve(addressRequest, pool);
  }

  /** A chain (cookie, route-suffix, learned) for a request with no cookie whose id the table knows. */
  @Benchmark
  public Resolution chain() {
    return chain.resolve(learnedRequest, pool);
  }
}
