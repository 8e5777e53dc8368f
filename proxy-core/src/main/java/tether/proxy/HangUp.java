package tether.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import tether.admin.engine.AdminException;
import tether.admin.engine.ReloadReport;

/** SIGHUP reloads the configuration file, as operators of other servers expect. */
final class HangUp {

  private static final Logger log = LoggerFactory.getLogger(HangUp.class);

  private HangUp() {}

  static void reloadOnSignal(Tether tether) {
    try {
      Signal.handle(new Signal("HUP"), signal -> reload(tether));
    } catch (IllegalArgumentException e) {
      // No such signal on this platform, or the JVM keeps it for itself (-Xrs).
      log.warn("SIGHUP cannot be used here ({}); reload through the admin API instead", e.getMessage());
    }
  }

  /** Logs the outcome: nobody is there to read an answer. */
  static void reload(Tether tether) {
    try {
      ReloadReport report = tether.reload();
      report.applied().forEach(line -> log.info("Reload applied: {}", line));
      report.restartNeeded().forEach(key -> log.warn("Reload: {} changed; it applies at the next restart", key));
    } catch (AdminException e) {
      log.error("Reload refused, nothing changed: {}", String.join("; ", e.messages()));
    } catch (RuntimeException e) {
      log.error("Reload failed", e);
    }
  }
}
