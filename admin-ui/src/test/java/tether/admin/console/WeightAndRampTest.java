package tether.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tether.admin.TestAdmin;
import tether.admin.engine.Curve;
import tether.admin.engine.RampView;

/** The weight editor, and a ramp from its dialog to its end. */
class WeightAndRampTest extends ConsoleTest {

  private static final String RAMP_TEXT = ".panel.ramp .progress-text";
  private static final String RAMP_BAR = ".panel.ramp progress";

  @BeforeEach
  void signIn() {
    page.signInWith(TestAdmin.OPERATOR);
  }

  @Test
  void setsAWeightAndClearsTheOverride() {
    ConsolePage.type(page.inCard("a", ".weight-form input"), "25");
    page.inCard("a", ".weight-form button").click();

    page.awaitFigure("a", "configuredWeight", "25");
    assertThat(admin.engine.server("web", "a").configuredWeight()).isEqualTo(25);
    assertThat(page.inCard("a", "[data-figure=configuredWeight] + .override").isDisplayed()).isTrue();
    page.awaitTextInCard("a", ".status", "Weight of a set to 25");

    page.action("a", "clear-weight").click();
    page.awaitFigure("a", "configuredWeight", "10");
    assertThat(admin.engine.server("web", "a").configuredWeight()).isEqualTo(10);
    assertThat(page.inCard("a", "[data-figure=configuredWeight] + .override").isDisplayed()).isFalse();
    assertThat(page.action("a", "clear-weight").isDisplayed()).isFalse();
  }

  @Test
  void showsAWeightTheApiRefusesNextToTheEditor() {
    WebElement input = page.inCard("a", ".weight-form input");
    ConsolePage.type(input, "5000");
    input.sendKeys(Keys.ENTER);

    WebElement error = page.awaitTextInCard("a", ".weight-form + .error", "weight: 5000 (expected:");
    assertThat(error.getText()).startsWith("400: ");
    assertThat(error.getAttribute("aria-live")).isEqualTo("assertive");
    assertThat(input.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(admin.engine.server("web", "a").configuredWeight()).isEqualTo(10);

    ConsolePage.type(input, "7");
    input.sendKeys(Keys.ENTER);
    page.awaitFigure("a", "configuredWeight", "7");
    assertThat(error.isDisplayed()).isFalse();
    assertThat(input.getAttribute("aria-invalid")).isNull();
  }

  @Test
  void runsARampWithAMovingProgressBarToItsEnd() {
    startRamp("100", "5m", "ease-in");

    RampView ramp = admin.engine.server("web", "a").ramp();
    assertThat(ramp.target()).isEqualTo(100);
    assertThat(ramp.duration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(ramp.curve()).isEqualTo(Curve.EASE_IN);
    page.awaitTextInCard("a", RAMP_TEXT, "10 → 100: 0% (ease-in over 5m)");
    assertThat(page.inCard("a", RAMP_BAR).getAttribute("value")).isEqualTo("0");

    admin.engine.advanceRamp("web", "a", 0.4);
    page.awaitTextInCard("a", RAMP_TEXT, "40%");
    assertThat(page.inCard("a", RAMP_BAR).getAttribute("value")).isEqualTo("40");
    page.awaitFigure("a", "effectiveWeight", "46");
    browser.screenshot("ramp-running");

    page.inCard("a", "[data-action=pause]").click();
    page.awaitTextInCard("a", RAMP_TEXT, "paused");
    assertThat(admin.engine.server("web", "a").ramp().paused()).isTrue();
    page.inCard("a", "[data-action=resume]").click();
    page.await("the ramp running again", d -> !page.inCard("a", RAMP_TEXT).getText().contains("paused"));
    assertThat(admin.engine.server("web", "a").ramp().paused()).isFalse();

    admin.engine.advanceRamp("web", "a", 0.75);
    page.awaitTextInCard("a", RAMP_TEXT, "75%");
    admin.engine.advanceRamp("web", "a", 1);
    page.awaitTextInCard("a", RAMP_TEXT, "Ramp finished: weight 100");
    assertThat(page.inCard("a", RAMP_BAR).getAttribute("value")).isEqualTo("100");
    page.awaitFigure("a", "configuredWeight", "100");
    assertThat(page.inCard("a", "[data-action=abort]").isDisplayed()).isFalse();
  }

  @Test
  void abortsARamp() {
    startRamp("50", "2m", "linear");
    admin.engine.advanceRamp("web", "a", 0.5);
    page.awaitTextInCard("a", RAMP_TEXT, "50%");

    page.inCard("a", "[data-action=abort]").click();
    page.awaitTextInCard("a", RAMP_TEXT, "Ramp ended at weight 10 (target was 50)");
    assertThat(admin.engine.server("web", "a").ramp()).isNull();
  }

  @Test
  void keepsTheRampDialogOpenWithTheApiError() {
    page.action("a", "ramp").click();
    WebElement dialog = page.dialog("ramp");
    ConsolePage.type(dialog.findElement(By.name("duration")), "forever");
    dialog.findElement(By.cssSelector("button[type=submit]")).click();

    WebElement error = page.awaitText(By.id("ramp-error"), "duration: \"forever\" (expected:");
    assertThat(error.getText()).startsWith("400: ");
    assertThat(dialog.isDisplayed()).isTrue();
    assertThat(dialog.findElement(By.name("duration")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(admin.engine.server("web", "a").ramp()).isNull();

    page.keys(Keys.ESCAPE);
    page.awaitDialogClosed("ramp");
    assertThat(page.focused()).isEqualTo(page.action("a", "ramp"));
  }

  private void startRamp(String target, String duration, String curve) {
    page.action("a", "ramp").click();
    WebElement dialog = page.dialog("ramp");
    ConsolePage.type(dialog.findElement(By.name("target")), target);
    ConsolePage.type(dialog.findElement(By.name("duration")), duration);
    new Select(dialog.findElement(By.name("curve"))).selectByValue(curve);
    dialog.findElement(By.cssSelector("button[type=submit]")).click();
    page.awaitDialogClosed("ramp");
    page.awaitShown(By.cssSelector("article[data-server='a'] .panel.ramp"));
  }
}
