package tether.proxy.forward;

import io.undertow.server.HttpServerExchange;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the steps that end an exchange on the client connection's I/O thread. Ending the response ends
 * the exchange, and Undertow hands a keep-alive connection over to its next request right then; from
 * any other thread it does so under a flag that the I/O thread busy-waits on if the next request
 * arrives meanwhile. With both threads on one core, a preemption inside that window made the I/O thread
 * spin away its whole time slice (13% of the CPU samples under load). On the I/O thread the hand-over
 * needs no flag.
 */
final class ClientThread {

  private ClientThread() {}

  /** Runs {@code task} now if this is the exchange's I/O thread, else hands it to that thread. */
  static void run(HttpServerExchange exchange, Runnable task) {
    if (exchange.isInIoThread()) {
      task.run();
      return;
    }
    try {
      exchange.getIoThread().execute(task);
    } catch (RejectedExecutionException e) {
      // The I/O thread is stopping; ending here is still correct, only not as cheap.
      task.run();
    }
  }
}
