package tether.proxy.health;

/**
 * What a server asked for in one check response. A null component leaves that part unchanged.
 *
 * @param state         the admin state the server asks for, or null
 * @param weightPercent the share of its configured weight it asks to run at, 0..100, or null
 */
public record Directive(AgentState state, Integer weightPercent) {

  public Directive {
    if (state == null && weightPercent == null) {
      throw new IllegalArgumentException("directive: empty (expected: a state, a weight or both)");
    }
    if (weightPercent != null && (weightPercent < 0 || weightPercent > 100)) {
      throw new IllegalArgumentException("weightPercent: " + weightPercent + " (expected: 0..100)");
    }
  }
}
