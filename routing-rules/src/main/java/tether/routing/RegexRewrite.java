package tether.routing;

/**
 * Rewrites the forwarded path: the first match of {@code regex} is replaced by {@code replacement},
 * in which {@code $1}..{@code $9} name groups. Anchor with {@code ^...$} to replace the whole path.
 */
public record RegexRewrite(String regex, String replacement) {}
