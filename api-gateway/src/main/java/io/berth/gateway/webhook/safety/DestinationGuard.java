package io.berth.gateway.webhook.safety;

import io.berth.gateway.webhook.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Keeps webhooks from becoming a way into internal services: a target URL must be http(s) and
 * none of the addresses its host resolves to may lie in the configured deny-list (cloud metadata
 * endpoints by default). Checked when a subscription is saved and again before every request,
 * on the addresses resolved then.
 */
@ApplicationScoped
public class DestinationGuard {

  private final List<Cidr> denied;

  @Inject
  public DestinationGuard(WebhookConfig config) {
    this(config.denyList());
  }

  public DestinationGuard(List<String> denyList) {
    this.denied = denyList.stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList();
  }

  /** A refused destination; the message says why, for the API and the delivery log. */
  public static class RefusedException extends Exception {
    public RefusedException(String message) {
      super(message);
    }
  }

  /** Syntax only: absolute http(s) URL with a host, no user info. */
  public static void checkSyntax(URI url) throws RefusedException {
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new RefusedException("webhook URL must be http or https: " + url);
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new RefusedException("webhook URL has no host: " + url);
    }
    if (url.getRawUserInfo() != null) {
      throw new RefusedException("webhook URL must not carry credentials");
    }
  }

  /** Resolves the host and refuses it if any of its addresses is denied; returns the addresses. */
  public InetAddress[] check(URI url) throws RefusedException {
    checkSyntax(url);
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(url.getHost());
    } catch (UnknownHostException e) {
      throw new RefusedException("cannot resolve " + url.getHost());
    }
    for (InetAddress address : addresses) {
      for (Cidr cidr : denied) {
        if (cidr.contains(address)) {
          throw new RefusedException(
              "destination " + address.getHostAddress() + " is not allowed (deny-list " + cidr.text() + ")");
        }
      }
    }
    return addresses;
  }

  /** At save time: the literal address of the URL, if it is one, must not be denied. */
  public void checkLiteral(URI url) throws RefusedException {
    checkSyntax(url);
    String host = url.getHost();
    if (host.matches("[0-9.]+") || host.startsWith("[")) {
      check(url);
    }
  }
}
