package tether.examples.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tether.admin.console.Browser;
import tether.admin.console.BrowserPerClass;
import tether.examples.demo.DemoApp;
import tether.examples.demo.DemoOptions;
import tether.examples.testing.AdminProxy;
import tether.proxy.pool.AdminState;
import tether.proxy.pool.Server;
import tether.proxy.state.ServerOverrides;

/**
 * The admin console in a headless Chromium, against a real Tether in front of three demo app instances:
 * what an operator does in the console changes what the proxy does, and what the proxy does shows in the
 * console. Each test gets fresh instances, a fresh proxy and a fresh sign-in; the browser is shared.
 * Screenshots of the console go to the build's {@code screenshots} folder as {@code proxy-*.png}.
 */
@Timeout(90)
class ConsoleOnProxyTest {

  private static final String POOL = ProxyWithConsole.POOL;
  private static final String TOKEN = "console-on-proxy-test-operator-token";
  private static final String RAMP_TEXT = ".panel.ramp .progress-text";
  private static final String RAMP_BAR = ".panel.ramp progress";
  private static final String DRAIN_TEXT = ".panel.drain .progress-text";
  private static final String DRAIN_BAR = ".panel.drain progress";
  /** Well under max-idle: a user who stays keeps the session live. */
  private static final Duration BETWEEN_PAGE_VIEWS = Duration.ofMillis(300);

  /** Tall enough that a screenshot shows the cards of all three servers. */
  private static final Dimension WINDOW = new Dimension(1400, 1400);

  @RegisterExtension
  static final BrowserPerClass BROWSER = new BrowserPerClass("proxy-", () -> {
    // The rest of the examples needs no browser: without one, these tests are skipped rather than failed.
    Browser.assumeInstalled();
    return Browser.start(WINDOW);
  });

  @TempDir
  Path dir;

  private final List<DemoApp> apps = new ArrayList<>();
  private Browser browser;
  private AdminProxy proxy;
  private ConsolePage page;

  @BeforeEach
  void startProxyAndSignIn() {
    browser = BROWSER.browser();
    for (String name : List.of("app1", "app2", "app3")) {
      apps.add(DemoApp.start(DemoOptions.loopback(name, null)));
    }
    proxy = ProxyWithConsole.start(dir, TOKEN, apps);
    page = new ConsolePage(browser.driver(), proxy.adminUrl());
    browser.consoleMessages();
    page.signIn(TOKEN, "app1");
    page.server("app2");
    page.server("app3");
    assertThat(page.text("who-name")).isEqualTo(ProxyWithConsole.TOKEN_NAME);
  }

  @AfterEach
  void stopProxy() {
    try {
      List<String> problems = browser.consoleProblems();
      browser.leave();
      assertThat(problems).as("CSP refusals and script errors in the browser console").isEmpty();
    } finally {
      if (proxy != null) {
        proxy.close();
      }
      apps.forEach(DemoApp::close);
    }
  }

  @Test
  void setsAWeightThatTheProxyBalancesWith() throws Exception {
    assertThat(page.figure("app1", "configuredWeight")).isEqualTo("1");

    ConsolePage.type(page.inCard("app1", ".weight-form input"), "5");
    page.inCard("app1", ".weight-form button").click();

    page.awaitFigure("app1", "configuredWeight", "5");
    page.awaitFigure("app1", "effectiveWeight", "5");
    page.awaitTextInCard("app1", ".status", "Weight of app1 set to 5");
    assertThat(page.inCard("app1", "[data-figure=configuredWeight] + .override").isDisplayed()).isTrue();
    Server app1 = proxy.tether().pool(POOL).snapshot().server("app1");
    assertThat(app1.weight()).isEqualTo(5);
    assertThat(app1.effectiveWeight()).isEqualTo(5 * Server.WEIGHT_SCALE);
    assertThat(proxy.tether().pool(POOL).snapshot().server("app2").weight()).isEqualTo(1);
    assertThat(proxy.savedState().pool(POOL).overrides("app1").weight()).as("weight in the state file").isEqualTo(5);
    browser.screenshot("proxy-weight-set");
  }

  @Test
  void runsARampWithAMovingProgressBarToItsEnd() throws Exception {
    page.action("app2", "ramp").click();
    WebElement dialog = page.dialog("ramp");
    ConsolePage.type(dialog.findElement(By.name("target")), "4");
    ConsolePage.type(dialog.findElement(By.name("duration")), "5s");
    new Select(dialog.findElement(By.name("curve"))).selectByValue("linear");
    dialog.findElement(By.cssSelector("button[type=submit]")).click();
    page.awaitDialogClosed("ramp");
    assertThat(proxy.tether().pool(POOL).ramp("app2")).as("the proxy's ramp of app2").isNotNull();

    // Part of the way: the bar has moved on from where the ramp's start showed it, and is not at its end yet.
    int start = rampBar("app2");
    int midway = page.await("the ramp of app2 past " + start + "%", d -> {
      int value = rampBar("app2");
      return value > start && value < 100 && page.inCard("app2", RAMP_TEXT).getText().startsWith("1 → 4: ")
          ? value : null;
    });
    browser.screenshot("proxy-ramp-running");
    assertThat(page.inCard("app2", RAMP_TEXT).getText()).contains("% (linear over 5s); effective weight");

    WebElement end = page.awaitTextInCard("app2", RAMP_TEXT, "Ramp finished: weight 4");
    assertThat(end.isDisplayed()).isTrue();
    assertThat(rampBar("app2")).as("the bar at the end, after %s%% and %s%%", start, midway).isEqualTo(100);
    page.awaitFigure("app2", "configuredWeight", "4");
    page.awaitFigure("app2", "effectiveWeight", "4");
    assertThat(page.action("app2", "abort").isDisplayed()).isFalse();
    Server app2 = proxy.tether().pool(POOL).snapshot().server("app2");
    assertThat(app2.weight()).isEqualTo(4);
    assertThat(app2.effectiveWeight()).isEqualTo(4 * Server.WEIGHT_SCALE);
    assertThat(proxy.tether().pool(POOL).ramp("app2")).isNull();
    assertThat(proxy.savedState().pool(POOL).overrides("app2").weight()).as("weight in the state file").isEqualTo(4);
    browser.screenshot("proxy-ramp-finished");
  }

  @Test
  void drainsAServerUntilSafeToRemoveOnceItsLastUserLeaves() throws Exception {
    try (SiteUser user = new SiteUser(proxy.uri())) {
      String pinned = user.signIn("ada");
      assertThat(pinned).as("the instance holding the user's session").isIn("app1", "app2", "app3");
      user.keepVisiting(BETWEEN_PAGE_VIEWS);
      page.awaitFigure(pinned, "liveSessions", "1");

      page.action(pinned, "drain").click();
      page.dialog("drain").findElement(By.cssSelector("button[type=submit]")).click();
      page.awaitDialogClosed("drain");

      page.awaitTextInCard(pinned, "[data-role=state]", "draining");
      page.awaitTextInCard(pinned, DRAIN_TEXT, "1 live session, 0 in flight");
      // The bar's length is the most sessions plus requests in flight seen, so a poll that caught one of
      // the user's page views in flight makes it 2.
      assertThat(Integer.parseInt(page.inCard(pinned, DRAIN_BAR).getDomProperty("max"))).isBetween(1, 2);
      assertThat(page.inCard(pinned, DRAIN_BAR).getDomProperty("value")).isEqualTo("0");
      assertThat(page.inCard(pinned, ".safe").isDisplayed()).as("\"Safe to remove\" while a user is left").isFalse();
      assertThat(proxy.tether().pool(POOL).snapshot().server(pinned).state()).isEqualTo(AdminState.DRAINING);
      browser.screenshot("proxy-drain-waiting");

      // Draining keeps serving the session it has: the user carries on at the same instance.
      int views = user.pageViews();
      await().atMost(ConsolePage.WAIT).until(() -> user.pageViews() >= views + 3);
      assertThat(page.inCard(pinned, ".safe").isDisplayed()).as("\"Safe to remove\" while a user is left").isFalse();

      user.signOut();
      WebElement safe = page.awaitTextInCard(pinned, ".safe", "Safe to remove");
      assertThat(safe.isDisplayed()).isTrue();
      assertThat(page.inCard(pinned, DRAIN_TEXT).getText()).startsWith("Drained: no live sessions, nothing in flight");
      assertThat(page.inCard(pinned, DRAIN_BAR).getDomProperty("value"))
          .as("a full bar").isEqualTo(page.inCard(pinned, DRAIN_BAR).getDomProperty("max"));
      assertThat(page.server(pinned).getDomAttribute("class")).contains("is-drained");
      page.awaitTextInCard(pinned, "[data-role=state]", "maintenance");
      page.awaitFigure(pinned, "liveSessions", "0");
      browser.screenshot("proxy-drain-safe-to-remove");

      assertThat(user.problems()).as("what the user met").isEmpty();
      assertThat(proxy.tether().pool(POOL).snapshot().server(pinned).state()).isEqualTo(AdminState.MAINTENANCE);
      assertThat(proxy.tether().engine().server(POOL, pinned).drain().done()).isTrue();
      assertThat(proxy.savedState().pool(POOL).overrides(pinned).state()).as("state in the state file")
          .isEqualTo(ServerOverrides.MAINTENANCE);
      // A server in maintenance takes no new user.
      try (SiteUser next = new SiteUser(proxy.uri())) {
        assertThat(next.signIn("grace")).isNotEqualTo(pinned);
        assertThat(next.problems()).isEmpty();
      }
    }
  }

  private int rampBar(String server) {
    return (int) Math.round(Double.parseDouble(page.inCard(server, RAMP_BAR).getDomProperty("value")));
  }
}
