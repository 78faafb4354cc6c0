package io.berth.image.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.oci.ImageReference;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The credentials a build may pull its base images with: Docker's {@code X-Registry-Config}
 * header, base64url JSON mapping each registry the CLI holds a login for ({@code
 * "127.0.0.1:5000"}, {@code "https://index.docker.io/v1/"}) to its auth config. As dockerd does, a
 * header that does not decode is read as no credentials: a build that needs none still runs, and
 * one that does fails on the pull with "docker login" in its message.
 */
public final class RegistryConfig {
  public static final RegistryConfig NONE = new RegistryConfig(Map.of());

  private final Map<String, RegistryCredentials> byHost;

  private RegistryConfig(Map<String, RegistryCredentials> byHost) {
    this.byHost = byHost;
  }

  public static RegistryConfig fromHeader(String header) {
    if (header == null || header.isBlank()) {
      return NONE;
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(RegistryCredentials.decodeHeader(header));
    } catch (Exception undecodable) {
      return NONE;
    }
    if (root == null || !root.isObject()) {
      return NONE;
    }
    Map<String, RegistryCredentials> byHost = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      RegistryCredentials c = RegistryCredentials.of(e.getValue());
      if (!c.equals(RegistryCredentials.NONE)) {
        byHost.put(host(e.getKey()), c);
      }
    }
    return new RegistryConfig(Map.copyOf(byHost));
  }

  /** The credentials for {@code registry} (an {@link ImageReference#registry()}), or none. */
  public RegistryCredentials credentialsFor(String registry) {
    return byHost.getOrDefault(registry.toLowerCase(Locale.ROOT), RegistryCredentials.NONE);
  }

  /** A key as the CLI writes it ("https://index.docker.io/v1/", "host:port") as a registry name; host names ignore case. */
  private static String host(String key) {
    return RegistryAddresses.fromServerAddress(key).toLowerCase(Locale.ROOT);
  }
}
