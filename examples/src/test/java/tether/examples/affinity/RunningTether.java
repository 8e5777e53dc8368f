package tether.examples.affinity;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Meter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import tether.proxy.Tether;
import tether.proxy.config.ConfigLoader;
import tether.proxy.config.HostPort;
import tether.proxy.config.TetherConfig;
import tether.proxy.pool.Pool;

/**
 * A Tether started from a HOCON text, so that the tests also cover the configuration a user writes.
 * The text is written to a file and read with {@link ConfigLoader}, exactly as {@code Main} reads one.
 */
final class RunningTether implements AutoCloseable {

  /** The pool every test configures. */
  static final String POOL = "app";

  private static final AtomicInteger FILES = new AtomicInteger();
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

  private final Tether tether;
  private final URI base;

  private RunningTether(Tether tether) {
    this.tether = tether;
    this.base = URI.create("http://127.0.0.1:" + tether.addresses().get(0).getPort());
  }

  /**
   * Loads {@code hocon} from a file in {@code dir} and starts it, listening on 127.0.0.1 on a free port.
   * The loader holds files to ports 1..65535, so the text names any port and the listener is replaced
   * by port 0 here; everything else is as loaded.
   */
  static RunningTether start(Path dir, String hocon) {
    Path file = dir.resolve("tether-" + FILES.incrementAndGet() + ".conf");
    try {
      Files.writeString(file, hocon, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TetherConfig c = ConfigLoader.load(file);
    TetherConfig onFreePort = new TetherConfig(List.of(new HostPort("127.0.0.1", 0)), c.frontend(),
        c.backend(), c.forwarded(), c.shutdownGrace(), c.pools(), c.routes(), c.keys());
    try {
      return new RunningTether(Tether.start(onFreePort));
    } catch (Exception e) {
      throw new IllegalStateException("Tether did not start from " + file + ":\n" + hocon, e);
    }
  }

  Tether tether() {
    return tether;
  }

  Pool pool() {
    return tether.pool(POOL);
  }

  /** {@code http://127.0.0.1:PORT} followed by {@code pathAndQuery}. */
  URI uri(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }

  /** The count of meter {@code tether.pool.app.affinity.SUFFIX}, which must exist. */
  long affinity(String suffix) {
    String name = "tether.pool." + POOL + ".affinity." + suffix;
    Meter meter = tether.metrics().getMeters().get(name);
    assertThat(meter).as("meter %s (present: %s)", name, tether.metrics().getMeters().keySet()).isNotNull();
    return meter.getCount();
  }

  @Override
  public void close() {
    tether.shutdown(SHUTDOWN_GRACE);
  }
}
