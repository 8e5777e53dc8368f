package tether.proxy.affinity;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.undertow.server.HttpServerExchange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import tether.proxy.config.AffinityConfig;
import tether.proxy.config.KeysConfig;
import tether.proxy.pool.PoolSnapshot;
import tether.proxy.pool.Server;
import tether.stickiness.AffinityChain;
import tether.stickiness.AffinityRequest;
import tether.stickiness.AffinityStrategy;
import tether.stickiness.Outcome;
import tether.stickiness.Resolution;
import tether.stickiness.SessionCounts;
import tether.stickiness.appsession.LearnedStrategy;
import tether.stickiness.appsession.RouteSuffixStrategy;
import tether.stickiness.cookie.SignedCookieConfig;
import tether.stickiness.cookie.SignedCookieStrategy;
import tether.stickiness.cookie.SigningKeys;
import tether.stickiness.hash.ClientAddressStrategy;
import tether.stickiness.hash.HeaderHashStrategy;

/**
 * A pool's affinity: its chain of strategies, what to do when a pinned server cannot take a request, and
 * the count of outcomes under {@code tether.pool.POOL.affinity.OUTCOME} and
 * {@code tether.pool.POOL.affinity.STRATEGY.OUTCOME}. It lives as long as the pool, across snapshots, so
 * that learned sessions and live-session counts survive every change to the servers.
 */
public final class PoolAffinity {

  private final AffinityChain chain;
  private final AffinityConfig.Unavailable whenUnavailable;
  private final String retryAfterSeconds;
  private final Set<String> cookiesToStrip;
  private final OutcomeMeters meters;
  private volatile SnapshotView view;

  private PoolAffinity(AffinityChain chain, AffinityConfig config, OutcomeMeters meters) {
    this.chain = chain;
    this.whenUnavailable = config.whenUnavailable();
    this.retryAfterSeconds = Long.toString(Math.max(1, config.retryAfter().toSeconds()));
    this.cookiesToStrip = chain.requestCookiesToStrip();
    this.meters = meters;
  }

  /** The affinity of a pool, or {@code null} when the pool has none. */
  public static PoolAffinity create(
      String pool, AffinityConfig config, KeysConfig keys, MetricRegistry registry, Clock clock, Ticker ticker) {
    if (!config.enabled()) {
      return null;
    }
    List<AffinityStrategy> strategies = new ArrayList<>();
    for (AffinityConfig.Strategy s : config.strategies()) {
      strategies.add(strategy(pool, s, config, keys, clock, ticker));
    }
    AffinityChain chain = AffinityChain.of(strategies);
    List<String> names = strategies.stream().map(AffinityStrategy::name).toList();
    return new PoolAffinity(chain, config, new OutcomeMeters(registry, pool, names));
  }

  private static AffinityStrategy strategy(String pool,
      AffinityConfig.Strategy kind, AffinityConfig config, KeysConfig keys, Clock clock, Ticker ticker) {
    return switch (kind) {
      case COOKIE -> {
        AffinityConfig.CookieSettings c = config.cookie();
        SignedCookieConfig cookie =
            SignedCookieConfig.builder(SigningKeys.fromBase64(keys.primary(), keys.secrets()))
                .cookieName(c.name())
                .maxIdle(c.maxIdle())
                .maxLife(c.maxLife())
                .refreshInterval(c.refreshInterval())
                .attributes(c.attributes())
                .pool(pool)
                .build();
        yield new SignedCookieStrategy(cookie, clock, ticker);
      }
      case ROUTE_SUFFIX -> new RouteSuffixStrategy(config.routeSuffix());
      case LEARNED -> new LearnedStrategy(config.learned(), clock, ticker);
      case HEADER -> new HeaderHashStrategy(config.header());
      case CLIENT_ADDRESS -> new ClientAddressStrategy(config.clientAddress());
    };
  }

  /**
   * Reads the request's affinity and checks its server against {@code snapshot}: a pin to a server that
   * may take the request is kept; one to a server that may not is redispatched or refused, as configured;
   * one to a server the pool does not have is invalid.
   */
  public Pinning pin(AffinityRequest request, PoolSnapshot snapshot) {
    Resolution r = chain.resolve(request, view(snapshot));
    if (!r.isValid()) {
      return new Pinning(r, null, false);
    }
    Server server = snapshot.server(r.serverId());
    if (server == null) {
      return new Pinning(Resolution.invalid(r.strategy(), "unknown server " + r.serverId()), null, false);
    }
    if (server.acceptsPinnedSessions()) {
      return new Pinning(r, server, false);
    }
    if (whenUnavailable == AffinityConfig.Unavailable.INSIST) {
      return new Pinning(r, null, true);
    }
    Resolution moved = r.withOutcome(Outcome.REDISPATCHED, "server " + server.id() + " is " + server.state());
    return new Pinning(moved, null, false);
  }

  /**
   * Whether this request's session is one of this pool's, when a split could send it to one of several
   * pools: a strategy that names servers (not a hashing one) names a server of {@code snapshot} that may
   * take it, or one this pool insists on, so that the refusal is this pool's. A session whose server
   * may not take it is redispatched anyway, so it is free to go wherever the split's weights send it.
   */
  public boolean holds(AffinityRequest request, PoolSnapshot snapshot) {
    Resolution r = chain.resolveNamed(request, view(snapshot));
    Server server = r.isValid() ? snapshot.server(r.serverId()) : null;
    return server != null && (server.acceptsPinnedSessions() || whenUnavailable == AffinityConfig.Unavailable.INSIST);
  }

  /** The hash of the request's key for the first hashing strategy that finds one (a header, the client's network). */
  public OptionalLong keyHash(AffinityRequest request) {
    return chain.keyHash(request);
  }

  /**
   * Where a session is pinned, for the admin plane: {@code token} is tried as the value of every cookie
   * and header the strategies read (Tether's cookie, the application's session id). Empty when no
   * strategy pins it to a server of the snapshot.
   */
  public Optional<Resolution> locate(String token, PoolSnapshot snapshot) {
    AffinityRequest probe = new TokenRequest(token);
    Resolution r;
    try {
      r = chain.resolve(probe, view(snapshot));
    } catch (RuntimeException e) {
      // A strategy that needs what a token cannot give (a client address) cannot say.
      return Optional.empty();
    }
    if (!r.isValid() || snapshot.server(r.serverId()) == null) {
      return Optional.empty();
    }
    return Optional.of(r);
  }

  /** A request that carries one token everywhere a strategy may look for a session. */
  private record TokenRequest(String token) implements AffinityRequest {
    @Override
    public String cookie(String name) {
      return token;
    }

    @Override
    public String header(String name) {
      return token;
    }

    @Override
    public String rawPath() {
      return "/";
    }

    @Override
    public String rawQuery() {
      return null;
    }

    @Override
    public java.net.InetAddress clientAddress() {
      return null;
    }
  }

  /** Whether a pinned request whose server failed must be refused rather than moved. */
  public boolean insists() {
    return whenUnavailable == AffinityConfig.Unavailable.INSIST;
  }

  /** The Retry-After value, in seconds, sent with a refusal. */
  public String retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** Writes affinity on the response of {@code servedBy}, once its headers are in the exchange. */
  public void respond(
      AffinityRequest request, Resolution resolution, String servedBy, HttpServerExchange exchange) {
    chain.respond(request, resolution, servedBy, new ExchangeAffinityResponse(exchange));
  }

  /** Cookies of Tether's own that the server must never see. */
  public Set<String> cookiesToStrip() {
    return cookiesToStrip;
  }

  /** Counts a request's final outcome; once per request. */
  public void record(Resolution resolution) {
    meters.record(resolution);
  }

  /**
   * Counts a request refused because its session's server could not take it and the pool insists, under
   * {@code affinity.refused}: nothing moved, so it is neither valid nor redispatched.
   */
  public void recordRefused(Resolution resolution) {
    meters.refused(resolution);
  }

  /** Live sessions per server, where a strategy can know them. */
  public Optional<SessionCounts> sessionCounts() {
    return chain.sessionCounts();
  }

  private SnapshotView view(PoolSnapshot snapshot) {
    SnapshotView v = view;
    if (v == null || v.snapshot() != snapshot) {
      // Snapshots change rarely; the view (and its hash ring) is built once per snapshot.
      v = new SnapshotView(snapshot);
      view = v;
    }
    return v;
  }

  /** Meters per outcome, and per strategy and outcome, made once so that recording allocates nothing. */
  private static final class OutcomeMeters {
    private final Map<Outcome, Meter> total = new EnumMap<>(Outcome.class);
    private final Map<String, Map<Outcome, Meter>> byStrategy = new HashMap<>();
    private final Meter refused;
    private final Map<String, Meter> refusedByStrategy = new HashMap<>();

    OutcomeMeters(MetricRegistry registry, String pool, List<String> strategies) {
      String base = MetricRegistry.name("tether.pool", pool, "affinity");
      refused = registry.meter(MetricRegistry.name(base, "refused"));
      for (String s : strategies) {
        refusedByStrategy.put(s, registry.meter(MetricRegistry.name(base, s, "refused")));
      }
      for (Outcome o : Outcome.values()) {
        String outcome = o.name().toLowerCase(java.util.Locale.ROOT);
        total.put(o, registry.meter(MetricRegistry.name(base, outcome)));
        for (String s : strategies) {
          byStrategy
              .computeIfAbsent(s, k -> new EnumMap<>(Outcome.class))
              .put(o, registry.meter(MetricRegistry.name(base, s, outcome)));
        }
      }
    }

    void refused(Resolution r) {
      refused.mark();
      Meter forStrategy = r.strategy() == null ? null : refusedByStrategy.get(r.strategy());
      if (forStrategy != null) {
        forStrategy.mark();
      }
    }

    void record(Resolution r) {
      total.get(r.outcome()).mark();
      Map<Outcome, Meter> forStrategy = r.strategy() == null ? null : byStrategy.get(r.strategy());
      if (forStrategy != null) {
        forStrategy.get(r.outcome()).mark();
      }
    }
  }
}
