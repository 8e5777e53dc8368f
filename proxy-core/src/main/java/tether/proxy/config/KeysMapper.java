package tether.proxy.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tether.stickiness.cookie.SigningKeys;

/**
 * Maps {@code tether.keys}, the process-wide keys that sign affinity cookies. A secret's value never
 * reaches a problem line: problems about secrets name the key id and the kind of value only, which is
 * why this class reports them itself instead of through {@link Problems#bad}.
 */
final class KeysMapper {

  private static final String KEYS_EXPECTED = "an object with primary and secrets";
  private static final String SECRETS_EXPECTED = "an object of key ids to base64 secrets";
  private static final String SECRET_EXPECTED =
      "a base64 secret of at least " + SigningKeys.MIN_SECRET_BYTES + " bytes once decoded";

  private KeysMapper() {}

  /** The keys, with the secrets that are valid; every problem is reported. */
  static KeysConfig map(Section tether) {
    Problems problems = tether.problems();
    ConfigValue value = tether.object().get("keys");
    if (!(value instanceof ConfigObject object)) {
      hidden(problems, value, tether.object(), tether.key("keys"), KEYS_EXPECTED);
      return KeysConfig.NONE;
    }
    Section keys = new Section(object, tether.key("keys"), problems);
    Set<String> written = new TreeSet<>();
    Map<String, String> secrets = secrets(keys, written);
    String primary = primary(keys, written);
    return new KeysConfig(primary, secrets);
  }

  /** The valid secrets; {@code written} receives every id written, so the primary is judged against those. */
  private static Map<String, String> secrets(Section keys, Set<String> written) {
    Problems problems = keys.problems();
    ConfigValue value = keys.object().get("secrets");
    if (!(value instanceof ConfigObject object)) {
      hidden(problems, value, keys.object(), keys.key("secrets"), SECRETS_EXPECTED);
      return Map.of();
    }
    Map<String, String> valid = new LinkedHashMap<>();
    for (var entry : object.entrySet()) {
      String id = entry.getKey();
      ConfigValue secret = entry.getValue();
      String key = keys.key("secrets") + "." + ConfigUtil.joinPath(id);
      written.add(id);
      String text = Section.scalarString(secret);
      if (text == null) {
        hidden(problems, secret, object, key, SECRET_EXPECTED);
        continue;
      }
      String problem = problem(id, text);
      if (problem == null) {
        valid.put(id, text);
      } else {
        problems.add(secret.origin(), key, problem);
      }
    }
    return valid;
  }

  /**
   * Why {@code id} and its secret cannot sign, or null. Checked one key at a time through
   * {@link SigningKeys}, so its rules hold and every bad key is reported, not just the first.
   */
  private static String problem(String id, String secret) {
    try {
      SigningKeys.fromBase64(id, Map.of(id, secret));
      return null;
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      if (message.startsWith("keys: ")) {
        return ConfigUtil.quoteString(id) + " (expected: a key id of " + AffinityReads.expectation(message) + ")";
      }
      String prefix = "keys." + id + ": ";
      String rest = message.startsWith(prefix) ? message.substring(prefix.length()) : "";
      // SigningKeys keeps secrets out of its messages; this guard keeps it so should that ever change.
      String stripped = secret.strip();
      if (rest.isEmpty() || (!stripped.isEmpty() && rest.contains(stripped))) {
        return "secret not shown (expected: " + SECRET_EXPECTED + ")";
      }
      return rest.replace("<secret not shown>", "secret not shown");
    }
  }

  private static String primary(Section keys, Set<String> written) {
    String expected = written.isEmpty()
        ? "the id of a key under tether.keys.secrets, or \"\" for no keys"
        : "one of " + String.join(", ", written) + " (the ids under tether.keys.secrets), or \"\"";
    String primary = keys.string("primary", expected);
    if (primary == null) {
      return "";
    }
    if (!primary.isEmpty() && !written.contains(primary)) {
      keys.bad("primary", expected);
    }
    return primary;
  }

  /** Reports a value by its kind alone, for values that may hold a secret. */
  private static void hidden(Problems problems, ConfigValue value, ConfigObject parent, String key, String expected) {
    String kind = value == null ? "missing" : switch (value.valueType()) {
      case NULL -> "null";
      case OBJECT -> "an object";
      case LIST -> "a list";
      case STRING -> "a string, not shown";
      case NUMBER -> "a number, not shown";
      case BOOLEAN -> "a boolean";
    };
    problems.add(value == null ? parent.origin() : value.origin(), key, kind + " (expected: " + expected + ")");
  }
}
