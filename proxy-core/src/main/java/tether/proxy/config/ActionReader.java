package tether.proxy.config;

import com.typesafe.config.ConfigList;
import java.util.ArrayList;
import java.util.List;
import tether.routing.Action;

/** Reads a route's one action: {@code pool}, {@code split}, {@code redirect} or {@code respond}. */
final class ActionReader {

  static final List<String> ACTIONS = List.of("pool", "split", "redirect", "respond");
  static final int DEFAULT_REDIRECT_STATUS = 302;
  static final int DEFAULT_RESPOND_STATUS = 200;

  private static final String POOL = "the name of a pool";

  private ActionReader() {}

  /** The action, or {@code null} after a problem (none, several, or one that cannot be read). */
  static Action read(Section route) {
    List<String> found = ACTIONS.stream().filter(route::has).toList();
    if (found.size() != 1) {
      String value = found.isEmpty() ? "no action" : found.size() + " actions: " + String.join(", ", found);
      route.problems().add(route.object().origin(), route.key(),
          value + " (expected: exactly one of " + String.join(", ", ACTIONS) + ")");
      return null;
    }
    return switch (found.get(0)) {
      case "pool" -> forward(route);
      case "split" -> split(route);
      case "redirect" -> redirect(route);
      default -> respond(route);
    };
  }

  private static Action forward(Section route) {
    String pool = route.string("pool", POOL);
    return pool == null ? null : new Action.Forward(pool);
  }

  private static Action split(Section route) {
    List<Action.Share> shares = new ArrayList<>();
    RuleReader.each(route, "split", "a list of { pool, weight }", "an object with pool and weight", share ->
        shares.add(share == null ? new Action.Share(null, 0)
            : new Action.Share(share.string("pool", POOL), share.integer("weight", 0, Integer.MAX_VALUE))));
    return route.object().get("split") instanceof ConfigList ? new Action.Split(shares) : null;
  }

  private static Action redirect(Section route) {
    Section redirect = route.child("redirect", "an object with status, location and pool");
    if (redirect == null) {
      return null;
    }
    return new Action.Redirect(
        RuleReader.integer(redirect, "status", DEFAULT_REDIRECT_STATUS, "one of 301, 302, 303, 307, 308"),
        redirect.string("location", "a URL or path, with {server}, {path} and {query} as placeholders"),
        redirect.optionalString("pool", POOL));
  }

  private static Action respond(Section route) {
    Section respond = route.child("respond", "an object with status, content-type and body");
    if (respond == null) {
      return null;
    }
    return new Action.Respond(
        RuleReader.integer(respond, "status", DEFAULT_RESPOND_STATUS, "an HTTP status 200..599"),
        respond.optionalString("content-type", "a media type such as text/plain"),
        respond.optionalString("body", "the body, as text"));
  }
}
