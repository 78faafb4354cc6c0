package io.berth.gateway.webhook.safety;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class DestinationGuardTest {

  static final List<String> DEFAULT_DENY = List.of("169.254.169.254/32", "169.254.0.0/16", "fe80::/10");

  @Test
  void cidrsMatchByPrefix() throws Exception {
    Cidr net = Cidr.parse("10.1.0.0/20");
    assertTrue(net.contains(InetAddress.getByName("10.1.15.255")));
    assertFalse(net.contains(InetAddress.getByName("10.1.16.0")));
    assertFalse(net.contains(InetAddress.getByName("::1")));
    assertTrue(Cidr.parse("fe80::/10").contains(InetAddress.getByName("fe80::1")));
    assertTrue(Cidr.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.1")));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.org/8"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
  }

  @Test
  void theMetadataAddressIsRefusedLiterallyAndLoopbackIsAllowedByDefault() throws Exception {
    DestinationGuard guard = new DestinationGuard(DEFAULT_DENY);
    assertThrows(DestinationGuard.RefusedException.class,
        () -> guard.checkLiteral(URI.create("http://169.254.169.254/latest/meta-data")));
    assertThrows(DestinationGuard.RefusedException.class, () -> guard.check(URI.create("http://169.254.10.1/")));
    assertArrayEquals(new byte[] {127, 0, 0, 1}, guard.check(URI.create("http://127.0.0.1:9/"))[0].getAddress());
  }

  @Test
  void aHostNameIsCheckedOnTheAddressesItResolvesTo() {
    DestinationGuard guard = new DestinationGuard(List.of("127.0.0.0/8", "::1/128"));
    DestinationGuard.RefusedException e = assertThrows(DestinationGuard.RefusedException.class,
        () -> guard.check(URI.create("http://localhost:8080/hook")));
    assertTrue(e.getMessage().contains("is not allowed"), e.getMessage());
  }

  @Test
  void onlyHttpUrlsWithoutCredentials() {
    DestinationGuard guard = new DestinationGuard(DEFAULT_DENY);
    assertThrows(DestinationGuard.RefusedException.class, () -> guard.checkLiteral(URI.create("file:///etc/passwd")));
    assertThrows(DestinationGuard.RefusedException.class, () -> guard.checkLiteral(URI.create("http://u:p@example.org/")));
  }
}
