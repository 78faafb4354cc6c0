package io.berth.gateway.system;

import io.berth.gateway.proxy.Upstreams;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import org.jboss.logging.Logger;

/**
 * /info's totals from the owning services: container-service's list (by State) and
 * image-service's list (its length). A service that is down counts as zero: /info still answers.
 */
@ApplicationScoped
public class ServiceEngineCounts implements EngineCounts {

  private static final Logger LOG = Logger.getLogger(ServiceEngineCounts.class);

  @Inject Upstreams upstreams;

  @Override
  public Uni<Counts> counts() {
    Future<JsonArray> containers = list(upstreams.containerService(), "/containers/json?all=1");
    Future<JsonArray> images = list(upstreams.imageService(), "/images/json");
    Future<Counts> counts =
        Future.join(containers, images).transform(ignored -> Future.succeededFuture(
            of(containers.succeeded() ? containers.result() : new JsonArray(),
                images.succeeded() ? images.result() : new JsonArray())));
    return Uni.createFrom().completionStage(counts.toCompletionStage());
  }

  static Counts of(JsonArray containers, JsonArray images) {
    int running = 0;
    int paused = 0;
    for (int i = 0; i < containers.size(); i++) {
      String state = containers.getJsonObject(i).getString("State", "");
      if (state.equals("running")) {
        running++;
      } else if (state.equals("paused")) {
        paused++;
      }
    }
    return new Counts(
        containers.size(), running, paused, containers.size() - running - paused, images.size());
  }

  private Future<JsonArray> list(URI base, String path) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(base.toString().replaceAll("/$", "") + path)
            .setConnectTimeout(2_000)
            .setIdleTimeout(5_000);
    return upstreams
        .client()
        .request(options)
        .compose(req -> req.send())
        .compose(resp -> resp.statusCode() == 200
            ? resp.body().map(b -> b.toJsonArray())
            : Future.failedFuture("status " + resp.statusCode()))
        .onFailure(e -> LOG.debugf("counts from %s unavailable: %s", base, e.getMessage()));
  }
}
