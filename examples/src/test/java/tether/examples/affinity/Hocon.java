package tether.examples.affinity;

import java.util.Map;

/**
 * The configuration files the tests run with: one listener, the test keys, trust in loopback proxies
 * (so the client-address strategy reads X-Forwarded-For from the test client), and one pool {@code app}
 * that serves every path.
 */
final class Hocon {

  static final String DEFAULT_KEYS = TestKeys.hocon("k1", Map.of("k1", TestKeys.K1));

  private Hocon() {}

  /** A pool of the fleet's instances with this {@code affinity} body, signed with key k1. */
  static String tether(DemoFleet fleet, String affinity) {
    return tether(fleet.serversHocon(), DEFAULT_KEYS, affinity);
  }

  /** A pool of the fleet's instances with this {@code affinity} body and this {@code keys} block. */
  static String tether(DemoFleet fleet, String keys, String affinity) {
    return tether(fleet.serversHocon(), keys, affinity);
  }

  static String tether(String servers, String keys, String affinity) {
    return """
        tether {
          # Any port: the test listens on a free one instead.
          listen = ["127.0.0.1:8080"]
          %s
          forwarded.trusted-proxies = ["127.0.0.0/8"]
          pools.app {
            servers = %s
            affinity {
              %s
            }
          }
          routes = [ { prefix = "/", pool = app } ]
        }
        """.formatted(keys, servers, affinity.strip().replace("\n", "\n      "));
  }
}
