package tether.proxy.forward;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import tether.proxy.config.BackendConfig;

/** Builds the one {@link HttpClient} that talks to every server, configured as a proxy needs it. */
public final class BackendClient {

  private BackendClient() {}

  /** A started client; stop it with {@link HttpClient#stop()}. */
  public static HttpClient start(BackendConfig config) throws Exception {
    ClientConnector connector = new ClientConnector();
    connector.setSelectors(1);
    connector.setConnectTimeout(config.connectTimeout());
    connector.setIdleTimeout(config.idleTimeout());
    HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(connector);
    // Every callback Tether gives the client returns at once (writes are non-blocking and serialized per
    // exchange), so the selector thread may run them itself: no hand-off to a pool thread per response.
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
    client.setMaxConnectionsPerDestination(config.maxConnectionsPerServer());
    client.setMaxRequestsQueuedPerDestination(config.maxQueuedPerServer());
    client.start();
    return client;
  }
}
