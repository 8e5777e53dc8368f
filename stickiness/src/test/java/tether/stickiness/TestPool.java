package tether.stickiness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A pool view for tests: servers whose route is their id, unless routes say otherwise. */
public final class TestPool implements PoolView {

  private final Map<String, String> routes = new HashMap<>();
  private final HashRing ring;
  private Predicate<String> bound = server -> true;

  public TestPool(String... serverIds) {
    List<HashRing.Member> members = new ArrayList<>();
    for (String id : serverIds) {
      routes.put(id, id);
      members.add(new HashRing.Member(id, 1));
    }
    this.ring = HashRing.of(members);
  }

  public TestPool route(String route, String serverId) {
    routes.put(route, serverId);
    return this;
  }

  public TestPool bound(Predicate<String> value) {
    bound = value;
    return this;
  }

  @Override
  public String serverIdForRoute(String route) {
    return routes.get(route);
  }

  @Override
  public HashRing ring() {
    return ring;
  }

  @Override
  public Predicate<String> underLoadBound() {
    return bound;
  }
}
