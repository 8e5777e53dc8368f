package tether.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import tether.admin.TestAdmin;
import tether.admin.engine.LiveFigures;

/** Signing in and out, carrying on after a reload, and the live figures of a signed-in console. */
class SignInTest extends ConsoleTest {

  @Test
  void showsWhyAWrongTokenIsRefused() {
    page.open();
    page.signIn("not-a-configured-token-0000");

    WebElement error = page.awaitText(By.id("sign-in-error"), "token: unknown");
    assertThat(error.getText()).startsWith("401: ");
    assertThat(page.driver().findElement(By.id("token")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(page.driver().findElement(By.id("console")).isDisplayed()).isFalse();
  }

  @Test
  void showsThePoolsAndTheirLiveFigures() {
    page.signInWith(TestAdmin.OPERATOR);

    assertThat(page.driver().findElement(By.id("who-name")).getText()).isEqualTo("alice");
    assertThat(page.driver().findElement(By.cssSelector("section.pool h3")).getText()).isEqualTo("Pool web");
    page.server("b");
    assertThat(page.figure("a", "configuredWeight")).isEqualTo("10");
    assertThat(page.figure("a", "effectiveWeight")).isEqualTo("10");
    assertThat(page.inCard("a", "[data-role=state]").getText()).isEqualTo("active");
    assertThat(page.inCard("a", "[data-role=health]").getText()).isEqualTo("health up");

    admin.engine.figures("web", "a", new LiveFigures(0, 12.5, 3.25, 41, 0.5, 7));
    admin.engine.inFlight("web", "a", 4);
    // Polled at least every 2 s: a change in the engine shows within a few polls.
    new WebDriverWait(page.driver(), Duration.ofSeconds(5)).withMessage("new figures within 5 s")
        .until(d -> page.figure("a", "requestsPerSecond").equals("12.5"));
    assertThat(page.figure("a", "p50Millis")).isEqualTo("3.3");
    assertThat(page.figure("a", "p99Millis")).isEqualTo("41.0");
    assertThat(page.figure("a", "errorsPerSecond")).isEqualTo("0.5");
    assertThat(page.figure("a", "liveSessions")).isEqualTo("7");
    assertThat(page.figure("a", "inFlight")).isEqualTo("4");

    // The charts keep the history this page has seen, one sample per poll.
    page.await("a chart with three samples", d -> ((Number) page.script(
        "const canvas = document.querySelector(\"article[data-server='a'] canvas\");"
            + "return window.Chart.getChart(canvas).data.datasets[0].data.length;", new Object[0])).intValue() >= 3);
    Path shot = browser.screenshot("signed-in");
    assertThat(shot).isRegularFile();
  }

  @Test
  void carriesOnAfterAReload() {
    page.signInWith(TestAdmin.OPERATOR);

    page.driver().navigate().refresh();
    page.server("a");
    assertThat(page.driver().findElement(By.id("sign-in")).isDisplayed()).isFalse();
    // The CSRF token came back with GET /api/session: changes still work.
    page.action("b", "disable").click();
    page.awaitTextInCard("b", "[data-role=state]", "maintenance");
    assertThat(admin.engine.server("web", "b").state().name()).isEqualTo("MAINTENANCE");
  }

  @Test
  void signsOut() {
    page.signInWith(TestAdmin.OPERATOR);

    page.driver().findElement(By.id("sign-out")).click();
    page.awaitText(By.id("sign-in-note"), "Signed out.");
    assertThat(page.driver().findElement(By.id("console")).isDisplayed()).isFalse();
    assertThat(page.driver().findElements(By.cssSelector("article.server"))).isEmpty();

    page.driver().navigate().refresh();
    page.awaitShown(By.id("sign-in"));
    assertThat(page.driver().findElement(By.id("console")).isDisplayed()).isFalse();
  }

  @Test
  void asksToSignInAgainWhenTheSessionExpires() {
    page.signInWith(TestAdmin.OPERATOR);

    admin.advanceClock(TestAdmin.SESSION_TTL.plusSeconds(1));
    page.awaitText(By.id("sign-in-note"), "Your session has ended: sign in again.");
    assertThat(page.driver().findElement(By.id("console")).isDisplayed()).isFalse();
    assertThat(page.focused().getAttribute("id")).isEqualTo("token");

    page.signIn(TestAdmin.OPERATOR);
    page.server("a");
  }

  @Test
  void offersAViewerNothingThatChangesThings() {
    page.signInWith(TestAdmin.VIEWER);

    assertThat(page.driver().findElement(By.id("who-role")).getText()).isEqualTo("viewer: read only");
    assertThat(page.inCard("a", ".weight-form").isDisplayed()).isFalse();
    assertThat(page.action("a", "ramp").isDisplayed()).isFalse();
    assertThat(page.driver().findElement(By.id("routes-edit")).isDisplayed()).isFalse();
    assertThat(page.driver().findElement(By.id("config-reload")).isDisplayed()).isFalse();
  }
}
