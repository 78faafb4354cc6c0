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

  /** The key the docker CLI files Docker Hub's login under. */
  private static final String DOCKER_HUB_KEY = "index.docker.io";

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
    String host = ImageReference.DOCKER_HUB.equals(registry) ? DOCKER_HUB_KEY : host(registry);
    return byHost.getOrDefault(host, RegistryCredentials.NONE);
  }

  /** A key as the CLI may write it ("https://host:port/v1/", "host:port") reduced to host[:port]. */
  static String host(String key) {
    String h = key.trim().toLowerCase(Locale.ROOT);
    int scheme = h.indexOf("://");
    if (scheme >= 0) {
      h = h.substring(scheme + 3);
    }
    int slash = h.indexOf('/');
    if (slash >= 0) {
      h = h.substring(0, slash);
    }
    return h.equals(ImageReference.DOCKER_HUB) || h.equals("registry-1.docker.io") ? DOCKER_HUB_KEY : h;
  }
}
