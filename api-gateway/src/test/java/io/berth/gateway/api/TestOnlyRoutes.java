package io.berth.gateway.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Routes that exist only in tests, to see what a rerouted handler receives and how it fails. */
@ApplicationScoped
public class TestOnlyRoutes {

  void install(@Observes Router router) {
    router
        .get("/_test/echo")
        .handler(
            ctx ->
                DockerResponses.json(
                    ctx,
                    200,
                    new JsonObject()
                        .put("version", DockerResponses.version(ctx).text())
                        .put("path", ctx.normalizedPath())
                        .put("all", ctx.request().getParam("all"))));
    router
        .get("/_test/boom")
        .handler(
            ctx -> {
              throw new IllegalStateException("the store is broken");
            });
  }
}
