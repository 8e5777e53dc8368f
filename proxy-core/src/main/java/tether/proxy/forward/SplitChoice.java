package tether.proxy.forward;

import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import tether.proxy.affinity.PoolAffinity;
import tether.routing.Action;
import tether.stickiness.AffinityRequest;

/**
 * Chooses the pool of a split so that sessions stay where they are:
 *
 * <ul>
 *   <li>a request whose session one of the split's pools holds ({@link PoolAffinity#holds}) goes to that
 *       pool, whatever the weights now say: lowering a pool's share, even to 0, stops new sessions there
 *       and lets the ones it has end there;
 *   <li>a request that the pools place by hashing (a header, the client's network) is split by the same
 *       key's hash, so a client keeps its side for as long as the weights stay as they are;
 *   <li>anything else, a new session among them, goes by weight at random.
 * </ul>
 *
 * The pools are asked in the order the split lists them, so when two of them would both claim a session
 * (servers with the same route in the application's session id), the first listed wins.
 */
final class SplitChoice {

  private SplitChoice() {}

  /**
   * @param affinity whether the route keeps the pools' affinity; with {@code affinity = none} every
   *                 request goes by weight
   */
  static String pool(Action.Split split, AffinityRequest request, PoolLookup pools, boolean affinity) {
    if (affinity) {
      OptionalLong hash = OptionalLong.empty();
      for (Action.Share share : split.shares()) {
        PoolTarget target = pools.target(share.pool());
        PoolAffinity pinning = target == null ? null : target.affinity();
        if (pinning == null) {
          continue;
        }
        if (pinning.holds(request, target.pool().snapshot())) {
          return share.pool();
        }
        if (hash.isEmpty()) {
          hash = pinning.keyHash(request);
        }
      }
      if (hash.isPresent()) {
        long h = hash.getAsLong();
        return split.choose((int) (h ^ (h >>> 32)));
      }
    }
    return split.choose(ThreadLocalRandom.current().nextInt());
  }
}
