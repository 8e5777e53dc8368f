package tether.admin.console;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console as a test sees it: where things are on the page, and waits for what it should show. */
final class ConsolePage {

  /** Long enough for a loaded machine; a passing wait ends as soon as its condition holds. */
  static final Duration WAIT = Duration.ofSeconds(15);
  /** The most keys a keyboard walk may press to reach a control. */
  static final int MAX_TABS = 60;

  private final WebDriver driver;
  private final String base;

  ConsolePage(WebDriver driver, String base) {
    this.driver = driver;
    this.base = base;
  }

  WebDriver driver() {
    return driver;
  }

  /** Loads the console and waits until it shows either the sign-in form or the pools. */
  void open() {
    driver.get(base + "/");
    await("the sign-in form or the pools", d -> isShown(By.id("sign-in")) || isShown(By.id("console")));
  }

  void signIn(String token) {
    WebElement field = await("the token field", ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    field.clear();
    field.sendKeys(token);
    driver.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
  }

  /** Opens the console, signs in with {@code token} and waits for the pools. */
  void signInWith(String token) {
    open();
    signIn(token);
    server("a");
  }

  /** The card of server {@code id}, once it is shown. */
  WebElement server(String id) {
    return await("server " + id + " on the page",
        ExpectedConditions.visibilityOfElementLocated(serverLocator(id)));
  }

  void awaitServerGone(String id) {
    await("server " + id + " gone from the page", ExpectedConditions.invisibilityOfElementLocated(serverLocator(id)));
  }

  /** A figure of a server's card, such as {@code configuredWeight} or {@code requestsPerSecond}. */
  String figure(String id, String key) {
    return server(id).findElement(By.cssSelector("[data-figure='" + key + "']")).getText();
  }

  void awaitFigure(String id, String key, String value) {
    await(key + " of " + id + " = " + value, d -> value.equals(figure(id, key)));
  }

  /** The button for {@code action} (its {@code data-action}) on a server's card. */
  WebElement action(String id, String action) {
    return server(id).findElement(By.cssSelector("[data-action='" + action + "']"));
  }

  WebElement inCard(String id, String css) {
    return server(id).findElement(By.cssSelector(css));
  }

  /** Waits until the element {@code css} in a server's card shows text containing {@code text}. */
  WebElement awaitTextInCard(String id, String css, String text) {
    return await("\"" + text + "\" in " + css + " of " + id, d -> {
      WebElement element = inCard(id, css);
      return element.isDisplayed() && element.getText().contains(text) ? element : null;
    });
  }

  /** The open dialog {@code name} ({@code ramp}, {@code drain}, {@code add}, {@code remove}). */
  WebElement dialog(String name) {
    return await(name + " dialog open", ExpectedConditions.visibilityOfElementLocated(By.id(name + "-dialog")));
  }

  void awaitDialogClosed(String name) {
    await(name + " dialog closed", ExpectedConditions.invisibilityOfElementLocated(By.id(name + "-dialog")));
  }

  WebElement awaitShown(By locator) {
    return await(locator + " shown", ExpectedConditions.visibilityOfElementLocated(locator));
  }

  WebElement awaitText(By locator, String text) {
    return await("\"" + text + "\" in " + locator, d -> {
      WebElement element = d.findElement(locator);
      return element.isDisplayed() && element.getText().contains(text) ? element : null;
    });
  }

  static void type(WebElement field, String text) {
    field.clear();
    field.sendKeys(text);
  }

  /** Presses keys as a person would: they go to whatever has the focus. */
  void keys(CharSequence... keys) {
    new Actions(driver).sendKeys(keys).perform();
  }

  /** Ctrl+A in the focused field: held down and let go as a person would, not typed as a chord. */
  void selectAll() {
    new Actions(driver).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).perform();
  }

  WebElement focused() {
    return driver.switchTo().activeElement();
  }

  /** Presses Tab until {@code wanted} holds for the focused element; fails after {@link #MAX_TABS}. */
  WebElement tabTo(String what, Predicate<WebElement> wanted) {
    return walk(what, wanted, Keys.TAB);
  }

  /** As {@link #tabTo}, backwards with Shift+Tab. */
  WebElement tabBackTo(String what, Predicate<WebElement> wanted) {
    return walk(what, wanted, Keys.chord(Keys.SHIFT, Keys.TAB));
  }

  private WebElement walk(String what, Predicate<WebElement> wanted, CharSequence key) {
    for (int i = 0; i < MAX_TABS; i++) {
      keys(key);
      WebElement focused = focused();
      if (wanted.test(focused)) {
        return focused;
      }
    }
    throw new AssertionError(what + ": not reached with " + MAX_TABS + " presses of Tab");
  }

  Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(script, arguments);
  }

  <T> T await(String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).withMessage(what).until(condition);
  }

  private boolean isShown(By locator) {
    return !driver.findElements(locator).isEmpty() && driver.findElement(locator).isDisplayed();
  }

  private static By serverLocator(String id) {
    return By.cssSelector("article.server[data-server='" + id + "']");
  }
}
