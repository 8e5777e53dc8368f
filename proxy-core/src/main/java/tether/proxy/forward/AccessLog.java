package tether.proxy.forward;

import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tether.stickiness.Resolution;

/**
 * One line per request on the logger {@code tether.access}, when that logger is enabled at INFO (it is
 * off by default: see logback.xml). A line reads
 * {@code 203.0.113.7 "GET /cart HTTP/1.1" 200 pool=shop server=app2 affinity=valid/cookie in=0 out=5120 ms=1.8};
 * a request Tether answered itself shows {@code server=-}, and {@code pool=-} when no pool was chosen. The
 * pool is there because server ids are unique only within their pool.
 */
final class AccessLog {

  private static final Logger log = LoggerFactory.getLogger("tether.access");

  private AccessLog() {}

  static boolean enabled() {
    return log.isInfoEnabled();
  }

  /**
   * @param pool       the pool the request went to, or {@code null}
   * @param server     the server that served it, or {@code null}
   * @param resolution the affinity outcome, or {@code null} when the pool keeps none
   * @param startNanos when the request began, from {@link System#nanoTime()}
   */
  static void write(
      HttpServerExchange exchange,
      int status,
      String pool,
      String server,
      Resolution resolution,
      long bytesIn,
      long bytesOut,
      long startNanos) {
    if (!log.isInfoEnabled()) {
      return;
    }
    StringBuilder line = new StringBuilder(160);
    line.append(exchange.getSourceAddress().getAddress().getHostAddress())
        .append(" \"")
        .append(exchange.getRequestMethod())
        .append(' ')
        .append(RequestLine.printable(exchange.getRequestURI()));
    String query = exchange.getQueryString();
    if (!query.isEmpty()) {
      line.append('?').append(RequestLine.printable(query));
    }
    line.append(' ').append(exchange.getProtocol()).append("\" ").append(status);
    line.append(" pool=").append(pool == null ? "-" : pool);
    line.append(" server=").append(server == null ? "-" : server);
    line.append(" affinity=");
    if (resolution == null) {
      line.append('-');
    } else {
      line.append(resolution.outcome().name().toLowerCase(java.util.Locale.ROOT));
      if (resolution.strategy() != null) {
        line.append('/').append(resolution.strategy());
      }
    }
    line.append(" in=").append(bytesIn).append(" out=").append(bytesOut);
    long micros = (System.nanoTime() - startNanos) / 1000;
    line.append(" ms=").append(micros / 1000).append('.').append((micros / 100) % 10);
    log.info(line.toString());
  }

  /** Keeps a client's bytes from forging log lines. */
  static final class RequestLine {
    private RequestLine() {}

    static String printable(String s) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x21 || c > 0x7e || c == '"') {
          return escape(s);
        }
      }
      return s;
    }

    private static String escape(String s) {
      StringBuilder out = new StringBuilder(s.length() + 16);
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
          out.append(String.format("\\x%02x", (int) c & 0xff));
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }
  }
}
