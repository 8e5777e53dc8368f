package tether.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's signed-in sessions, each ending a fixed time after sign-in.
 *
 * <p>Sessions are kept by the hash of their id, never by the id: a map lookup's time depends on the
 * key, and this way it depends on a hash an attacker cannot steer toward a real id. A memory dump
 * does not hand out usable ids either.
 */
final class ConsoleSessions {

  /** Enough for every operator many times over; only a token holder can sign in at all. */
  static final int MAX_SESSIONS = 10_000;

  /** A new session and the id that goes in its cookie (the only place the id is kept). */
  record Opened(String id, ConsoleSession session) {}

  private final Clock clock;
  private final Duration ttl;
  private final Map<String, ConsoleSession> byIdHash = new ConcurrentHashMap<>();

  ConsoleSessions(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  Opened open(TokenRegistry.Identity identity) {
    purgeExpired();
    String id = Secrets.random();
    String idHash = hash(id);
    ConsoleSession session = new ConsoleSession(
        idHash, identity.name(), identity.role(), Secrets.random(), clock.instant().plus(ttl));
    byIdHash.put(idHash, session);
    return new Opened(id, session);
  }

  /** The live session with this id; an expired one is forgotten on the way. */
  Optional<ConsoleSession> find(String id) {
    String idHash = hash(id);
    ConsoleSession session = byIdHash.get(idHash);
    if (session == null) {
      return Optional.empty();
    }
    if (session.expiredAt(clock.instant())) {
      byIdHash.remove(idHash, session);
      return Optional.empty();
    }
    return Optional.of(session);
  }

  void close(ConsoleSession session) {
    byIdHash.remove(session.idHash(), session);
  }

  private void purgeExpired() {
    var now = clock.instant();
    byIdHash.values().removeIf(session -> session.expiredAt(now));
    while (byIdHash.size() >= MAX_SESSIONS) {
      byIdHash.values().stream()
          .min(Comparator.comparing(ConsoleSession::expires))
          .ifPresent(this::close);
    }
  }

  private static String hash(String id) {
    return Secrets.base64(Secrets.sha256(id));
  }
}
