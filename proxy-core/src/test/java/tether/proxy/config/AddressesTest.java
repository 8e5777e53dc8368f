package tether.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressesTest {

  @Test
  void acceptsHostNamesIpv4AndBracketedIpv6() {
    assertThat(Addresses.parseHostPort("localhost:1")).isEqualTo(new HostPort("localhost", 1));
    assertThat(Addresses.parseHostPort("app-1.internal_zone.example.:65535"))
        .isEqualTo(new HostPort("app-1.internal_zone.example.", 65535));
    assertThat(Addresses.parseHostPort("192.0.2.1:80")).isEqualTo(new HostPort("192.0.2.1", 80));
    assertThat(Addresses.parseHostPort("[2001:db8::1]:443")).isEqualTo(new HostPort("2001:db8::1", 443));
    assertThat(Addresses.parseHostPort("[::ffff:192.0.2.1]:443").host()).isEqualTo("::ffff:192.0.2.1");
  }

  @Test
  void ipv6KeepsItsBracketsWhenPrinted() {
    assertThat(Addresses.parseHostPort("[::1]:8080")).hasToString("[::1]:8080");
  }

  @Test
  void refusesAnAddressWithoutAUsablePort() {
    assertThatThrownBy(() -> Addresses.parseHostPort("localhost:"))
        .hasMessage("host:port with a port, such as localhost:8080");
    assertThatThrownBy(() -> Addresses.parseHostPort("localhost:65536")).hasMessage("host:port with port 1..65535");
    assertThatThrownBy(() -> Addresses.parseHostPort("localhost:+80")).hasMessage("host:port with port 1..65535");
    assertThatThrownBy(() -> Addresses.parseHostPort("localhost:000080000"))
        .hasMessage("host:port with port 1..65535");
    assertThatThrownBy(() -> Addresses.parseHostPort("[::1]x80"))
        .hasMessage("host:port with IPv6 in brackets, such as [::1]:8080");
    assertThatThrownBy(() -> Addresses.parseHostPort("[::1:80"))
        .hasMessage("host:port with IPv6 in brackets, such as [::1]:8080");
    assertThatThrownBy(() -> Addresses.parseHostPort("[]:80"))
        .hasMessage("host:port with a valid IPv6 address in brackets, such as [::1]:8080");
    assertThatThrownBy(() -> Addresses.parseHostPort("[example.com]:80"))
        .hasMessage("host:port with a valid IPv6 address in brackets, such as [::1]:8080");
  }

  @Test
  void sameEndpointWrittenTwoWaysHasOneIdentity() {
    assertThat(Addresses.identity(new HostPort("::1", 80))).isEqualTo(Addresses.identity(new HostPort("0:0::1", 80)));
    assertThat(Addresses.identity(new HostPort("Example.COM", 80)))
        .isEqualTo(Addresses.identity(new HostPort("example.com", 80)));
    assertThat(Addresses.identity(new HostPort("example.com", 80)))
        .isNotEqualTo(Addresses.identity(new HostPort("example.com", 81)));
  }

  @Test
  void aBareHostMayBeAnyUsableForm() {
    assertThat(Addresses.hostProblem("example.com")).isNull();
    assertThat(Addresses.hostProblem("10.0.0.1")).isNull();
    assertThat(Addresses.hostProblem("::1")).isNull();
    assertThat(Addresses.hostProblem("")).isEqualTo("a non-empty host");
    assertThat(Addresses.hostProblem("-leading.example")).isNotNull();
    assertThat(Addresses.hostProblem("10.0.0")).isNotNull();
    assertThat(Addresses.hostProblem("example.com:80")).isNotNull();
  }
}
