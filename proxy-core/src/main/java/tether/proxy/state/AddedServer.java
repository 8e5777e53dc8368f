package tether.proxy.state;

/**
 * A server the operator added to a pool at run time, beyond the configured ones.
 *
 * @param id      unique within its pool
 * @param address {@code host:port}, as in the configuration; parsed by whoever applies it
 * @param weight  relative share of new requests; 0 takes none
 * @param route   the route name the application appends to its session ids, or {@code null} for the id
 */
public record AddedServer(String id, String address, int weight, String route) {

  public AddedServer {
    Checks.nonBlank("id", id);
    Checks.nonBlank("address", address);
    Checks.atLeastZero("weight", weight);
    Checks.blankless("route", route);
  }

  public AddedServer withWeight(int newWeight) {
    return new AddedServer(id, address, newWeight, route);
  }
}
