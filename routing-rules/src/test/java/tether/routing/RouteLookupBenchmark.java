package tether.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of one lookup in a table of mixed rules: 40% exact hosts, 20% wildcard domains, 40% any-host
 * prefixes, plus two priority rules, against a rotating mix of hits at several depths, path
 * parameters, percent-encodings, upper-case hosts with ports, and misses. Run as described in
 * README.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouteLookupBenchmark {

  private static final int REQUESTS = 4096;

  @Param({"10000"})
  public int rules;

  private RouteTable table;
  private RouteRequest[] requests;
  private int next;

  @Setup
  public void setUp() {
    int exactHosts = rules * 4 / 10 / 4;
    int wildcardDomains = rules * 2 / 10 / 4;
    int services = (rules - exactHosts * 4 - wildcardDomains * 4 - 2) / 2;
    List<RuleSpec> specs = new ArrayList<>();
    specs.add(RuleSpec.builder().priority(10).header(HeaderMatch.equalTo("x-maintenance", "on"))
        .respond(503, "text/plain", "maintenance").build());
    specs.add(RuleSpec.builder().priority(5).prefix("/internal").respond(404, null, null).build());
    for (int i = 0; i < exactHosts; i++) {
      String host = "app" + i + ".example.com";
      specs.add(RuleSpec.builder().host(host).prefix("/api").forward("api").build());
      specs.add(RuleSpec.builder().host(host).prefix("/api/v" + (i % 3)).stripPrefix().forward("api-v").build());
      specs.add(RuleSpec.builder().host(host).prefix("/static").forward("cdn").build());
      specs.add(RuleSpec.builder().host(host).forward("web").build());
    }
    for (int i = 0; i < wildcardDomains; i++) {
      String host = "*.tenant" + i + ".example.net";
      specs.add(RuleSpec.builder().host(host).forward("tenant").build());
      specs.add(RuleSpec.builder().host(host).prefix("/shop").forward("shop").build());
      specs.add(RuleSpec.builder().host(host).prefix("/shop/cart").methods("GET", "POST").forward("cart").build());
      specs.add(RuleSpec.builder().host(host).prefix("/account").forward("account").build());
    }
    for (int i = 0; i < services; i++) {
      specs.add(RuleSpec.builder().prefix("/svc" + i).forward("svc").build());
      specs.add(RuleSpec.builder().prefix("/svc" + i + "/v2").query(QueryMatch.present("beta")).forward("svc-beta").build());
    }
    table = RouteTable.compile(specs);

    Random random = new Random(7);
    requests = new RouteRequest[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      int host = random.nextInt(exactHosts);
      requests[i] = switch (i % 8) {
        case 0 -> request("app" + host + ".example.com:8443", "/api/v" + (host % 3) + "/users/42", null);
        case 1 -> request("App" + random.nextInt(exactHosts) + ".Example.com", "/static/css/site.css", null);
        case 2 -> request("app" + random.nextInt(exactHosts) + ".example.com", "/index.html", null);
        case 3 -> request("shop.tenant" + random.nextInt(wildcardDomains) + ".example.net", "/shop/cart/items/3", null);
        case 4 -> request("eu.www.tenant" + random.nextInt(wildcardDomains) + ".example.net",
            "/account;jsessionid=ABC123.node1/settings", null);
        case 5 -> request("other.org", "/svc" + random.nextInt(services) + "/v2/orders/7", "beta=1&x=2");
        case 6 -> request("other.org", "/svc" + random.nextInt(services) + "/%69tems/./a", null);
        default -> request("nobody.example", "/nothing/here/at/all", null);
      };
    }
  }

  @Benchmark
  public RouteResult route() {
    RouteRequest request = requests[next];
    next = (next + 1) & (REQUESTS - 1);
    return table.route(request);
  }

  /** The floor: a plain path on a lower-case exact host, the same request every time. */
  @Benchmark
  public RouteResult routeOnePlainHit() {
    return table.route(requests[2]);
  }

  RouteTable table() {
    return table;
  }

  private static RouteRequest request(String host, String path, String query) {
    return new RouteRequest() {
      @Override
      public String host() {
        return host;
      }

      @Override
      public String method() {
        return "GET";
      }

      @Override
      public String rawPath() {
        return path;
      }

      @Override
      public String rawQuery() {
        return query;
      }

      @Override
      public String header(String lowerCaseName) {
        return null;
      }
    };
  }
}
