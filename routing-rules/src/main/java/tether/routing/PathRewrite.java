package tether.routing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tether.routing.NormalizedPath.Valid;

/**
 * A rule's changes to the forwarded path: strip or replace the matched prefix, then an optional
 * regex rewrite.
 *
 * <p>Path parameters: the last segment's parameters are always kept, since that is where servlet
 * containers put {@code ;jsessionid}; parameters of segments a strip or replace removes go with
 * them; a regex rewrite that matches sees the path without parameters, and the last segment's
 * parameters are appended to its result.
 */
final class PathRewrite {

  private final int prefixSegments;
  private final boolean strip;
  private final String replacement;
  private final Pattern regex;
  private final String regexReplacement;

  /**
   * @param replacement a normalised path without trailing slash (or {@code /}), or {@code null}
   */
  PathRewrite(int prefixSegments, boolean strip, String replacement, Pattern regex, String regexReplacement) {
    this.prefixSegments = prefixSegments;
    this.strip = strip;
    this.replacement = replacement;
    this.regex = regex;
    this.regexReplacement = regexReplacement;
  }

  /** The path to forward, or {@code null} if the regex rewrite produced a path that is not normal. */
  String apply(Valid path, PathNormalizer normalizer) {
    String forward = path.forwardPath();
    String match = path.matchPath();
    if (strip || replacement != null) {
      boolean sameForm = forward == match;
      forward = replacePrefix(forward);
      match = sameForm ? forward : replacePrefix(match);
    }
    if (regex == null) {
      return forward;
    }
    Matcher matcher = regex.matcher(match);
    if (!matcher.find()) {
      return forward;
    }
    String rewritten = matcher.replaceFirst(regexReplacement) + lastParams(forward);
    NormalizedPath check = normalizer.normalize(rewritten);
    return check instanceof Valid valid && valid.forwardPath().equals(rewritten) ? rewritten : null;
  }

  private String replacePrefix(String path) {
    int cut = 0;
    for (int k = 0; k < prefixSegments; k++) {
      int next = path.indexOf('/', cut + 1);
      if (next < 0) {
        cut = path.length();
        break;
      }
      cut = next;
    }
    String head = strip || replacement.equals("/") ? "" : replacement;
    if (cut < path.length()) {
      return head + path.substring(cut);
    }
    // The whole path was the prefix: keep the last segment's parameters on what replaces it.
    return (head.isEmpty() ? "/" : head) + lastParams(path);
  }

  private static String lastParams(String path) {
    int semicolon = path.indexOf(';', path.lastIndexOf('/'));
    return semicolon < 0 ? "" : path.substring(semicolon);
  }
}
