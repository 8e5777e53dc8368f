package tether.examples.demo;

import java.util.regex.Pattern;

/**
 * How to start one demo instance.
 *
 * @param bind the address to listen on
 * @param port the TCP port, or 0 for any free one
 * @param name the instance name shown on every page and in the {@code X-Instance} header
 * @param route the suffix appended to session ids as {@code id.route}, as Tomcat does with a
 *     jvmRoute; {@code null} for plain ids
 */
public record DemoOptions(String bind, int port, String name, String route) {

  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final String DEFAULT_NAME = "app";

  // Names end up in a response header and routes in a cookie value: keep both to plain tokens.
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  // No dot in a route, or "id.route" could not be split again.
  private static final Pattern ROUTE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  static final String USAGE =
      "usage: DemoApp [--port N] [--name NAME] [--route ROUTE] [--bind ADDRESS]\n"
          + "  --port N         TCP port, 0 for any free one (default 0)\n"
          + "  --name NAME      instance name shown on the pages (default " + DEFAULT_NAME + ")\n"
          + "  --route ROUTE    append .ROUTE to session ids, like a Tomcat jvmRoute\n"
          + "  --bind ADDRESS   address to listen on (default " + DEFAULT_BIND + ")";

  public DemoOptions {
    if (bind == null || bind.isBlank()) {
      throw new IllegalArgumentException("bind: " + bind + " (expected: an IP address or host name)");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
    }
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name: " + name + " (expected: 1..64 of A-Z a-z 0-9 _ . -)");
    }
    if (route != null && !ROUTE.matcher(route).matches()) {
      throw new IllegalArgumentException("route: " + route + " (expected: 1..64 of A-Z a-z 0-9 _ -)");
    }
  }

  /** An instance on 127.0.0.1 and any free port; {@code route} may be {@code null}. */
  public static DemoOptions loopback(String name, String route) {
    return new DemoOptions(DEFAULT_BIND, 0, name, route);
  }

  /** Reads {@code --port N --name NAME --route ROUTE --bind ADDRESS}, each optional. */
  public static DemoOptions parse(String... args) {
    String bind = DEFAULT_BIND;
    int port = 0;
    String name = DEFAULT_NAME;
    String route = null;
    for (int i = 0; i < args.length; i += 2) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + ": missing value (expected: " + flag + " VALUE)");
      }
      String value = args[i + 1];
      switch (flag) {
        case "--bind" -> bind = value;
        case "--port" -> port = parsePort(value);
        case "--name" -> name = value;
        case "--route" -> route = value;
        default -> throw new IllegalArgumentException(
            "argument: " + flag + " (expected: --port, --name, --route or --bind)");
      }
    }
    return new DemoOptions(bind, port, name, route);
  }

  private static int parsePort(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port: " + value + " (expected: 0..65535)", e);
    }
  }
}
