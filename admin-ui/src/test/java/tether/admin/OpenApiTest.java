package tether.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API document and the server agree on every endpoint, both ways. */
class OpenApiTest {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  private final TestAdmin admin = new TestAdmin();

  @AfterEach
  void close() {
    admin.close();
  }

  @Test
  void describesEveryRegisteredEndpointAndNoOther() throws IOException {
    JsonNode document = new ObjectMapper().readTree(admin.send(admin.request("GET", "/api/openapi.json", null)).body());
    List<String> documented = new ArrayList<>();
    for (var path : document.get("paths").properties()) {
      for (var operation : path.getValue().properties()) {
        if (METHODS.contains(operation.getKey())) {
          documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
        }
      }
    }

    assertThat(admin.server.endpoints()).hasSizeGreaterThan(20).doesNotHaveDuplicates();
    assertThat(documented).containsExactlyInAnyOrderElementsOf(admin.server.endpoints());
  }

  @Test
  void describesEachOperationsResponsesAndReferencesOnlyWhatExists() throws IOException {
    String text = admin.send(admin.request("GET", "/api/openapi.json", null)).body();
    JsonNode document = new ObjectMapper().readTree(text);
    for (var path : document.get("paths").properties()) {
      for (var operation : path.getValue().properties()) {
        String name = operation.getKey() + " " + path.getKey();
        assertThat(operation.getValue().get("responses")).as(name).isNotEmpty();
        assertThat(operation.getValue().get("operationId")).as(name).isNotNull();
      }
    }
    Matcher refs = Pattern.compile("\"#/components/(\\w+)/(\\w+)\"").matcher(text);
    while (refs.find()) {
      assertThat(document.get("components").get(refs.group(1)).has(refs.group(2))).as(refs.group()).isTrue();
    }
  }
}
