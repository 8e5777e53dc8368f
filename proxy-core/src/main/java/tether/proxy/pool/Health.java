package tether.proxy.pool;

/** Whether a server can take requests at all, as checks and failures tell; separate from the admin state. */
public enum Health {
  /** Passing its checks (or not checked) and not ejected. */
  UP,
  /** Failing its active health checks. */
  DOWN,
  /** Taken out for a while after consecutive failures of real requests. */
  EJECTED;

  public boolean available() {
    return this == UP;
  }
}
