package io.berth.gateway.auth.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientCertificatesTest {

  @Test
  void readsTheMostSpecificCommonName() {
    assertEquals(Optional.of("alice"), ClientCertificates.commonName("CN=alice,OU=dev,O=Example"));
    // RFC 2253 lists the most specific name first.
    assertEquals(Optional.of("bob"), ClientCertificates.commonName("CN=bob,CN=team,O=x"));
  }

  @Test
  void noCommonNameNoIdentity() {
    assertEquals(Optional.empty(), ClientCertificates.commonName("O=Example"));
    assertEquals(Optional.empty(), ClientCertificates.commonName("not a dn"));
    assertEquals(Optional.empty(), ClientCertificates.commonName((javax.net.ssl.SSLSession) null));
  }
}
