package tether.stickiness.appsession;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import tether.stickiness.SessionCounts;
import tether.stickiness.SessionTable;

/**
 * Application session id to server id, learned from servers' Set-Cookie headers. An id unused for
 * the session timeout is forgotten, and the table never holds more than its maximum size; both kinds
 * of eviction are counted. Local to one Tether instance.
 */
public final class LearnedSessionTable implements SessionCounts {

  private final SessionTable<String> table;

  public LearnedSessionTable(Duration sessionTimeout, long maximumSize, Ticker ticker) {
    this.table = new SessionTable<>(sessionTimeout, maximumSize, ticker);
  }

  /** Remembers (or moves) the session. */
  public void learn(String sessionId, String serverId) {
    table.pin(sessionId, serverId);
  }

  /** Forgets the session; true if it was known. */
  public boolean forget(String sessionId) {
    return table.unpin(sessionId);
  }

  /** The server that issued this session, or null; a hit keeps the session alive. */
  public String serverFor(String sessionId) {
    return table.serverFor(sessionId);
  }

  public long size() {
    return table.size();
  }

  /** Sessions dropped because the table was full. */
  public long sizeEvictions() {
    return table.sizeEvictions();
  }

  /** Sessions dropped after the session timeout. */
  public long expirations() {
    return table.expirations();
  }

  @Override
  public long liveSessions(String serverId) {
    return table.liveSessions(serverId);
  }

  @Override
  public Map<String, Long> liveSessions() {
    return table.liveSessions();
  }
}
