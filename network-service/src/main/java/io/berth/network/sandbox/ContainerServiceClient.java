package io.berth.network.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.NotFoundException;
import io.berth.common.error.UnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * container-service as {@code network connect/disconnect} needs it: the container, its node, and
 * the NetworkSettings it shows.
 */
@ApplicationScoped
public class ContainerServiceClient {
  /** The container's full id, name, whether it runs, and its {@code HostConfig.NetworkMode}. */
  public record ContainerRef(String id, String name, boolean running, String networkMode) {}

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
    return InternalHttp.send(http, base, HttpMethod.GET, "/containers/" + URLEncoder.encode(ref, StandardCharsets.UTF_8) + "/json",
            null, "container-service")
        .map(answer -> {
          if (answer.status() == 404) {
            throw new NotFoundException("No such container: " + ref);
          }
          JsonNode c = ok(answer, ref);
          return new ContainerRef(c.path("Id").asText(), c.path("Name").asText().replaceFirst("^/", ""),
              c.path("State").path("Running").asBoolean(false), c.path("HostConfig").path("NetworkMode").asText(""));
        });
  }

  /** The base URL of the API of the node running container {@code id}. */
  public Uni<String> nodeAddress(String id) {
    return InternalHttp.send(http, base, HttpMethod.GET, "/internal/containers/" + id, null, "container-service")
        .map(answer -> {
          String address = ok(answer, id).path("nodeAddress").asText("");
          if (address.isEmpty()) {
            throw new UnavailableException("container " + id + " is not on any node");
          }
          return address;
        });
  }

  /**
   * Puts (or with {@code settings} null removes) the entry of {@code network} in the container's
   * {@code NetworkSettings.Networks}, for a running container connected or disconnected.
   */
  public Uni<Void> updateNetworkSettings(String id, String network, Object settings) {
    String path = "/internal/containers/" + id + "/networks/" + URLEncoder.encode(network, StandardCharsets.UTF_8);
    try {
      byte[] body = settings == null ? null : mapper.writeValueAsBytes(settings);
      return InternalHttp.send(http, base, settings == null ? HttpMethod.DELETE : HttpMethod.PUT, path, body, "container-service")
          .map(answer -> {
            if (answer.status() / 100 != 2) {
              throw new UnavailableException("container-service answered " + answer.status() + " for " + path);
            }
            return null;
          });
    } catch (IOException e) {
      return Uni.createFrom().failure(e);
    }
  }

  private JsonNode ok(InternalHttp.Answer answer, String ref) {
    if (answer.status() != 200) {
      throw new UnavailableException("container-service answered " + answer.status() + " for " + ref);
    }
    try {
      return mapper.readTree(answer.body());
    } catch (IOException e) {
      throw new UnavailableException("container-service sent an unreadable answer for " + ref, e);
    }
  }

  @PreDestroy
  void close() {
    http.closeAndForget();
  }
}
