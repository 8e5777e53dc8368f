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
}
