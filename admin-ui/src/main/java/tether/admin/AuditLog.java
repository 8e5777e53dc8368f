package tether.admin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every change made through the API: one line each to the {@code tether.audit} logger (where the
 * deployment decides how long to keep them), and the most recent {@value #CAPACITY} in memory for the
 * console.
 */
final class AuditLog {

  static final int CAPACITY = 500;
  static final String LOGGER = "tether.audit";

  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  private final ArrayDeque<AuditEntry> recent = new ArrayDeque<>(CAPACITY);

  void record(AuditEntry entry) {
    if (log.isInfoEnabled()) {
      log.info("{} ({}) {} {} request={} before={} after={}", entry.who(), entry.via(), entry.method(),
          entry.path(), entry.request(), Json.text(entry.before()), Json.text(entry.after()));
    }
    synchronized (recent) {
      if (recent.size() == CAPACITY) {
        recent.removeFirst();
      }
      recent.addLast(entry);
    }
  }

  /** Up to {@code limit} entries, newest first. */
  List<AuditEntry> newest(int limit) {
    List<AuditEntry> entries = new ArrayList<>(Math.min(limit, CAPACITY));
    synchronized (recent) {
      var it = recent.descendingIterator();
      while (it.hasNext() && entries.size() < limit) {
        entries.add(it.next());
      }
    }
    return entries;
  }
}
