package tether.proxy.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.ReadReadyHandler;
import org.xnio.conduits.StreamSourceConduit;

class LazyReadInterestTest {

  private final Socket socket = new Socket();
  private final LazyReadInterest lazy = new LazyReadInterest(socket);
  private int delivered;

  LazyReadInterestTest() {
    lazy.setReadReadyHandler(new ReadReadyHandler() {
      @Override
      public void readReady() {
        delivered++;
      }

      @Override
      public void forceTermination() {}

      @Override
      public void terminated() {}
    });
    lazy.resumeReads();
  }

  @Test
  void aSuspendAndResumeWithNoEventInBetweenLeaveTheSelectorAlone() {
    int changes = socket.changes;
    lazy.suspendReads();
    assertThat(lazy.isReadResumed()).isFalse();
    lazy.resumeReads();
    assertThat(lazy.isReadResumed()).isTrue();
    assertThat(socket.changes).isEqualTo(changes);
    assertThat(socket.resumed).isTrue();
  }

  @Test
  void anEventWhileSuspendedIsHeldBackAndSuspendsForReal() {
    lazy.suspendReads();
    socket.fire();
    assertThat(delivered).isZero();
    assertThat(socket.resumed).isFalse();
    lazy.resumeReads();
    assertThat(socket.resumed).isTrue();
    socket.fire();
    assertThat(delivered).isEqualTo(1);
  }

  @Test
  void eventsWhileResumedAreDelivered() {
    socket.fire();
    socket.fire();
    assertThat(delivered).isEqualTo(2);
  }

  @Test
  void aWakeupResumesAtOnce() {
    lazy.suspendReads();
    socket.fire();
    lazy.wakeupReads();
    assertThat(socket.resumed).isTrue();
    assertThat(lazy.isReadResumed()).isTrue();
  }

  /** The raw socket conduit: records its read interest and fires read events on demand. */
  private static final class Socket implements StreamSourceConduit {
    boolean resumed;
    int changes;
    ReadReadyHandler handler;

    void fire() {
      if (resumed) {
        handler.readReady();
      }
    }

    @Override
    public void resumeReads() {
      changes++;
      resumed = true;
    }

    @Override
    public void suspendReads() {
      changes++;
      resumed = false;
    }

    @Override
    public void wakeupReads() {
      resumeReads();
    }

    @Override
    public boolean isReadResumed() {
      return resumed;
    }

    @Override
    public void setReadReadyHandler(ReadReadyHandler handler) {
      this.handler = handler;
    }

    @Override
    public long transferTo(long position, long count, FileChannel target) {
      return 0;
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) {
      return 0;
    }

    @Override
    public int read(ByteBuffer dst) {
      return 0;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) {
      return 0;
    }

    @Override
    public void terminateReads() {}

    @Override
    public boolean isReadShutdown() {
      return false;
    }

    @Override
    public void awaitReadable() {}

    @Override
    public void awaitReadable(long time, TimeUnit timeUnit) {}

    @Override
    public XnioIoThread getReadThread() {
      return null;
    }

    @Override
    public XnioWorker getWorker() {
      return null;
    }
  }
}
