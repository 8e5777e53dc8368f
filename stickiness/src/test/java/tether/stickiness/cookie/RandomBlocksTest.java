package tether.stickiness.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RandomBlocksTest {

  /** A generator that gives the same bytes for the same seed, to compare against. */
  private static SecureRandom seeded() throws Exception {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(42L);
    return random;
  }

  @Test
  void valuesAreTheSourcesBytesInOrderAcrossBlocks() throws Exception {
    RandomBlocks blocks = new RandomBlocks(seeded());
    SecureRandom reference = seeded();
    for (int block = 0; block < 2; block++) {
      byte[] expected = new byte[RandomBlocks.BLOCK_BYTES];
      reference.nextBytes(expected);
      ByteBuffer expectedValues = ByteBuffer.wrap(expected);
      for (int i = 0; i < expected.length / Long.BYTES; i++) {
        assertThat(blocks.nextLong()).as("block %d value %d", block, i).isEqualTo(expectedValues.getLong());
      }
    }
  }

  @Test
  void threadsDrawDifferentValues() throws Exception {
    RandomBlocks blocks = new RandomBlocks(new SecureRandom());
    Set<Long> here = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      here.add(blocks.nextLong());
    }
    Set<Long> there = CompletableFuture.supplyAsync(() -> {
      Set<Long> values = new HashSet<>();
      for (int i = 0; i < 1000; i++) {
        values.add(blocks.nextLong());
      }
      return values;
    }).get();

    assertThat(here).hasSize(1000);
    assertThat(there).hasSize(1000).doesNotContainAnyElementsOf(here);
  }
}
