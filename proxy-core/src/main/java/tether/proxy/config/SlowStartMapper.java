package tether.proxy.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import tether.proxy.pool.RampCurve;

/**
 * Maps a pool's {@code slow-start} object. Every key is optional: defaults are those of
 * {@link SlowStartConfig#OFF}, with duration the one that turns it on.
 */
final class SlowStartMapper {

  static final Set<String> SLOW_START_KEYS = Set.of("duration", "start-percent", "curve");

  static final String CURVES =
      Arrays.stream(RampCurve.values()).map(RampCurve::configName).collect(Collectors.joining(", "));

  private SlowStartMapper() {}

  static SlowStartConfig map(Section slowStart) {
    SlowStartConfig off = SlowStartConfig.OFF;
    Duration duration = off.duration();
    if (slowStart.has("duration")) {
      int before = slowStart.problems().size();
      Duration d = slowStart.duration("duration", true);
      duration = slowStart.problems().size() == before ? d : duration;
    }
    int startPercent = PoolReads.integer(slowStart, "start-percent", 0, 100, off.startPercent());
    RampCurve curve = off.curve();
    if (slowStart.has("curve")) {
      String expected = "one of " + CURVES;
      String text = slowStart.string("curve", expected);
      RampCurve named = RampCurve.named(text);
      if (named == null && text != null) {
        slowStart.bad("curve", expected);
      }
      curve = named == null ? curve : named;
    }
    return new SlowStartConfig(duration, startPercent, curve);
  }
}
