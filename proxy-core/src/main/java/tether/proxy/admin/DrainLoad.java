package tether.proxy.admin;

import tether.proxy.PoolRuntime;
import tether.proxy.PoolRuntimes;
import tether.proxy.pool.Server;

/** Live sessions and requests in flight of a server, for drains; 0 for servers gone. */
final class DrainLoad implements Drains.Load {

  private final PoolRuntimes pools;

  DrainLoad(PoolRuntimes pools) {
    this.pools = pools;
  }

  @Override
  public int liveSessions(String pool, String server) {
    PoolRuntime runtime = pools.get(pool);
    return runtime == null ? 0 : ServerViews.liveSessions(runtime, server);
  }

  @Override
  public int inFlight(String pool, String server) {
    PoolRuntime runtime = pools.get(pool);
    Server s = runtime == null ? null : runtime.pool().snapshot().server(server);
    return s == null ? 0 : (int) s.metrics().inFlight();
  }
}
