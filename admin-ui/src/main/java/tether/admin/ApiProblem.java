package tether.admin;

import java.util.List;
import tether.admin.engine.AdminException;

/**
 * A refusal on its way to the caller: the status, the message in the format {@code "name: value
 * (expected: ...)"}, and the request field at fault when there is one.
 */
final class ApiProblem extends RuntimeException {

  private final int status;
  private final String field;
  private final List<String> messages;
  private final long retryAfterSeconds;

  ApiProblem(int status, String field, String message) {
    this(status, field, List.of(message));
  }

  ApiProblem(int status, String field, List<String> messages) {
    this(status, field, messages, 0);
  }

  /** With a {@code Retry-After} of that many seconds. */
  ApiProblem(int status, String field, String message, long retryAfterSeconds) {
    this(status, field, List.of(message), retryAfterSeconds);
  }

  private ApiProblem(int status, String field, List<String> messages, long retryAfterSeconds) {
    super(messages.get(0), null, false, false);
    this.status = status;
    this.field = field;
    this.messages = List.copyOf(messages);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static ApiProblem badRequest(String field, String message) {
    return new ApiProblem(400, field, message);
  }

  static ApiProblem from(AdminException e) {
    int status = switch (e.kind()) {
      case BAD_REQUEST -> 400;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
    };
    return new ApiProblem(status, e.field(), e.messages());
  }

  int status() {
    return status;
  }

  String field() {
    return field;
  }

  List<String> messages() {
    return messages;
  }

  /** Seconds for {@code Retry-After}, or 0 for none. */
  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
