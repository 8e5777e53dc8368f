package tether.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: --check, exit codes and one line per configuration problem. */
class MainTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void checkAcceptsTheShippedConfiguration() {
    int code = run("--check", Path.of("..", "conf", "tether.conf").toString());

    assertThat(code).isZero();
    assertThat(out()).contains("configuration is valid");
    assertThat(err()).isEmpty();
  }

  @Test
  void anInvalidConfigurationExitsWithOneLinePerProblemAndNoStackTrace() throws Exception {
    Path file = dir.resolve("bad.conf");
    Files.writeString(
        file,
        String.join(
            "\n",
            "tether {",
            "  listen = [\"0.0.0.0:8080\"]",
            "  pools.app {",
            "    servers = [ { id = a, address = \"127.0.0.1:99999\" },",
            "                { id = a, address = \"127.0.0.1:9002\" } ]",
            "  }",
            "  routes = [ { prefix = \"/\", pool = missing } ]",
            "  colour = blue",
            "}"));

    int code = run("--check", file.toString());

    assertThat(code).isEqualTo(2);
    String[] lines = err().split("\n");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(file + ":4: ").contains("servers[0].address"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(file + ":5: ").contains("servers[1].id"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(file + ":7: ").contains("missing"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(file + ":8: ").contains("colour"));
    assertThat(err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(out()).isEmpty();
  }

  @Test
  void aMissingFileIsOneClearLine() {
    int code = run(dir.resolve("nope.conf").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("nope.conf").doesNotContain("\tat ");
  }

  @Test
  void badUsageExitsWithTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("--frobnicate", "x.conf")).isEqualTo(2);
    assertThat(run("a.conf", "b.conf")).isEqualTo(2);
    assertThat(err()).contains("usage: tether");
  }

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
