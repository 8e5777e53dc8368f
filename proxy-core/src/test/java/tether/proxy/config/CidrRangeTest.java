package tether.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class CidrRangeTest {

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anIpv4RangeContainsItsAddressesOnly() {
    CidrRange range = CidrRange.parse("10.1.0.0/16");

    assertThat(range.contains(ip("10.1.0.0"))).isTrue();
    assertThat(range.contains(ip("10.1.255.255"))).isTrue();
    assertThat(range.contains(ip("10.2.0.0"))).isFalse();
    assertThat(range.contains(ip("9.255.255.255"))).isFalse();
  }

  @Test
  void hostBitsAreIgnoredSoEquivalentRangesAreEqual() {
    assertThat(CidrRange.parse("10.1.2.3/16")).isEqualTo(CidrRange.parse("10.1.0.0/16"));
    assertThat(CidrRange.parse("10.1.2.3/16").contains(ip("10.1.9.9"))).isTrue();
    assertThat(CidrRange.parse("10.1.2.3/16").toString()).isEqualTo("10.1.2.3/16");
  }

  @Test
  void anIpv6RangeContainsItsAddressesOnly() {
    CidrRange range = CidrRange.parse("fd00:abcd::/32");

    assertThat(range.contains(ip("fd00:abcd::1"))).isTrue();
    assertThat(range.contains(ip("fd00:abcd:ffff::"))).isTrue();
    assertThat(range.contains(ip("fd00:abce::1"))).isFalse();
  }

  @Test
  void aBareAddressIsASingleHost() {
    CidrRange v4 = CidrRange.parse("192.168.1.10");
    CidrRange v6 = CidrRange.parse("::1");

    assertThat(v4).isEqualTo(CidrRange.parse("192.168.1.10/32"));
    assertThat(v4.contains(ip("192.168.1.10"))).isTrue();
    assertThat(v4.contains(ip("192.168.1.11"))).isFalse();
    assertThat(v6).isEqualTo(CidrRange.parse("::1/128"));
    assertThat(v6.contains(ip("::1"))).isTrue();
    assertThat(v6.contains(ip("::2"))).isFalse();
  }

  @Test
  void prefixZeroMatchesEveryAddressOfItsFamilyOnly() {
    assertThat(CidrRange.parse("0.0.0.0/0").contains(ip("203.0.113.7"))).isTrue();
    assertThat(CidrRange.parse("0.0.0.0/0").contains(ip("2001:db8::1"))).isFalse();
    assertThat(CidrRange.parse("::/0").contains(ip("2001:db8::1"))).isTrue();
    assertThat(CidrRange.parse("::/0").contains(ip("203.0.113.7"))).isFalse();
  }

  @Test
  void badInputIsRefusedWithTheExpectedForm() {
    String expectedAddress = "(expected: an IP address or CIDR range such as 10.0.0.0/8)";
    assertThatThrownBy(() -> CidrRange.parse("proxy.example.com"))
        .hasMessage("trusted proxy: proxy.example.com " + expectedAddress);
    assertThatThrownBy(() -> CidrRange.parse(""))
        .hasMessage("trusted proxy:  " + expectedAddress);
    assertThatThrownBy(() -> CidrRange.parse("10.0.0/8"))
        .hasMessage("trusted proxy: 10.0.0/8 " + expectedAddress);
    assertThatThrownBy(() -> CidrRange.parse("300.0.0.1"))
        .hasMessage("trusted proxy: 300.0.0.1 " + expectedAddress);
    assertThatThrownBy(() -> CidrRange.parse("fe80::zz"))
        .hasMessage("trusted proxy: fe80::zz " + expectedAddress);
    assertThatThrownBy(() -> CidrRange.parse("10.0.0.0/33"))
        .hasMessage("trusted proxy: 10.0.0.0/33 (expected: a prefix length of 0..32)");
    assertThatThrownBy(() -> CidrRange.parse("::1/129"))
        .hasMessage("trusted proxy: ::1/129 (expected: a prefix length of 0..128)");
    assertThatThrownBy(() -> CidrRange.parse("10.0.0.0/x"))
        .hasMessage("trusted proxy: 10.0.0.0/x (expected: a prefix length of 0..32)");
    assertThatThrownBy(() -> CidrRange.parse("10.0.0.0/-1"))
        .hasMessage("trusted proxy: 10.0.0.0/-1 (expected: a prefix length of 0..32)");
  }
}
