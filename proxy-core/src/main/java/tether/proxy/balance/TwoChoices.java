package tether.proxy.balance;

import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import tether.proxy.pool.Server;

/**
 * The power of two choices: draw two distinct eligible servers by weight and keep the less loaded one.
 * Comparing two instead of scanning all keeps a pick O(1) and, because the candidates are random, stops
 * every concurrent pick from piling onto the single least loaded server before its counters move.
 *
 * <p>What "loaded" means is the {@code cost} order ({@link LoadCosts}); on a tie the first drawn wins,
 * which is itself random.
 */
final class TwoChoices implements Balancer {

  private final WeightedServers servers;
  private final Supplier<RandomGenerator> random;
  private final Comparator<Server> cost;

  TwoChoices(List<Server> servers, Supplier<RandomGenerator> random, Comparator<Server> cost) {
    this.servers = new WeightedServers(servers);
    this.random = random;
    this.cost = cost;
  }

  @Override
  public Server pick(Predicate<? super Server> eligible, long hash) {
    RandomGenerator generator = random.get();
    int first = servers.draw(generator, eligible, -1);
    if (first < 0) {
      return null;
    }
    int second = servers.draw(generator, eligible, first);
    if (second < 0) {
      return servers.get(first);
    }
    Server a = servers.get(first);
    Server b = servers.get(second);
    return cost.compare(b, a) < 0 ? b : a;
  }
}
