package tether.proxy.forward;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.client.transport.internal.HttpConnectionOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import tether.proxy.config.BackendConfig;

/** Builds the one {@link HttpClient} that talks to every server, configured as a proxy needs it. */
public final class BackendClient {

  /**
   * Bytes read from a server connection at a time. The client library's default is 16 KiB; 64 KiB
   * relays a large response in a quarter of the reads, writes and demands, which measured 1.00x HAProxy's
   * throughput on 1 MiB responses instead of 0.83x. Buffers are pooled and held only while a read is
   * being relayed.
   */
  static final int RESPONSE_BUFFER_BYTES = 64 * 1024;

  private BackendClient() {}

  /**
   * A started client; stop it with {@link HttpClient#stop()}.
   *
   * @param ioThreads the client I/O threads, each of which keeps its own connections to every server
   *     (see {@link tether.proxy.backend.IoThreadTransport}); the per-server limits are shared out
   *     among them
   */
  public static HttpClient start(BackendConfig config, int ioThreads) throws Exception {
    if (ioThreads < 1) {
      throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: >= 1)");
    }
    ClientConnector connector = new ClientConnector();
    // Tether's requests carry a transport that opens connections on the client I/O threads, so the
    // connector's own selector only backs requests sent without one; one is plenty.
    connector.setSelectors(1);
    connector.setConnectTimeout(config.connectTimeout());
    connector.setIdleTimeout(config.idleTimeout());
    HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(connector);
    // Every callback Tether gives the client returns at once (writes are non-blocking and serialized per
    // exchange), so the thread that reads a response may run them itself: no hand-off per response.
    transport.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
    HttpClient client = new HttpClient(transport);
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("tether-backend");
    threads.setDaemon(true);
    client.setExecutor(threads);
    // A proxy relays what the server says: redirects, cookies, encodings and 100/401 handling are the
    // client's business, not Tether's.
    client.setFollowRedirects(false);
    client.setHttpCookieStore(new HttpCookieStore.Empty());
    client.getContentDecoderFactories().clear();
    client.getProtocolHandlers().clear();
    client.setUserAgentField(null);
    client.setConnectTimeout(config.connectTimeout().toMillis());
    client.setIdleTimeout(config.idleTimeout().toMillis());
    // A destination is one server as seen from one I/O thread.
    client.setMaxConnectionsPerDestination(shareOf(config.maxConnectionsPerServer(), ioThreads));
    // Destinations are kept for good: Forwarder holds on to them. (Zero is also the library's default.)
    client.setDestinationIdleTimeout(0);
    client.setMaxRequestsQueuedPerDestination(shareOf(config.maxQueuedPerServer(), ioThreads));
    client.setResponseBufferSize(RESPONSE_BUFFER_BYTES);
    client.start();
    return client;
  }

  /** One thread's share of a per-server limit, rounded up so that no thread is left with none. */
  static int shareOf(int limit, int ioThreads) {
    return (int) ((limit + (long) ioThreads - 1) / ioThreads);
  }

  /** Whether {@code request} went over a connection that had already carried a whole response. */
  static boolean sentOnReusedConnection(Request request) {
    return request.getConnection() instanceof HttpConnectionOverHTTP connection && connection.getMessagesIn() > 0;
  }
}
