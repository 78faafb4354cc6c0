package io.berth.network.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.NotFoundException;
import io.berth.common.error.UnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Looks a container up in container-service (for {@code network connect/disconnect}). */
@ApplicationScoped
public class ContainerServiceClient {
  /** The container's full id, name and whether it runs. */
  public record ContainerRef(String id, String name, boolean running) {}

  private final HttpClient http;
  private final URI base;
  private final ObjectMapper mapper;

  public ContainerServiceClient(
      Vertx vertx, ObjectMapper mapper,
      @ConfigProperty(name = "berth.container-service.url", defaultValue = "http://127.0.0.1:8081") String url) {
    this.http = vertx.createHttpClient();
    this.base = URI.create(url);
    this.mapper = mapper;
  }

  public Uni<ContainerRef> find(String ref) {
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setHost(base.getHost())
        .setPort(base.getPort() > 0 ? base.getPort() : 80)
        .setURI("/containers/" + URLEncoder.encode(ref, StandardCharsets.UTF_8) + "/json")
        .setTimeout(10_000);
    return http.request(options)
        .flatMap(req -> req.send())
        .flatMap(resp -> resp.body().map(body -> {
          if (resp.statusCode() == 404) {
            throw new NotFoundException("No such container: " + ref);
          }
          if (resp.statusCode() != 200) {
            throw new UnavailableException("container-service answered " + resp.statusCode() + " for " + ref);
          }
          try {
            JsonNode c = mapper.readTree(body.getBytes());
            return new ContainerRef(c.path("Id").asText(), c.path("Name").asText().replaceFirst("^/", ""),
                c.path("State").path("Running").asBoolean(false));
          } catch (IOException e) {
            throw new UnavailableException("container-service sent an unreadable answer for " + ref, e);
          }
        }))
        .ifNoItem().after(Duration.ofSeconds(15)).failWith(() -> new UnavailableException("container-service did not answer"));
  }

  @PreDestroy
  void close() {
    http.closeAndForget();
  }
}
