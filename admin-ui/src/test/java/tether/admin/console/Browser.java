package tether.admin.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A headless Chromium driven through chromedriver, both from the system (Debian's {@code chromium} and
 * {@code chromium-driver} packages), never downloaded: naming the driver makes Selenium skip its
 * manager. Close it to quit the browser and delete its profile. Public, with {@link BrowserPerClass},
 * for the examples' console tests against a real proxy.
 */
public final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of(System.getProperty("tether.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("tether.chromedriver", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of(System.getProperty("tether.screenshots", "target/screenshots"));
  /** The window of {@link #start()}: wide enough for two server cards side by side. */
  static final Dimension WINDOW = new Dimension(1400, 1100);

  /** Selenium logs through java.util.logging; kept here so the level set below is not collected away. */
  private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  private final Path profile;
  private final ChromeDriver driver;

  private Browser(Path profile, ChromeDriver driver) {
    this.profile = profile;
    this.driver = driver;
  }

  /** Starts the browser; fails, saying what to install, when chromium or chromedriver is missing. */
  public static Browser start() {
    return start(WINDOW);
  }

  /** As {@link #start()}, with a window of {@code window}: a screenshot shows what fits in it. */
  public static Browser start(Dimension window) {
    missing().ifPresent(problem -> {
      throw new IllegalStateException(problem);
    });
    // Its warnings about CDP versions concern DevTools features these tests do not use.
    SELENIUM_LOG.setLevel(Level.SEVERE);
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    Path profile;
    try {
      profile = Files.createTempDirectory("tether-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=" + window.getWidth() + "," + window.getHeight(),
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withTimeout(Duration.ofSeconds(30))
        .build();
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
      return new Browser(profile, driver);
    } catch (RuntimeException e) {
      service.stop();
      deleteProfile(profile);
      throw e;
    }
  }

  /** Skips the calling tests, saying what to install, when chromium or chromedriver is missing. */
  public static void assumeInstalled() {
    Optional<String> problem = missing();
    assumeTrue(problem.isEmpty(), problem::get);
  }

  public WebDriver driver() {
    return driver;
  }

  /** Saves what the page looks like now as {@code <name>.png} in the screenshots folder; answers the file. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The browser console's messages since the last call; CSP refusals show up here. */
  public List<String> consoleMessages() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
  }

  /** Of the {@link #consoleMessages}, the page's Content-Security-Policy refusals and uncaught script errors. */
  public List<String> consoleProblems() {
    return consoleMessages().stream()
        .filter(message -> message.contains("Content Security Policy") || message.contains("Uncaught"))
        .toList();
  }

  /** Forgets the cookies (every test's servers share the host 127.0.0.1) and leaves the page. */
  public void leave() {
    driver.manage().deleteAllCookies();
    driver.get("about:blank");
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteProfile(profile);
    }
  }

  private static Optional<String> missing() {
    return Stream.of(CHROMIUM, CHROMEDRIVER)
        .filter(binary -> !Files.isExecutable(binary))
        .findFirst()
        .map(binary -> binary + ": missing or not executable (expected: Chromium and its driver, to test the"
            + " console in a real browser; install them with `apt-get install chromium chromium-driver`)");
  }

  private static void deleteProfile(Path profile) {
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A profile left in the temp folder is harmless; the test's own result matters more.
    }
  }
}
