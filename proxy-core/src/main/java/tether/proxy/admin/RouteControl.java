package tether.proxy.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tether.admin.engine.AdminException;
import tether.proxy.PoolRuntimes;
import tether.proxy.RouteCompiler;
import tether.proxy.config.InvalidConfigException;
import tether.proxy.config.PoolConfig;
import tether.proxy.config.RouteJson;
import tether.routing.RouteTable;
import tether.routing.RouteTableException;
import tether.routing.RouteTableHolder;
import tether.routing.RuleSpec;

/**
 * The rule table in force: the configuration's, or one set at run time that wins until it is cleared.
 * A table set at run time is kept in the runtime state, so that restarts and reloads keep it. Callers
 * serialise changes (the engine's lock).
 */
final class RouteControl {

  private static final Logger log = LoggerFactory.getLogger(RouteControl.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RouteTableHolder table;
  private final PoolRuntimes pools;
  private final RuntimeJournal journal;
  private volatile List<RuleSpec> configured;
  /** The rules set at run time and in force, or {@code null}. */
  private volatile List<RuleSpec> runtime;

  RouteControl(RouteTableHolder table, PoolRuntimes pools, RuntimeJournal journal, List<RuleSpec> configured) {
    this.table = table;
    this.pools = pools;
    this.journal = journal;
    this.configured = List.copyOf(configured);
  }

  /** {@code {"rules": [...], "source": "config" | "runtime"}}. */
  Map<String, Object> json() {
    Map<String, Object> body = new LinkedHashMap<>(RouteJson.write(table.current().rules()));
    body.put(RouteJson.SOURCE, runtime == null ? "config" : "runtime");
    return body;
  }

  /** Installs a whole table from its JSON text and keeps it; on any problem nothing changes. */
  Map<String, Object> replace(String json) {
    List<RuleSpec> rules;
    try {
      rules = RouteJson.read(json, pools.configs());
      table.replace(RouteCompiler.compile(rules, pools.configs()));
    } catch (InvalidConfigException e) {
      throw AdminException.badRequest("rules", e.problems());
    } catch (RouteTableException e) {
      throw AdminException.badRequest("rules", e.errors());
    }
    runtime = rules;
    journal.update(state -> state.withRoutes(RouteJson.write(rules)));
    return json();
  }

  /** Back to the configuration's rules. */
  Map<String, Object> clear() {
    try {
      table.replace(RouteCompiler.compile(configured, pools.configs()));
    } catch (RouteTableException e) {
      // Reloads check the configured rules against the pools in force, so this is not expected; still
      // an answer rather than a failure.
      throw AdminException.conflict("the configured rules do not fit the pools in force: " + e.getMessage());
    }
    runtime = null;
    journal.update(state -> state.withRoutes(null));
    return json();
  }

  /** At start: the rules set at run time, when the state holds some that still fit the pools. */
  void restore() {
    Map<String, Object> saved = journal.current().routes();
    if (saved == null) {
      return;
    }
    try {
      List<RuleSpec> rules = RouteJson.read(text(saved), pools.configs());
      table.replace(RouteCompiler.compile(rules, pools.configs()));
      runtime = rules;
    } catch (InvalidConfigException | RouteTableException e) {
      log.warn("State file: the routes set at run time no longer fit the configuration, so the configured"
          + " routes apply until they are replaced or cleared: {}", e.getMessage());
    }
  }

  /**
   * The table a reload would install for these pools and configured rules: the run-time one while it is
   * in force, else the configured one.
   *
   * @throws InvalidConfigException listing every problem, when that table does not fit the pools
   */
  RouteTable prepare(Map<String, PoolConfig> nextPools, List<RuleSpec> nextConfigured) {
    try {
      List<RuleSpec> inForce = runtime;
      if (inForce != null) {
        // The rules in force, read again against the next pools; not the saved ones, which a save that
        // failed may have left behind.
        List<RuleSpec> rules = RouteJson.read(text(RouteJson.write(inForce)), nextPools);
        return RouteCompiler.compile(rules, nextPools);
      }
      return RouteCompiler.compile(nextConfigured, nextPools);
    } catch (InvalidConfigException e) {
      throw new InvalidConfigException(prefixed(e.problems()));
    } catch (RouteTableException e) {
      throw new InvalidConfigException(runtime == null ? e.errors() : prefixed(e.errors()));
    }
  }

  /** Installs what {@link #prepare} returned, with the configured rules it was prepared from. */
  void install(RouteTable prepared, List<RuleSpec> nextConfigured) {
    configured = List.copyOf(nextConfigured);
    table.replace(prepared);
  }

  boolean overridden() {
    return runtime != null;
  }

  private static List<String> prefixed(List<String> problems) {
    return problems.stream()
        .map(p -> "routes set at run time (clear them with DELETE /api/routes, or make the file fit them): " + p)
        .toList();
  }

  private static String text(Map<String, Object> json) {
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      // Maps, lists, strings, numbers and booleans only.
      throw new IllegalStateException("cannot write routes as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
