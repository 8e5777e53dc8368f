package tether.proxy.balance;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import tether.proxy.pool.Server;

/**
 * Weighted random: each eligible server is chosen with probability its effective weight over the eligible
 * total. Needs no shared state at all, at the price of short-term unevenness round robin does not have.
 */
final class WeightedRandom implements Balancer {

  private final WeightedServers servers;
  private final Supplier<RandomGenerator> random;

  WeightedRandom(List<Server> servers, Supplier<RandomGenerator> random) {
    this.servers = new WeightedServers(servers);
    this.random = random;
  }

  @Override
  public Server pick(Predicate<? super Server> eligible, long hash) {
    int index = servers.draw(random.get(), eligible, -1);
    return index < 0 ? null : servers.get(index);
  }
}
