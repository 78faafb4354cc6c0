package io.berth.image.use;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Asks container-service, which owns containers, which of them use an image. The image_use table
 * fed by container facts lags by the time a fact takes to arrive; `docker rmi` right after
 * `docker create` must still answer 409, so a delete asks the owner too. Vert.x's client answers
 * on the caller's context, so the reactive session of the surrounding transaction stays usable.
 */
@ApplicationScoped
public class ContainerServiceClient {
  private static final Logger LOG = Logger.getLogger(ContainerServiceClient.class);

  private final HttpClient http;
  private final URI base;

  public ContainerServiceClient(
      Vertx vertx,
      @ConfigProperty(name = "berth.container-service.url", defaultValue = "http://127.0.0.1:8081") String baseUrl) {
    // Time limits on the connection itself, so failures still arrive on the caller's context.
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000).setIdleTimeout(5));
    this.base = URI.create(baseUrl);
  }

  /** Ids of the containers created from image {@code imageId}; empty when container-service is down. */
  public Uni<Optional<List<String>>> containersUsing(String imageId) {
    String filters = URLEncoder.encode(new JsonObject().put("ancestor", new JsonArray().add(imageId)).encode(),
        StandardCharsets.UTF_8);
    String uri = "/containers/json?all=1&filters=" + filters;
    return http.request(HttpMethod.GET, base.getPort(), base.getHost(), uri)
        .chain(request -> request.send())
        .chain(response -> response.body().map(body -> {
          if (response.statusCode() != 200) {
            LOG.warnf("container-service answered %d to %s", response.statusCode(), uri);
            return Optional.<List<String>>empty();
          }
          List<String> ids = new ArrayList<>();
          for (Object c : new JsonArray(body.getDelegate())) {
            ids.add(((JsonObject) c).getString("Id"));
          }
          return Optional.of(ids);
        }))
        .onFailure().recoverWithItem(e -> {
          LOG.warnf("container-service not reachable (%s): relying on the container facts seen so far", e.getMessage());
          return Optional.empty();
        });
  }
}
