package tether.proxy.forward;

import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Copies end-to-end headers between the two libraries' header models, leaving out hop-by-hop headers
 * (RFC 9110 section 7.6.1) and every header that the {@code Connection} header names.
 */
final class HopByHop {

  /** Undertow's HttpString compares case-insensitively, so a set of them needs no lower-casing. */
  private static final Set<HttpString> REQUEST_SKIPPED =
      Set.of(
          Headers.CONNECTION,
          Headers.KEEP_ALIVE,
          Headers.PROXY_AUTHENTICATE,
          Headers.PROXY_AUTHORIZATION,
          HttpString.tryFromString("Proxy-Connection"),
          Headers.TE,
          Headers.TRAILER,
          Headers.TRANSFER_ENCODING,
          Headers.UPGRADE,
          // Tether answers 100-continue itself and the client library frames the body it sends.
          Headers.EXPECT,
          Headers.CONTENT_LENGTH,
          // Rewritten by ForwardedHeaders.
          Headers.X_FORWARDED_FOR,
          Headers.X_FORWARDED_PROTO,
          Headers.X_FORWARDED_HOST,
          Headers.X_FORWARDED_PORT,
          Headers.FORWARDED,
          Headers.VIA);

  /**
   * The client library's own constant for each header it knows, so that a copied header needs no name
   * lookup on the client library's side.
   */
  private static final Map<HttpString, HttpHeader> KNOWN = known();

  private HopByHop() {}

  private static Map<HttpString, HttpHeader> known() {
    Map<HttpString, HttpHeader> known = new HashMap<>();
    for (HttpHeader header : HttpHeader.values()) {
      if (!header.isPseudo()) {
        known.put(HttpString.tryFromString(header.asString()), header);
      }
    }
    return Map.copyOf(known);
  }

  /** Copies the client's request headers into the request to the server. */
  static void copyRequestHeaders(
      HeaderMap from, HttpFields.Mutable to, boolean preserveHost, Set<String> stripCookies) {
    List<HttpString> named = connectionTokens(from.get(Headers.CONNECTION));
    for (HeaderValues values : from) {
      HttpString name = values.getHeaderName();
      if (REQUEST_SKIPPED.contains(name) || (named != null && named.contains(name))) {
        continue;
      }
      if (!preserveHost && Headers.HOST.equals(name)) {
        continue;
      }
      HttpHeader known = KNOWN.get(name);
      String text = known == null ? name.toString() : null;
      boolean cookie = Headers.COOKIE.equals(name) && !stripCookies.isEmpty();
      for (int i = 0, n = values.size(); i < n; i++) {
        String value = cookie ? Cookies.strip(values.get(i), stripCookies) : values.get(i);
        if (value == null) {
          continue;
        }
        if (known != null) {
          to.add(known, value);
        } else {
          to.add(text, value);
        }
      }
    }
  }

  /** Copies the server's response headers into the response to the client. */
  static void copyResponseHeaders(HttpFields from, HeaderMap to) {
    List<HttpString> named = null;
    for (HttpField field : from) {
      if (field.getHeader() == HttpHeader.CONNECTION) {
        named = addTokens(named, field.getValue());
      }
    }
    for (HttpField field : from) {
      HttpHeader header = field.getHeader();
      if (header != null && isHopByHop(header)) {
        continue;
      }
      HttpString name = HttpString.tryFromString(field.getName());
      if (named != null && named.contains(name)) {
        continue;
      }
      to.add(name, field.getValue());
    }
  }

  private static boolean isHopByHop(HttpHeader header) {
    switch (header) {
      case CONNECTION:
      case KEEP_ALIVE:
      case PROXY_AUTHENTICATE:
      case PROXY_AUTHORIZATION:
      case PROXY_CONNECTION:
      case TE:
      case TRAILER:
      case TRANSFER_ENCODING:
      case UPGRADE:
        return true;
      default:
        return false;
    }
  }

  private static List<HttpString> connectionTokens(HeaderValues connection) {
    if (connection == null) {
      return null;
    }
    List<HttpString> tokens = null;
    for (String value : connection) {
      tokens = addTokens(tokens, value);
    }
    return tokens;
  }

  private static List<HttpString> addTokens(List<HttpString> tokens, String value) {
    int start = 0;
    int length = value.length();
    while (start < length) {
      int comma = value.indexOf(',', start);
      int end = comma < 0 ? length : comma;
      String token = value.substring(start, end).trim();
      if (!token.isEmpty()) {
        if (tokens == null) {
          tokens = new ArrayList<>(2);
        }
        tokens.add(HttpString.tryFromString(token));
      }
      start = end + 1;
    }
    return tokens;
  }
}
