package io.berth.network.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.ConflictException;
import io.berth.common.error.UnavailableException;
import io.berth.events.EventCodec;
import io.berth.events.container.v1.ContainerNetwork;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;

/** A node's wiring API: one endpoint more or less in a running container's namespace. */
@ApplicationScoped
public class NodeClient {
  private static final ObjectMapper JSON = EventCodec.mapper();
  private final HttpClient http;

  public NodeClient(Vertx vertx) {
    this.http = vertx.createHttpClient();
  }

  public Uni<Void> wire(String nodeAddress, String containerId, ContainerNetwork.Endpoint endpoint) {
    try {
      return call(nodeAddress, HttpMethod.POST, "/internal/containers/" + containerId + "/endpoints",
          JSON.writeValueAsBytes(endpoint), false);
    } catch (IOException e) {
      return Uni.createFrom().failure(e);
    }
  }

  /** Unwires; an endpoint the node does not have (404) counts as done. */
  public Uni<Void> unwire(String nodeAddress, String containerId, String endpointId) {
    return call(nodeAddress, HttpMethod.DELETE, "/internal/containers/" + containerId + "/endpoints/" + endpointId,
        null, true);
  }

  private Uni<Void> call(String nodeAddress, HttpMethod method, String path, byte[] body, boolean missingIsDone) {
    return InternalHttp.send(http, URI.create(nodeAddress), method, path, body, "node " + nodeAddress).map(answer -> {
      if (answer.status() / 100 == 2 || missingIsDone && answer.status() == 404) {
        return null;
      }
      String message = message(answer.body());
      if (answer.status() == 409) {
        throw new ConflictException(message);
      }
      throw new UnavailableException("node " + nodeAddress + ": " + message);
    });
  }

  private static String message(byte[] body) {
    try {
      JsonNode n = JSON.readTree(body);
      return n.path("message").asText(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @PreDestroy
  void close() {
    http.closeAndForget();
  }
}
