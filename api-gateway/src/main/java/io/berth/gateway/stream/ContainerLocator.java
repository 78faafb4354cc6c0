package io.berth.gateway.stream;

import io.berth.gateway.proxy.Upstreams;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Asks container-service where a container lives (GET /internal/containers/{idOrName}). */
@ApplicationScoped
public class ContainerLocator {

  /** What container-service answered: a location on 200, otherwise its status and error body. */
  public record Answer(int status, Buffer body, Location location) {
    public boolean found() {
      return location != null;
    }
  }

  /**
   * A container's full id, name, node and the node's base URL (null if not scheduled), and where
   * its image is (registry base URL, repository, manifest digest).
   */
  public record Location(String id, String name, String nodeId, String nodeAddress, String state,
      String imageRegistry, String repository, String imageDigest) {}

  @Inject Upstreams upstreams;

  /** Fails only when container-service cannot be reached. */
  public Future<Answer> locate(String idOrName) {
    String path =
        "/internal/containers/" + URLEncoder.encode(idOrName, StandardCharsets.UTF_8).replace("+", "%20");
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(upstreams.containerService().toString().replaceAll("/$", "") + path)
            .setIdleTimeout(10_000);
    return upstreams
        .client()
        .request(options)
        .compose(req -> req.send().compose(resp -> resp.body().map(b -> answer(resp.statusCode(), b))));
  }

  static Answer answer(int status, Buffer body) {
    if (status != 200) {
      return new Answer(status, body, null);
    }
    JsonObject json = body.toJsonObject();
    return new Answer(
        status,
        body,
        new Location(
            json.getString("id"),
            json.getString("name"),
            json.getString("nodeId"),
            json.getString("nodeAddress"),
            json.getString("state"),
            json.getString("imageRegistry"),
            json.getString("repository"),
            json.getString("imageDigest")));
  }
}
