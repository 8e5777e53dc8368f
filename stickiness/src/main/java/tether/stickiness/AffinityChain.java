package tether.stickiness;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The strategies a route configures, in order. {@link #resolve} returns the first VALID answer; if
 * there is none, the first INVALID or EXPIRED one (so the proxy can count it) with no server; else
 * {@link Resolution#NO_AFFINITY}. {@link #respond} lets every strategy write.
 */
public final class AffinityChain {

  private final AffinityStrategy[] strategies;
  private final Set<String> cookiesToStrip;
  private final SessionCounts sessionCounts;

  private AffinityChain(List<AffinityStrategy> strategies) {
    this.strategies = strategies.toArray(AffinityStrategy[]::new);
    Set<String> strip = new LinkedHashSet<>();
    List<SessionCounts> counters = new ArrayList<>();
    for (AffinityStrategy strategy : strategies) {
      strip.addAll(strategy.requestCookiesToStrip());
      if (strategy instanceof SessionCounts counts) {
        counters.add(counts);
      }
    }
    this.cookiesToStrip = Set.copyOf(strip);
    this.sessionCounts = counters.isEmpty() ? null : new LargestSessionCount(counters);
  }

  /** A chain of these strategies in this order; names must be distinct (a strategy knows its own answers by name). */
  public static AffinityChain of(List<? extends AffinityStrategy> strategies) {
    if (strategies == null || strategies.isEmpty()) {
      throw new IllegalArgumentException("strategies: " + strategies + " (expected: at least one strategy)");
    }
    Set<String> names = new HashSet<>();
    for (AffinityStrategy strategy : strategies) {
      if (strategy == null || !names.add(strategy.name())) {
        throw new IllegalArgumentException("strategies: " + names(strategies)
            + " (expected: distinct, non-null strategies)");
      }
    }
    return new AffinityChain(List.copyOf(strategies));
  }

  public static AffinityChain of(AffinityStrategy... strategies) {
    return of(List.of(strategies));
  }

  public Resolution resolve(AffinityRequest request, PoolView pool) {
    Resolution informative = null;
    for (AffinityStrategy strategy : strategies) {
      Resolution resolution = strategy.resolve(request, pool);
      if (resolution.outcome() == Outcome.VALID) {
        return resolution;
      }
      if (informative == null && resolution.outcome() != Outcome.NONE) {
        informative = resolution;
      }
    }
    if (informative == null) {
      return Resolution.NO_AFFINITY;
    }
    // Strategies already leave serverId null when not VALID; normalise in case one does not.
    return informative.serverId() == null
        ? informative
        : new Resolution(informative.outcome(), informative.strategy(), null, informative.sessionId(),
            informative.reason());
  }

  /**
   * The first VALID answer of a strategy that names the server (not one that {@link
   * AffinityStrategy#hashes hashes}), or {@link Resolution#NO_AFFINITY}: whether this request's session is
   * one of this pool's, when a request could go to one of several pools.
   */
  public Resolution resolveNamed(AffinityRequest request, PoolView pool) {
    for (AffinityStrategy strategy : strategies) {
      if (!strategy.hashes()) {
        Resolution resolution = strategy.resolve(request, pool);
        if (resolution.outcome() == Outcome.VALID) {
          return resolution;
        }
      }
    }
    return Resolution.NO_AFFINITY;
  }

  /** The key hash of the first strategy that hashes and finds its key in the request; empty if none does. */
  public OptionalLong keyHash(AffinityRequest request) {
    for (AffinityStrategy strategy : strategies) {
      OptionalLong hash = strategy.keyHash(request);
      if (hash.isPresent()) {
        return hash;
      }
    }
    return OptionalLong.empty();
  }

  /** Lets every strategy write affinity for the server that served the request (null when none did). */
  public void respond(AffinityRequest request, Resolution resolved, String servedBy, AffinityResponse response) {
    for (AffinityStrategy strategy : strategies) {
      strategy.respond(request, resolved, servedBy, response);
    }
  }

  /** Request cookies the proxy removes before forwarding. */
  public Set<String> requestCookiesToStrip() {
    return cookiesToStrip;
  }

  /**
   * Live sessions per server, if any strategy of the chain can count them. With several counting
   * strategies each sees a subset of the sessions, so the largest count per server is reported.
   */
  public Optional<SessionCounts> sessionCounts() {
    return Optional.ofNullable(sessionCounts);
  }

  public List<AffinityStrategy> strategies() {
    return List.of(strategies);
  }

  private static List<String> names(List<? extends AffinityStrategy> strategies) {
    List<String> names = new ArrayList<>();
    for (AffinityStrategy strategy : strategies) {
      names.add(strategy == null ? null : strategy.name());
    }
    return names;
  }
}
