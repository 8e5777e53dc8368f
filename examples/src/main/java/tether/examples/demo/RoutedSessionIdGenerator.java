package tether.examples.demo;

import io.undertow.server.session.SessionIdGenerator;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Makes session ids the way Tomcat writes them: upper-case hex, followed by {@code .ROUTE} when the
 * instance has a route, so a proxy can read the owning instance straight from the id.
 */
final class RoutedSessionIdGenerator implements SessionIdGenerator {

  private static final int RANDOM_BYTES = 16;
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private final SecureRandom random = new SecureRandom();
  private final String suffix;

  /** {@code route} may be {@code null}: plain ids. */
  RoutedSessionIdGenerator(String route) {
    this.suffix = route == null ? "" : "." + route;
  }

  @Override
  public String createSessionId() {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return HEX.formatHex(bytes) + suffix;
  }
}
