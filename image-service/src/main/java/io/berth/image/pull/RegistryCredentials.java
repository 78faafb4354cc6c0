package io.berth.image.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Credentials from Docker's {@code X-Registry-Auth} header (base64url JSON with username and
 * password, or an identity token); {@link #NONE} when absent or empty.
 */
public record RegistryCredentials(String username, String password, String identityToken) {
  public static final RegistryCredentials NONE = new RegistryCredentials(null, null, null);

  public static RegistryCredentials fromHeader(String header) {
    if (header == null || header.isBlank()) {
      return NONE;
    }
    try {
      return of(new ObjectMapper().readTree(decodeHeader(header)));
    } catch (Exception e) {
      throw new IllegalArgumentException("X-Registry-Auth is not base64url-encoded JSON");
    }
  }

  /**
   * One auth config object: username and password, or an identity token; a config holding only
   * {@code auth} (base64 "user:password", as in the CLI's config.json) is read from that.
   */
  static RegistryCredentials of(JsonNode n) {
    if (n == null || !n.isObject()) {
      return NONE;
    }
    String username = text(n, "username");
    String password = text(n, "password");
    String auth = text(n, "auth");
    if (username == null && password == null && auth != null) {
      String pair = decodeAuth(auth);
      int colon = pair == null ? -1 : pair.indexOf(':');
      if (colon > 0) {
        username = pair.substring(0, colon);
        password = pair.substring(colon + 1);
      }
    }
    if (username == null && password == null && text(n, "identitytoken") == null) {
      return NONE;
    }
    return new RegistryCredentials(username, password, text(n, "identitytoken"));
  }

  /** A registry header's bytes: base64url as the CLI sends it, also accepted padded or in standard base64. */
  static byte[] decodeHeader(String header) {
    return Base64.getUrlDecoder().decode(header.trim().replace('+', '-').replace('/', '_').replace("=", ""));
  }

  private static String decodeAuth(String auth) {
    try {
      return new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String text(JsonNode n, String field) {
    String v = n.path(field).asText(null);
    return v == null || v.isEmpty() ? null : v;
  }

  boolean hasBasic() {
    return username != null && password != null;
  }

  String basicHeader() {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
