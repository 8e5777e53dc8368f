package tether.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import tether.admin.TestAdmin;

/**
 * What every browser test of the console has: one Chromium per test class, and for each test a fresh
 * admin server over a fake engine with the page pointed at it. After each test, the browser console
 * must hold no Content-Security-Policy refusal and no uncaught script error.
 */
abstract class ConsoleTest {

  @RegisterExtension
  static final BrowserPerClass BROWSER = new BrowserPerClass("", Browser::start);

  Browser browser;
  TestAdmin admin;
  ConsolePage page;

  @BeforeEach
  void startAdmin() {
    browser = BROWSER.browser();
    admin = new TestAdmin();
    page = new ConsolePage(browser.driver(), admin.base());
    browser.consoleMessages();
  }

  @AfterEach
  void stopAdmin() {
    try {
      List<String> problems = browser.consoleProblems();
      browser.leave();
      assertThat(problems).as("CSP refusals and script errors in the browser console").isEmpty();
    } finally {
      admin.close();
    }
  }
}
