package tether.proxy.testing;

import java.net.URI;
import java.time.Duration;
import tether.proxy.Tether;
import tether.proxy.config.TetherConfig;

/** A Tether started in the test's JVM; closing it shuts it down quickly. */
public final class RunningProxy implements AutoCloseable {

  private final Tether tether;

  private RunningProxy(Tether tether) {
    this.tether = tether;
  }

  public static RunningProxy start(TetherConfig config) {
    try {
      return new RunningProxy(Tether.start(config));
    } catch (Exception e) {
      throw new IllegalStateException("proxy did not start", e);
    }
  }

  public static RunningProxy start(TestConfig config) {
    return start(config.build());
  }

  public Tether tether() {
    return tether;
  }

  public int port() {
    return tether.addresses().get(0).getPort();
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  public long counter(String name) {
    return tether.metrics().getCounters().get(name).getCount();
  }

  public long meter(String name) {
    return tether.metrics().getMeters().get(name).getCount();
  }

  @Override
  public void close() {
    tether.shutdown(Duration.ofSeconds(2));
  }
}
