package tether.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tether.admin.TestAdmin;
import tether.admin.engine.AdminState;

/** A drain from its dialog to "Safe to remove", and the removal that follows. */
class DrainTest extends ConsoleTest {

  private static final String DRAIN_TEXT = ".panel.drain .progress-text";
  private static final String DRAIN_BAR = ".panel.drain progress";

  @BeforeEach
  void signIn() {
    page.signInWith(TestAdmin.OPERATOR);
  }

  @Test
  void drainsUntilSafeToRemoveAndThenRemoves() {
    page.action("a", "drain").click();
    WebElement dialog = page.dialog("drain");
    ConsolePage.type(dialog.findElement(By.name("deadline")), "10m");
    dialog.findElement(By.cssSelector("button[type=submit]")).click();
    page.awaitDialogClosed("drain");

    assertThat(admin.engine.server("web", "a").state()).isEqualTo(AdminState.DRAINING);
    assertThat(admin.engine.server("web", "a").drain().deadline()).isEqualTo(Instant.parse("2030-01-01T00:10:00Z"));
    page.awaitTextInCard("a", "[data-role=state]", "draining");
    page.awaitTextInCard("a", DRAIN_TEXT, "3 live sessions, 0 in flight, time left not yet known; deadline");
    assertThat(page.inCard("a", DRAIN_BAR).getAttribute("max")).isEqualTo("3");
    assertThat(page.inCard("a", DRAIN_BAR).getAttribute("value")).isEqualTo("0");
    assertThat(page.inCard("a", ".safe").isDisplayed()).isFalse();

    admin.engine.endSessions("web", "a", 1);
    page.awaitTextInCard("a", DRAIN_TEXT, "2 live sessions, 0 in flight, about 40 s left");
    assertThat(page.inCard("a", DRAIN_BAR).getAttribute("value")).isEqualTo("1");

    admin.engine.endSessions("web", "a", 2);
    WebElement safe = page.awaitTextInCard("a", ".safe", "Safe to remove");
    assertThat(safe.isDisplayed()).isTrue();
    assertThat(page.inCard("a", DRAIN_TEXT).getText()).startsWith("Drained: no live sessions, nothing in flight");
    assertThat(page.inCard("a", DRAIN_BAR).getAttribute("value")).isEqualTo("3");
    assertThat(page.server("a").getAttribute("class")).contains("is-drained");
    browser.screenshot("drain-done");

    page.action("a", "remove").click();
    page.dialog("remove").findElement(By.cssSelector("button[data-force=false]")).click();
    page.awaitDialogClosed("remove");
    page.awaitServerGone("a");
    assertThat(admin.engine.pool("web").servers()).extracting("id").containsExactly("b");
  }

  @Test
  void waitsForRequestsInFlightToo() {
    admin.engine.inFlight("web", "b", 2);
    page.action("b", "drain").click();
    page.dialog("drain").findElement(By.cssSelector("button[type=submit]")).click();
    page.awaitTextInCard("b", DRAIN_TEXT, "3 live sessions, 2 in flight");
    assertThat(admin.engine.server("web", "b").drain().deadline()).isNull();
    assertThat(page.inCard("b", DRAIN_TEXT).getText()).doesNotContain("deadline");

    admin.engine.endSessions("web", "b", 3);
    page.awaitTextInCard("b", DRAIN_TEXT, "0 live sessions, 2 in flight");
    assertThat(page.inCard("b", ".safe").isDisplayed()).isFalse();
  }
}
