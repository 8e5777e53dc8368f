package tether.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import tether.admin.AdminSettings.Role;
import tether.admin.engine.AdminState;
import tether.admin.engine.Curve;
import tether.admin.engine.Health;
import tether.admin.engine.Setting;

/**
 * The one JSON mapper of the admin plane. Views are records and serialise by their component names;
 * instants are ISO-8601 strings, durations ISO-8601 ({@code PT5M}), enums their {@link Wire} names.
 */
final class Json {

  static final ObjectMapper MAPPER = mapper();

  private static final int MAX_REASON_LENGTH = 80;

  private Json() {}

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A view did not serialise: " + value.getClass().getName(), e);
    }
  }

  static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A view did not serialise: " + value.getClass().getName(), e);
    }
  }

  /** The value as a tree; JSON null for null. */
  static JsonNode tree(Object value) {
    return value == null ? NullNode.getInstance() : MAPPER.valueToTree(value);
  }

  /** The request body as a tree; 400 naming {@code body} when it is not one JSON value. */
  static JsonNode parse(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ApiProblem.badRequest("body", "body: empty (expected: a JSON object)");
      }
      return node;
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw ApiProblem.badRequest("body", "body: malformed JSON" + where + ", " + reason(e)
          + " (expected: a JSON object)");
    } catch (IOException e) {
      throw ApiProblem.badRequest("body", "body: unreadable (expected: a JSON object)");
    }
  }

  /** What went wrong, in a few words: the parser's own messages are long and name its internals. */
  private static String reason(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (e instanceof JsonEOFException) {
      return "it ends too early";
    }
    if (message.startsWith("Trailing token")) {
      return "more than one value";
    }
    int cut = message.length();
    for (String end : new String[] {": ", " (", "\n"}) {
      int at = message.indexOf(end);
      cut = at > 0 ? Math.min(cut, at) : cut;
    }
    cut = Math.min(cut, MAX_REASON_LENGTH);
    return Character.toLowerCase(message.charAt(0)) + message.substring(1, cut);
  }

  private static ObjectMapper mapper() {
    SimpleModule wire = new SimpleModule("tether-wire-names");
    wireNames(wire, AdminState.class);
    wireNames(wire, Health.class);
    wireNames(wire, Curve.class);
    wireNames(wire, Setting.class);
    wireNames(wire, Role.class);
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .addModule(wire)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
  }

  private static <E extends Enum<E>> void wireNames(SimpleModule module, Class<E> type) {
    module.addSerializer(type, new StdSerializer<E>(type) {
      @Override
      public void serialize(E value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(Wire.name(value));
      }
    });
  }
}
