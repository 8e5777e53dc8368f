package tether.admin.engine;

import java.util.List;
import java.util.Objects;

/**
 * The one way the engine refuses an admin action. The HTTP layer maps {@link Kind#BAD_REQUEST} to
 * 400, {@link Kind#NOT_FOUND} to 404 and {@link Kind#CONFLICT} to 409, with a JSON body naming the
 * {@link #field()} when there is one.
 */
public final class AdminException extends RuntimeException {

  /** Why the action was refused. */
  public enum Kind {
    /** The request itself is wrong; {@link #field()} names the part. */
    BAD_REQUEST,
    /** The pool, server or drain does not exist. */
    NOT_FOUND,
    /** The request is fine but the current state does not allow it. */
    CONFLICT
  }

  private final Kind kind;
  private final String field;
  private final List<String> messages;

  private AdminException(Kind kind, String field, List<String> messages) {
    super(messages.size() == 1 ? messages.get(0) : messages.size() + " problems: " + messages);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.field = field;
    this.messages = List.copyOf(messages);
  }

  /** {@code message} in the format {@code "name: value (expected: ...)"}. */
  public static AdminException badRequest(String field, String message) {
    return new AdminException(Kind.BAD_REQUEST, Objects.requireNonNull(field, "field"), List.of(message));
  }

  /** Several problems with one part of the request, such as every error of a route table. */
  public static AdminException badRequest(String field, List<String> messages) {
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("messages: [] (expected: at least one)");
    }
    return new AdminException(Kind.BAD_REQUEST, Objects.requireNonNull(field, "field"), messages);
  }

  public static AdminException notFound(String message) {
    return new AdminException(Kind.NOT_FOUND, null, List.of(message));
  }

  public static AdminException conflict(String message) {
    return new AdminException(Kind.CONFLICT, null, List.of(message));
  }

  public Kind kind() {
    return kind;
  }

  /** The request field at fault for {@code BAD_REQUEST}; null otherwise. */
  public String field() {
    return field;
  }

  /** One message, or several when a whole document was checked. */
  public List<String> messages() {
    return messages;
  }
}
