package tether.proxy.health;

import java.util.Objects;

/**
 * The outcome of one check.
 *
 * @param passed    whether it counts towards rise (true) or fall (false)
 * @param detail    what happened, for logs and the console, e.g. {@code HTTP 503 (expected: 200-399)}
 * @param directive what the server asked for in its response, or null
 */
public record CheckResult(boolean passed, String detail, Directive directive) {

  public CheckResult {
    Objects.requireNonNull(detail, "detail");
  }

  static CheckResult pass(String detail) {
    return new CheckResult(true, detail, null);
  }

  static CheckResult fail(String detail) {
    return new CheckResult(false, detail, null);
  }

  /** A failed check for an exception: its class and message, which say more than either alone. */
  static CheckResult failure(Throwable failure) {
    String message = failure.getMessage();
    String name = failure.getClass().getSimpleName();
    return fail(message == null || message.isBlank() ? name : name + ": " + message);
  }
}
