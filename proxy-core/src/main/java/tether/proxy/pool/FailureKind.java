package tether.proxy.pool;

/** How an attempt at a server failed, as passive detection counts it. */
public enum FailureKind {
  /** The connection could not be made: refused, unreachable, or not made in time. */
  CONNECT,
  /** The server did not answer in time. */
  TIMEOUT,
  /** The server answered with a status the pool counts as a failure. */
  STATUS
}
