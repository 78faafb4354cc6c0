package io.berth.gateway.stream;

import io.berth.gateway.api.DockerResponses;
import io.berth.gateway.api.ResponseGate;
import io.berth.gateway.proxy.ServiceProxy;
import io.berth.gateway.proxy.Upstreams;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Docker's exec API. Execs live on the node that runs their container, so the gateway forwards
 * there: it remembers which node answered each exec id (and asks every live node for an id it does
 * not know, e.g. after a gateway restart). {@code start} hijacks the client's connection and
 * relays stdin and output through one full-duplex request to the node.
 */
@ApplicationScoped
public class ExecRoutes {
  private static final Logger LOG = Logger.getLogger(ExecRoutes.class);

  @Inject ContainerStreamRoutes streams;
  @Inject ServiceProxy proxy;
  @Inject Upstreams upstreams;

  private final Map<String, URI> nodeOfExec = new ConcurrentHashMap<>();

  void install(@Observes Router router) {
    router.post("/containers/:id/exec").handler(BodyHandler.create()).handler(this::create);
    router.get("/exec/:id/json").handler(ctx -> withNode(ctx, node -> proxy.forward(
        ctx, "node", node, "/exec/" + ctx.pathParam("id") + "/json", 30_000)));
    router.post("/exec/:id/resize").handler(ctx -> withNode(ctx, node -> proxy.forward(
        ctx, "node", node, "/exec/" + ctx.pathParam("id") + "/resize", 30_000)));
    router.post("/exec/:id/start").handler(BodyHandler.create()).handler(this::start);
  }

  private void create(RoutingContext ctx) {
    streams.located(ctx, location -> {
      if (location.nodeAddress() == null || !"running".equals(location.state())) {
        DockerResponses.error(ctx, 409, "Container " + location.id() + " is not running");
        return;
      }
      URI node = URI.create(location.nodeAddress());
      Buffer body = ctx.body().buffer() == null ? Buffer.buffer("{}") : ctx.body().buffer();
      RequestOptions options = new RequestOptions()
          .setMethod(HttpMethod.POST)
          .setAbsoluteURI(ServiceProxy.target(node, "/containers/" + location.id() + "/exec", null))
          .putHeader("Content-Type", "application/json")
          .setIdleTimeout(30_000);
      upstreams.client().request(options)
          .compose(req -> req.send(body))
          .compose(resp -> resp.body().map(b -> Map.entry(resp.statusCode(), b)))
          .onFailure(e -> DockerResponses.error(ctx, 503, "node " + location.nodeId() + " is unavailable"))
          .onSuccess(answer -> {
            if (answer.getKey() == 201) {
              nodeOfExec.put(answer.getValue().toJsonObject().getString("Id"), node);
              DockerResponses.json(ctx, 201, answer.getValue().toJsonObject());
            } else {
              DockerResponses.error(ctx, answer.getKey(), ContainerStreamRoutes.message(answer.getValue()));
            }
          });
    });
  }

  private void start(RoutingContext ctx) {
    JsonObject options;
    try {
      options = ctx.body().buffer() == null || ctx.body().length() == 0 ? new JsonObject() : ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      DockerResponses.error(ctx, 400, "invalid JSON body: " + e.getMessage());
      return;
    }
    boolean detach = options.getBoolean("Detach", false);
    withNode(ctx, node -> {
      RequestOptions ro = new RequestOptions()
          .setMethod(HttpMethod.POST)
          .setAbsoluteURI(ServiceProxy.target(node, "/exec/" + ctx.pathParam("id") + "/start", "detach=" + detach))
          .setIdleTimeout(0) // an exec may be silent for hours (a shell waiting for input)
          // Its own connection: a request whose body (stdin) may outlive the answer must never
          // go back to the pool half-done.
          .putHeader("Connection", "close");
      upstreams.client().request(ro)
          .onFailure(e -> DockerResponses.error(ctx, 503, "node is unavailable"))
          .onSuccess(creq -> {
            creq.setChunked(true);
            creq.sendHead();
            creq.response()
                .onFailure(e -> DockerResponses.error(ctx, 503, "node is unavailable: " + e.getMessage()))
                .onSuccess(cres -> answer(ctx, detach, creq, cres));
          });
    });
  }

  private void answer(RoutingContext ctx, boolean detach, HttpClientRequest creq, HttpClientResponse cres) {
    if (cres.statusCode() != 200) {
      creq.end();
      cres.body().onComplete(b -> DockerResponses.error(ctx, cres.statusCode(), ContainerStreamRoutes.message(b.result())));
      return;
    }
    String type = cres.getHeader("Content-Type");
    if (detach) {
      creq.end();
      cres.body().onComplete(b -> ResponseGate.pass(ctx, 200).onComplete(v -> ctx.response().setStatusCode(200).end()));
      return;
    }
    if (!Hijack.wantsUpgrade(ctx.request())) {
      creq.end(); // no way to send stdin without the upgrade
      HttpServerResponse resp = ctx.response();
      Hijack.noIdleTimeout(ctx.request());
      resp.setStatusCode(200).putHeader("Content-Type", type).setChunked(true);
      ResponseGate.streamStarted(ctx, 200);
      resp.closeHandler(v -> creq.reset());
      cres.pipeTo(resp);
      return;
    }
    InputRelay input = InputRelay.to(ctx.request(), creq);
    Hijack.upgrade(ctx.request(), type, ctx.response().headers())
        .onFailure(e -> {
          LOG.warnf(e, "cannot hijack %s", ctx.request().uri());
          creq.reset();
        })
        .onSuccess(socket -> {
          ResponseGate.streamStarted(ctx, 101);
          input.from(socket);
          cres.pipeTo(socket).onComplete(done -> {
            input.end(); // the process ended: its stdin is over too
            if (done.failed()) {
              socket.close();
            }
          });
        });
  }

  /** Runs {@code then} with the base URL of the node that owns the exec, or answers 404. */
  private void withNode(RoutingContext ctx, java.util.function.Consumer<URI> then) {
    String id = ctx.pathParam("id");
    URI known = nodeOfExec.get(id);
    if (known != null) {
      then.accept(known);
      return;
    }
    findNode(id).onComplete(found -> {
      if (found.succeeded() && found.result() != null) {
        nodeOfExec.put(id, found.result());
        then.accept(found.result());
      } else {
        DockerResponses.error(ctx, 404, "No such exec instance: " + id);
      }
    });
  }

  // An exec id the gateway has not seen: ask each live node (one per machine) whether it has it.
  private Future<URI> findNode(String execId) {
    RequestOptions nodes = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(ServiceProxy.target(upstreams.containerService(), "/internal/nodes", null))
        .setIdleTimeout(10_000);
    return upstreams.client().request(nodes)
        .compose(req -> req.send())
        .compose(resp -> resp.body())
        .compose(body -> {
          Future<URI> chain = Future.succeededFuture(null);
          for (Object n : new JsonArray(body)) {
            URI address = URI.create(((JsonObject) n).getString("address"));
            chain = chain.compose(found -> found != null ? Future.succeededFuture(found) : has(address, execId));
          }
          return chain;
        });
  }

  private Future<URI> has(URI node, String execId) {
    RequestOptions ro = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(ServiceProxy.target(node, "/exec/" + execId + "/json", null))
        .setIdleTimeout(5_000);
    return upstreams.client().request(ro)
        .compose(req -> req.send())
        .map(resp -> resp.statusCode() == 200 ? node : null)
        .otherwise((URI) null);
  }
}
