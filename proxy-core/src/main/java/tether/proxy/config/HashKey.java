package tether.proxy.config;

import java.util.Locale;

/**
 * What a hashing balancer hashes: the client's address, the path, or a header, cookie or query parameter.
 *
 * @param source what to read
 * @param name   the header, cookie or parameter name; {@code null} for the address and the path
 */
public record HashKey(Source source, String name) {

  /** The kinds of values, as written in config before an optional {@code :name}. */
  public enum Source {
    CLIENT_ADDRESS("client-address", false),
    PATH("path", false),
    HEADER("header", true),
    COOKIE("cookie", true),
    QUERY("query", true);

    private final String configName;
    final boolean named;

    Source(String configName, boolean named) {
      this.configName = configName;
      this.named = named;
    }

    public String configName() {
      return configName;
    }
  }

  public static final HashKey CLIENT_ADDRESS = new HashKey(Source.CLIENT_ADDRESS, null);

  /** What config may say, for error messages. */
  public static final String EXPECTED =
      "client-address, path, header:NAME, cookie:NAME or query:NAME";

  public HashKey {
    if (source == null || source.named != (name != null && !name.isEmpty())) {
      throw new IllegalArgumentException("hash-key: " + source + (name == null ? "" : ":" + name) + " (expected: " + EXPECTED + ")");
    }
  }

  /** Reads {@code client-address}, {@code header:X-User} and the like; {@code null} when it is none of them. */
  public static HashKey parse(String text) {
    if (text == null) {
      return null;
    }
    int colon = text.indexOf(':');
    String kind = (colon < 0 ? text : text.substring(0, colon)).toLowerCase(Locale.ROOT);
    String name = colon < 0 ? null : text.substring(colon + 1).trim();
    for (Source s : Source.values()) {
      if (s.configName.equals(kind) && s.named == (name != null && !name.isEmpty())) {
        return new HashKey(s, name);
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return name == null ? source.configName : source.configName + ":" + name;
  }
}
