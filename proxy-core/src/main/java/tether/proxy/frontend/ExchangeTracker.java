package tether.proxy.frontend;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;

/**
 * The outermost handler: tells the {@link HeaderGuard} of the exchange's connection that a request
 * has started and, through a completion listener, that it has ended, so that the guard watches the
 * next request's header block and never a body. The guard is found through the connection itself,
 * so nothing outlives a connection.
 */
final class ExchangeTracker implements HttpHandler {

  // Stateless and shared: tracking costs no allocation per exchange.
  private static final ExchangeCompletionListener ON_COMPLETE = ExchangeTracker::completed;

  private final HttpHandler next;

  ExchangeTracker(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    HeaderGuard guard = HeaderGuard.of(exchange.getConnection());
    if (guard != null) {
      if (exchange.isInIoThread()) {
        guard.requestStarted();
      } else {
        exchange.getIoThread().execute(guard::requestStarted);
      }
      exchange.addExchangeCompleteListener(ON_COMPLETE);
    }
    next.handleRequest(exchange);
  }

  private static void completed(HttpServerExchange exchange, ExchangeCompletionListener.NextListener nextListener) {
    try {
      HeaderGuard guard = HeaderGuard.of(exchange.getConnection());
      boolean handedOver = exchange.isUpgrade() || isOpenTunnel(exchange);
      // Read-ahead bytes sit with Undertow until the connection's own completion step, which runs
      // after every listener, so the guard hears of them before the next read.
      boolean readAhead = ((AbstractServerConnection) exchange.getConnection()).getExtraBytes() != null;
      guard.requestEnded(handedOver, readAhead);
    } finally {
      nextListener.proceed();
    }
  }

  private static boolean isOpenTunnel(HttpServerExchange exchange) {
    int status = exchange.getStatusCode();
    return Methods.CONNECT.equals(exchange.getRequestMethod()) && status >= 200 && status < 300;
  }
}
