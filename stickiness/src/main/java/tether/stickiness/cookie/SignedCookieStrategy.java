package tether.stickiness.cookie;

import com.github.benmanes.caffeine.cache.Ticker;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tether.stickiness.AffinityRequest;
import tether.stickiness.AffinityResponse;
import tether.stickiness.AffinityStrategy;
import tether.stickiness.PoolView;
import tether.stickiness.Resolution;
import tether.stickiness.SessionCounts;
import tether.stickiness.SessionTable;

/**
 * Affinity through Tether's own signed cookie. Stateless across instances: any instance holding the
 * same keys reads the same server from the same cookie. The cookie is stripped from requests (servers
 * never see it), a rejected one is never echoed back, and max-idle and max-life are enforced from the
 * signed times, not left to the browser.
 *
 * <p>It also counts live sessions per server: the distinct session ids this instance served within
 * max-idle. A session it started is counted from its first response, but enters the session table only
 * when its cookie comes back (see {@link UnreturnedSessions}).
 */
public final class SignedCookieStrategy implements AffinityStrategy, SessionCounts {

  public static final String NAME = "cookie";

  private static final Resolution ABSENT = Resolution.none(NAME, "no cookie");
  private static final Resolution FROM_THE_FUTURE = Resolution.invalid(NAME, "issued in the future");
  private static final Resolution IDLE = Resolution.expired(NAME, "max-idle exceeded");
  private static final Resolution TOO_OLD = Resolution.expired(NAME, "max-life exceeded");

  private final SignedCookieConfig config;
  private final CookieCodec codec;
  private final DecodedValues decoded;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final RandomBlocks ids = new RandomBlocks(random);
  private final SessionTable<SessionKey> sessions;
  private final UnreturnedSessions unreturned;
  /**
   * The low bits of the session ids this instance makes. A returning session leaves this instance's
   * count of unreturned ones only if this instance started it: with several instances behind one
   * balancer, a session started elsewhere was never counted here.
   */
  private final long instanceTag;
  private final String attributes;
  private final long maxIdle;
  private final long maxLife;
  private final long refresh;
  private final long skew;

  private static final long TAG_MASK = 0xFFFF;

  /** Session ids as the live-session table keys them: 32 bytes each instead of a 32-character string. */
  private record SessionKey(long high, long low) {}

  public SignedCookieStrategy(SignedCookieConfig config, Clock clock, Ticker ticker) {
    if (config == null || clock == null) {
      throw new IllegalArgumentException("config, clock: " + config + ", " + clock + " (expected: non-null)");
    }
    this.config = config;
    this.codec = new CookieCodec(config.keys(), config.pool());
    this.decoded = new DecodedValues(codec);
    this.clock = clock;
    this.sessions = new SessionTable<>(config.maxIdle(), config.maxTrackedSessions(), ticker);
    this.unreturned = new UnreturnedSessions(config.maxIdle());
    this.instanceTag = random.nextLong() & TAG_MASK;
    this.attributes = config.attributes().render();
    this.maxIdle = config.maxIdle().toSeconds();
    this.maxLife = config.maxLife().toSeconds();
    this.refresh = config.refreshInterval().toSeconds();
    this.skew = config.clockSkew().toSeconds();
  }

  /** With the system clock and ticker. */
  public static SignedCookieStrategy create(SignedCookieConfig config) {
    return new SignedCookieStrategy(config, Clock.systemUTC(), Ticker.systemTicker());
  }

  @Override
  public String name() {
    return NAME;
  }

  public SignedCookieConfig config() {
    return config;
  }

  @Override
  public Resolution resolve(AffinityRequest request, PoolView pool) {
    String value = request.cookie(config.cookieName());
    if (value == null) {
      return ABSENT;
    }
    CookieCodec.Decoded d = decoded.decode(value);
    if (!d.ok()) {
      return Resolution.invalid(NAME, d.failure());
    }
    AffinityToken token = d.token();
    Resolution rejected = judge(token, nowSeconds());
    return rejected != null ? rejected : Resolution.valid(NAME, token.serverId(), token.sessionId());
  }

  /**
   * Writes a cookie when the session needs one: none or a rejected one came in, the session moved to
   * another server or here from another pool, the last refresh is older than the refresh interval, it
   * was signed with a key that is no longer primary (so rotation moves sessions to the new key), or it
   * names no pool (version 1).
   */
  @Override
  public void respond(AffinityRequest request, Resolution resolved, String servedBy, AffinityResponse response) {
    if (servedBy == null) {
      return;
    }
    long now = nowSeconds();
    // Read again rather than trusted from 'resolved', which may come from another strategy; the value
    // was normally verified moments ago and is remembered.
    String value = request.cookie(config.cookieName());
    CookieCodec.Decoded d = value == null ? null : decoded.decode(value);
    // Another pool's genuine token comes from pools sharing the cookie's name on one host (a split): its
    // session moves here as it would to another server, rather than start again.
    AffinityToken current = d != null && d.token() != null && judge(d.token(), now) == null ? d.token() : null;
    AffinityToken next;
    if (current == null) {
      next = newSession(servedBy, now);
    } else if (d.foreign() || !current.serverId().equals(servedBy)) {
      next = current.movedTo(servedBy, now);
    } else if (now - current.lastSeen() >= refresh || !d.upToDate()
        || !config.keys().primaryKeyId().equals(d.keyId())) {
      next = current.seenAt(now);
    } else {
      next = null;
    }
    if (current == null) {
      unreturned.started(servedBy, now);
    } else if (sessions.pin(new SessionKey(current.sessionHigh(), current.sessionLow()), servedBy)
        && !d.foreign() && (current.sessionLow() & TAG_MASK) == instanceTag) {
      // Only a session this pool's strategy started on this instance was counted as unreturned here.
      unreturned.returned(current.serverId(), current.issuedAt());
    }
    if (next != null) {
      response.addSetCookie(config.cookieName() + "=" + codec.encode(next) + attributes);
      keepOutOfSharedCaches(response);
    }
  }

  @Override
  public Set<String> requestCookiesToStrip() {
    return Set.of(config.cookieName());
  }

  @Override
  public long liveSessions(String serverId) {
    return sessions.liveSessions(serverId) + unreturned.count(serverId, nowSeconds());
  }

  @Override
  public Map<String, Long> liveSessions() {
    Map<String, Long> live = unreturned.counts(nowSeconds());
    sessions.liveSessions().forEach((server, n) -> live.merge(server, n, Long::sum));
    return Map.copyOf(live);
  }

  /** Null if the verified token is still good now, else why not. */
  private Resolution judge(AffinityToken token, long now) {
    if (token.issuedAt() > now + skew || token.lastSeen() > now + skew) {
      return FROM_THE_FUTURE;
    }
    if (now - token.issuedAt() > maxLife) {
      return TOO_OLD;
    }
    if (now - token.lastSeen() > maxIdle) {
      return IDLE;
    }
    return null;
  }

  /** Adds to the server's Cache-Control rather than replacing it, unless it already keeps shared caches out. */
  private void keepOutOfSharedCaches(AffinityResponse response) {
    String directive = config.cacheControl().directive();
    String existing = response.header("Cache-Control");
    if (existing == null || existing.isBlank()) {
      response.setHeader("Cache-Control", directive);
      return;
    }
    String lower = existing.toLowerCase(Locale.ROOT);
    boolean alreadyKeptOut = lower.contains("no-store") || lower.contains("private")
        || lower.contains(directive.toLowerCase(Locale.ROOT));
    if (!alreadyKeptOut) {
      response.setHeader("Cache-Control", existing + ", " + directive);
    }
  }

  private AffinityToken newSession(String serverId, long now) {
    long high = ids.nextLong();
    long low = ids.nextLong() & ~TAG_MASK | instanceTag;
    return new AffinityToken(serverId, high, low, now, now);
  }

  private long nowSeconds() {
    return Math.floorDiv(clock.millis(), 1000L);
  }
}
