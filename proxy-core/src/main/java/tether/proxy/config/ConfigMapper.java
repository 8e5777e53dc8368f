package tether.proxy.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tether.routing.RuleSpec;

/**
 * Maps the merged {@code tether} object (the file over reference.conf) into {@link TetherConfig},
 * reporting every bad value on the way. Defaults come from reference.conf, so every fixed key is
 * present here unless the file set it to something unusable.
 */
final class ConfigMapper {

  static final long MIN_HEADER_BYTES = 1024;
  static final long MAX_HEADER_BYTES = 1024 * 1024;

  private static final String SECTION = "an object";
  private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

  private ConfigMapper() {}

  /** The configuration, or null when any problem was found. */
  static TetherConfig map(Section tether) {
    List<HostPort> listen = listen(tether);
    Duration shutdownGrace = tether.duration("shutdown-grace", true);
    FrontendConfig frontend = frontend(tether.child("frontend", SECTION));
    BackendConfig backend = backend(tether.child("backend", SECTION));
    ForwardedConfig forwarded = forwarded(tether.child("forwarded", SECTION));
    KeysConfig keys = KeysMapper.map(tether);
    Map<String, PoolConfig> pools = PoolMapper.map(tether, keys);
    List<RuleSpec> routes = RouteMapper.map(tether, pools, poolNames(tether.object()));
    AdminConfig admin = AdminMapper.map(tether.child("admin", SECTION));
    if (!tether.problems().isEmpty()) {
      return null;
    }
    return new TetherConfig(listen, frontend, backend, forwarded, shutdownGrace, pools, routes, keys, admin);
  }

  private static List<HostPort> listen(Section tether) {
    String expected = "a list of at least one " + Addresses.HOST_PORT;
    ConfigList list = tether.list("listen", expected);
    List<HostPort> result = new ArrayList<>();
    if (list == null) {
      return result;
    }
    if (list.isEmpty()) {
      tether.bad("listen", expected);
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue element = list.get(i);
      String key = Section.element(tether.key("listen"), i);
      String text = Section.scalarString(element);
      if (text == null) {
        tether.problems().bad(element, key, Addresses.HOST_PORT);
        continue;
      }
      try {
        HostPort address = Addresses.parseHostPort(text);
        Integer first = seen.putIfAbsent(Addresses.identity(address), i);
        if (first != null) {
          tether.problems().bad(element, key, "each address once; listen[" + first + "] has it too");
        }
        result.add(address);
      } catch (IllegalArgumentException e) {
        tether.problems().bad(element, key, e.getMessage());
      }
    }
    return result;
  }

  private static FrontendConfig frontend(Section frontend) {
    if (frontend == null) {
      return null;
    }
    return new FrontendConfig(
        frontend.duration("header-timeout", false),
        (int) frontend.bytes("max-header-size", MIN_HEADER_BYTES, MAX_HEADER_BYTES,
            "a size 1k..1m, that is " + MIN_HEADER_BYTES + ".." + MAX_HEADER_BYTES + " bytes"),
        frontend.bytes("max-body-size", 0, Long.MAX_VALUE, "a size >= 0 such as 100m"),
        frontend.duration("idle-timeout", false),
        frontend.integer("io-threads", 0, Integer.MAX_VALUE));
  }

  private static BackendConfig backend(Section backend) {
    if (backend == null) {
      return null;
    }
    return new BackendConfig(
        backend.duration("connect-timeout", false),
        backend.duration("response-timeout", false),
        backend.duration("idle-timeout", false),
        backend.integer("max-connections-per-server", 1, Integer.MAX_VALUE),
        backend.integer("max-queued-per-server", 0, Integer.MAX_VALUE));
  }

  private static ForwardedConfig forwarded(Section forwarded) {
    if (forwarded == null) {
      return null;
    }
    List<CidrRange> trusted = new ArrayList<>();
    ConfigList list = forwarded.list("trusted-proxies", "a list of IP addresses or CIDR ranges");
    for (int i = 0; list != null && i < list.size(); i++) {
      ConfigValue element = list.get(i);
      String key = Section.element(forwarded.key("trusted-proxies"), i);
      String text = Section.scalarString(element);
      if (text == null) {
        forwarded.problems().bad(element, key, "an IP address or CIDR range such as 10.0.0.0/8");
        continue;
      }
      try {
        trusted.add(CidrRange.parse(text));
      } catch (IllegalArgumentException e) {
        forwarded.problems().add(element.origin(), key, e.getMessage());
      }
    }
    boolean preserveHost = forwarded.bool("preserve-host");
    String viaExpected = "a token such as tether (letters, digits and " + TOKEN_CHARS + "), or \"\" for no Via";
    String via = forwarded.string("via", viaExpected);
    if (via != null && !isToken(via)) {
      forwarded.bad("via", viaExpected);
    }
    return new ForwardedConfig(trusted, preserveHost, via == null ? "" : via, forwardedHeaders(forwarded));
  }

  private static Set<ForwardedConfig.Header> forwardedHeaders(Section forwarded) {
    String expected = "one of " + Arrays.stream(ForwardedConfig.Header.values())
        .map(ForwardedConfig.Header::configName).collect(Collectors.joining(", "));
    ConfigList list = forwarded.list("headers", "a list of header families, each " + expected + "; [] for none");
    Set<ForwardedConfig.Header> headers = EnumSet.noneOf(ForwardedConfig.Header.class);
    for (int i = 0; list != null && i < list.size(); i++) {
      ConfigValue element = list.get(i);
      String key = Section.element(forwarded.key("headers"), i);
      ForwardedConfig.Header header = AffinityReads.named(
          ForwardedConfig.Header.values(), ForwardedConfig.Header::configName, Section.scalarString(element));
      if (header == null) {
        forwarded.problems().bad(element, key, expected);
      } else if (!headers.add(header)) {
        forwarded.problems().bad(element, key, "each family once");
      }
    }
    return headers;
  }

  /**
   * Whether every character may appear in an HTTP token; Via's pseudonym and cookie names are tokens,
   * and anything else would corrupt the header. Empty passes: callers that need a token check that.
   */
  static boolean isToken(String text) {
    return text.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || TOKEN_CHARS.indexOf(c) >= 0));
  }

  private static List<String> poolNames(ConfigObject tether) {
    return tether.get("pools") instanceof ConfigObject pools ? PoolMapper.declarationOrder(pools) : List.of();
  }
}
