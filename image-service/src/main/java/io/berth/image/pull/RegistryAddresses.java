package io.berth.image.pull;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where a registry name points: Docker Hub's API host for {@code docker.io}, plain HTTP for
 * loopback ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) and for the registries listed in
 * {@code berth.registry.insecure-registries} (as {@code host} or {@code host:port}, like dockerd's
 * {@code insecure-registries}), HTTPS for every other.
 */
@ApplicationScoped
public class RegistryAddresses {
  private final List<String> insecure;

  public RegistryAddresses(
      @ConfigProperty(name = "berth.registry.insecure-registries") Optional<List<String>> insecure) {
    this.insecure = insecure.orElse(List.of()).stream().map(s -> s.trim().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty()).toList();
  }

  public URI base(String registry) {
    if (registry.equals("docker.io")) {
      return URI.create("https://registry-1.docker.io");
    }
    String host = registry.replaceFirst(":\\d+$", "");
    boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    String lower = registry.toLowerCase(Locale.ROOT);
    boolean plain = loopback || insecure.contains(lower) || insecure.contains(host.toLowerCase(Locale.ROOT));
    return URI.create((plain ? "http://" : "https://") + registry);
  }

  /**
   * The registry a {@code docker login} server address names: {@code docker.io} for an empty
   * one or Docker Hub's legacy index URL, else its host[:port] without scheme or path.
   */
  public static String fromServerAddress(String address) {
    if (address == null || address.isBlank()) {
      return "docker.io";
    }
    String a = address.trim().replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
    int slash = a.indexOf('/');
    if (slash >= 0) {
      a = a.substring(0, slash);
    }
    return switch (a.toLowerCase(Locale.ROOT)) {
      case "index.docker.io", "registry-1.docker.io", "docker.io", "registry.hub.docker.com" -> "docker.io";
      default -> a;
    };
  }
}
