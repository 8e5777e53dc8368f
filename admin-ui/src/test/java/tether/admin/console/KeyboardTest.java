package tether.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tether.admin.TestAdmin;
import tether.admin.engine.RampView;

/** The console with the keyboard alone: Tab, Enter and Escape, and a focus one can always see. */
class KeyboardTest extends ConsoleTest {

  private static final String WEIGHT_OF_A = "server--web--a-weight";

  @Test
  void signsInSetsAWeightAndRampsWithoutAMouse() {
    page.open();
    assertThat(page.focused().getAttribute("id")).isEqualTo("token");
    page.keys(TestAdmin.OPERATOR, Keys.ENTER);
    page.server("a");
    page.await("the focus on the pools' heading", d -> "pools-title".equals(page.focused().getAttribute("id")));

    WebElement weight = page.tabTo("the weight of a", e -> WEIGHT_OF_A.equals(e.getAttribute("id")));
    assertFocusVisible();
    page.selectAll();
    page.keys("99", Keys.ESCAPE);
    assertThat(weight.getAttribute("value")).isEqualTo("10");
    page.selectAll();
    page.keys("42", Keys.ENTER);
    page.awaitFigure("a", "configuredWeight", "42");
    assertThat(admin.engine.server("web", "a").configuredWeight()).isEqualTo(42);
    assertThat(page.focused()).isEqualTo(weight);

    WebElement rampButton = page.tabTo("Ramp… of a", e -> e.equals(page.action("a", "ramp")));
    assertFocusVisible();
    page.keys(Keys.ENTER);
    page.dialog("ramp");
    assertThat(page.focused().getAttribute("id")).isEqualTo("ramp-target");
    page.keys(Keys.ESCAPE);
    page.awaitDialogClosed("ramp");
    assertThat(page.focused()).isEqualTo(rampButton);

    page.keys(Keys.ENTER);
    page.dialog("ramp");
    assertThat(page.focused().getAttribute("value")).isEqualTo("42");
    page.keys("60", Keys.TAB);
    page.selectAll();
    page.keys("1m", Keys.TAB);
    assertThat(page.focused().getAttribute("id")).isEqualTo("ramp-curve");
    page.keys(Keys.TAB);
    assertThat(page.focused().getText()).isEqualTo("Start ramp");
    assertFocusVisible();
    page.keys(Keys.ENTER);
    page.awaitDialogClosed("ramp");

    RampView ramp = admin.engine.server("web", "a").ramp();
    assertThat(ramp.target()).isEqualTo(60);
    assertThat(ramp.duration()).isEqualTo(Duration.ofMinutes(1));
    page.awaitTextInCard("a", ".panel.ramp .progress-text", "42 → 60: 0%");
    assertThat(page.focused()).isEqualTo(rampButton);

    // The ramp's own controls are in the Tab order too.
    page.tabBackTo("Pause ramp of a", e -> "pause".equals(e.getAttribute("data-action")));
    page.keys(Keys.ENTER);
    page.awaitTextInCard("a", ".panel.ramp .progress-text", "paused");
    assertThat(admin.engine.server("web", "a").ramp().paused()).isTrue();
  }

  private void assertFocusVisible() {
    Object outline = page.script("const style = getComputedStyle(document.activeElement);"
        + "return style.outlineStyle + ' ' + style.outlineWidth;");
    assertThat(String.valueOf(outline)).startsWith("solid").doesNotEndWith(" 0px");
  }
}
