package tether.proxy.config;

/** Servers defined outside the file, by the admin API, checked as strictly as the file's. */
public final class ServerDefinitions {

  private ServerDefinitions() {}

  /**
   * A server from its parts; {@code route} may be null (the id is the route).
   *
   * @throws IllegalArgumentException naming the bad part, in the config's message format
   */
  public static ServerConfig parse(String id, String address, int weight, String route) {
    if (id == null || !PoolMapper.NAME.matcher(id).matches()) {
      throw new IllegalArgumentException("id: " + id + " (expected: " + PoolMapper.NAME_EXPECTED + ")");
    }
    if (route != null && !PoolMapper.NAME.matcher(route).matches()) {
      throw new IllegalArgumentException("route: " + route + " (expected: " + PoolMapper.NAME_EXPECTED + ")");
    }
    if (weight < 0 || weight > ServerConfig.MAX_WEIGHT) {
      throw new IllegalArgumentException("weight: " + weight + " (expected: 0.." + ServerConfig.MAX_WEIGHT + ")");
    }
    HostPort parsed;
    try {
      parsed = Addresses.parseHostPort(address == null ? "" : address);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("address: " + address + " (expected: " + e.getMessage() + ")");
    }
    return new ServerConfig(id, parsed, weight, route == null ? id : route);
  }
}
