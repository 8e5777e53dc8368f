package tether.proxy.forward;

import java.util.List;
import tether.routing.HeaderOp;

/**
 * What the matched route asks of one forward.
 *
 * @param target                the path and query to send to the server, after rewrites
 * @param requestHeaders        header changes on the way to the server
 * @param responseHeaders       header changes on the way back
 * @param responseTimeoutMillis the longest silence allowed from the server
 */
record Plan(
    String target, List<HeaderOp> requestHeaders, List<HeaderOp> responseHeaders, long responseTimeoutMillis) {}
