package io.berth.gateway.stream;

import io.berth.gateway.api.DockerResponses;
import io.berth.gateway.proxy.ServiceProxy;
import io.berth.gateway.proxy.Upstreams;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * {@code POST /containers/{id}/attach}: hijacks the client's connection and pipes the node's
 * already multiplexed output frames into it; the stream ends when the node's answer ends.
 */
@ApplicationScoped
public class AttachRoute {

  private static final Logger LOG = Logger.getLogger(AttachRoute.class);
  static final String RAW_STREAM = "application/vnd.docker.raw-stream";

  @Inject ContainerStreamRoutes streams;
  @Inject Upstreams upstreams;

  void install(@Observes Router router) {
    router.post("/containers/:id/attach").handler(this::attach);
  }

  private void attach(RoutingContext ctx) {
    streams.located(ctx, location -> {
      if (location.nodeAddress() == null) {
        DockerResponses.error(ctx, 409, "container " + location.id() + " is not scheduled on a node");
        return;
      }
      String node = "node " + location.nodeId();
      RequestOptions options =
          new RequestOptions()
              .setMethod(HttpMethod.GET)
              .setAbsoluteURI(
                  ServiceProxy.target(
                      URI.create(location.nodeAddress()),
                      "/containers/" + location.id() + "/attach",
                      ctx.request().query()))
              .setIdleTimeout(0);
      upstreams
          .client()
          .request(options)
          .onFailure(e -> DockerResponses.error(ctx, 503, node + " is unavailable"))
          .onSuccess(
              creq ->
                  // Answer the client only once the node has the request: the CLI starts the
                  // container right after our 101, and the node must already be listening.
                  creq.end()
                      .onFailure(e -> DockerResponses.error(ctx, 503, node + " is unavailable"))
                      .onSuccess(v -> answer(ctx, creq)));
    });
  }

  private void answer(RoutingContext ctx, HttpClientRequest creq) {
    if (!Hijack.wantsUpgrade(ctx.request())) {
      HttpServerResponse resp = ctx.response();
      Hijack.noIdleTimeout(ctx.request());
      resp.setStatusCode(200).putHeader("Content-Type", RAW_STREAM).setChunked(true).writeHead();
      resp.closeHandler(v -> creq.reset());
      creq.response()
          .onFailure(e -> resp.reset())
          .onSuccess(cres -> relay(cres, () -> cres.pipeTo(resp), resp::end, resp::write));
      return;
    }
    Hijack.upgrade(ctx.request(), RAW_STREAM, ctx.response().headers())
        .onFailure(
            e -> {
              LOG.warnf(e, "cannot hijack %s", ctx.request().uri());
              creq.reset();
              DockerResponses.error(ctx, 500, "cannot attach: " + e.getMessage());
            })
        .onSuccess(
            socket -> {
              // stdin is not forwarded yet: read and drop it so the client never blocks on it.
              socket.handler(b -> {});
              socket.closeHandler(v -> creq.reset());
              creq.response()
                  .onFailure(e -> socket.close())
                  .onSuccess(
                      cres ->
                          relay(cres, () -> pipe(cres, socket), socket::close, socket::write));
            });
  }

  private static void pipe(HttpClientResponse cres, NetSocket socket) {
    // Ends (closes) the socket when the node's answer ends: the task exited, output drained.
    cres.pipeTo(socket).onFailure(e -> socket.close());
  }

  /** A node error becomes a last stderr frame, as the client already has its 101/200. */
  private static void relay(
      HttpClientResponse cres,
      Runnable pipe,
      Runnable end,
      Function<Buffer, ?> write) {
    if (cres.statusCode() == 200) {
      pipe.run();
      return;
    }
    cres.body()
        .onComplete(
            b -> {
              write.apply(
                  FrameHeader.frame(
                      FrameHeader.STDERR,
                      "Error: " + ContainerStreamRoutes.message(b.result()) + "\n"));
              end.run();
            });
  }
}
