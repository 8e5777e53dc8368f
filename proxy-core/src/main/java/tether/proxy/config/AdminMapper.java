package tether.proxy.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps {@code tether.admin}; every key has its default in reference.conf. */
final class AdminMapper {

  /** The keys of one element of {@code tokens}. */
  static final Set<String> TOKEN_KEYS = Set.of("name", "role", "secret");

  private static final String TOKEN_EXPECTED = "an object with name, role and secret";
  private static final String SECRET_EXPECTED =
      "a secret of at least " + AdminConfig.MIN_SECRET_LENGTH + " characters, best from the environment";

  private AdminMapper() {}

  static AdminConfig map(Section admin) {
    if (admin == null) {
      return AdminConfig.OFF;
    }
    HostPort listen = AdminConfig.OFF.listen();
    String text = admin.string("listen", Addresses.HOST_PORT);
    if (text != null) {
      try {
        listen = Addresses.parseHostPort(text);
      } catch (IllegalArgumentException e) {
        admin.bad("listen", e.getMessage());
      }
    }
    Duration ttl = admin.duration("session-ttl", false);
    boolean secure = admin.bool("secure-cookie");
    String stateFile = admin.string("state-file", "a file path, or \"\" for none");
    List<AdminConfig.Token> tokens = tokens(admin);
    if (ttl.isZero()) {
      ttl = AdminConfig.OFF.sessionTtl();
    }
    return new AdminConfig(listen, tokens, ttl, secure, stateFile);
  }

  private static List<AdminConfig.Token> tokens(Section admin) {
    List<AdminConfig.Token> tokens = new ArrayList<>();
    ConfigList list = admin.list("tokens", "a list of tokens");
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; list != null && i < list.size(); i++) {
      ConfigValue element = list.get(i);
      String key = Section.element(admin.key("tokens"), i);
      if (!(element instanceof ConfigObject object)) {
        admin.problems().bad(element, key, TOKEN_EXPECTED);
        continue;
      }
      Section token = new Section(object, key, admin.problems());
      String name = token.string("name", "a name for the audit log");
      String role = token.string("role", "viewer or operator");
      if (role != null && !role.equals("viewer") && !role.equals("operator")) {
        token.bad("role", "viewer or operator");
        role = null;
      }
      String secret = token.has("secret") ? token.string("secret", SECRET_EXPECTED) : null;
      if (!token.has("secret")) {
        // Usually an unset environment variable: ${?TETHER_ADMIN_TOKEN} leaves the key out.
        token.bad("secret", SECRET_EXPECTED + " (is the environment variable set?)");
      } else if (secret != null && secret.length() < AdminConfig.MIN_SECRET_LENGTH) {
        token.bad("secret", SECRET_EXPECTED);
        secret = null;
      }
      if (name != null) {
        Integer first = names.putIfAbsent(name, i);
        if (first != null) {
          token.bad("name", "a name unique among the tokens; tokens[" + first + "] has it too");
          name = null;
        }
      }
      if (name != null && role != null && secret != null) {
        tokens.add(new AdminConfig.Token(name, role, secret));
      }
    }
    return tokens;
  }
}
