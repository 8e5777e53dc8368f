package tether.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import tether.admin.engine.AdminEngine;

/**
 * The fields of a JSON request body, each read with its check. Every refusal is a 400 that names the
 * field and shows the value it got: {@code "weight: -1 (expected: an integer from 0 to 1000)"}.
 */
final class BodyFields {

  static final String WEIGHT_EXPECTED = "an integer from 0 to " + AdminEngine.MAX_WEIGHT;
  /** Ids and routes end up in URLs and cookies: keep them to characters that need no escaping. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final String NAME_EXPECTED = "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";

  private static final int SHOWN_VALUE_LENGTH = 60;

  private final ObjectNode node;

  private BodyFields(ObjectNode node) {
    this.node = node;
  }

  /** The fields of {@code body}; no body at all reads as an empty object. */
  static BodyFields of(JsonNode body) {
    if (body == null) {
      return new BodyFields(JsonNodeFactory.instance.objectNode());
    }
    if (!body.isObject()) {
      throw ApiProblem.badRequest("body", "body: " + show(body) + " (expected: a JSON object)");
    }
    return new BodyFields((ObjectNode) body);
  }

  /** Refuses any field not named here, so that a misspelt optional field is not silently ignored. */
  BodyFields allow(String... names) {
    List<String> allowed = List.of(names);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw ApiProblem.badRequest(name, name + ": unknown field (expected: "
            + (allowed.isEmpty() ? "no fields" : "one of " + String.join(", ", allowed)) + ")");
      }
    }
    return this;
  }

  int weight(String name) {
    JsonNode value = required(name, WEIGHT_EXPECTED);
    if (!value.isIntegralNumber() || !value.canConvertToInt()
        || value.intValue() < 0 || value.intValue() > AdminEngine.MAX_WEIGHT) {
      throw refuse(name, value, WEIGHT_EXPECTED);
    }
    return value.intValue();
  }

  String text(String name, String expected) {
    JsonNode value = required(name, expected);
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw refuse(name, value, expected);
    }
    return value.textValue();
  }

  /** A name-like string ({@link #NAME}); null when absent or null. */
  String optionalName(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || !NAME.matcher(value.textValue()).matches()) {
      throw refuse(name, value, NAME_EXPECTED);
    }
    return value.textValue();
  }

  String name(String name) {
    required(name, NAME_EXPECTED);
    return optionalName(name);
  }

  /** A duration in {@code (0, max]}; null when absent or null. */
  Duration optionalDuration(String name, Duration max) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    String expected = Durations.EXPECTED + ", at most " + Durations.show(max);
    Duration duration = value.isTextual() ? Durations.parse(value.textValue()) : null;
    if (duration == null || duration.isNegative() || duration.isZero() || duration.compareTo(max) > 0) {
      throw refuse(name, value, expected);
    }
    return duration;
  }

  Duration duration(String name, Duration max) {
    required(name, Durations.EXPECTED);
    return optionalDuration(name, max);
  }

  /** One of {@code type}'s {@link Wire} names; {@code absent} when the field is absent or null. */
  <E extends Enum<E>> E choice(String name, Class<E> type, E absent) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return absent;
    }
    E parsed = value.isTextual() ? Wire.parse(type, value.textValue()) : null;
    if (parsed == null) {
      throw refuse(name, value, Wire.choices(type));
    }
    return parsed;
  }

  private JsonNode required(String name, String expected) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw ApiProblem.badRequest(name, name + ": missing (expected: " + expected + ")");
    }
    return value;
  }

  private static ApiProblem refuse(String name, JsonNode value, String expected) {
    return ApiProblem.badRequest(name, name + ": " + show(value) + " (expected: " + expected + ")");
  }

  /** The value as JSON (strings quoted, so that "5" and 5 look different), cut short. */
  static String show(JsonNode value) {
    String text = value.toString();
    return text.length() <= SHOWN_VALUE_LENGTH ? text : text.substring(0, SHOWN_VALUE_LENGTH) + "...";
  }
}
