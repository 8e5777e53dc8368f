package tether.admin.console;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One {@link Browser} for all the tests of a class, for a static {@link RegisterExtension} field: started
 * before the first test, quit after the last, since starting Chromium takes longer than most tests. When a
 * test fails, what the page showed goes next to the other screenshots as {@code
 * <prefix>failed-<class>-<method>.png}.
 */
public final class BrowserPerClass implements BeforeAllCallback, AfterTestExecutionCallback, AfterAllCallback {

  private final String prefix;
  private final Supplier<Browser> start;
  private Browser browser;

  /** Starts each class's browser with {@code start}; {@code prefix} begins the names of failure screenshots. */
  public BrowserPerClass(String prefix, Supplier<Browser> start) {
    this.prefix = prefix;
    this.start = start;
  }

  /** The class's browser, from before its first test to after its last. */
  public Browser browser() {
    if (browser == null) {
      throw new IllegalStateException("no browser outside a test class's run (expected: a static field"
          + " with @RegisterExtension)");
    }
    return browser;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    browser = start.get();
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isPresent() && browser != null) {
      browser.screenshot(prefix + "failed-" + context.getRequiredTestClass().getSimpleName() + "-"
          + context.getRequiredTestMethod().getName());
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (browser != null) {
      try {
        browser.close();
      } finally {
        browser = null;
      }
    }
  }
}
