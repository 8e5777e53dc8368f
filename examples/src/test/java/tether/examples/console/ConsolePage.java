package tether.examples.console;

import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console as the test sees it: where a server's card, its figures and its dialogs are, and
 * waits for what the page should come to show. The console polls the API every second, so what the
 * proxy does shows within a poll or two.
 */
final class ConsolePage {

  /** Long enough for a loaded machine; a wait that passes ends as soon as its condition holds. */
  static final Duration WAIT = Duration.ofSeconds(15);

  private final WebDriver driver;
  private final String base;

  ConsolePage(WebDriver driver, String base) {
    this.driver = driver;
    this.base = base;
  }

  /** Opens the console, signs in with {@code token} and waits for the card of {@code server}. */
  void signIn(String token, String server) {
    driver.get(base + "/");
    WebElement field = await("the token field", ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    field.clear();
    field.sendKeys(token);
    driver.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
    server(server);
  }

  /** The text of the element {@code id}, such as {@code who-name}. */
  String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  /** The card of a server, once the page shows it. */
  WebElement server(String id) {
    return await("server " + id + " on the page",
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("article.server[data-server='" + id + "']")));
  }

  WebElement inCard(String id, String css) {
    return server(id).findElement(By.cssSelector(css));
  }

  /** A figure of a server's card, such as {@code configuredWeight} or {@code liveSessions}. */
  String figure(String id, String key) {
    return inCard(id, "[data-figure='" + key + "']").getText();
  }

  void awaitFigure(String id, String key, String value) {
    await(key + " of " + id + " = " + value, d -> value.equals(figure(id, key)));
  }

  /** Waits until the element {@code css} of a server's card is shown with text containing {@code text}. */
  WebElement awaitTextInCard(String id, String css, String text) {
    return await("\"" + text + "\" in " + css + " of " + id, d -> {
      WebElement element = inCard(id, css);
      return element.isDisplayed() && element.getText().contains(text) ? element : null;
    });
  }

  /** The button of a server's card for {@code action} (its {@code data-action}). */
  WebElement action(String id, String action) {
    return inCard(id, "[data-action='" + action + "']");
  }

  /** The dialog {@code name} ({@code ramp}, {@code drain}...), once it is open. */
  WebElement dialog(String name) {
    return await(name + " dialog open", ExpectedConditions.visibilityOfElementLocated(By.id(name + "-dialog")));
  }

  void awaitDialogClosed(String name) {
    await(name + " dialog closed", ExpectedConditions.invisibilityOfElementLocated(By.id(name + "-dialog")));
  }

  static void type(WebElement field, String text) {
    field.clear();
    field.sendKeys(text);
  }

  <T> T await(String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).withMessage(what).until(condition);
  }
}
