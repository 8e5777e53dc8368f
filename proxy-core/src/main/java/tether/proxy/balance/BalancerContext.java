package tether.proxy.balance;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import tether.stickiness.SessionCounts;

/**
 * What load-aware algorithms read besides the servers: randomness, live sessions, the hash bound.
 *
 * @param random         called on each pick that needs randomness; must be safe to call from any thread
 *                       and give a generator that thread may use (tests pass a seeded one)
 * @param sessions       live sessions per server, from an affinity that counts them; {@code null} when the
 *                       pool's affinity does not, which rules out {@code least-sessions}
 * @param hashLoadFactor how far above the mean load (in-flight per unit of weight) {@code consistent-hash}
 *                       lets a server go before a key spills to the next one
 */
public record BalancerContext(Supplier<RandomGenerator> random, SessionCounts sessions, double hashLoadFactor) {

  public static final double DEFAULT_HASH_LOAD_FACTOR = 1.25;

  public static final BalancerContext DEFAULT =
      new BalancerContext(ThreadLocalRandom::current, null, DEFAULT_HASH_LOAD_FACTOR);

  public BalancerContext {
    Objects.requireNonNull(random, "random");
    // Written so that NaN fails too; infinity would make the bound meaningless.
    if (!(hashLoadFactor > 1) || Double.isInfinite(hashLoadFactor)) {
      throw new IllegalArgumentException("hashLoadFactor: " + hashLoadFactor + " (expected: > 1)");
    }
  }
}
