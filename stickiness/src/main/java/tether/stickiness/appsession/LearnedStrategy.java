package tether.stickiness.appsession;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import tether.stickiness.AffinityRequest;
import tether.stickiness.AffinityResponse;
import tether.stickiness.AffinityStrategy;
import tether.stickiness.PoolView;
import tether.stickiness.Resolution;
import tether.stickiness.SessionCounts;
import tether.stickiness.StableHash;

/**
 * Affinity by remembering which server issued each application session id. Ids are learned only from
 * servers' Set-Cookie headers, never from requests, so clients cannot fill the table with ids of their
 * own. An id not in the table resolves to NONE: the session may be new, or learned by another instance.
 */
public final class LearnedStrategy implements AffinityStrategy, SessionCounts {

  public static final String NAME = "learned";

  private static final Resolution NO_ID = Resolution.none(NAME, "no session id");
  private static final Resolution UNKNOWN = Resolution.none(NAME, "unknown session");

  private final LearnedConfig config;
  private final LearnedSessionTable table;
  private final SessionIdReader reader;
  private final String[] cookieNames;
  private final Clock clock;

  public LearnedStrategy(LearnedConfig config, Clock clock, Ticker ticker) {
    if (config == null || clock == null) {
      throw new IllegalArgumentException("config, clock: " + config + ", " + clock + " (expected: non-null)");
    }
    this.config = config;
    this.clock = clock;
    this.table = new LearnedSessionTable(config.sessionTimeout(), config.maximumSize(), ticker);
    this.reader = new SessionIdReader(config.cookieNames(), config.pathParameter(), config.queryParameters());
    this.cookieNames = config.cookieNames().toArray(String[]::new);
  }

  /** With the system clock and ticker. */
  public static LearnedStrategy create(LearnedConfig config) {
    return new LearnedStrategy(config, Clock.systemUTC(), Ticker.systemTicker());
  }

  @Override
  public String name() {
    return NAME;
  }

  public LearnedConfig config() {
    return config;
  }

  public LearnedSessionTable table() {
    return table;
  }

  @Override
  public Resolution resolve(AffinityRequest request, PoolView pool) {
    SessionIdReader.Span span = reader.find(request);
    if (span == null) {
      return NO_ID;
    }
    String sessionId = span.value();
    String serverId = table.serverFor(sessionId);
    return serverId == null ? UNKNOWN : Resolution.valid(NAME, serverId, StableHash.fingerprint(sessionId));
  }

  /**
   * Learns the ids the server set, forgets the ones it deleted (an empty deleting cookie deletes the
   * request's id), and when the proxy moved a known session to another server, moves it in the table.
   */
  @Override
  public void respond(AffinityRequest request, Resolution resolved, String servedBy, AffinityResponse response) {
    if (servedBy == null) {
      return;
    }
    List<String> setCookies = response.setCookies();
    long now = setCookies.isEmpty() ? 0 : clock.millis();
    for (String header : setCookies) {
      SetCookieHeader cookie = SetCookieHeader.parse(header, cookieNames, now);
      if (cookie == null) {
        continue;
      }
      if (!cookie.deletes()) {
        table.learn(cookie.value(), servedBy);
      } else if (!cookie.value().isEmpty()) {
        table.forget(cookie.value());
      } else {
        SessionIdReader.Span span = reader.find(request);
        if (span != null) {
          table.forget(span.value());
        }
      }
    }
    if (resolved != null && NAME.equals(resolved.strategy()) && resolved.serverId() != null
        && !servedBy.equals(resolved.serverId())) {
      SessionIdReader.Span span = reader.find(request);
      // Only an id already in the table moves; requests never add ids.
      if (span != null && table.serverFor(span.value()) != null) {
        table.learn(span.value(), servedBy);
      }
    }
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
