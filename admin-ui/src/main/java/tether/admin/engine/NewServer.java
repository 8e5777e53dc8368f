package tether.admin.engine;

import java.util.Objects;

/**
 * A server an operator adds at run time. {@code route} (the affinity route, nullable) defaults to
 * whatever the engine derives from the id; {@code startState} (nullable) defaults to {@link
 * AdminState#ACTIVE}.
 */
public record NewServer(String id, String address, int weight, String route, AdminState startState) {

  public NewServer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(address, "address");
    if (weight < 0 || weight > AdminEngine.MAX_WEIGHT) {
      throw new IllegalArgumentException(
          "weight: " + weight + " (expected: from 0 to " + AdminEngine.MAX_WEIGHT + ")");
    }
    startState = startState == null ? AdminState.ACTIVE : startState;
  }
}
