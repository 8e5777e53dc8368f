package tether.proxy.metrics;

/** Why an exchange with a server failed. */
public enum ErrorKind {
  /** The connection to the server could not be made (refused, unreachable, connect timeout). */
  CONNECT("connect"),
  /** The server did not answer in time. */
  TIMEOUT("timeout"),
  /** The server broke the exchange after it began (reset, early close, bad response). */
  SERVER("server"),
  /** The client went away or sent a bad body; the server exchange was aborted. */
  CLIENT("client");

  private final String metricName;

  ErrorKind(String metricName) {
    this.metricName = metricName;
  }

  public String metricName() {
    return metricName;
  }
}
