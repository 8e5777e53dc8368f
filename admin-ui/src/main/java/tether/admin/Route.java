package tether.admin;

/**
 * One endpoint of the API: method and path template (as in the OpenAPI document), who may call it,
 * whether it reads a JSON body, and what it does.
 */
record Route(String method, String template, Access access, Body body, Action action) {

  /** Who may call an endpoint. */
  enum Access {
    /** Anyone: the API document and sign-in. */
    PUBLIC,
    /** Any signed-in caller; nothing in the engine changes (sign-out is one). */
    SIGNED_IN,
    /** Any signed-in caller, to read. */
    READ,
    /** Operators only; audited. */
    CHANGE
  }

  /** Whether an endpoint reads a request body. */
  enum Body {
    NONE,
    /** A body is read when there is one; none reads as {@code {}}. */
    OPTIONAL,
    REQUIRED
  }

  /** What an endpoint does once its caller and body have passed every check. Runs on a worker thread. */
  @FunctionalInterface
  interface Action {
    Reply handle(Call call);
  }

  /** "GET /api/pools", as tests and logs name endpoints. */
  String key() {
    return method + " " + template;
  }
}
