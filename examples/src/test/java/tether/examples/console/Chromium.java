package tether.examples.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A headless Chromium and its chromedriver, both taken from the system (Debian's {@code chromium} and
 * {@code chromium-driver}); naming the driver keeps Selenium from downloading one. Closing it quits the
 * browser and deletes its throw-away profile.
 */
final class Chromium implements AutoCloseable {

  static final Path BINARY = Path.of(System.getProperty("tether.chromium", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getProperty("tether.chromedriver", "/usr/bin/chromedriver"));
  /** Set by the build to a folder under its output directory, so that -Dtether.target is honoured. */
  static final Path SCREENSHOTS = Path.of(System.getProperty("tether.screenshots", "target/screenshots"));

  /** Selenium logs through java.util.logging; held here so that the level set below is not collected away. */
  private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  private final Path profile;
  private final ChromeDriver driver;

  private Chromium(Path profile, ChromeDriver driver) {
    this.profile = profile;
    this.driver = driver;
  }

  /** Starts the browser; skips the calling test when Chromium or its driver is not installed. */
  static Chromium start() {
    for (Path binary : List.of(BINARY, DRIVER)) {
      assumeTrue(Files.isExecutable(binary),
          binary + " is missing: install chromium and chromium-driver to run the console's browser tests");
    }
    // Its warnings about DevTools versions concern features these tests do not use.
    SELENIUM_LOG.setLevel(Level.SEVERE);
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
    Path profile;
    try {
      profile = Files.createTempDirectory("tether-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1400,1400", "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .withTimeout(Duration.ofSeconds(30))
        .build();
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
      return new Chromium(profile, driver);
    } catch (RuntimeException e) {
      service.stop();
      deleteProfile(profile);
      throw e;
    }
  }

  WebDriver driver() {
    return driver;
  }

  /** Saves the page as it looks now to {@code <name>.png} in the screenshots folder; answers the file. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The browser console's messages since the last call: refusals of the page's CSP and script errors show here. */
  List<String> consoleMessages() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteProfile(profile);
    }
  }

  private static void deleteProfile(Path profile) {
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A profile left in the temp folder does no harm; the test's own outcome matters more.
    }
  }
}
