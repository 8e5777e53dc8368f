package tether.routing;

/** The outcome of {@link PathNormalizer#normalize}. */
public sealed interface NormalizedPath permits NormalizedPath.Valid, NormalizedPath.Invalid {

  /**
   * A path safe to route and forward.
   *
   * @param matchPath   normalised, with every segment's path parameters removed: rules match this
   * @param forwardPath normalised the same way but with path parameters kept: this is forwarded;
   *                    the very same instance as {@code matchPath} when there are no parameters
   */
  record Valid(String matchPath, String forwardPath) implements NormalizedPath {}

  /** A path to refuse with 400, and why. */
  record Invalid(String reason) implements NormalizedPath {}
}
