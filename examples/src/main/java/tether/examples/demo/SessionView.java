package tether.examples.demo;

/**
 * What one visit shows: which instance answered and the state of the caller's session there.
 *
 * @param user the signed-in user name, or {@code null}
 */
record SessionView(String instance, String sessionId, int visits, String user) {

  /** {@code {"instance":"app1","session":"...","visits":3,"user":null}} */
  String toJson() {
    return "{\"instance\":" + jsonString(instance)
        + ",\"session\":" + jsonString(sessionId)
        + ",\"visits\":" + visits
        + ",\"user\":" + (user == null ? "null" : jsonString(user))
        + "}";
  }

  static String jsonString(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          // Control characters must be escaped; '<', '>' and '&' too, so the JSON stays inert
          // if someone pastes it into HTML; U+2028/2029 break JavaScript string literals.
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
