package tether.proxy.health;

import java.util.ArrayList;
import java.util.List;
import tether.proxy.clock.Scheduler;

/** Writes down what a checker reports, as readable lines stamped with the virtual time. */
final class RecordingListener implements HealthListener {

  private final Scheduler scheduler;
  private final List<String> events = new ArrayList<>();

  RecordingListener(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public synchronized void healthChanged(String serverId, boolean up, String reason) {
    events.add(millis() + "ms " + serverId + (up ? " up: " : " down: ") + reason);
  }

  @Override
  public synchronized void directive(String serverId, Directive directive) {
    events.add(millis() + "ms " + serverId + " " + directive);
  }

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  private long millis() {
    return scheduler.nanoTime() / 1_000_000;
  }
}
