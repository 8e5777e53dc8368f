package tether.stickiness;

import java.util.List;

/** The parts of a server's response that affinity reads and writes. The proxy implements it. */
public interface AffinityResponse {

  /** The server's Set-Cookie header values, in order. */
  List<String> setCookies();

  /**
   * A response header from the server (name case-insensitive), its values joined with ", " when it
   * came on several lines, or null. Lets a strategy add to the server's Cache-Control instead of
   * weakening it.
   */
  String header(String name);

  /** Adds a Set-Cookie header of Tether's own. */
  void addSetCookie(String value);

  /** Replaces a header, e.g. Cache-Control when Tether sets its cookie. */
  void setHeader(String name, String value);
}
