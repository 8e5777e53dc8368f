package tether.examples.upgrade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tether.examples.demo.DemoApp;
import tether.examples.demo.DemoOptions;

/**
 * Demo app instances that can be stopped and started again, as an upgrade does. Each keeps its port, so
 * the pool's server of the same id finds it again; a restarted instance is a new version: fresh memory,
 * and the name {@code app1-v2} (then {@code -v3}...) on its pages, so that a test sees which version
 * answered. The pool's server ids are the first names, {@code app1}, {@code app2}...
 */
final class DemoInstances implements AutoCloseable {

  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, DemoApp> running = new LinkedHashMap<>();
  private final Map<String, Integer> versions = new LinkedHashMap<>();

  private DemoInstances() {}

  /** Instances app1..appN on free loopback ports, version 1 each. */
  static DemoInstances start(int count) {
    DemoInstances instances = new DemoInstances();
    try {
      for (int i = 1; i <= count; i++) {
        String id = "app" + i;
        DemoApp app = DemoApp.start(DemoOptions.loopback(id, null));
        instances.ports.put(id, app.port());
        instances.running.put(id, app);
        instances.versions.put(id, 1);
      }
    } catch (RuntimeException e) {
      instances.close();
      throw e;
    }
    return instances;
  }

  synchronized List<String> ids() {
    return new ArrayList<>(ports.keySet());
  }

  /** Stops the instance; false when it is not running. */
  synchronized boolean stop(String id) {
    port(id);
    DemoApp app = running.remove(id);
    if (app == null) {
      return false;
    }
    app.close();
    return true;
  }

  /** Starts the next version on the same port; false when one is running already. */
  synchronized boolean start(String id) {
    int port = port(id);
    if (running.containsKey(id)) {
      return false;
    }
    int version = versions.get(id) + 1;
    running.put(id, DemoApp.start(new DemoOptions(DemoOptions.DEFAULT_BIND, port, name(id, version), null)));
    versions.put(id, version);
    return true;
  }

  /** The version running now or last: 1 until the first restart. */
  synchronized int version(String id) {
    port(id);
    return versions.get(id);
  }

  /** The name a version shows: the id for version 1, {@code id-vN} after. */
  static String name(String id, int version) {
    return version == 1 ? id : id + "-v" + version;
  }

  /** The {@code servers} list of a pool in HOCON, one server per instance. */
  synchronized String serversHocon() {
    return serversHocon(ports.keySet().toArray(String[]::new));
  }

  /** The {@code servers} list of a pool of these instances in HOCON. */
  synchronized String serversHocon(String... ids) {
    StringBuilder out = new StringBuilder("[\n");
    for (String id : ids) {
      out.append("      { id = ").append(id).append(", address = \"127.0.0.1:").append(port(id)).append("\" }\n");
    }
    return out.append("    ]").toString();
  }

  private int port(String id) {
    Integer port = ports.get(id);
    if (port == null) {
      throw new IllegalArgumentException("id: " + id + " (expected: one of " + ports.keySet() + ")");
    }
    return port;
  }

  @Override
  public synchronized void close() {
    running.values().forEach(DemoApp::close);
    running.clear();
  }
}
