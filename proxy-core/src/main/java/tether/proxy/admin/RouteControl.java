package tether.proxy.admin;

import java.util.Map;

/** The routing table as the admin plane reads and replaces it, in the JSON shape of {@code tether.routes}. */
public interface RouteControl {

  /** {@code {"rules": [...]}}. */
  Map<String, Object> json();

  /**
   * Replaces the whole table from {@code {"rules": [...]}}; on any problem nothing changes.
   *
   * @throws tether.admin.engine.AdminException of kind BAD_REQUEST listing every problem
   */
  Map<String, Object> replace(String json);
}
