package tether.stickiness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A response view for tests: what the server sent and what Tether added. */
public final class TestResponse implements AffinityResponse {

  private final List<String> serverSetCookies = new ArrayList<>();
  private final List<String> added = new ArrayList<>();
  private final Map<String, String> headers = new LinkedHashMap<>();

  public static TestResponse withSetCookies(String... values) {
    TestResponse response = new TestResponse();
    response.serverSetCookies.addAll(List.of(values));
    return response;
  }

  public TestResponse serverHeader(String name, String value) {
    headers.put(name.toLowerCase(Locale.ROOT), value);
    return this;
  }

  /** The Set-Cookie headers Tether added. */
  public List<String> added() {
    return added;
  }

  @Override
  public List<String> setCookies() {
    return serverSetCookies;
  }

  @Override
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public void addSetCookie(String value) {
    added.add(value);
  }

  @Override
  public void setHeader(String name, String value) {
    headers.put(name.toLowerCase(Locale.ROOT), value);
  }
}
