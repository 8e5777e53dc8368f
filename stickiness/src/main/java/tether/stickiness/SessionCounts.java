package tether.stickiness;

import java.util.Map;

/**
 * Live sessions per server as one Tether instance sees them; the admin plane and draining read it.
 * Strategies that can know (the learned table, the signed cookie) implement it.
 */
public interface SessionCounts {

  /** Live sessions pinned to this server; 0 for an unknown server. */
  long liveSessions(String serverId);

  /** Live sessions by server id, servers with none left out. */
  Map<String, Long> liveSessions();
}
