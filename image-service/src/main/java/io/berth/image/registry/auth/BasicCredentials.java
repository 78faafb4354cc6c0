package io.berth.image.registry.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The user and password of an {@code Authorization: Basic} header. The user name is free (docker
 * and skopeo need one); the password is a Berth token's secret. An empty pair (skopeo sends
 * {@code Basic Og==} when it has no credentials) counts as no credentials.
 */
public record BasicCredentials(String user, String password) {

  public static Optional<BasicCredentials> parse(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.of(new BasicCredentials("", "")); // present but unusable: refused, not anonymous
    }
    int colon = decoded.indexOf(':');
    return Optional.of(colon < 0 ? new BasicCredentials(decoded, "")
        : new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
  }

  public boolean empty() {
    return user.isEmpty() && password.isEmpty();
  }
}
