package tether.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoOptionsTest {

  @Test
  void readsEveryFlag() {
    DemoOptions options =
        DemoOptions.parse("--port", "9001", "--name", "app1", "--route", "node-1", "--bind", "0.0.0.0");

    assertThat(options).isEqualTo(new DemoOptions("0.0.0.0", 9001, "app1", "node-1"));
  }

  @Test
  void defaultsToAnyPortOnLoopbackWithoutRoute() {
    assertThat(DemoOptions.parse()).isEqualTo(new DemoOptions("127.0.0.1", 0, "app", null));
    assertThat(DemoOptions.loopback("x", null)).isEqualTo(DemoOptions.parse("--name", "x"));
  }

  @Test
  void rejectsBadInputInOneFormat() {
    assertThatThrownBy(() -> DemoOptions.parse("--port", "http"))
        .hasMessage("port: http (expected: 0..65535)");
    assertThatThrownBy(() -> DemoOptions.parse("--port", "70000"))
        .hasMessage("port: 70000 (expected: 0..65535)");
    assertThatThrownBy(() -> DemoOptions.parse("--route", "a.b"))
        .hasMessage("route: a.b (expected: 1..64 of A-Z a-z 0-9 _ -)");
    assertThatThrownBy(() -> DemoOptions.parse("--name", "<b>"))
        .hasMessage("name: <b> (expected: 1..64 of A-Z a-z 0-9 _ . -)");
    assertThatThrownBy(() -> DemoOptions.parse("--colour", "red"))
        .hasMessage("argument: --colour (expected: --port, --name, --route or --bind)");
    assertThatThrownBy(() -> DemoOptions.parse("--name"))
        .hasMessage("--name: missing value (expected: --name VALUE)");
  }
}
