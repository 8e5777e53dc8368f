package tether.stickiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AffinityChainTest {

  private final TestPool pool = new TestPool("a", "b");
  private final TestRequest request = TestRequest.get("/");

  @Test
  void returnsTheFirstValidAnswerAndAsksNoFurther() {
    Fixed later = new Fixed("later", Resolution.valid("later", "b", null));
    AffinityChain chain = AffinityChain.of(
        new Fixed("none", Resolution.none("none", "nothing")),
        new Fixed("valid", Resolution.valid("valid", "a", "s1")),
        later);
    assertThat(chain.resolve(request, pool)).isEqualTo(Resolution.valid("valid", "a", "s1"));
    assertThat(later.resolved).isZero();
  }

  @Test
  void withoutAValidAnswerReturnsTheFirstInformativeOneWithoutServer() {
    AffinityChain chain = AffinityChain.of(
        new Fixed("none", Resolution.none("none", "nothing")),
        new Fixed("bad", new Resolution(Outcome.INVALID, "bad", "a", null, "forged")),
        new Fixed("old", Resolution.expired("old", "max-idle exceeded")));
    Resolution resolution = chain.resolve(request, pool);
    assertThat(resolution.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(resolution.strategy()).isEqualTo("bad");
    assertThat(resolution.serverId()).isNull();
    assertThat(resolution.reason()).isEqualTo("forged");
  }

  @Test
  void withOnlyNoneAnswersReturnsNoAffinity() {
    AffinityChain chain = AffinityChain.of(new Fixed("none", Resolution.none("none", "nothing")));
    assertThat(chain.resolve(request, pool)).isSameAs(Resolution.NO_AFFINITY);
  }

  @Test
  void everyStrategyRespondsWithTheServerThatServed() {
    Fixed one = new Fixed("one", Resolution.valid("one", "a", null));
    Fixed two = new Fixed("two", Resolution.none("two", "x"));
    AffinityChain chain = AffinityChain.of(one, two);
    Resolution resolved = chain.resolve(request, pool);
    chain.respond(request, resolved.withOutcome(Outcome.REDISPATCHED, "a down"), "b", new TestResponse());
    assertThat(one.servedBy).containsExactly("b");
    assertThat(two.servedBy).containsExactly("b");
  }

  @Test
  void collectsCookiesToStripAndCountsTheLargestLiveSessions() {
    Counting first = new Counting("first", Map.of("a", 3L, "b", 1L));
    Counting second = new Counting("second", Map.of("a", 2L, "c", 5L));
    AffinityChain chain = AffinityChain.of(first, second, new Fixed("plain", Resolution.none("plain", "x")));
    assertThat(chain.requestCookiesToStrip()).containsExactlyInAnyOrder("first", "second");
    SessionCounts counts = chain.sessionCounts().orElseThrow();
    assertThat(counts.liveSessions()).isEqualTo(Map.of("a", 3L, "b", 1L, "c", 5L));
    assertThat(counts.liveSessions("a")).isEqualTo(3);
    assertThat(AffinityChain.of(new Fixed("plain", null)).sessionCounts()).isEmpty();
  }

  @Test
  void aNamedResolutionSkipsHashingStrategiesAndTheKeyHashComesFromTheFirstThatHasOne() {
    Fixed hashing = new Hashing("hash", Resolution.valid("hash", "b", null), null);
    Fixed keyed = new Hashing("keyed", Resolution.valid("keyed", "a", null), 42L);
    Fixed naming = new Fixed("named", Resolution.valid("named", "a", "s1"));
    AffinityChain chain = AffinityChain.of(hashing, keyed, naming);
    assertThat(chain.resolve(request, pool).strategy()).isEqualTo("hash");
    assertThat(chain.resolveNamed(request, pool)).isEqualTo(Resolution.valid("named", "a", "s1"));
    assertThat(hashing.resolved).isEqualTo(1);
    assertThat(chain.keyHash(request)).hasValue(42L);
    AffinityChain onlyHashing = AffinityChain.of(hashing);
    assertThat(onlyHashing.resolveNamed(request, pool)).isSameAs(Resolution.NO_AFFINITY);
    assertThat(onlyHashing.keyHash(request)).isEmpty();
    assertThat(AffinityChain.of(new Fixed("named", Resolution.none("named", "no cookie"))).resolveNamed(request, pool))
        .isSameAs(Resolution.NO_AFFINITY);
  }

  @Test
  void rejectsEmptyAndDuplicateChains() {
    assertThatThrownBy(() -> AffinityChain.of(List.of()))
        .hasMessage("strategies: [] (expected: at least one strategy)");
    assertThatThrownBy(() -> AffinityChain.of(new Fixed("x", null), new Fixed("x", null)))
        .hasMessage("strategies: [x, x] (expected: distinct, non-null strategies)");
  }

  private static class Fixed implements AffinityStrategy {

    final String name;
    final Resolution answer;
    final List<String> servedBy = new ArrayList<>();
    int resolved;

    Fixed(String name, Resolution answer) {
      this.name = name;
      this.answer = answer;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Resolution resolve(AffinityRequest request, PoolView pool) {
      resolved++;
      return answer;
    }

    @Override
    public void respond(AffinityRequest request, Resolution resolution, String server, AffinityResponse response) {
      servedBy.add(server);
    }
  }

  private static final class Hashing extends Fixed {

    private final Long hash;

    Hashing(String name, Resolution answer, Long hash) {
      super(name, answer);
      this.hash = hash;
    }

    @Override
    public boolean hashes() {
      return true;
    }

    @Override
    public OptionalLong keyHash(AffinityRequest request) {
      return hash == null ? OptionalLong.empty() : OptionalLong.of(hash);
    }
  }

  private static final class Counting extends Fixed implements SessionCounts {

    private final Map<String, Long> counts;

    Counting(String name, Map<String, Long> counts) {
      super(name, Resolution.none(name, "x"));
      this.counts = counts;
    }

    @Override
    public Set<String> requestCookiesToStrip() {
      return Set.of(name);
    }

    @Override
    public long liveSessions(String serverId) {
      return counts.getOrDefault(serverId, 0L);
    }

    @Override
    public Map<String, Long> liveSessions() {
      return counts;
    }
  }
}
