package tether.routing;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A request for tests; counts how often the query and headers are read. */
final class TestRequest implements RouteRequest {

  private final String host;
  private final String method;
  private final String rawPath;
  private final String rawQuery;
  private final Map<String, String> headers = new HashMap<>();
  final AtomicInteger queryReads = new AtomicInteger();
  final AtomicInteger headerReads = new AtomicInteger();

  private TestRequest(String host, String method, String rawPath, String rawQuery) {
    this.host = host;
    this.method = method;
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
  }

  /** {@code target} is a path, optionally followed by {@code ?query}. */
  static TestRequest get(String host, String target) {
    return of("GET", host, target);
  }

  static TestRequest of(String method, String host, String target) {
    int question = target.indexOf('?');
    return question < 0
        ? new TestRequest(host, method, target, null)
        : new TestRequest(host, method, target.substring(0, question), target.substring(question + 1));
  }

  TestRequest header(String name, String value) {
    headers.put(name.toLowerCase(Locale.ROOT), value);
    return this;
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String rawPath() {
    return rawPath;
  }

  @Override
  public String rawQuery() {
    queryReads.incrementAndGet();
    return rawQuery;
  }

  @Override
  public String header(String lowerCaseName) {
    headerReads.incrementAndGet();
    return headers.get(lowerCaseName);
  }
}
