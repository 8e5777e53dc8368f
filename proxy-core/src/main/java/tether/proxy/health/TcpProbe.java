package tether.proxy.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import tether.proxy.clock.Scheduler;
import tether.proxy.config.HostPort;

/**
 * Checks that a server accepts a TCP connection within the time-out, then closes it at once. The
 * connect is asynchronous and the time-out a scheduler task, so no thread waits for either. An IP
 * address is used as it is; a host name is looked up on the common fork-join pool, since a DNS lookup
 * blocks and the scheduler's thread must not.
 */
public final class TcpProbe implements Probe {

  /** IPv4 literals; IPv6 literals are the hosts with a colon. Neither needs a lookup. */
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final Duration timeout;
  private final Scheduler scheduler;

  public TcpProbe(Duration timeout, Scheduler scheduler) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: a duration > 0)");
    }
  }

  @Override
  public CompletableFuture<CheckResult> check(CheckTarget target) {
    CompletableFuture<CheckResult> result = new CompletableFuture<>();
    AsynchronousSocketChannel channel;
    try {
      channel = AsynchronousSocketChannel.open();
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.completedFuture(CheckResult.failure(e));
    }
    long start = scheduler.nanoTime();
    Scheduler.Cancellable timer = scheduler.schedule(() -> {
      if (result.complete(CheckResult.fail("timed out after " + timeout.toMillis() + "ms"))) {
        close(channel);
      }
    }, timeout.toNanos());
    result.whenComplete((r, e) -> timer.cancel());
    resolve(target.address()).whenComplete((address, failure) -> {
      if (failure != null) {
        finish(result, channel, CheckResult.failure(failure.getCause() != null ? failure.getCause() : failure));
        return;
      }
      try {
        channel.connect(address, null, new CompletionHandler<Void, Void>() {
          @Override
          public void completed(Void ignored, Void attachment) {
            long millis = TimeUnit.NANOSECONDS.toMillis(scheduler.nanoTime() - start);
            finish(result, channel, CheckResult.pass("connected in " + millis + "ms"));
          }

          @Override
          public void failed(Throwable e, Void attachment) {
            finish(result, channel, CheckResult.failure(e));
          }
        });
      } catch (RuntimeException e) {
        finish(result, channel, CheckResult.failure(e));
      }
    });
    return result;
  }

  private static CompletableFuture<InetSocketAddress> resolve(HostPort address) {
    String host = address.host();
    if (host.indexOf(':') >= 0 || IPV4.matcher(host).matches()) {
      return CompletableFuture.completedFuture(new InetSocketAddress(host, address.port()));
    }
    return CompletableFuture.supplyAsync(() -> {
      InetSocketAddress resolved = new InetSocketAddress(host, address.port());
      if (resolved.isUnresolved()) {
        throw new IllegalStateException("unknown host " + host);
      }
      return resolved;
    });
  }

  /** Completes with {@code outcome} unless the time-out came first, and closes the connection either way. */
  private static void finish(CompletableFuture<CheckResult> result, AsynchronousSocketChannel channel,
      CheckResult outcome) {
    result.complete(outcome);
    close(channel);
  }

  private static void close(AsynchronousSocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing was sent on it: there is nothing to lose.
    }
  }
}
