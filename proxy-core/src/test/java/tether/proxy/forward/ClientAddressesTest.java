package tether.proxy.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tether.proxy.config.CidrRange;

class ClientAddressesTest {

  private final CidrRange lan = CidrRange.parse("10.0.0.0/8");
  private final Predicate<InetAddress> trusted = lan::contains;

  @Test
  void theRightMostUntrustedHopIsTheClient() throws Exception {
    assertThat(ClientAddresses.lastUntrusted("203.0.113.7", trusted)).isEqualTo(InetAddress.getByName("203.0.113.7"));
    assertThat(ClientAddresses.lastUntrusted("6.6.6.6, 203.0.113.7, 10.1.1.1", trusted))
        .isEqualTo(InetAddress.getByName("203.0.113.7"));
    assertThat(ClientAddresses.lastUntrusted("2001:db8::1", trusted)).isEqualTo(InetAddress.getByName("2001:db8::1"));
  }

  @Test
  void namesGarbageAndAllTrustedGiveNothing() {
    assertThat(ClientAddresses.lastUntrusted("10.0.0.1, 10.0.0.2", trusted)).isNull();
    assertThat(ClientAddresses.lastUntrusted("example.com", trusted)).isNull();
    assertThat(ClientAddresses.lastUntrusted("", trusted)).isNull();
    assertThat(ClientAddresses.lastUntrusted(" , ", trusted)).isNull();
    assertThat(ClientAddresses.lastUntrusted("1.2.3.4; rm -rf", trusted)).isNull();
  }

  @Test
  void onlyWholeLiteralsCountEvenBehindProxiesTrustedForEverything() throws Exception {
    Predicate<InetAddress> all = address -> true;
    // Names made of hex letters and dots look like literals to a character check; they are names.
    assertThat(ClientAddresses.lastUntrusted("cafe.babe", trusted)).isNull();
    assertThat(ClientAddresses.lastUntrusted("dead.beef, 10.0.0.1", all)).isNull();
    // Short and out-of-range forms that the JDK would read leniently or hand to the resolver.
    assertThat(ClientAddresses.lastUntrusted("1.2.3", trusted)).isNull();
    assertThat(ClientAddresses.lastUntrusted("1.2.3.256", trusted)).isNull();
    assertThat(ClientAddresses.lastUntrusted("1.2.3.4.5", trusted)).isNull();
    assertThat(ClientAddresses.lastUntrusted("1..3.4", trusted)).isNull();
    assertThat(ClientAddresses.lastUntrusted(".:1", trusted)).isNull();
    assertThat(ClientAddresses.lastUntrusted("255.255.255.255", trusted)).isEqualTo(InetAddress.getByName("255.255.255.255"));
    assertThat(ClientAddresses.lastUntrusted("::ffff:203.0.113.7", trusted)).isEqualTo(InetAddress.getByName("203.0.113.7"));
  }
}
