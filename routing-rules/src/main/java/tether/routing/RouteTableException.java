package tether.routing;

import java.util.List;

/** Thrown by {@link RouteTable#compile} with every problem found in the rule list, one per line. */
public final class RouteTableException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final List<String> errors;

  public RouteTableException(List<String> errors) {
    super(errors.size() + (errors.size() == 1 ? " invalid routing rule setting:" : " invalid routing rule settings:")
        + "\n  " + String.join("\n  ", errors));
    this.errors = List.copyOf(errors);
  }

  /** Each problem as {@code rule 3 (api): prefix: "api" (expected: ...)}, in rule order. */
  public List<String> errors() {
    return errors;
  }
}
