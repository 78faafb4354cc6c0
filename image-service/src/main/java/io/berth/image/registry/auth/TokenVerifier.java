package io.berth.image.registry.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks the gateway whose token a secret is: {@code GET /berth/v1/tokens/self} with the secret as
 * bearer token. The gateway owns the tokens (image-service never reads its schema); a valid answer
 * is kept for a short while, so a push of many blobs asks once. Revoking a token therefore takes
 * up to that long to reach the registry.
 */
@ApplicationScoped
public class TokenVerifier {

  /** The identity behind a secret; role is admin, operator, viewer or auditor. */
  public record Identity(String name, String role) {}

  private record Cached(Identity identity, long expiresAtNanos) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private volatile URI self;
  private final Duration ttl;

  public TokenVerifier(
      @ConfigProperty(name = "berth.registry.auth.verify-url") URI self,
      @ConfigProperty(name = "berth.registry.auth.cache", defaultValue = "30s") Duration ttl) {
    this.self = self;
    this.ttl = ttl;
  }

  /** Tests point it at a stand-in gateway. */
  void verifyAt(URI gateway) {
    this.self = gateway;
    cache.clear();
  }

  /** The identity, or empty when the gateway does not know the secret (or is unreachable). */
  public CompletionStage<Optional<Identity>> verify(String secret) {
    String key = sha256(secret);
    Cached hit = cache.get(key);
    if (hit != null && hit.expiresAtNanos() - System.nanoTime() > 0) {
      return CompletableFuture.completedFuture(Optional.of(hit.identity()));
    }
    HttpRequest request = HttpRequest.newBuilder(self).timeout(Duration.ofSeconds(5))
        .header("Authorization", "Bearer " + secret).header("Accept", "application/json").GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((r, e) -> {
      if (e != null || r.statusCode() != 200) {
        cache.remove(key);
        return Optional.<Identity>empty();
      }
      try {
        var body = json.readTree(r.body());
        Identity identity = new Identity(body.path("name").asText(), body.path("role").asText());
        cache.put(key, new Cached(identity, System.nanoTime() + ttl.toNanos()));
        return Optional.of(identity);
      } catch (java.io.IOException bad) {
        return Optional.<Identity>empty();
      }
    });
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
