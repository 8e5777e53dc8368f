package tether.proxy.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StateFileTest {

  private static final Instant T0 = Instant.parse("2025-01-31T09:30:00Z");

  @TempDir Path dir;

  /** Every field set somewhere, and every nullable field null somewhere. */
  static RuntimeState fullState() {
    RampState pausedRamp =
        new RampState(2, 10, T0, Duration.ofMinutes(5), RampState.EASE_IN, T0.plusSeconds(90), Duration.ofSeconds(12));
    RampState runningRamp = RampState.start(0, 4, T0.plusNanos(123_456_789), Duration.ofMillis(1500), RampState.LINEAR);
    PoolState web =
        PoolState.empty("web")
            .withOverrides("app-1", new ServerOverrides(5, ServerOverrides.DRAINING, pausedRamp, new DrainState(T0, T0.plusSeconds(600))))
            .withOverrides("app-2", ServerOverrides.NONE.withDrain(new DrainState(T0.plusSeconds(1), null)))
            .withOverrides("app-3", ServerOverrides.NONE.withMaintenance())
            .withOverrides("app-9", ServerOverrides.NONE.withRamp(runningRamp))
            .withAdded(new AddedServer("app-9", "10.0.0.9:8080", 3, "node9"))
            .withAdded(new AddedServer("app-8", "[::1]:8081", 0, null))
            .withRemoved("app-4");
    PoolState api = PoolState.empty("api").withOverrides("api-1", ServerOverrides.NONE.withWeight(0)).withRemoved("api-2");
    Map<String, Object> rule = new java.util.LinkedHashMap<>();
    rule.put("prefix", "/api");
    rule.put("pool", "api");
    rule.put("timeouts", Map.of("response", "30s"));
    return RuntimeState.EMPTY.with(web).with(api).withRoutes(Map.of("rules", List.of(rule)));
  }

  @Test
  void aFullStateSurvivesTheRoundTrip() throws Exception {
    StateFile file = new StateFile(dir.resolve("state.json"));
    RuntimeState state = fullState();

    file.save(state);

    RuntimeState loaded = new StateFile(dir.resolve("state.json")).load();
    assertThat(loaded).isEqualTo(state);
    assertThat(loaded.pool("web").added()).extracting(AddedServer::id).containsExactly("app-9", "app-8");
    assertThat(loaded.pool("web").overrides("app-1").ramp().pausedAt()).isEqualTo(T0.plusSeconds(90));
    assertThat(loaded.pool("web").overrides("app-9").ramp().started()).isEqualTo(T0.plusNanos(123_456_789));
    assertThat(loaded.pool("web").overrides("app-2").drain().deadline()).isNull();
    assertThat(loaded.pool("web").added("app-8").route()).isNull();
  }

  @Test
  void anEmptyStateSurvivesTheRoundTrip() throws Exception {
    StateFile file = new StateFile(dir.resolve("state.json"));
    file.save(RuntimeState.EMPTY);
    assertThat(file.load()).isEqualTo(RuntimeState.EMPTY);
  }

  @Test
  void aMissingFileIsTheEmptyState() throws Exception {
    assertThat(new StateFile(dir.resolve("never-written.json")).load()).isSameAs(RuntimeState.EMPTY);
  }

  @Test
  void savingCreatesMissingDirectories() throws Exception {
    StateFile file = new StateFile(dir.resolve("var/lib/tether/state.json"));
    file.save(fullState());
    assertThat(file.load()).isEqualTo(fullState());
  }

  @Test
  void theFileIsReadableByAnOperator() throws Exception {
    StateFile file = new StateFile(dir.resolve("state.json"));
    file.save(fullState());

    String text = Files.readString(file.path());
    assertThat(text)
        .startsWith("{\n  \"version\" : 1,")
        .contains("\"app-1\"", "\"app-9\"", "\"api-2\"", "\"10.0.0.9:8080\"")
        .contains("\"started\" : \"2025-01-31T09:30:00Z\"", "\"duration\" : \"PT5M\"", "\"curve\" : \"ease-in\"")
        .contains("\"state\" : \"maintenance\"")
        .doesNotContain("null", "\"empty\"", "\"paused\"")
        .endsWith("}\n");
    assertThat(text.lines().count()).isGreaterThan(40);
    // Pools in name order, so that two saves of one state are byte for byte the same.
    assertThat(text.indexOf("\"api\"")).isLessThan(text.indexOf("\"web\""));
    file.save(file.load());
    assertThat(Files.readString(file.path())).isEqualTo(text);
  }

  static Stream<Arguments> corruptFiles() {
    String ramp = "\"ramp\": {\"from\": 1, \"target\": 2, \"started\": \"2025-01-31T09:30:00Z\", \"duration\": \"PT1M\","
        + " \"curve\": \"linear\", \"pausedFor\": \"PT0S\"";
    return Stream.of(
        Arguments.of("truncated", "{\n  \"version\" : 1,\n  \"pools\" : [ {\n    \"name\" : \"web\",",
            "line 4, column 20: the file ends in the middle of a value"),
        Arguments.of("empty", "", "the file is empty"),
        Arguments.of("not an object", "[ 1 ]", "top level: array (expected: a JSON object"),
        Arguments.of("garbage after the object", "{\"version\": 1, \"pools\": []} }", "line 1, column 29: Unexpected close marker"),
        Arguments.of("no version", "{\"pools\": []}", "version: null (expected: 1)"),
        Arguments.of("version as a string", "{\"version\": \"1\", \"pools\": []}", "version: \"1\" (expected: 1)"),
        Arguments.of("unknown version", "{\"version\": 2, \"pools\": [], \"shards\": {}}",
            "version: 2 (expected: 1; the file was written by another version of Tether"),
        Arguments.of("unknown top-level field", "{\"version\": 1, \"pools\": [], \"shards\": {}}",
            "at shards: unknown field: \"shards\" (expected: one of pools, routes, version;"),
        Arguments.of("unknown nested field", "{\"version\": 1, \"pools\": [{\"name\": \"web\", \"overrides\": {\"a\": {\"wieght\": 1}}}]}",
            "at pools[0].overrides.a.wieght: unknown field: \"wieght\" (expected: one of drain, ramp, state, weight;"),
        Arguments.of("weight as a string", "{\"version\": 1, \"pools\": [{\"name\": \"web\", \"overrides\": {\"a\": {\"weight\": \"5\"}}}]}",
            "line 1, column 72 at pools[0].overrides.a.weight: \"5\" (expected: a whole number)"),
        Arguments.of("weight as a fraction", "{\"version\": 1, \"pools\": [{\"name\": \"web\", \"overrides\": {\"a\": {\"weight\": 2.5}}}]}",
            "at pools[0].overrides.a.weight: 2.5 (expected: a whole number)"),
        Arguments.of("id as a number", "{\"version\": 1, \"pools\": [{\"name\": \"web\", \"added\": [{\"id\": 9, \"address\": \"h:1\", \"weight\": 1}]}]}",
            "at pools[0].added[0].id: 9 (expected: a string)"),
        Arguments.of("weight missing", "{\"version\": 1, \"pools\": [{\"name\": \"web\", \"added\": [{\"id\": \"x\", \"address\": \"h:1\"}]}]}",
            "at pools[0].added[0].weight: missing (expected: a whole number)"),
        Arguments.of("pools as an object", "{\"version\": 1, \"pools\": {\"web\": {}}}", "at pools: an object (expected: an array)"),
        Arguments.of("bad instant", "{\"version\": 1, \"pools\": [{\"name\": \"web\", \"overrides\": {\"a\": {" + ramp.replace("2025-01-31T09:30:00Z", "yesterday") + "}}}}]}",
            "at pools[0].overrides.a.ramp.started: \"yesterday\" (expected: an ISO-8601 instant"),
        Arguments.of("duration as seconds", "{\"version\": 1, \"pools\": [{\"name\": \"web\", \"overrides\": {\"a\": {" + ramp.replace("\"PT1M\"", "60") + "}}}}]}",
            "at pools[0].overrides.a.ramp.duration: 60 (expected: an ISO-8601 duration"),
        Arguments.of("unknown curve", "{\"version\": 1, \"pools\": [{\"name\": \"web\", \"overrides\": {\"a\": {" + ramp.replace("linear", "wobbly") + "}}}}]}",
            "at pools[0].overrides.a.ramp: curve: \"wobbly\" (expected: one of linear, ease-in, ease-out)"),
        Arguments.of("negative weight", "{\"version\": 1, \"pools\": [{\"name\": \"web\", \"overrides\": {\"a\": {\"weight\": -1}}}]}",
            "at pools[0].overrides.a: weight: -1 (expected: >= 0)"),
        Arguments.of("a key twice", "{\"version\": 1, \"pools\": [{\"name\": \"web\", \"overrides\": {\"a\": {\"weight\": 1, \"weight\": 2}}}]}",
            "line 1, column 83: Duplicate field 'weight'"),
        Arguments.of("a pool twice", "{\"version\": 1, \"pools\": [{\"name\": \"web\"}, {\"name\": \"web\"}]}",
            "pools: \"web\" (expected: each pool name once)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corruptFiles")
  void aCorruptFileIsRefusedWithItsNameAndTheReason(String name, String content, String reason) throws IOException {
    Path path = dir.resolve("state.json");
    Files.writeString(path, content);

    assertThatThrownBy(() -> new StateFile(path).load())
        .isInstanceOf(StateFileException.class)
        .hasMessageStartingWith("state file " + path + ": ")
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(((StateFileException) e).file()).isEqualTo(path));
  }

  @Test
  void aFileCutAnywhereIsRefusedNeverReadInPart() throws Exception {
    Path path = dir.resolve("state.json");
    StateFile file = new StateFile(path);
    file.save(fullState());
    byte[] whole = Files.readAllBytes(path);

    // Up to the last "}": everything shorter is a file some other writer left half-written.
    for (int length = 1; length < whole.length - 1; length++) {
      Files.write(path, Arrays.copyOf(whole, length));
      assertThatThrownBy(file::load)
          .as("the first %d of %d bytes", length, whole.length)
          .isInstanceOf(StateFileException.class)
          .hasMessageContaining("the file ends in the middle of a value");
    }
  }

  @Test
  void anUnreadableFileIsRefused() {
    Path path = dir.resolve("state.json");
    // A directory where the file should be: exists, but cannot be read as one.
    assertThatThrownBy(() -> new StateFile(Files.createDirectory(path)).load())
        .isInstanceOf(StateFileException.class)
        .hasMessageStartingWith("state file " + path + ": cannot read: ");
  }

  @Test
  void aFailedRenameLeavesTheOldFileWholeAndNoTemporaryFile() throws Exception {
    Path path = dir.resolve("state.json");
    RuntimeState old = RuntimeState.EMPTY.with(PoolState.empty("web").withRemoved("app-1"));
    new StateFile(path).save(old);
    byte[] before = Files.readAllBytes(path);

    StateFile crashing = new StateFile(path, (from, to) -> {
      assertThat(Files.readAllBytes(from)).isNotEqualTo(before); // the new state was written in full, elsewhere
      throw new IOException("simulated crash before the rename");
    });
    assertThatThrownBy(() -> crashing.save(fullState()))
        .isInstanceOf(StateFileException.class)
        .hasMessage("state file " + path + ": cannot save: java.io.IOException: simulated crash before the rename");

    assertThat(Files.readAllBytes(path)).isEqualTo(before);
    assertThat(new StateFile(path).load()).isEqualTo(old);
    assertThat(filesIn(dir)).containsExactly("state.json");
  }

  @Test
  void aRenameOntoADirectoryFailsAndLeavesNoTemporaryFile() throws Exception {
    Path path = dir.resolve("state.json");
    Files.createDirectory(path);
    Files.writeString(path.resolve("keep.txt"), "operator's file");

    assertThatThrownBy(() -> new StateFile(path).save(fullState()))
        .isInstanceOf(StateFileException.class)
        .hasMessageStartingWith("state file " + path + ": cannot save: ");

    assertThat(filesIn(dir)).containsExactly("state.json");
    assertThat(Files.readString(path.resolve("keep.txt"))).isEqualTo("operator's file");
  }

  @Test
  void aTemporaryFileLeftByACrashChangesNothing() throws Exception {
    Path path = dir.resolve("state.json");
    StateFile file = new StateFile(path);
    RuntimeState old = RuntimeState.EMPTY.with(PoolState.empty("web").withRemoved("app-1"));
    file.save(old);
    // What a crash in the middle of writing the next state leaves behind.
    byte[] next = new StateJson().write(fullState());
    Files.write(dir.resolve(".state.json.crashed.tmp"), Arrays.copyOf(next, next.length / 2));

    assertThat(file.load()).isEqualTo(old);
    file.save(fullState());
    assertThat(file.load()).isEqualTo(fullState());
  }

  @Test
  void successfulSavesLeaveOnlyTheStateFile() throws Exception {
    StateFile file = new StateFile(dir.resolve("state.json"));
    file.save(RuntimeState.EMPTY);
    file.save(fullState());
    file.save(fullState().with(PoolState.empty("web")));

    assertThat(filesIn(dir)).containsExactly("state.json");
    assertThat(file.load().pools()).containsOnlyKeys("api");
  }

  @Test
  void describesAStateInOneLine() {
    assertThat(StateFile.describe(RuntimeState.EMPTY)).isEqualTo("0 pools, 0 overrides, 0 added, 0 removed");
    assertThat(StateFile.describe(fullState())).isEqualTo("2 pools, 5 overrides, 2 added, 2 removed");
    assertThat(StateFile.describe(RuntimeState.EMPTY.with(PoolState.empty("web").withOverrides("a", ServerOverrides.NONE.withWeight(1)))))
        .isEqualTo("1 pool, 1 override, 0 added, 0 removed");
  }

  private static List<String> filesIn(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
