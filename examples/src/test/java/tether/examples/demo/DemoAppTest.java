package tether.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tether.examples.demo.DemoClient.sessionCookie;
import static tether.examples.demo.DemoClient.sessionCookieHeader;

import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoAppTest {

  private static final String HEX_ID = "[0-9A-F]{32}";

  private static DemoApp app1;
  private static DemoApp app2;
  private static DemoApp plain;
  private final DemoClient client = new DemoClient();

  @BeforeAll
  static void startInstances() {
    app1 = DemoApp.start(DemoOptions.loopback("app1", "app1"));
    app2 = DemoApp.start(DemoOptions.loopback("app2", "app2"));
    plain = DemoApp.start(DemoOptions.loopback("plain", null));
  }

  @AfterAll
  static void stopInstances() {
    for (DemoApp app : new DemoApp[] {app1, app2, plain}) {
      if (app != null) {
        app.close();
      }
    }
  }

  /** Starts a session on {@code app} and returns its id. */
  private String newSession(DemoApp app) {
    HttpResponse<String> response = client.get(app, "/api/session");
    assertThat(response.statusCode()).isEqualTo(200);
    return sessionCookie(response).orElseThrow();
  }

  @Test
  void visitCounterGrowsWithinSessionAndIsSeparatePerSession() {
    HttpResponse<String> first = client.get(app1, "/api/session");
    String a = sessionCookie(first).orElseThrow();
    assertThat(first.body()).contains("\"visits\":1");

    assertThat(client.get(app1, "/api/session", a).body()).contains("\"visits\":2");
    assertThat(client.get(app1, "/", a).body()).contains("<dd>3</dd>");

    HttpResponse<String> other = client.get(app1, "/api/session");
    String b = sessionCookie(other).orElseThrow();
    assertThat(b).isNotEqualTo(a);
    assertThat(other.body()).contains("\"visits\":1");

    assertThat(client.get(app1, "/api/session", a).body()).contains("\"visits\":4");
    assertThat(client.get(app1, "/api/session", b).body()).contains("\"visits\":2");
  }

  @Test
  void knownSessionGetsNoNewCookie() {
    String id = newSession(app1);

    HttpResponse<String> again = client.get(app1, "/api/session", id);

    assertThat(sessionCookieHeader(again)).isEmpty();
  }

  @Test
  void instancesDoNotShareSessions() {
    String fromApp1 = newSession(app1);

    HttpResponse<String> onApp2 = client.get(app2, "/api/session", fromApp1);

    String fromApp2 = sessionCookie(onApp2).orElseThrow();
    assertThat(fromApp2).isNotEqualTo(fromApp1).endsWith(".app2");
    assertThat(onApp2.body())
        .isEqualTo("{\"instance\":\"app2\",\"session\":\"" + fromApp2 + "\",\"visits\":1,\"user\":null}");
    // app1 still has its session, untouched by the visit to app2.
    assertThat(client.get(app1, "/api/session", fromApp1).body()).contains("\"visits\":2");
  }

  @Test
  void sessionCookieCarriesTheRouteSuffix() {
    HttpResponse<String> response = client.get(app1, "/");

    assertThat(sessionCookie(response)).hasValueSatisfying(id -> assertThat(id).matches(HEX_ID + "\\.app1"));
    assertThat(sessionCookieHeader(response).orElseThrow())
        .containsIgnoringCase("Path=/")
        .containsIgnoringCase("HttpOnly");
  }

  @Test
  void sessionCookieHasNoSuffixWithoutRoute() {
    HttpResponse<String> response = client.get(plain, "/");

    assertThat(sessionCookie(response)).hasValueSatisfying(id -> assertThat(id).matches(HEX_ID));
  }

  @Test
  void jsessionidPathParameterFindsTheSession() {
    String id = newSession(app1);

    HttpResponse<String> json = client.get(app1, "/api/session;jsessionid=" + id);
    HttpResponse<String> page = client.get(app1, "/;jsessionid=" + id);

    assertThat(json.body()).contains("\"session\":\"" + id + "\"", "\"visits\":2");
    assertThat(sessionCookieHeader(json)).isEmpty();
    // A client without cookies must keep the id in the URLs it is given.
    assertThat(page.body()).contains("href=\"/;jsessionid=" + id + "\"", "<dd>3</dd>");
  }

  @Test
  void sidQueryParameterFindsTheSession() {
    String id = newSession(app1);

    HttpResponse<String> json = client.get(app1, "/api/session?sid=" + id);
    HttpResponse<String> page = client.get(app1, "/?sid=" + id);

    assertThat(json.body()).contains("\"session\":\"" + id + "\"", "\"visits\":2");
    assertThat(sessionCookieHeader(json)).isEmpty();
    assertThat(page.body()).contains("action=\"/login?sid=" + id + "\"", "<dd>3</dd>");
  }

  @Test
  void unknownUrlSessionIdIsNotAdopted() {
    String foreign = newSession(app2);

    HttpResponse<String> response = client.get(app1, "/api/session?sid=" + foreign);

    String issued = sessionCookie(response).orElseThrow();
    assertThat(issued).isNotEqualTo(foreign).endsWith(".app1");
    assertThat(response.body()).contains("\"visits\":1");
  }

  @Test
  void loginShowsTheEscapedNameAndLogoutForgetsIt() {
    String id = newSession(app1);
    String name = "<script>alert(\"x\")</script> & 'co'";

    HttpResponse<String> login =
        client.postForm(app1, "/login", id, "user=" + URLEncoder.encode(name, StandardCharsets.UTF_8));

    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location")).hasValue("/");
    String page = client.get(app1, "/", id).body();
    assertThat(page)
        .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;")
        .doesNotContain("<script>");
    assertThat(client.get(app1, "/api/session", id).body())
        .contains("\"user\":\"\\u003cscript\\u003ealert(\\\"x\\\")\\u003c/script\\u003e \\u0026 'co'\"");

    HttpResponse<String> logout = client.postForm(app1, "/logout", id, "");

    assertThat(logout.statusCode()).isEqualTo(303);
    assertThat(client.get(app1, "/api/session", id).body()).contains("\"visits\":4", "\"user\":null");
  }

  @Test
  void loginWithoutSessionStartsOne() {
    HttpResponse<String> login = client.postForm(app1, "/login", null, "user=bob");

    String id = sessionCookie(login).orElseThrow();
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(client.get(app1, "/api/session", id).body()).contains("\"user\":\"bob\"");
  }

  @Test
  void loginRejectsBlankAndOverlongNames() {
    String id = newSession(app1);

    assertThat(client.postForm(app1, "/login", id, "user=+++").statusCode()).isEqualTo(400);
    assertThat(client.postForm(app1, "/login", id, "other=x").statusCode()).isEqualTo(400);
    assertThat(client.postForm(app1, "/login", id, "user=" + "x".repeat(65)).statusCode()).isEqualTo(400);
    assertThat(client.postForm(app1, "/login", id, "user=%zz").statusCode()).isEqualTo(400);
    assertThat(client.get(app1, "/api/session", id).body()).contains("\"user\":null");

    assertThat(client.postForm(app1, "/login", id, "user=" + "x".repeat(64)).statusCode()).isEqualTo(303);
  }

  @Test
  void sessionJsonHasTheDocumentedShape() {
    HttpResponse<String> response = client.get(app1, "/api/session");
    String id = sessionCookie(response).orElseThrow();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.body())
        .isEqualTo("{\"instance\":\"app1\",\"session\":\"" + id + "\",\"visits\":1,\"user\":null}");
  }

  @Test
  void homePageSaysWhichInstanceServedIt() {
    HttpResponse<String> response = client.get(app2, "/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(response.body())
        .contains("<h1>app2</h1>", sessionCookie(response).orElseThrow(), "not logged in");
  }

  @Test
  void healthAnswersOkWithoutSession() {
    HttpResponse<String> response = client.get(app1, "/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
    assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
  }

  @Test
  void echoReportsWhatArrived() {
    HttpRequest request = DemoClient.request(app1, "/echo?a=1&b=two")
        .header("X-Probe", "hello")
        .method("PUT", HttpRequest.BodyPublishers.ofString("ignored"))
        .build();

    HttpResponse<String> response = client.send(request);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("instance: app1\n", "method: PUT\n", "path: /echo\n", "query: a=1&b=two\n")
        .containsPattern("(?i)x-probe: hello\n");
    assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
  }

  @Test
  void everyResponseNamesTheInstance() {
    for (String path : new String[] {"/", "/api/session", "/health", "/echo", "/missing"}) {
      assertThat(client.get(app2, path).headers().firstValue("X-Instance")).as(path).hasValue("app2");
    }
    assertThat(client.postForm(app2, "/logout", null, "").headers().firstValue("X-Instance"))
        .hasValue("app2");
  }

  @Test
  void unknownPathIsNotFoundAndWrongMethodIsRefused() {
    assertThat(client.get(app1, "/missing").statusCode()).isEqualTo(404);
    assertThat(client.get(app1, "/login").statusCode()).isEqualTo(405);
    HttpResponse<String> postHome = client.postForm(app1, "/", null, "");
    assertThat(postHome.statusCode()).isEqualTo(405);
    assertThat(postHome.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void startFailsClearlyWhenThePortIsTaken() {
    DemoOptions taken = new DemoOptions("127.0.0.1", app1.port(), "duplicate", null);

    assertThatThrownBy(() -> DemoApp.start(taken))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("listen: 127.0.0.1:" + app1.port() + " (expected: a free address)")
        .hasCauseInstanceOf(java.net.BindException.class);
  }

  @Test
  void closeStopsListeningAndMayBeRepeated() {
    DemoApp app = DemoApp.start(DemoOptions.loopback("short-lived", null));
    assertThat(app.port()).isPositive();
    assertThat(client.get(app, "/health").statusCode()).isEqualTo(200);

    app.close();
    app.close();

    // A fresh client: a pooled connection from before the close would not show a refusal.
    HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = DemoClient.request(app, "/health").build();
    assertThatThrownBy(() -> fresh.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
  }
}
