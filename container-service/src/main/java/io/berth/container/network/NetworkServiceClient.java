package io.berth.container.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.error.ConflictException;
import io.berth.common.error.ForbiddenException;
import io.berth.common.error.InvalidArgumentException;
import io.berth.common.error.NotFoundException;
import io.berth.common.error.UnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Client of network-service's internal sandbox API: allocate a starting container's addresses and
 * host ports, release them. Its errors (port taken, unknown network) reach the client as is.
 */
@ApplicationScoped
public class NetworkServiceClient {
  private final HttpClient http;
  private final URI base;
  private final ObjectMapper mapper;

  public NetworkServiceClient(
      Vertx vertx, ObjectMapper mapper,
      @ConfigProperty(name = "berth.network-service.url", defaultValue = "http://127.0.0.1:8082") String url) {
    this.http = vertx.createHttpClient();
    this.base = URI.create(url);
    this.mapper = mapper;
  }

  /** {@code POST /internal/sandboxes}: the answer's {@code network} and {@code settings}. */
  public Uni<JsonNode> allocate(ObjectNode request) {
    return call(HttpMethod.POST, "/internal/sandboxes", request).map(body -> {
      try {
        return mapper.readTree(body.getBytes());
      } catch (IOException e) {
        throw new UnavailableException("network-service sent an unreadable answer", e);
      }
    });
  }

  /** {@code DELETE /internal/sandboxes/{id}}. */
  public Uni<Void> release(String containerId) {
    return call(HttpMethod.DELETE, "/internal/sandboxes/" + containerId, null).replaceWithVoid();
  }

  private Uni<Buffer> call(HttpMethod method, String path, JsonNode body) {
    RequestOptions options = new RequestOptions()
        .setMethod(method)
        .setHost(base.getHost())
        .setPort(base.getPort() > 0 ? base.getPort() : 80)
        .setURI(path)
        .putHeader("Content-Type", "application/json")
        .setTimeout(15_000);
    return http.request(options)
        .flatMap(req -> body == null ? req.send() : req.send(Buffer.buffer(body.toString())))
        .flatMap(resp -> resp.body().map(b -> {
          int status = resp.statusCode();
          if (status >= 200 && status < 300) {
            return b;
          }
          String message = message(b);
          throw switch (status) {
            case 400 -> new InvalidArgumentException(message);
            case 403 -> new ForbiddenException(message);
            case 404 -> new NotFoundException(message);
            case 409 -> new ConflictException(message);
            default -> new UnavailableException("network-service: " + message);
          };
        }))
        .onFailure(e -> !(e instanceof io.berth.common.error.BerthException))
        .transform(e -> new UnavailableException("network-service is not reachable: " + e.getMessage(), e))
        .ifNoItem().after(Duration.ofSeconds(20)).failWith(() -> new UnavailableException("network-service did not answer"));
  }

  private String message(Buffer b) {
    try {
      return mapper.readTree(b.getBytes()).path("message").asText(b.toString());
    } catch (IOException e) {
      return b.toString();
    }
  }

  @PreDestroy
  void close() {
    http.closeAndForget();
  }
}
