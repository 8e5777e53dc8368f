package tether.proxy.forward;

import io.undertow.util.HeaderMap;
import io.undertow.util.HttpString;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tether.proxy.config.CidrRange;
import tether.proxy.config.ForwardedConfig;

/**
 * The per-request header work on the way to the server: copying a browser's request headers without the
 * hop-by-hop ones, and writing X-Forwarded-*, Forwarded and Via. Run with
 * {@code mvn -pl proxy-core test-compile exec:exec@jmh -Djmh.args="HeaderCopy -prof gc"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HeaderCopyBenchmark {

  private static final java.util.Set<String> STRIP = java.util.Set.of("TETHER");

  private final HeaderMap browser = new HeaderMap();
  private ForwardedHeaders forwarded;
  private InetAddress client;

  @Setup
  public void setUp() throws Exception {
    browser.put(HttpString.tryFromString("Host"), "shop.example.com");
    browser.put(HttpString.tryFromString("User-Agent"), "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0");
    browser.put(HttpString.tryFromString("Accept"), "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    browser.put(HttpString.tryFromString("Accept-Language"), "en-GB,en;q=0.5");
    browser.put(HttpString.tryFromString("Accept-Encoding"), "gzip, deflate, br");
    browser.put(HttpString.tryFromString("Connection"), "keep-alive");
    browser.put(HttpString.tryFromString("Cookie"), "JSESSIONID=8F3A9C1D2E4B5A6F7081928374655647.app2; TETHER=AQFrMQ.YXBwMg.c2Vzc2lvbg.sig; theme=dark");
    browser.put(HttpString.tryFromString("Upgrade-Insecure-Requests"), "1");
    forwarded = new ForwardedHeaders(new ForwardedConfig(List.of(CidrRange.parse("10.0.0.0/8")), true, "tether", ForwardedConfig.allHeaders()));
    client = InetAddress.getByName("192.0.2.10");
  }

  @Benchmark
  public HttpFields copyAndForward() {
    HttpFields.Mutable to = HttpFields.build(16);
    HopByHop.copyRequestHeaders(browser, to, true, STRIP);
    forwarded.write(browser, client, "http", 8080, "HTTP/1.1", to);
    return to;
  }
}
