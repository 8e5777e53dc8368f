package tether.stickiness.cookie;

import java.time.Duration;

/**
 * Attributes of the Set-Cookie Tether writes.
 *
 * @param path     Path attribute, starting with '/'; null to omit
 * @param domain   Domain attribute; null to omit (host-only cookie)
 * @param secure   send only over HTTPS; off by default because the token grants nothing but routing,
 *                 and a Secure cookie silently breaks affinity behind plain HTTP
 * @param httpOnly hide from scripts
 * @param sameSite SameSite attribute; null to omit. NONE requires secure (browsers drop it otherwise)
 * @param maxAge   Max-Age; null for a browser-session cookie. Tether enforces max-idle and max-life
 *                 itself whatever this says
 */
public record CookieAttributes(String path, String domain, boolean secure, boolean httpOnly, SameSite sameSite,
    Duration maxAge) {

  public static final CookieAttributes DEFAULT = new CookieAttributes("/", null, false, true, SameSite.LAX, null);

  public enum SameSite {
    STRICT("Strict"), LAX("Lax"), NONE("None");

    private final String attribute;

    SameSite(String attribute) {
      this.attribute = attribute;
    }

    public String attribute() {
      return attribute;
    }
  }

  public CookieAttributes {
    if (path != null && (!path.startsWith("/") || !isAttributeValue(path))) {
      throw new IllegalArgumentException("path: " + path
          + " (expected: a path starting with /, without ; or controls)");
    }
    if (domain != null && !isDomain(domain)) {
      throw new IllegalArgumentException("domain: " + domain + " (expected: a host name such as example.com)");
    }
    if (sameSite == SameSite.NONE && !secure) {
      throw new IllegalArgumentException("sameSite: NONE (expected: secure = true with SameSite=None)");
    }
    if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
      throw new IllegalArgumentException("maxAge: " + maxAge + " (expected: > 0, or null for a session cookie)");
    }
  }

  /** The attributes as they follow {@code name=value} in a Set-Cookie header. */
  String render() {
    StringBuilder out = new StringBuilder();
    if (path != null) {
      out.append("; Path=").append(path);
    }
    if (domain != null) {
      out.append("; Domain=").append(domain);
    }
    if (maxAge != null) {
      out.append("; Max-Age=").append(maxAge.toSeconds());
    }
    if (secure) {
      out.append("; Secure");
    }
    if (httpOnly) {
      out.append("; HttpOnly");
    }
    if (sameSite != null) {
      out.append("; SameSite=").append(sameSite.attribute());
    }
    return out.toString();
  }

  private static boolean isAttributeValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == ';') {
        return false;
      }
    }
    return true;
  }

  private static boolean isDomain(String domain) {
    if (domain.isEmpty() || domain.length() > 253) {
      return false;
    }
    for (int i = 0; i < domain.length(); i++) {
      char c = domain.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
          || c == '.';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
