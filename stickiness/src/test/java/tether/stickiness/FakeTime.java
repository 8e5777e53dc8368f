package tether.stickiness;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** One source of time for both the wall clock (tokens) and the ticker (caches); tests advance it. */
public final class FakeTime extends Clock implements Ticker {

  public static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final AtomicLong elapsedNanos = new AtomicLong();
  private final Instant start;

  public FakeTime() {
    this(START);
  }

  public FakeTime(Instant start) {
    this.start = start;
  }

  public void advance(Duration duration) {
    elapsedNanos.addAndGet(duration.toNanos());
  }

  @Override
  public long read() {
    return elapsedNanos.get();
  }

  @Override
  public Instant instant() {
    return start.plusNanos(elapsedNanos.get());
  }

  @Override
  public long millis() {
    return instant().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("fixed to UTC");
  }
}
