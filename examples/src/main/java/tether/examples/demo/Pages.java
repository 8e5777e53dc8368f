package tether.examples.demo;

/**
 * The demo's HTML, self-contained (no scripts, fonts or other external assets) so it works offline
 * and through any proxy. Everything that comes from a request or a session is escaped.
 */
final class Pages {

  private static final String STYLE = """
      body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f3f4f6;\
      color:#1f2937}
      main{max-width:38rem;margin:2.5rem auto;padding:0 1rem}
      .instance{color:#fff;border-radius:.75rem;padding:1.25rem 1.5rem;margin-bottom:1.5rem}
      .instance p{margin:0;opacity:.85;text-transform:uppercase;letter-spacing:.08em;font-size:.8rem}
      .instance h1{margin:.25rem 0 0;font-size:3.5rem;line-height:1.1;word-break:break-all}
      .card{background:#fff;border-radius:.75rem;padding:1.25rem 1.5rem;margin-bottom:1rem;\
      box-shadow:0 1px 3px rgba(0,0,0,.08)}
      dl{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1rem;margin:0}
      dt{color:#6b7280}
      dd{margin:0;font-weight:600;word-break:break-all}
      code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9rem}
      form{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;margin:0}
      input{flex:1;min-width:10rem;padding:.5rem .6rem;border:1px solid #d1d5db;border-radius:.4rem;\
      font:inherit}
      button{padding:.5rem 1rem;border:0;border-radius:.4rem;background:#1f2937;color:#fff;\
      font:inherit;cursor:pointer}
      .muted{color:#6b7280;font-size:.9rem}
      a{color:#2563eb}
      """;

  private Pages() {}

  /**
   * The home page. The link arguments are the paths to use for this page, logging in and logging
   * out; they carry the session id when the request carried it in the URL.
   */
  static String home(SessionView view, String homeLink, String loginLink, String logoutLink) {
    String user = view.user();
    String account = user == null
        ? """
          <form method="post" action="%s">
            <label for="user">Log in as</label>
            <input id="user" name="user" maxlength="%d" required placeholder="any name">
            <button type="submit">Log in</button>
          </form>
          """.formatted(escape(loginLink), DemoHandler.MAX_USER_LENGTH)
        : """
          <form method="post" action="%s">
            <span>Logged in as <strong>%s</strong></span>
            <button type="submit">Log out</button>
          </form>
          """.formatted(escape(logoutLink), escape(user));
    String body = """
        <section class="instance" style="background:%s">
          <p>Served by instance</p>
          <h1>%s</h1>
        </section>
        <section class="card">
          <dl>
            <dt>Session id</dt><dd><code>%s</code></dd>
            <dt>Visits in this session</dt><dd>%d</dd>
            <dt>User</dt><dd>%s</dd>
          </dl>
        </section>
        <section class="card">
        %s</section>
        <p class="muted"><a href="%s">Reload</a> to count another visit. The session lives only in
        this instance's memory: while a proxy keeps sending you here, the count goes on; land on
        another instance and you start a new session there.</p>
        """.formatted(
            instanceColour(view.instance()),
            escape(view.instance()),
            escape(view.sessionId()),
            view.visits(),
            user == null ? "<span class=\"muted\">not logged in</span>" : escape(user),
            account,
            escape(homeLink));
    return page(view.instance() + " - Tether demo", body);
  }

  /** A short page for a form that could not be accepted, with a way back. */
  static String problem(String instance, String message, String homeLink) {
    String body = """
        <section class="card">
          <h1>Not accepted</h1>
          <p>%s</p>
          <p><a href="%s">Back</a> (instance %s)</p>
        </section>
        """.formatted(escape(message), escape(homeLink), escape(instance));
    return page(instance + " - Tether demo", body);
  }

  private static String page(String title, String body) {
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s</title>
        <style>
        %s</style>
        </head>
        <body>
        <main>
        %s</main>
        </body>
        </html>
        """.formatted(escape(title), STYLE, body);
  }

  /** A steady colour per instance name, so instances are told apart at a glance. */
  static String instanceColour(String instance) {
    // Names like app1, app2 hash to neighbouring numbers; the multiplier spreads them round the
    // colour wheel.
    int hue = Math.floorMod(instance.hashCode() * 137, 360);
    return "hsl(" + hue + ",55%,38%)";
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
