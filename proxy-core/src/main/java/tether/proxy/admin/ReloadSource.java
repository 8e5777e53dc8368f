package tether.proxy.admin;

import tether.proxy.PoolRuntime;
import tether.proxy.config.PoolConfig;
import tether.proxy.config.TetherConfig;

/** What a reload needs from the proxy: the configuration read again, and new pools started. */
public interface ReloadSource {

  /**
   * The configuration file as it is now.
   *
   * @throws tether.proxy.config.InvalidConfigException listing every problem of the file
   */
  TetherConfig read();

  /** A pool the file added, started (checks running) but not yet taking traffic. */
  PoolRuntime startPool(PoolConfig config);
}
