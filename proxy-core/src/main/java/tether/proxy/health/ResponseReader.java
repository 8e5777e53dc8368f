package tether.proxy.health;

import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;

/**
 * Reads one check response: the status and control header, and at most {@link HttpProbe#MAX_BODY_BYTES}
 * of the body. A longer body is not read on: the response is aborted there and judged on what was read,
 * so a server sending megabytes costs a check no more than 64 KiB. Jetty delivers one response's events
 * one at a time, so the fields need no lock.
 */
final class ResponseReader implements Response.Listener {

  /** The abort of a body that goes past the limit; not a failure of the check. */
  private static final class BodyLimitReached extends Exception {
    private static final long serialVersionUID = 1L;

    BodyLimitReached() {
      super("body limit reached", null, false, false);
    }
  }

  private final HttpProbe probe;
  private final CompletableFuture<CheckResult> result;
  private final boolean keepBody;
  private final BodyLimitReached limit = new BodyLimitReached();
  private byte[] body = new byte[0];
  private int length;
  private boolean truncated;

  ResponseReader(HttpProbe probe, CompletableFuture<CheckResult> result) {
    this.probe = probe;
    this.result = result;
    this.keepBody = probe.needsBody();
  }

  @Override
  public void onContent(Response response, ByteBuffer content) {
    int available = content.remaining();
    int take = Math.min(HttpProbe.MAX_BODY_BYTES - length, available);
    if (keepBody && take > 0) {
      if (body.length < length + take) {
        body = Arrays.copyOf(body, Math.min(HttpProbe.MAX_BODY_BYTES, Math.max(2 * body.length, length + take)));
      }
      content.get(body, length, take);
    }
    length += take;
    if (available > take) {
      truncated = true;
      response.abort(limit);
    }
  }

  @Override
  public void onComplete(Result outcome) {
    Throwable failure = outcome.getFailure();
    if (failure == null || (truncated && failure == limit)) {
      Response response = outcome.getResponse();
      result.complete(probe.judge(response.getStatus(), control(response), body, length, truncated));
    } else if (failure instanceof TimeoutException || failure instanceof SocketTimeoutException) {
      result.complete(CheckResult.fail("timed out after " + probe.timeoutMillis() + "ms"));
    } else {
      result.complete(CheckResult.failure(failure));
    }
  }

  private String control(Response response) {
    if (probe.controlHeader().isEmpty()) {
      return null;
    }
    List<String> values = response.getHeaders().getValuesList(probe.controlHeader());
    return values.isEmpty() ? null : String.join(",", values);
  }
}
