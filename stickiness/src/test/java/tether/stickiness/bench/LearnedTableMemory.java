package tether.stickiness.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import tether.stickiness.appsession.LearnedSessionTable;

/**
 * Fills a learned table with a million sessions (32-character ids, as Tomcat makes them, over 20
 * servers) and prints the heap it holds: used heap after a full GC, minus the same before filling.
 * Run with a fixed heap and a stop-the-world collector so the figures are stable, e.g.
 * {@code java -Xmx1g -XX:+UseParallelGC -cp ... tether.stickiness.bench.LearnedTableMemory}.
 */
public final class LearnedTableMemory {

  private static final int SESSIONS = 1_000_000;

  private LearnedTableMemory() {}

  public static void main(String[] args) {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : SESSIONS;
    long before = usedAfterGc();
    LearnedSessionTable table = new LearnedSessionTable(Duration.ofMinutes(30), sessions, Ticker.systemTicker());
    StringBuilder id = new StringBuilder(32);
    for (int i = 0; i < sessions; i++) {
      id.setLength(0);
      // Random-looking hex ids of Tomcat's default length, built fresh like a parsed Set-Cookie value.
      long high = i * 0x9E3779B97F4A7C15L;
      id.append(String.format("%016X%016X", high, Long.reverse(high)));
      table.learn(id.toString(), "server-" + (i % 20));
    }
    long after = usedAfterGc();
    long size = table.size();
    System.out.printf("sessions=%d size=%d retained=%.1f MB (%.0f bytes/session)%n", sessions, size,
        (after - before) / 1e6, (after - before) / (double) size);
    if (table.serverFor(id.toString()) == null) {
      throw new IllegalStateException("the last session is missing");
    }
  }

  private static long usedAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
