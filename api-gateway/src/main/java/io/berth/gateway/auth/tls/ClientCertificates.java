package io.berth.gateway.auth.tls;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The identity in a verified client certificate: its subject's common name. The TLS handshake
 * already checked that the certificate chains to the configured CA; here it is only read.
 */
public final class ClientCertificates {

  private ClientCertificates() {}

  /** The CN of the peer's certificate; empty without a (verified) client certificate. */
  public static Optional<String> commonName(SSLSession session) {
    if (session == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate x509
          ? commonName(x509.getSubjectX500Principal().getName())
          : Optional.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  /** The (last, most specific) CN of an RFC 2253 distinguished name. */
  static Optional<String> commonName(String distinguishedName) {
    try {
      String cn = null;
      for (Rdn rdn : new LdapName(distinguishedName).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          cn = rdn.getValue().toString();
        }
      }
      return Optional.ofNullable(cn).filter(s -> !s.isEmpty());
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
  }
}
