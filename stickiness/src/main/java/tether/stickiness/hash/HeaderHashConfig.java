package tether.stickiness.hash;

/**
 * @param headerName     the header whose value is hashed (default X-Session-Id)
 * @param maxValueLength longer values are rejected rather than hashed (default 256)
 */
public record HeaderHashConfig(String headerName, int maxValueLength) {

  public static final String DEFAULT_HEADER = "X-Session-Id";
  public static final int DEFAULT_MAX_VALUE_LENGTH = 256;

  public HeaderHashConfig {
    boolean token = headerName != null && !headerName.isEmpty();
    for (int i = 0; token && i < headerName.length(); i++) {
      char c = headerName.charAt(i);
      token = c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
    if (!token) {
      throw new IllegalArgumentException("headerName: " + headerName + " (expected: an HTTP header name)");
    }
    if (maxValueLength < 1) {
      throw new IllegalArgumentException("maxValueLength: " + maxValueLength + " (expected: >= 1)");
    }
  }

  public static HeaderHashConfig of(String headerName) {
    return new HeaderHashConfig(headerName, DEFAULT_MAX_VALUE_LENGTH);
  }

  public static HeaderHashConfig defaults() {
    return of(DEFAULT_HEADER);
  }
}
