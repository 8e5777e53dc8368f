package tether.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tether.routing.Routes.rule;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RouteTableHolderTest {

  private static List<RuleSpec> to(String pool) {
    return List.of(rule("all").forward(pool).build());
  }

  @Test
  void aReplacementLeavesRoutedRequestsWithTheRouteTheyHad() {
    RouteTableHolder holder = new RouteTableHolder(RouteTable.compile(to("blue")));
    RouteResult inFlight = holder.route(TestRequest.get("h", "/a"));

    RouteTable previous = holder.replace(to("green"));

    assertThat(previous.referencedPools()).containsExactly("blue");
    assertThat(Routes.routed(inFlight).action()).isEqualTo(new Action.Forward("blue"));
    assertThat(Routes.routed(holder.route(TestRequest.get("h", "/a"))).action()).isEqualTo(new Action.Forward("green"));
  }

  @Test
  void anInvalidReplacementKeepsTheCurrentTable() {
    RouteTable blue = RouteTable.compile(to("blue"));
    RouteTableHolder holder = new RouteTableHolder(blue);
    assertThatThrownBy(() -> holder.replace(List.of(rule("bad").prefix("x").forward("p").build())))
        .isInstanceOf(RouteTableException.class)
        .hasMessageContaining("rule 0 (bad): prefix: \"x\"");
    assertThat(holder.current()).isSameAs(blue);
  }

  @Test
  void theReplacementKeepsThePathLimit() {
    RouteTableHolder holder = new RouteTableHolder(RouteTable.compile(to("blue"), new PathNormalizer(16)));
    holder.replace(to("green"));
    assertThat(holder.route(TestRequest.get("h", "/" + "a".repeat(16)))).isInstanceOf(RouteResult.BadPath.class);
  }

  @Test
  void readersDuringSwapsAlwaysSeeOneWholeTable() throws Exception {
    RouteTable blue = RouteTable.compile(List.of(
        rule("a").prefix("/a").forward("blue").build(), rule("b").prefix("/b").forward("blue").build()));
    RouteTable green = RouteTable.compile(List.of(
        rule("a").prefix("/a").forward("green").build(), rule("b").prefix("/b").forward("green").build()));
    RouteTableHolder holder = new RouteTableHolder(blue);
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService readers = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> results = List.of(readers.submit(() -> read(holder, stop)), readers.submit(() -> read(holder, stop)));
      for (int i = 0; i < 20_000; i++) {
        holder.replace(i % 2 == 0 ? green : blue);
      }
      stop.set(true);
      for (Future<Integer> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isPositive();
      }
    } finally {
      readers.shutdownNow();
    }
  }

  /** Routes with one table snapshot and checks both rules of it agree; returns how many it checked. */
  private static int read(RouteTableHolder holder, AtomicBoolean stop) {
    int checked = 0;
    while (!stop.get() || checked == 0) {
      RouteTable table = holder.current();
      Object a = Routes.routed(table.route(TestRequest.get("h", "/a"))).action();
      Object b = Routes.routed(table.route(TestRequest.get("h", "/b"))).action();
      assertThat(a).isEqualTo(b);
      checked++;
    }
    return checked;
  }
}
