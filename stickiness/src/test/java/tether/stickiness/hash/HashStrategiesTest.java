package tether.stickiness.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tether.stickiness.Outcome;
import tether.stickiness.Resolution;
import tether.stickiness.StableHash;
import tether.stickiness.TestPool;
import tether.stickiness.TestRequest;

class HashStrategiesTest {

  private final TestPool pool = new TestPool("a", "b", "c", "d");
  private final HeaderHashStrategy header = new HeaderHashStrategy(HeaderHashConfig.defaults());
  private final ClientAddressStrategy address = new ClientAddressStrategy(ClientAddressConfig.defaults());

  @Test
  void theSameHeaderValueGoesToTheSameServerOnEveryInstance() {
    HeaderHashStrategy otherInstance = new HeaderHashStrategy(HeaderHashConfig.defaults());
    TestPool otherPool = new TestPool("d", "c", "b", "a");
    Set<String> used = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      TestRequest request = TestRequest.get("/").header("x-session-id", "user-" + i);
      Resolution resolution = header.resolve(request, pool);
      assertThat(resolution.outcome()).isEqualTo(Outcome.VALID);
      assertThat(otherInstance.resolve(request, otherPool)).isEqualTo(resolution);
      used.add(resolution.serverId());
    }
    assertThat(used).containsExactlyInAnyOrder("a", "b", "c", "d");
  }

  @Test
  void headerResolutionsCarryTheValuesHashNotTheValue() {
    Resolution resolution = header.resolve(TestRequest.get("/").header("X-Session-Id", "secret-ish"), pool);
    assertThat(resolution.sessionId()).isEqualTo(StableHash.fingerprint("secret-ish"));
  }

  @Test
  void aMissingOrOversizedHeaderIsNotHashed() {
    assertThat(header.resolve(TestRequest.get("/"), pool)).isEqualTo(Resolution.none("header", "no header"));
    assertThat(header.resolve(TestRequest.get("/").header("X-Session-Id", "x".repeat(257)), pool))
        .isEqualTo(Resolution.invalid("header", "header value too long"));
  }

  @Test
  void serversOverTheirLoadBoundAreSkipped() {
    TestRequest request = TestRequest.get("/").header("X-Session-Id", "user-1");
    String natural = header.resolve(request, pool).serverId();
    pool.bound(server -> !server.equals(natural));
    assertThat(header.resolve(request, pool).serverId()).isNotNull().isNotEqualTo(natural);
    pool.bound(server -> false);
    assertThat(header.resolve(request, pool)).isEqualTo(Resolution.none("header", "every server over its load bound"));
  }

  @Test
  void anEmptyPoolHasNothingToSay() {
    assertThat(header.resolve(TestRequest.get("/").header("X-Session-Id", "u"), new TestPool()))
        .isEqualTo(Resolution.none("header", "no server on the ring"));
  }

  @Test
  void theSameClientAddressGoesToTheSameServer() {
    Resolution first = address.resolve(TestRequest.get("/").from("192.0.2.10"), pool);
    assertThat(first.outcome()).isEqualTo(Outcome.VALID);
    assertThat(first.sessionId()).isNull();
    assertThat(new ClientAddressStrategy(ClientAddressConfig.defaults())
        .resolve(TestRequest.get("/").from("192.0.2.10"), pool)).isEqualTo(first);
    assertThat(address.resolve(TestRequest.get("/"), pool))
        .isEqualTo(Resolution.none("client-address", "no client address"));
  }

  @Test
  void aPrefixKeepsAClientsNetworkTogether() {
    ClientAddressStrategy byNetwork = new ClientAddressStrategy(new ClientAddressConfig(24, 48));
    Set<String> v4 = new HashSet<>();
    Set<String> v6 = new HashSet<>();
    Set<String> exact = new HashSet<>();
    for (int i = 1; i < 60; i++) {
      v4.add(byNetwork.resolve(TestRequest.get("/").from("198.51.100." + i), pool).serverId());
      v6.add(byNetwork.resolve(TestRequest.get("/").from("2001:db8:1::" + Integer.toHexString(i)), pool).serverId());
      exact.add(address.resolve(TestRequest.get("/").from("198.51.100." + i), pool).serverId());
    }
    assertThat(v4).hasSize(1);
    assertThat(v6).hasSize(1);
    assertThat(exact).hasSizeGreaterThan(1);
  }

  @Test
  void theKeyHashIsTheHashTheRingIsAskedWith() {
    ClientAddressStrategy byNetwork = new ClientAddressStrategy(new ClientAddressConfig(24, 48));
    assertThat(byNetwork.hashes()).isTrue();
    assertThat(header.hashes()).isTrue();
    assertThat(byNetwork.keyHash(TestRequest.get("/").from("198.51.100.7")))
        .isEqualTo(byNetwork.keyHash(TestRequest.get("/").from("198.51.100.200")))
        .isNotEqualTo(byNetwork.keyHash(TestRequest.get("/").from("198.51.101.7")))
        .isNotEmpty();
    assertThat(byNetwork.keyHash(TestRequest.get("/"))).isEmpty();
    assertThat(header.keyHash(TestRequest.get("/").header("X-Session-Id", "u1"))).hasValue(StableHash.hash("u1"));
    assertThat(header.keyHash(TestRequest.get("/"))).isEmpty();
    assertThat(header.keyHash(TestRequest.get("/").header("X-Session-Id", "x".repeat(257)))).isEmpty();
  }

  @Test
  void masksKeepOnlyThePrefix() {
    byte[] bytes = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    ClientAddressStrategy.mask(bytes, 20);
    assertThat(bytes).containsExactly(0xff, 0xff, 0xf0, 0x00);
  }

  @Test
  void rejectsBadConfig() {
    assertThatThrownBy(() -> new ClientAddressConfig(33, 64)).hasMessage("ipv4PrefixLength: 33 (expected: 0..32)");
    assertThatThrownBy(() -> new ClientAddressConfig(32, -1)).hasMessage("ipv6PrefixLength: -1 (expected: 0..128)");
    assertThatThrownBy(() -> HeaderHashConfig.of("X Session"))
        .hasMessage("headerName: X Session (expected: an HTTP header name)");
    assertThatThrownBy(() -> new HeaderHashConfig("X-Id", 0)).hasMessage("maxValueLength: 0 (expected: >= 1)");
  }
}
