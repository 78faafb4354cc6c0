package io.berth.gateway.system;

import io.berth.gateway.api.DockerResponses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** The Docker API's system endpoints: /_ping (GET and HEAD), /version and /info. */
@ApplicationScoped
public class SystemRoutes {

  @Inject EngineFacts facts;

  void install(@Observes Router router) {
    router.get("/_ping").handler(ctx -> ping(ctx, "OK"));
    router
        .head("/_ping")
        .handler(
            ctx -> {
              ctx.response().putHeader("Content-Length", "0");
              ping(ctx, "");
            });
    router.get("/version").handler(ctx -> DockerResponses.json(ctx, 200, facts.version()));
    router
        .get("/info")
        .handler(
            ctx ->
                facts
                    .info()
                    .subscribe()
                    .with(info -> DockerResponses.json(ctx, 200, info), ctx::fail));
  }

  private static void ping(RoutingContext ctx, String body) {
    ctx.response()
        // "1" = the classic builder (POST /build): the CLI must not expect BuildKit's session API.
        .putHeader("Builder-Version", "1")
        .putHeader("Cache-Control", "no-cache, no-store, must-revalidate")
        .putHeader("Pragma", "no-cache")
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(body);
  }
}
