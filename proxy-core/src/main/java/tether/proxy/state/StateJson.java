package tether.proxy.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The JSON form of a {@link RuntimeState}, and the translation of everything that can be wrong with
 * one into a message an operator can act on.
 *
 * <p>Strict on purpose: unknown fields, an unknown version, a string where a number belongs and a key
 * given twice are all errors, because a reader that skipped what it did not understand would apply
 * part of the operator's changes and write the rest away at the next save.
 */
final class StateJson {

  /** The format written; bumped whenever a reader of the previous one would misread the new one. */
  static final int VERSION = 1;

  /**
   * The file's top level: the version first, so that an operator sees it before anything else; the
   * routes only while a rule table set at run time is in force.
   */
  record Document(int version, List<PoolState> pools, Map<String, Object> routes) {}

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          // Otherwise a number or a boolean is taken for a server id or a state.
          .withCoercionConfig(
              LogicalType.Textual,
              config -> {
                config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                config.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
              })
          // isEmpty() is a helper of the records, not part of the format.
          .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
          .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .addModule(IsoTimes.module())
          .build();

  byte[] write(RuntimeState state) {
    Document document = new Document(VERSION, new ArrayList<>(state.pools().values()), state.routes());
    try {
      return (mapper.writeValueAsString(document) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      // Only our own records are written, all of which Jackson can write.
      throw new IllegalStateException("cannot write the state as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The state the bytes hold, or an exception naming the file and what is wrong; never part of one. */
  RuntimeState read(byte[] bytes, Path file) throws StateFileException {
    try (JsonParser parser = mapper.createParser(bytes)) {
      try {
        // The tree first: it refuses broken JSON, and the version is checked before any record sees a field.
        checkVersion(mapper.readTree(bytes));
        return toState(mapper.readValue(parser, Document.class));
      } catch (JacksonException e) {
        // Explained while the parser is open: the token it stopped at is what the file holds there.
        throw new StateFileException(file, explain(e, parser, bytes), e);
      } catch (IllegalArgumentException e) {
        throw new StateFileException(file, e.getMessage(), e);
      }
    } catch (IOException e) {
      // Reading a byte array fails only as JSON, handled above; keep whatever this is whole.
      throw new StateFileException(file, "cannot parse: " + e, e);
    }
  }

  /** Checked before the rest, so that a newer file is refused for its version, not for its new fields. */
  private static void checkVersion(JsonNode root) {
    if (root == null || root.isMissingNode()) {
      throw new IllegalArgumentException("the file is empty (expected: a JSON object with \"version\" : " + VERSION + ")");
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("top level: " + root.getNodeType().toString().toLowerCase(Locale.ROOT)
          + " (expected: a JSON object with \"version\" : " + VERSION + ")");
    }
    JsonNode version = root.get("version");
    if (version == null || !version.isInt()) {
      throw new IllegalArgumentException("version: " + version + " (expected: " + VERSION + ")");
    }
    if (version.intValue() != VERSION) {
      throw new IllegalArgumentException(
          "version: " + version + " (expected: " + VERSION + "; the file was written by another version of"
              + " Tether, and reading it here would lose the state it holds)");
    }
  }

  private static RuntimeState toState(Document document) {
    Map<String, PoolState> pools = new LinkedHashMap<>();
    for (PoolState pool : Checks.list("pools", document.pools())) {
      if (pools.put(pool.name(), pool) != null) {
        throw Checks.refused("pools", pool.name(), "each pool name once");
      }
    }
    return new RuntimeState(pools, document.routes());
  }

  /** {@code line 4, column 17 at pools[0].overrides.app-1: what is wrong}. */
  private static String explain(JacksonException e, JsonParser parser, byte[] bytes) {
    StringBuilder where = new StringBuilder();
    JsonLocation location = e.getLocation();
    if (location != null && location.getLineNr() > 0) {
      where.append("line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      where.append(where.length() > 0 ? " at " : "at ").append(path(mapping.getPath()));
    }
    return (where.length() > 0 ? where + ": " : "") + reason(e, parser, endsEarly(e, bytes));
  }

  private static String reason(JacksonException e, JsonParser parser, boolean endsEarly) {
    if (endsEarly) {
      return "the file ends in the middle of a value (expected: complete JSON; was it truncated?)";
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      return Checks.refused("unknown field", unknown.getPropertyName(), "one of " + names(unknown.getKnownPropertyIds())
              + "; the file may have been written by a newer Tether")
          .getMessage();
    }
    if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException invalid) {
      return invalid.getMessage();
    }
    if (e instanceof MismatchedInputException mismatch) {
      return mismatch(mismatch, parser);
    }
    return e.getOriginalMessage();
  }

  /** Jackson's own wording names Java types and its settings; an operator needs the JSON it expected. */
  private static String mismatch(MismatchedInputException e, JsonParser parser) {
    Class<?> type = e.getTargetType();
    String expected;
    if (type == null || type == Instant.class || type == Duration.class) {
      return e.getOriginalMessage(); // IsoTimes words its own
    } else if (type == int.class || type == Integer.class) {
      expected = "a whole number";
    } else if (type == String.class) {
      expected = "a string";
    } else if (Collection.class.isAssignableFrom(type)) {
      expected = "an array";
    } else if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      expected = "an object";
    } else {
      return e.getOriginalMessage();
    }
    return found(parser) + " (expected: " + expected + ")";
  }

  private static String found(JsonParser parser) {
    JsonToken token = parser.currentToken();
    try {
      return token == null ? "nothing"
          : token == JsonToken.VALUE_STRING ? "\"" + parser.getText() + "\""
          : token.isScalarValue() ? parser.getText()
          : token == JsonToken.START_OBJECT ? "an object"
          : token == JsonToken.START_ARRAY ? "an array"
          : "missing"; // at the end of the enclosing object: the field is absent
    } catch (IOException e) {
      return "a value of another kind";
    }
  }

  /**
   * Whether the JSON broke off where the content ends: what a partly written file looks like. Jackson words
   * this in several ways, and only some of them as a {@link JsonEOFException}.
   */
  private static boolean endsEarly(JacksonException e, byte[] bytes) {
    if (e instanceof JsonEOFException) {
      return true;
    }
    if (!(e instanceof StreamReadException) || e.getLocation() == null) {
      return false;
    }
    int end = bytes.length;
    while (end > 0 && Character.isWhitespace(bytes[end - 1])) {
      end--;
    }
    return e.getLocation().getByteOffset() >= end;
  }

  private static String names(Collection<Object> known) {
    TreeSet<String> sorted = new TreeSet<>();
    known.forEach(name -> sorted.add(String.valueOf(name)));
    return String.join(", ", sorted);
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        path.append(path.length() > 0 ? "." : "").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
