package tether.stickiness;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Several counters over overlapping subsets of the same sessions: the largest is the best lower bound. */
final class LargestSessionCount implements SessionCounts {

  private final List<SessionCounts> counters;

  LargestSessionCount(List<SessionCounts> counters) {
    this.counters = List.copyOf(counters);
  }

  @Override
  public long liveSessions(String serverId) {
    long largest = 0;
    for (SessionCounts counter : counters) {
      largest = Math.max(largest, counter.liveSessions(serverId));
    }
    return largest;
  }

  @Override
  public Map<String, Long> liveSessions() {
    Map<String, Long> largest = new HashMap<>();
    for (SessionCounts counter : counters) {
      counter.liveSessions().forEach((server, count) -> largest.merge(server, count, Math::max));
    }
    return Map.copyOf(largest);
  }
}
