package io.berth.gateway.stream;

import io.berth.gateway.api.DockerResponses;
import io.berth.gateway.proxy.ServiceProxy;
import io.berth.gateway.proxy.Upstreams;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.function.Consumer;

/**
 * {@code /containers/{id}/wait} and {@code /containers/{id}/logs}: byte streams that last as long
 * as the container does. wait sends its headers at once (the CLI starts the container only then);
 * logs stream from the container's node.
 */
@ApplicationScoped
public class ContainerStreamRoutes {

  @Inject LocationCache locations;
  @Inject ServiceProxy proxy;
  @Inject Upstreams upstreams;

  void install(@Observes Router router) {
    router.post("/containers/:id/wait").handler(this::await);
    router.get("/containers/:id/logs").handler(this::logs);
  }

  private void await(RoutingContext ctx) {
    located(ctx, location -> {
      HttpServerResponse resp = ctx.response();
      Hijack.noIdleTimeout(ctx.request());
      resp.setStatusCode(200).putHeader("Content-Type", "application/json").setChunked(true);
      resp.writeHead();
      String query = ctx.request().query();
      RequestOptions options =
          new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setAbsoluteURI(
                  ServiceProxy.target(
                      upstreams.containerService(), "/containers/" + location.id() + "/wait", query))
              .setIdleTimeout(0); // answers when the condition holds: minutes, hours
      upstreams
          .client()
          .request(options)
          .onFailure(e -> waitError(resp, Upstreams.CONTAINER_SERVICE + " is unavailable"))
          .onSuccess(
              creq -> {
                resp.closeHandler(v -> creq.reset());
                creq.send()
                    .onFailure(e -> waitError(resp, Upstreams.CONTAINER_SERVICE + " is unavailable"))
                    .onSuccess(
                        cres -> {
                          if (cres.statusCode() == 200) {
                            cres.pipeTo(resp);
                          } else {
                            cres.body().onComplete(b -> waitError(resp, message(b.result())));
                          }
                        });
              });
    });
  }

  private void logs(RoutingContext ctx) {
    located(ctx, location -> {
      if (location.nodeAddress() == null) {
        // Never scheduled, so it never ran: there is no output, as for a created container.
        ctx.response().setStatusCode(200).end();
        return;
      }
      Hijack.noIdleTimeout(ctx.request());
      String follow = ctx.request().getParam("follow", "");
      boolean following = follow.equals("1") || follow.equalsIgnoreCase("true");
      proxy.forward(
          ctx,
          "node " + location.nodeId(),
          URI.create(location.nodeAddress()),
          "/containers/" + location.id() + "/logs",
          0,
          // The node ends `logs -f` at the exit; the record says "exited" a moment later (the fact
          // travels over Kafka). Like dockerd, answer the end only once the state agrees, so a
          // `docker rm` right after `docker logs -f` does not find it running.
          following ? () -> notRunning(location.id()) : null);
    });
  }

  // Completes once container-service sees the container not running (bounded: never blocks logs).
  private io.vertx.core.Future<Void> notRunning(String id) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(ServiceProxy.target(upstreams.containerService(), "/containers/" + id + "/wait",
                "condition=not-running"))
            .setTimeout(10_000);
    return upstreams.client().request(options)
        .compose(req -> req.send())
        .compose(resp -> resp.body())
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  /** Runs {@code then} with the container's location, or answers the lookup's error itself. */
  void located(RoutingContext ctx, Consumer<ContainerLocator.Location> then) {
    locations
        .locate(ctx.pathParam("id"))
        .onFailure(e -> DockerResponses.error(ctx, 503, Upstreams.CONTAINER_SERVICE + " is unavailable"))
        .onSuccess(
            answer -> {
              if (answer.found()) {
                then.accept(answer.location());
              } else {
                DockerResponses.error(ctx, answer.status(), message(answer.body()));
              }
            });
  }

  /** The "message" of a Docker-style error body, or the body itself. */
  static String message(Buffer body) {
    if (body == null || body.length() == 0) {
      return "unknown error";
    }
    try {
      String m = body.toJsonObject().getString("message");
      return m != null ? m : body.toString();
    } catch (RuntimeException e) {
      return body.toString().strip();
    }
  }

  // dockerd's shape once the 200 is out: {"Error":{"Message":...},"StatusCode":-1}.
  private static void waitError(HttpServerResponse resp, String message) {
    if (resp.ended() || resp.closed()) {
      return;
    }
    JsonObject body =
        new JsonObject()
            .put("Error", new JsonObject().put("Message", message))
            .put("StatusCode", -1);
    resp.end(body.encode() + "\n");
  }
}
