package tether.admin;

import java.util.concurrent.CompletableFuture;

/**
 * What an action answers: a status and a body to serialise (null for none), or, for a long-poll, the
 * promise of a reply later.
 */
record Reply(int status, Object body, CompletableFuture<Reply> later) {

  static Reply ok(Object body) {
    return new Reply(200, body, null);
  }

  static Reply created(Object body) {
    return new Reply(201, body, null);
  }

  static Reply noContent() {
    return new Reply(204, null, null);
  }

  static Reply later(CompletableFuture<Reply> later) {
    return new Reply(0, null, later);
  }
}
