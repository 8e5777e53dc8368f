package tether.admin.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The engine as the admin plane sees it. Implementations must be thread-safe; the admin plane calls
 * them from worker threads, never from an I/O thread, so a call may take a short lock or persist
 * runtime state before it returns.
 *
 * <p>Every method that names a pool or a server throws {@link AdminException} of kind {@code
 * NOT_FOUND} when it does not exist. Methods that change a server return its view after the change,
 * which the admin plane shows to the caller and records in the audit log.
 */
public interface AdminEngine {

  /** The highest weight an operator may set; the admin plane refuses more. */
  int MAX_WEIGHT = 1000;

  /** Every pool, in the order of the configuration. */
  List<PoolView> pools();

  PoolView pool(String pool);

  ServerView server(String pool, String server);

  /**
   * Sets the configured weight at run time (an override of the configuration) and ends a ramp in
   * progress. {@code weight} is between 0 and {@link #MAX_WEIGHT}; the admin plane checks that first.
   */
  ServerView setWeight(String pool, String server, int weight);

  /** Moves the weight from its current value to {@code plan.target()}; replaces a ramp in progress. */
  ServerView startRamp(String pool, String server, RampPlan plan);

  /** Holds the weight where it is. {@code CONFLICT} without a ramp, or when it is paused already. */
  ServerView pauseRamp(String pool, String server);

  /** Continues a paused ramp from where it stopped. {@code CONFLICT} unless a ramp is paused. */
  ServerView resumeRamp(String pool, String server);

  /** Stops a ramp and keeps the weight it had reached. {@code CONFLICT} without a ramp. */
  ServerView abortRamp(String pool, String server);

  /**
   * Stops sending new sessions to the server; its pinned sessions and requests in flight carry on.
   * With a {@code deadline} (nullable) the engine stops waiting for sessions after that long.
   * {@code CONFLICT} when the server is in maintenance.
   */
  ServerView drain(String pool, String server, Duration deadline);

  /** The progress of the server's drain. {@code CONFLICT} when it is not draining. */
  DrainView drainProgress(String pool, String server);

  /**
   * Completes with the final view once the drain is done, or exceptionally with an {@link
   * AdminException} when the drain is called off (the server enabled or removed). The admin plane only
   * listens to the future and never completes it. {@code CONFLICT} when the server is not draining.
   */
  CompletableFuture<DrainView> whenDrained(String pool, String server);

  /** Back to active: new sessions again. Ends a drain or maintenance. */
  ServerView enable(String pool, String server);

  /** Maintenance: no traffic at all, pinned sessions go elsewhere. */
  ServerView disable(String pool, String server);

  /** {@code CONFLICT} when a server with that id or route exists in the pool already. */
  ServerView addServer(String pool, NewServer server);

  /**
   * Takes the server out of the pool. Unless {@code force}, refused with {@code CONFLICT} while it
   * could still lose someone's work: it must be drained (done) or in maintenance, with nothing in
   * flight.
   */
  void removeServer(String pool, String server, boolean force);

  /**
   * Where a session is pinned: {@code sessionToken} is the value of the affinity cookie or the
   * application's session id. Empty when the pool would not pin it anywhere.
   */
  Optional<SessionPin> findSession(String pool, String sessionToken);

  /**
   * The routing rules as JSON-able data: nested {@code Map<String, ?>}, {@code List<?>}, strings,
   * numbers, booleans and nulls, in the same shape that {@link #replaceRoutes} accepts.
   */
  Map<String, Object> routes();

  /**
   * Parses, checks and installs a whole new rule table from its JSON text, and returns it as {@link
   * #routes()} would. On any problem nothing changes and an {@link AdminException} of kind {@code
   * BAD_REQUEST} lists every problem in {@link AdminException#messages()}.
   */
  Map<String, Object> replaceRoutes(String json);

  /**
   * Drops the rule table set at run time by {@link #replaceRoutes}, so that the configuration's rules
   * apply again; returns them as {@link #routes()} would. Nothing to drop is not an error.
   */
  Map<String, Object> clearRoutes();

  /** Forgets the run-time value of {@code setting} so the configured one applies again. */
  ServerView clearOverride(String pool, String server, Setting setting);

  /**
   * Reads the configuration file again and applies it under the run-time overrides, which win until
   * they are cleared. The new file is checked whole first: on any problem nothing changes and an
   * {@link AdminException} of kind {@code BAD_REQUEST} (field {@code config}) lists every problem.
   */
  ReloadReport reload();
}
