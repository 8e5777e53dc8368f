package tether.admin;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The web console's files, served at {@code /} and under {@code /assets/} without authentication:
 * they hold no data, and every call the console makes goes through the API, which is protected.
 *
 * <p>The files are a fixed list, read from the class path once and served from memory. A path is
 * looked up in that list exactly as it arrives, so no request can name a file that is not on it
 * (dot segments, encoded slashes and the like simply miss); misses go to {@code next}, the API's 404.
 * Every file carries a strict Content-Security-Policy: the console has no inline script or style, and
 * may only talk to the listener it came from.
 */
final class ConsoleAssets implements HttpHandler {

  static final String CONSOLE_RESOURCES = "/tether/admin/console/";
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
      + " img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none';"
      + " frame-ancestors 'none'";
  /** The chart library comes from its webjar; the page names it by this stable path. */
  static final String CHART_PATH = "/assets/chart.umd.min.js";

  private static final String CHART_WEBJAR = "/META-INF/maven/org.webjars.npm/chart.js/pom.properties";
  private static final String ALLOWED_METHODS = "GET, HEAD";
  private static final HttpString REFERRER_POLICY = HttpString.tryFromString("Referrer-Policy");
  private static final HttpString CONTENT_SECURITY_POLICY_HEADER =
      HttpString.tryFromString("Content-Security-Policy");

  /** The console's own files, by the path the browser asks for. Adding a file means adding it here. */
  private static final Map<String, String> CONSOLE_FILES = Map.ofEntries(
      Map.entry("/", "index.html"),
      Map.entry("/assets/console.css", "console.css"),
      Map.entry("/assets/favicon.svg", "favicon.svg"),
      Map.entry("/assets/app.js", "app.js"),
      Map.entry("/assets/api.js", "api.js"),
      Map.entry("/assets/dom.js", "dom.js"),
      Map.entry("/assets/dialogs.js", "dialogs.js"),
      Map.entry("/assets/pools.js", "pools.js"),
      Map.entry("/assets/server-card.js", "server-card.js"),
      Map.entry("/assets/charts.js", "charts.js"),
      Map.entry("/assets/routes.js", "routes.js"),
      Map.entry("/assets/reload.js", "reload.js"),
      Map.entry("/assets/audit.js", "audit.js"));

  /** One file as it is sent. */
  private record Asset(byte[] bytes, String contentType, String etag) {}

  private final Map<String, Asset> byPath;
  private final HttpHandler next;

  /** Reads every file now, so that a missing one stops the admin server from starting. */
  ConsoleAssets(HttpHandler next) {
    this.next = next;
    Map<String, Asset> assets = new LinkedHashMap<>();
    CONSOLE_FILES.forEach((path, file) -> assets.put(path, asset(CONSOLE_RESOURCES + file)));
    assets.put(CHART_PATH, asset(chartResource()));
    this.byPath = Map.copyOf(assets);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    Asset asset = byPath.get(exchange.getRequestPath());
    if (asset == null) {
      next.handleRequest(exchange);
      return;
    }
    var headers = exchange.getResponseHeaders();
    headers.put(CONTENT_SECURITY_POLICY_HEADER, CONTENT_SECURITY_POLICY);
    headers.put(Headers.X_FRAME_OPTIONS, "DENY");
    headers.put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
    // Same-origin calls keep their Origin header (which the CSRF check needs); others learn nothing.
    headers.put(REFERRER_POLICY, "same-origin");
    var method = exchange.getRequestMethod();
    if (!method.equals(Methods.GET) && !method.equals(Methods.HEAD)) {
      headers.put(Headers.ALLOW, ALLOWED_METHODS);
      exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED);
      exchange.endExchange();
      return;
    }
    // Revalidated on every load, so an upgraded proxy never runs a stale console; unchanged files cost a 304.
    headers.put(Headers.CACHE_CONTROL, "no-cache");
    headers.put(Headers.ETAG, asset.etag());
    String ifNoneMatch = exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH);
    if (ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(",")).map(String::strip)
        .anyMatch(tag -> tag.equals(asset.etag()) || tag.equals("*"))) {
      exchange.setStatusCode(StatusCodes.NOT_MODIFIED);
      exchange.endExchange();
      return;
    }
    headers.put(Headers.CONTENT_TYPE, asset.contentType());
    headers.put(Headers.CONTENT_LENGTH, asset.bytes().length);
    if (method.equals(Methods.HEAD)) {
      exchange.endExchange();
    } else {
      exchange.getResponseSender().send(ByteBuffer.wrap(asset.bytes()));
    }
  }

  /** Where the webjar keeps the bundle that needs no module loader, for the version on the class path. */
  private static String chartResource() {
    Properties webjar = new Properties();
    try (InputStream in = ConsoleAssets.class.getResourceAsStream(CHART_WEBJAR)) {
      if (in == null) {
        throw new IllegalStateException(
            CHART_WEBJAR + " is missing from the class path (expected: the org.webjars.npm:chart.js jar)");
      }
      webjar.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "/META-INF/resources/webjars/chart.js/" + webjar.getProperty("version") + "/dist/chart.umd.min.js";
  }

  private static Asset asset(String resource) {
    byte[] bytes;
    try (InputStream in = ConsoleAssets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Asset(bytes, contentType(resource), etag(bytes));
  }

  /** 128 bits of the content's SHA-256: the same file always has the same tag, across restarts too. */
  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + Secrets.base64(Arrays.copyOf(digest, 16)) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  private static String contentType(String resource) {
    String extension = resource.substring(resource.lastIndexOf('.') + 1);
    return switch (extension) {
      case "html" -> "text/html; charset=utf-8";
      case "css" -> "text/css; charset=utf-8";
      case "js" -> "text/javascript; charset=utf-8";
      case "svg" -> "image/svg+xml";
      default -> throw new IllegalArgumentException(
          "resource: " + resource + " (expected: an .html, .css, .js or .svg file)");
    };
  }
}
