package tether.proxy.forward;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import tether.proxy.config.CidrRange;
import tether.proxy.config.ForwardedConfig;

/**
 * Writes X-Forwarded-For/-Proto/-Host/-Port, RFC 7239 Forwarded and Via. A client inside a trusted-proxy
 * range has its own values kept and appended to; anyone else has them replaced, so that a client cannot
 * claim another address.
 */
final class ForwardedHeaders {

  private static final AttachmentKey<Client> CLIENT = AttachmentKey.create(Client.class);

  private final List<CidrRange> trusted;
  private final boolean xForwarded;
  private final boolean forwarded;
  // Whether a request needs its client worked out at all: not when no header names it and nobody is trusted.
  private final boolean needsClient;
  private final String via;
  // The common hops, built once.
  private final String via11;
  private final String via10;

  ForwardedHeaders(ForwardedConfig config) {
    this.trusted = config.trustedProxies();
    this.xForwarded = config.headers().contains(ForwardedConfig.Header.X_FORWARDED);
    this.forwarded = config.headers().contains(ForwardedConfig.Header.FORWARDED);
    this.needsClient = xForwarded || forwarded || !trusted.isEmpty();
    this.via = config.via().isEmpty() ? null : config.via();
    this.via11 = "1.1 " + via;
    this.via10 = "1.0 " + via;
  }

  void write(HttpServerExchange exchange, HttpFields.Mutable to) {
    HeaderMap in = exchange.getRequestHeaders();
    String protocol = exchange.getProtocol().toString();
    if (!needsClient) {
      writeVia(in, protocol, to);
      return;
    }
    write(in, client(exchange), exchange.getRequestScheme(), protocol, to);
  }

  /**
   * Writes the forwarding headers for a request from {@code address} that arrived with headers
   * {@code in} over {@code scheme} on local port {@code localPort}.
   */
  void write(
      HeaderMap in,
      InetAddress address,
      String scheme,
      int localPort,
      String protocol,
      HttpFields.Mutable to) {
    write(in, client(address, localPort), scheme, protocol, to);
  }

  // The request to the server starts with none of these headers (HopByHop leaves them out), so they are
  // added, not put: put would search the fields for each name first.
  private void write(HeaderMap in, Client client, String scheme, String protocol, HttpFields.Mutable to) {
    boolean trust = client.trusted();
    String host = in.getFirst(Headers.HOST);

    if (xForwarded) {
      String priorFor = trust ? joined(in, Headers.X_FORWARDED_FOR) : null;
      to.add(HttpHeader.X_FORWARDED_FOR, priorFor == null ? client.ip() : priorFor + ", " + client.ip());
      addKeptOrOwn(to, HttpHeader.X_FORWARDED_PROTO, trust, in, Headers.X_FORWARDED_PROTO, scheme);
      addKeptOrOwn(to, HttpHeader.X_FORWARDED_HOST, trust, in, Headers.X_FORWARDED_HOST, host);
      addKeptOrOwn(to, HttpHeader.X_FORWARDED_PORT, trust, in, Headers.X_FORWARDED_PORT, client.localPort());
    } else {
      // Not written: a trusted proxy's values pass as they came, nobody else's pass at all.
      addKeptOrOwn(to, HttpHeader.X_FORWARDED_FOR, trust, in, Headers.X_FORWARDED_FOR, null);
      addKeptOrOwn(to, HttpHeader.X_FORWARDED_PROTO, trust, in, Headers.X_FORWARDED_PROTO, null);
      addKeptOrOwn(to, HttpHeader.X_FORWARDED_HOST, trust, in, Headers.X_FORWARDED_HOST, null);
      addKeptOrOwn(to, HttpHeader.X_FORWARDED_PORT, trust, in, Headers.X_FORWARDED_PORT, null);
    }

    if (forwarded) {
      StringBuilder element = new StringBuilder(64).append(client.forElement());
      if (host != null) {
        element.append(";host=");
        quote(element, host);
      }
      element.append(";proto=").append(scheme);
      String priorForwarded = trust ? joined(in, Headers.FORWARDED) : null;
      to.add(HttpHeader.FORWARDED, priorForwarded == null ? element.toString() : priorForwarded + ", " + element);
    } else {
      addKeptOrOwn(to, HttpHeader.FORWARDED, trust, in, Headers.FORWARDED, null);
    }

    writeVia(in, protocol, to);
  }

  // Via records hops rather than making a claim about the client, so it is kept from anyone; with no
  // name of its own Tether passes it on as it came.
  private void writeVia(HeaderMap in, String protocol, HttpFields.Mutable to) {
    String priorVia = joined(in, Headers.VIA);
    if (via != null) {
      String hop = hop(protocol);
      to.add(HttpHeader.VIA, priorVia == null ? hop : priorVia + ", " + hop);
    } else if (priorVia != null) {
      to.add(HttpHeader.VIA, priorVia);
    }
  }

  /**
   * The connection's client, worked out on its first request and kept with the connection: address and
   * local port do not change while it lasts. Only the I/O thread touches connection attachments; a
   * request sent again from another thread works it out anew.
   */
  private Client client(HttpServerExchange exchange) {
    InetAddress address = exchange.getSourceAddress().getAddress();
    int localPort = exchange.getDestinationAddress().getPort();
    if (!exchange.isInIoThread()) {
      return client(address, localPort);
    }
    ServerConnection connection = exchange.getConnection();
    Client client = connection.getAttachment(CLIENT);
    if (client == null || !client.isFor(address, localPort)) {
      client = client(address, localPort);
      connection.putAttachment(CLIENT, client);
    }
    return client;
  }

  private Client client(InetAddress address, int localPort) {
    String ip = address.getHostAddress();
    String forElement = address instanceof Inet6Address ? "for=\"[" + ip + "]\"" : "for=" + ip;
    return new Client(address, localPort, isTrusted(address), ip, forElement, Integer.toString(localPort));
  }

  /** What the forwarding headers say of one client connection. */
  private record Client(
      InetAddress address, int port, boolean trusted, String ip, String forElement, String localPort) {
    boolean isFor(InetAddress a, int p) {
      return port == p && address.equals(a);
    }
  }

  /** The Via value to append to a response, or {@code null} when Via is turned off. */
  String responseVia(HttpServerExchange exchange, String prior) {
    if (via == null) {
      return null;
    }
    String hop = hop(exchange.getProtocol().toString());
    return prior == null ? hop : prior + ", " + hop;
  }

  boolean isTrusted(InetAddress address) {
    for (int i = 0, n = trusted.size(); i < n; i++) {
      if (trusted.get(i).contains(address)) {
        return true;
      }
    }
    return false;
  }

  private static void addKeptOrOwn(
      HttpFields.Mutable to, HttpHeader name, boolean trust, HeaderMap in, HttpString header, String own) {
    String prior = trust ? joined(in, header) : null;
    String value = prior != null ? prior : own;
    if (value != null) {
      to.add(name, value);
    }
  }

  private String hop(String protocol) {
    switch (protocol) {
      case "HTTP/1.1":
        return via11;
      case "HTTP/1.0":
        return via10;
      default:
        return viaVersion(protocol) + " " + via;
    }
  }

  private static String viaVersion(String protocol) {
    return protocol.startsWith("HTTP/") ? protocol.substring(5) : protocol;
  }

  private static String joined(HeaderMap in, HttpString name) {
    HeaderValues values = in.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() == 1) {
      return values.getFirst();
    }
    return String.join(", ", values);
  }

  private static void quote(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }
}
