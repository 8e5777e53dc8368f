package tether.proxy.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Instants and durations as ISO-8601 strings ({@code 2025-01-31T09:30:00Z}, {@code PT5M}), and only
 * those: an operator reads them at a glance, and a bare number would leave its unit to guesswork.
 */
final class IsoTimes {

  private IsoTimes() {}

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("tether-state-times");
    module.addSerializer(Instant.class, new AsString<>(Instant.class));
    module.addSerializer(Duration.class, new AsString<>(Duration.class));
    module.addDeserializer(
        Instant.class, new FromString<>(Instant.class, Instant::parse, "an ISO-8601 instant, such as 2025-01-31T09:30:00Z"));
    module.addDeserializer(
        Duration.class, new FromString<>(Duration.class, Duration::parse, "an ISO-8601 duration, such as PT5M"));
    return module;
  }

  private static final class AsString<T> extends StdScalarSerializer<T> {
    private static final long serialVersionUID = 1L;

    AsString(Class<T> type) {
      super(type);
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(value.toString());
    }
  }

  private static final class FromString<T> extends StdScalarDeserializer<T> {
    private static final long serialVersionUID = 1L;

    private final transient Function<String, T> parse;
    private final String expected;

    FromString(Class<T> type, Function<String, T> parse, String expected) {
      super(type);
      this.parse = parse;
      this.expected = expected;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getText();
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return ctxt.reportInputMismatch(this, "%s (expected: %s)", text, expected);
      }
      try {
        return parse.apply(text);
      } catch (DateTimeException | ArithmeticException e) {
        return ctxt.reportInputMismatch(this, "\"%s\" (expected: %s)", text, expected);
      }
    }
  }
}
