package tether.admin;

import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;
import tether.admin.engine.AdminEngine;
import tether.admin.engine.DrainView;

/**
 * {@code GET .../drain/wait?timeout=30s}: answers as soon as the drain is done, or at the timeout with
 * the progress so far; {@code done} in the answer tells which. Nothing blocks while it waits: the
 * engine's future and a timer on the connection's I/O thread race to complete the reply.
 */
final class DrainWait {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** Clients and proxies in between tend to give up on a silent connection after a few minutes. */
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

  private final AdminEngine engine;

  DrainWait(AdminEngine engine) {
    this.engine = engine;
  }

  Reply wait(Call call) {
    Duration timeout = timeout(call.query("timeout"));
    String pool = call.param("pool");
    String server = call.param("server");
    CompletableFuture<DrainView> drained = engine.whenDrained(pool, server);
    CompletableFuture<Reply> reply = new CompletableFuture<>();
    // Listens without completing: the engine's future belongs to the engine and to other waiters.
    drained.whenComplete((view, error) -> {
      if (error != null) {
        reply.completeExceptionally(error);
      } else {
        reply.complete(Reply.ok(view));
      }
    });
    HttpServerExchange exchange = call.exchange();
    XnioExecutor.Key timer = exchange.getIoThread().executeAfter(
        () -> exchange.getConnection().getWorker().execute(() -> progress(reply, pool, server)),
        timeout.toMillis(), TimeUnit.MILLISECONDS);
    reply.whenComplete((r, e) -> timer.remove());
    return Reply.later(reply);
  }

  private void progress(CompletableFuture<Reply> reply, String pool, String server) {
    if (reply.isDone()) {
      return;
    }
    try {
      reply.complete(Reply.ok(engine.drainProgress(pool, server)));
    } catch (RuntimeException e) {
      reply.completeExceptionally(e);
    }
  }

  private static Duration timeout(String text) {
    if (text == null) {
      return DEFAULT_TIMEOUT;
    }
    Duration timeout = Durations.parse(text);
    if (timeout == null || timeout.toMillis() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw ApiProblem.badRequest("timeout", "timeout: " + text + " (expected: " + Durations.EXPECTED
          + ", from 1ms to " + Durations.show(MAX_TIMEOUT) + ")");
    }
    return timeout;
  }
}
