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
  static final RegistryCredentials NONE = new RegistryCredentials(null, null, null);

  public static RegistryCredentials fromHeader(String header) {
    if (header == null || header.isBlank()) {
      return NONE;
    }
    try {
      byte[] json = Base64.getUrlDecoder().decode(header.trim().replace('+', '-').replace('/', '_').replace("=", ""));
      JsonNode n = new ObjectMapper().readTree(json);
      if (n == null || !n.isObject()) {
        return NONE;
      }
      return new RegistryCredentials(text(n, "username"), text(n, "password"), text(n, "identitytoken"));
    } catch (Exception e) {
      throw new IllegalArgumentException("X-Registry-Auth is not base64url-encoded JSON");
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
