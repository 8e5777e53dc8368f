package tether.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import tether.proxy.testing.CountingBackend;
import tether.proxy.testing.Ports;

/** {@code kill -HUP} makes a running Tether read its file again; a second process, as in production. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class HangUpTest {

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void sighupAppliesTheFileAgain() throws Exception {
    int port = Ports.unused();
    try (CountingBackend a = CountingBackend.start("a", CountingBackend.deliveries());
        CountingBackend b = CountingBackend.start("b", CountingBackend.deliveries())) {
      Path file = dir.resolve("tether.conf");
      Files.writeString(file, config(port, a.port()));
      Process tether = new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp", System.getProperty("java.class.path"), Main.class.getName(), file.toString())
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("tether.log").toFile())
          .start();
      try {
        URI uri = URI.create("http://127.0.0.1:" + port + "/");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> server(uri).equals("a"));

        Files.writeString(file, config(port, b.port()));
        new ProcessBuilder("kill", "-HUP", Long.toString(tether.pid())).inheritIO().start().waitFor();

        await().atMost(Duration.ofSeconds(10)).until(() -> server(uri).equals("b"));
        assertThat(tether.isAlive()).as("a hang-up reloads; it does not stop the proxy").isTrue();
        assertThat(Files.readString(dir.resolve("tether.log"))).contains("Reload applied: pool app: server s1: address");
      } finally {
        tether.destroy();
        if (!tether.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          tether.destroyForcibly();
        }
      }
    }
  }

  private String server(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    return response.headers().firstValue("X-Server").orElse("");
  }

  private static String config(int port, int backend) {
    return String.join("\n", List.of(
        "tether {",
        "  listen = [\"127.0.0.1:" + port + "\"]",
        "  shutdown-grace = 1s",
        "  pools.app.servers = [ { id = s1, address = \"127.0.0.1:" + backend + "\" } ]",
        "  routes = [ { prefix = \"/\", pool = app } ]",
        "}",
        ""));
  }
}
