package tether.stickiness;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sessions pinned to servers, forgotten after an idle time or when full, with exact live counts per
 * server: the counts change inside the same atomic cache operation that pins, moves, removes or
 * evicts an entry (Caffeine's synchronous eviction listener and {@code compute}), so they stay right
 * when a session moves server or expires.
 *
 * <p>Maintenance (expiry, size eviction) runs on the calling thread, which keeps it deterministic
 * under an injected {@link Ticker}; counts read through {@link #liveSessions()} first run it, so
 * expired sessions are never counted.
 *
 * @param <K> the session key; small immutable values keep the memory per session low
 */
public final class SessionTable<K> implements SessionCounts {

  private final Cache<K, ServerCount> cache;
  private final ConcurrentHashMap<String, ServerCount> counts = new ConcurrentHashMap<>();
  private final LongAdder sizeEvictions = new LongAdder();
  private final LongAdder expirations = new LongAdder();

  public SessionTable(Duration expireAfterAccess, long maximumSize, Ticker ticker) {
    if (expireAfterAccess == null || expireAfterAccess.isNegative() || expireAfterAccess.isZero()) {
      throw new IllegalArgumentException("expireAfterAccess: " + expireAfterAccess + " (expected: > 0)");
    }
    if (maximumSize < 1) {
      throw new IllegalArgumentException("maximumSize: " + maximumSize + " (expected: >= 1)");
    }
    if (ticker == null) {
      throw new IllegalArgumentException("ticker: null (expected: a Ticker)");
    }
    this.cache = Caffeine.newBuilder()
        .expireAfterAccess(expireAfterAccess)
        .maximumSize(maximumSize)
        .ticker(ticker)
        .executor(Runnable::run)
        .evictionListener(this::evicted)
        .build();
  }

  /** The server this session is pinned to, or null; a hit counts as activity. */
  public String serverFor(K key) {
    ServerCount pinned = cache.getIfPresent(key);
    return pinned == null ? null : pinned.serverId;
  }

  /**
   * Pins the session to this server, moving it if it was pinned elsewhere; counts as activity.
   *
   * @return whether the table did not hold the session before
   */
  public boolean pin(K key, String serverId) {
    ServerCount target = counts.computeIfAbsent(serverId, ServerCount::new);
    if (cache.getIfPresent(key) == target) {
      return false; // the common case: a read, not a write
    }
    boolean[] added = new boolean[1];
    cache.asMap().compute(key, (k, old) -> {
      if (old != target) {
        if (old != null) {
          old.sessions.decrement();
        } else {
          added[0] = true;
        }
        target.sessions.increment();
      }
      return target;
    });
    return added[0];
  }

  /** Forgets the session; true if it was pinned. */
  public boolean unpin(K key) {
    boolean[] removed = new boolean[1];
    cache.asMap().computeIfPresent(key, (k, old) -> {
      old.sessions.decrement();
      removed[0] = true;
      return null;
    });
    return removed[0];
  }

  /** Sessions held, after expiring what is due. */
  public long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /** Sessions dropped because the table was full. */
  public long sizeEvictions() {
    return sizeEvictions.sum();
  }

  /** Sessions dropped because they were idle too long. */
  public long expirations() {
    return expirations.sum();
  }

  /** Runs pending expiry and eviction now. */
  public void cleanUp() {
    cache.cleanUp();
  }

  @Override
  public long liveSessions(String serverId) {
    cache.cleanUp();
    ServerCount count = counts.get(serverId);
    return count == null ? 0 : count.sessions.sum();
  }

  @Override
  public Map<String, Long> liveSessions() {
    cache.cleanUp();
    Map<String, Long> live = new HashMap<>();
    counts.forEach((server, count) -> {
      long sessions = count.sessions.sum();
      if (sessions > 0) {
        live.put(server, sessions);
      }
    });
    return Map.copyOf(live);
  }

  private void evicted(K key, ServerCount pinned, RemovalCause cause) {
    if (pinned != null) {
      pinned.sessions.decrement();
    }
    if (cause == RemovalCause.SIZE) {
      sizeEvictions.increment();
    } else if (cause == RemovalCause.EXPIRED) {
      expirations.increment();
    }
  }

  /** Shared by every entry pinned to one server, so a million entries hold one copy of each server id. */
  private static final class ServerCount {

    final String serverId;
    final LongAdder sessions = new LongAdder();

    ServerCount(String serverId) {
      this.serverId = serverId;
    }
  }
}
