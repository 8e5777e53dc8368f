package tether.proxy.frontend;

import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ReadReadyHandler;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Defers suspending reads on a client connection until a read event actually arrives.
 *
 * <p>Undertow suspends reads when a request's header block has been parsed and resumes them when the
 * exchange completes; a proxied exchange usually completes on the server-side client's thread. Passed
 * straight to the selector, that pair costs two interest changes per request and, for the resume, a
 * selector wake-up from a foreign thread. A keep-alive client sends nothing while it waits for its
 * response, so the read interest can simply stay set: it is cleared only if data (a pipelined request,
 * a body nobody is reading, an end of stream) arrives while reads are meant to be suspended. Undertow
 * sees exactly the events it would have seen otherwise.
 */
final class LazyReadInterest extends AbstractStreamSourceConduit<StreamSourceConduit> {

  // Whether the layers above want read events, and whether the selector is asked for them. Suspend
  // and read events happen on the I/O thread; resume may come from any thread.
  private volatile boolean wanted;
  private volatile boolean armed;

  LazyReadInterest(StreamSourceConduit next) {
    super(next);
    this.armed = next.isReadResumed();
    this.wanted = armed;
  }

  @Override
  public void resumeReads() {
    wanted = true;
    if (!armed) {
      armed = true;
      next.resumeReads();
    }
  }

  @Override
  public void suspendReads() {
    wanted = false;
  }

  @Override
  public void wakeupReads() {
    wanted = true;
    armed = true;
    next.wakeupReads();
  }

  @Override
  public boolean isReadResumed() {
    return wanted;
  }

  @Override
  public void setReadReadyHandler(ReadReadyHandler handler) {
    next.setReadReadyHandler(handler == null ? null : new Gate(handler));
  }

  /** A read event, on the I/O thread: delivered if wanted, else the deferred suspend happens now. */
  private boolean admit() {
    if (wanted) {
      return true;
    }
    armed = false;
    next.suspendReads();
    // A resume from another thread may have found the interest still set, just before it was
    // cleared, and left it alone.
    if (wanted) {
      armed = true;
      next.resumeReads();
    }
    return false;
  }

  private final class Gate implements ReadReadyHandler {
    private final ReadReadyHandler delegate;

    Gate(ReadReadyHandler delegate) {
      this.delegate = delegate;
    }

    @Override
    public void readReady() {
      if (admit()) {
        delegate.readReady();
      }
    }

    @Override
    public void forceTermination() {
      delegate.forceTermination();
    }

    @Override
    public void terminated() {
      delegate.terminated();
    }
  }
}
