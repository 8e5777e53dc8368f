package tether.proxy.state;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The operator's changes to one pool: overrides of servers (configured or added), servers added at run
 * time, and configured servers removed. A server id may be both removed and added: the operator
 * replaced a configured server by another at the same id.
 *
 * @param name      the pool's name in the configuration
 * @param overrides by server id, ordered by id; never holds an empty {@link ServerOverrides} when built
 *                  through {@link #withOverrides}
 * @param added     in the order they were added; ids unique
 * @param removed   ids of configured servers, ordered
 */
public record PoolState(
    String name, Map<String, ServerOverrides> overrides, List<AddedServer> added, Set<String> removed) {

  /** {@code null} collections are taken as empty, so that a hand-written file may leave them out. */
  public PoolState {
    Checks.nonBlank("name", name);
    overrides = Checks.sortedMap("overrides", overrides);
    added = Checks.list("added", added);
    removed = Checks.sortedSet("removed", removed);
    Set<String> ids = new HashSet<>();
    for (AddedServer server : added) {
      if (!ids.add(server.id())) {
        throw Checks.refused("added", server.id(), "each server id once");
      }
    }
  }

  public static PoolState empty(String name) {
    return new PoolState(name, Map.of(), List.of(), Set.of());
  }

  public boolean isEmpty() {
    return overrides.isEmpty() && added.isEmpty() && removed.isEmpty();
  }

  /** The server's overrides, {@link ServerOverrides#NONE} when it has none. */
  public ServerOverrides overrides(String serverId) {
    return overrides.getOrDefault(serverId, ServerOverrides.NONE);
  }

  /** The added server with that id, or {@code null}. */
  public AddedServer added(String serverId) {
    for (AddedServer server : added) {
      if (server.id().equals(serverId)) {
        return server;
      }
    }
    return null;
  }

  /** With the server's overrides replaced; empty overrides remove its entry. */
  public PoolState withOverrides(String serverId, ServerOverrides serverOverrides) {
    Checks.nonBlank("serverId", serverId);
    Map<String, ServerOverrides> copy = new TreeMap<>(overrides);
    if (serverOverrides == null || serverOverrides.isEmpty()) {
      copy.remove(serverId);
    } else {
      copy.put(serverId, serverOverrides);
    }
    return new PoolState(name, copy, added, removed);
  }

  /** With the server added, or replaced in place if one with its id was added before. */
  public PoolState withAdded(AddedServer server) {
    Checks.present("server", server, "an added server");
    List<AddedServer> copy = new ArrayList<>(added);
    int at = indexOf(server.id());
    if (at >= 0) {
      copy.set(at, server);
    } else {
      copy.add(server);
    }
    return new PoolState(name, overrides, copy, removed);
  }

  /** Without the added server of that id, nor its overrides. */
  public PoolState withoutAdded(String serverId) {
    List<AddedServer> copy = new ArrayList<>(added);
    copy.removeIf(server -> server.id().equals(serverId));
    return new PoolState(name, overrides, copy, removed).withOverrides(serverId, ServerOverrides.NONE);
  }

  /** With the configured server of that id removed, and its overrides forgotten. */
  public PoolState withRemoved(String serverId) {
    Set<String> copy = new TreeSet<>(removed);
    copy.add(Checks.nonBlank("serverId", serverId));
    return new PoolState(name, overrides, added, copy).withOverrides(serverId, ServerOverrides.NONE);
  }

  /** With the configured server of that id back. */
  public PoolState withoutRemoved(String serverId) {
    Set<String> copy = new TreeSet<>(removed);
    copy.remove(serverId);
    return new PoolState(name, overrides, added, copy);
  }

  private int indexOf(String serverId) {
    for (int i = 0; i < added.size(); i++) {
      if (added.get(i).id().equals(serverId)) {
        return i;
      }
    }
    return -1;
  }
}
