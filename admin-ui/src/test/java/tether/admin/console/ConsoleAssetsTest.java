package tether.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tether.admin.TestAdmin;

/** The console's files over plain HTTP: types, caching, the security headers, and nothing else served. */
class ConsoleAssetsTest {

  private static final Pattern ASSET_REFERENCE = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"");
  private static final String CHART = "/assets/chart.umd.min.js";
  private static final Pattern MODULE_IMPORT = Pattern.compile("from '\\./([^']+)'");

  private final TestAdmin admin = new TestAdmin();

  @AfterEach
  void close() {
    admin.close();
  }

  @Test
  void servesThePageWithoutCredentialsUnderAStrictPolicy() {
    HttpResponse<String> page = get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(header(page, "Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(header(page, "Cache-Control")).isEqualTo("no-cache");
    assertThat(header(page, "X-Frame-Options")).isEqualTo("DENY");
    assertThat(header(page, "X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(header(page, "Referrer-Policy")).isEqualTo("same-origin");
    String policy = header(page, "Content-Security-Policy");
    assertThat(policy).startsWith("default-src 'self';").contains("frame-ancestors 'none'")
        .contains("script-src 'self';").contains("style-src 'self';").doesNotContain("unsafe");
    assertThat(page.body()).contains("<script type=\"module\" src=\"/assets/app.js\"></script>");
  }

  @Test
  void hasNoInlineScriptOrStyle() {
    String html = get("/").body();

    assertThat(html).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain("<style")
        .doesNotContainPattern("\\sstyle=").doesNotContainPattern("\\son[a-z]+=").doesNotContain("javascript:");
  }

  @Test
  void servesEveryFileThePageAndItsModulesName() {
    Set<String> paths = new LinkedHashSet<>();
    collect(ASSET_REFERENCE, get("/").body(), "", paths);
    Deque<String> modules = new ArrayDeque<>(paths);
    while (!modules.isEmpty()) {
      String module = modules.pop();
      if (module.endsWith(".js") && !module.equals(CHART)) {
        Set<String> imported = new LinkedHashSet<>();
        collect(MODULE_IMPORT, get(module).body(), "/assets/", imported);
        imported.stream().filter(paths::add).forEach(modules::add);
      }
    }

    assertThat(paths).contains("/assets/app.js", "/assets/console.css", CHART,
        "/assets/server-card.js", "/assets/charts.js");
    for (String path : paths) {
      HttpResponse<String> asset = get(path);
      assertThat(asset.statusCode()).as(path).isEqualTo(200);
      assertThat(header(asset, "Content-Type")).as(path).isEqualTo(
          path.endsWith(".js") ? "text/javascript; charset=utf-8"
              : path.endsWith(".css") ? "text/css; charset=utf-8" : "image/svg+xml");
      assertThat(header(asset, "Content-Security-Policy")).as(path).startsWith("default-src 'self';");
      assertThat(header(asset, "X-Content-Type-Options")).as(path).isEqualTo("nosniff");
    }
    assertThat(get(CHART).body()).contains("window.Chart=");
  }

  @Test
  void answersUnchangedFilesWith304() {
    HttpResponse<String> first = get("/assets/app.js");
    String etag = header(first, "ETag");
    assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");

    HttpResponse<String> again = admin.send(admin.request("GET", "/assets/app.js", null).header("If-None-Match", etag));
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    HttpResponse<String> other = admin.send(
        admin.request("GET", "/assets/app.js", null).header("If-None-Match", "\"something-else\""));
    assertThat(other.statusCode()).isEqualTo(200);
  }

  @Test
  void answersHeadWithTheLengthAndNoBody() {
    HttpResponse<String> head = admin.send(admin.request("HEAD", "/assets/console.css", null));

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(Integer.parseInt(header(head, "Content-Length"))).isEqualTo(
        get("/assets/console.css").body().getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void refusesMethodsThatChangeThings() {
    HttpResponse<String> post = admin.send(admin.request("POST", "/", "{}"));

    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(header(post, "Allow")).isEqualTo("GET, HEAD");
  }

  @Test
  void answers404ForUnknownAssetsAndLeavesTheApiAlone() {
    assertThat(get("/assets/nope.js").statusCode()).isEqualTo(404);
    assertThat(get("/index.html").statusCode()).isEqualTo(404);
    assertThat(get("/assets/").statusCode()).isEqualTo(404);
    assertThat(get("/api/pools").statusCode()).isEqualTo(401);
    assertThat(get("/api/openapi.json").body()).startsWith("{");
  }

  /** Sent byte for byte over a socket, so that no client tidies the path up first. */
  @ParameterizedTest
  @ValueSource(strings = {
      "/..%2f", "/..%2f..%2f..%2fetc%2fpasswd", "/assets/../", "/assets/../assets/app.js/..",
      "/assets/..%2fconsole.css", "/assets/%2e%2e/%2e%2e/tether/admin/openapi.json", "/assets/../../../../etc/passwd",
      "/assets/..\\..\\pom.xml", "/assets/app.js%00.html", "/assets//app.js", "/assets/app.js/",
      "/tether/admin/console/index.html", "/tether/admin/openapi.json", "/META-INF/maven/org.webjars.npm/chart.js/pom.properties",
      "/assets/chart.umd.min.js.map", "/%2e%2e/%2e%2e/etc/passwd", "/assets/./app.js", "/./"})
  void servesNothingOutsideTheListForAnyPath(String path) {
    String answer = rawGet(path);

    String status = answer.substring(0, answer.indexOf("\r\n"));
    assertThat(status).as(path).matches("HTTP/1\\.1 (400|404) .*");
    assertThat(answer).as(path).doesNotContain("root:").doesNotContain("<project").doesNotContain("import {")
        .doesNotContain("\"openapi\"").doesNotContain("version=");
  }

  private HttpResponse<String> get(String path) {
    return admin.send(admin.request("GET", path, null));
  }

  private static String header(HttpResponse<String> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  private static void collect(Pattern pattern, String text, String prefix, Set<String> into) {
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      into.add(prefix + matcher.group(1));
    }
  }

  private String rawGet(String path) {
    int port = Integer.parseInt(admin.base().substring(admin.base().lastIndexOf(':') + 1));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
