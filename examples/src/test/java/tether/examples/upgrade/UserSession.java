package tether.examples.upgrade;

import java.io.IOException;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import tether.examples.upgrade.Visitor.Page;

/**
 * One user's visit from sign-in to sign-out, checked at every step. The user opens a session, signs in,
 * reads {@code /api/session} again and again for a while, signs out and reads it once more. Every answer
 * must come from the instance that holds the session, with the same session id, the signed-in user (or
 * none after sign-out) and a visit counter one higher than the last. An answer that is not the expected
 * status is a failed request; an expected status showing anything else (a reset counter, another
 * session id, no user, another instance) is a session that lost its state. Either ends the visit.
 */
final class UserSession {

  enum Outcome { KEPT, FAILED_REQUEST, LOST_STATE }

  /**
   * @param instance the instance (and version) that held the session, or null when it never got one
   * @param detail what went wrong, or null
   */
  record Result(Outcome outcome, String instance, int requests, String detail) {}

  private record Problem(Outcome outcome, String detail) {}

  private final Visitor visitor;
  private final String user;
  private String instance;
  private String session;
  private int visits;
  private int requests;

  private UserSession(Visitor visitor, String user) {
    this.visitor = visitor;
    this.user = user;
  }

  /**
   * Runs a visit of about {@code nanos}. {@code pause} waits between two reads and answers false once the
   * user should stop: the visit then goes straight to its sign-out.
   */
  static Result run(Visitor visitor, String user, long nanos, BooleanSupplier pause) throws InterruptedException {
    return new UserSession(visitor, user).run(nanos, pause);
  }

  private Result run(long nanos, BooleanSupplier pause) throws InterruptedException {
    long end = System.nanoTime() + nanos;
    try {
      Page first = visitor.get("/api/session");
      requests++;
      if (first.status() != 200) {
        return failed("GET /api/session (new session)", first);
      }
      instance = first.instance();
      session = first.session();
      visits = first.visits();
      if (instance == null || session == null || visits != 1 || first.user() != null) {
        return lost("a new session", first);
      }
      Problem problem = form("/login", "user", user, user);
      if (problem != null) {
        return result(problem);
      }
      do {
        problem = read(user);
        if (problem != null) {
          return result(problem);
        }
      } while (System.nanoTime() < end && pause.getAsBoolean());
      problem = form("/logout", "bye", "1", null);
      if (problem == null) {
        problem = read(null);
      }
      return result(problem);
    } catch (IOException e) {
      return new Result(Outcome.FAILED_REQUEST, instance, requests, "no answer: " + e);
    }
  }

  /** POSTs a form that the instance answers with 303; null when it did. */
  private Problem form(String path, String field, String value, String signedIn)
      throws IOException, InterruptedException {
    Page page = visitor.post(path, field, value);
    requests++;
    if (page.status() != 303) {
      return failure("POST " + path, page);
    }
    if (!Objects.equals(page.instance(), instance)) {
      return loss("POST " + path + " as " + signedIn, page);
    }
    return null;
  }

  /** Reads the session once; null when all is as expected. */
  private Problem read(String signedIn) throws IOException, InterruptedException {
    Page page = visitor.get("/api/session");
    requests++;
    if (page.status() != 200) {
      return failure("GET /api/session", page);
    }
    visits++;
    if (!Objects.equals(page.instance(), instance) || !Objects.equals(page.session(), session)
        || page.visits() != visits || !Objects.equals(page.user(), signedIn)) {
      return loss("visit " + visits + " as " + signedIn, page);
    }
    return null;
  }

  private static Problem failure(String what, Page page) {
    return new Problem(Outcome.FAILED_REQUEST, what + ": " + page.brief());
  }

  private Problem loss(String expected, Page page) {
    return new Problem(Outcome.LOST_STATE,
        "expected " + expected + " from " + instance + " in session " + session + ", got " + page.brief());
  }

  private Result failed(String what, Page page) {
    return result(failure(what, page));
  }

  private Result lost(String expected, Page page) {
    return result(loss(expected, page));
  }

  private Result result(Problem problem) {
    return problem == null
        ? new Result(Outcome.KEPT, instance, requests, null)
        : new Result(problem.outcome(), instance, requests, user + ": " + problem.detail());
  }
}
