package tether.examples.affinity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tether.examples.demo.DemoApp;
import tether.examples.demo.DemoOptions;

/**
 * Several demo app instances on loopback, named app1, app2, ... They are the pool's servers: the
 * server id is the instance name, so the {@code instance} a response reports is the server that
 * answered.
 */
final class DemoFleet implements AutoCloseable {

  private final Map<String, DemoApp> apps;
  private final Map<String, String> routes;

  private DemoFleet(Map<String, DemoApp> apps, Map<String, String> routes) {
    this.apps = apps;
    this.routes = routes;
  }

  /** Instances that append no route to their session ids. */
  static DemoFleet plain(int size) {
    return start(size, false);
  }

  /**
   * Instances that append a route to their session ids, Tomcat style ({@code ID.node2} for app2).
   * Routes differ from the names on purpose, so that a test shows the proxy reads the route, not the id.
   */
  static DemoFleet routed(int size) {
    return start(size, true);
  }

  private static DemoFleet start(int size, boolean routed) {
    Map<String, DemoApp> apps = new LinkedHashMap<>();
    Map<String, String> routes = new LinkedHashMap<>();
    try {
      for (int i = 1; i <= size; i++) {
        String name = "app" + i;
        String route = routed ? "node" + i : null;
        apps.put(name, DemoApp.start(DemoOptions.loopback(name, route)));
        routes.put(name, route);
      }
    } catch (RuntimeException e) {
      apps.values().forEach(DemoApp::close);
      throw e;
    }
    return new DemoFleet(apps, routes);
  }

  List<String> names() {
    return new ArrayList<>(apps.keySet());
  }

  DemoApp app(String name) {
    DemoApp app = apps.get(name);
    if (app == null) {
      throw new IllegalArgumentException("name: " + name + " (expected: one of " + apps.keySet() + ")");
    }
    return app;
  }

  /** The route the instance appends to its session ids, or null. */
  String route(String name) {
    app(name);
    return routes.get(name);
  }

  /** Stops one instance, as a crash or an upgrade would; its sessions are lost with it. */
  void stop(String name) {
    app(name).close();
  }

  /** The {@code servers} list of a pool in HOCON, one server per instance. */
  String serversHocon() {
    StringBuilder out = new StringBuilder("[\n");
    for (String name : apps.keySet()) {
      out.append("      { id = ").append(name)
          .append(", address = \"127.0.0.1:").append(apps.get(name).port()).append('"');
      if (routes.get(name) != null) {
        out.append(", route = ").append(routes.get(name));
      }
      out.append(" }\n");
    }
    return out.append("    ]").toString();
  }

  @Override
  public void close() {
    apps.values().forEach(DemoApp::close);
  }
}
