package tether.stickiness.cookie;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Random 64-bit values from a {@link SecureRandom}, drawn a block at a time for each thread. The default
 * strong source costs a lock and a mixing round per call, which a new session per request (a client that
 * never returns its cookie) paid every time; a block serves 256 session ids.
 */
final class RandomBlocks {

  static final int BLOCK_BYTES = 4096;

  private final SecureRandom random;
  // Each starts used up, so that the first value draws a block.
  private final ThreadLocal<ByteBuffer> blocks =
      ThreadLocal.withInitial(() -> ByteBuffer.allocate(BLOCK_BYTES).position(BLOCK_BYTES));

  RandomBlocks(SecureRandom random) {
    this.random = random;
  }

  long nextLong() {
    ByteBuffer block = blocks.get();
    if (block.remaining() < Long.BYTES) {
      random.nextBytes(block.array());
      block.clear();
    }
    return block.getLong();
  }
}
