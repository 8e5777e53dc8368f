package tether.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import tether.admin.TestAdmin;

/**
 * What every browser test of the console has: one Chromium per test class, and for each test a fresh
 * admin server over a fake engine with the page pointed at it. After each test, the browser console
 * must hold no Content-Security-Policy refusal and no uncaught script error.
 */
abstract class ConsoleTest {

  static Browser browser;

  /** What the page showed when a test failed, next to the other screenshots. */
  @RegisterExtension
  static final AfterTestExecutionCallback SCREENSHOT_ON_FAILURE = context -> {
    if (context.getExecutionException().isPresent() && browser != null) {
      browser.screenshot("failed-" + context.getRequiredTestClass().getSimpleName() + "-"
          + context.getRequiredTestMethod().getName());
    }
  };

  TestAdmin admin;
  ConsolePage page;

  @BeforeAll
  static void startBrowser() {
    browser = Browser.start();
  }

  @AfterAll
  static void quitBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  @BeforeEach
  void startAdmin() {
    admin = new TestAdmin();
    page = new ConsolePage(browser.driver(), admin.base());
    browser.consoleMessages();
  }

  @AfterEach
  void stopAdmin() {
    try {
      List<String> problems = browser.consoleMessages().stream()
          .filter(message -> message.contains("Content Security Policy") || message.contains("Uncaught"))
          .toList();
      page.leave();
      assertThat(problems).as("CSP refusals and script errors in the browser console").isEmpty();
    } finally {
      admin.close();
    }
  }
}
