package tether.stickiness;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A request view for tests, filled fluently. */
public final class TestRequest implements AffinityRequest {

  private final Map<String, String> cookies = new LinkedHashMap<>();
  private final Map<String, String> headers = new LinkedHashMap<>();
  private String path = "/";
  private String query;
  private InetAddress address;

  public static TestRequest get(String path) {
    return new TestRequest().path(path);
  }

  public TestRequest cookie(String name, String value) {
    cookies.putIfAbsent(name, value);
    return this;
  }

  public TestRequest header(String name, String value) {
    headers.put(name.toLowerCase(Locale.ROOT), value);
    return this;
  }

  public TestRequest path(String value) {
    path = value;
    return this;
  }

  public TestRequest query(String value) {
    query = value;
    return this;
  }

  public TestRequest from(String literalAddress) {
    try {
      address = InetAddress.getByName(literalAddress);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literalAddress, e);
    }
    return this;
  }

  @Override
  public String cookie(String name) {
    return cookies.get(name);
  }

  @Override
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public String rawPath() {
    return path;
  }

  @Override
  public String rawQuery() {
    return query;
  }

  @Override
  public InetAddress clientAddress() {
    return address;
  }
}
