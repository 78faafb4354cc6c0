package io.berth.gateway.stream;

import io.berth.gateway.api.DockerResponses;
import io.berth.gateway.api.ResponseGate;
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
      // With stdin (-i containers) one full-duplex request: its body is the client's input.
      boolean input = wantsStdin(ctx.request().getParam("stdin")) && Hijack.wantsUpgrade(ctx.request());
      RequestOptions options =
          new RequestOptions()
              .setMethod(input ? HttpMethod.POST : HttpMethod.GET)
              .setAbsoluteURI(
                  ServiceProxy.target(
                      URI.create(location.nodeAddress()),
                      "/containers/" + location.id() + "/attach",
                      ctx.request().query()))
              .setIdleTimeout(0);
      if (input) {
        // Its own connection: a body that may outlive the answer never goes back to the pool.
        options.putHeader("Connection", "close");
      }
      upstreams
          .client()
          .request(options)
          .onFailure(e -> DockerResponses.error(ctx, 503, node + " is unavailable"))
          .onSuccess(
              creq -> {
                if (input) {
                  creq.setChunked(true);
                }
                // Answer the client only once the node has the request: the CLI starts the
                // container right after our 101, and the node must already be listening.
                (input ? creq.sendHead() : creq.end())
                    .onFailure(e -> DockerResponses.error(ctx, 503, node + " is unavailable"))
                    .onSuccess(v -> answer(ctx, creq, input));
              });
    });
  }

  private void answer(RoutingContext ctx, HttpClientRequest creq, boolean withInput) {
    if (!Hijack.wantsUpgrade(ctx.request())) {
      HttpServerResponse resp = ctx.response();
      Hijack.noIdleTimeout(ctx.request());
      resp.setStatusCode(200).putHeader("Content-Type", RAW_STREAM).setChunked(true).writeHead();
      ResponseGate.streamStarted(ctx, 200);
      resp.closeHandler(v -> creq.reset());
      creq.response()
          .onFailure(e -> resp.reset())
          .onSuccess(cres -> relay(cres, () -> cres.pipeTo(resp), resp::end, resp::write));
      return;
    }
    InputRelay input = withInput ? InputRelay.to(ctx.request(), creq) : null;
    Hijack.upgrade(ctx.request(), RAW_STREAM, ctx.response().headers())
        .onFailure(
            e -> {
              LOG.warnf(e, "cannot hijack %s", ctx.request().uri());
              creq.reset();
              DockerResponses.error(ctx, 500, "cannot attach: " + e.getMessage());
            })
        .onSuccess(
            socket -> {
              ResponseGate.streamStarted(ctx, 101);
              if (input != null) {
                input.from(socket);
              } else {
                // No stdin attached: read and drop what comes so the client never blocks on it.
                socket.handler(b -> {});
                socket.closeHandler(v -> creq.reset());
              }
              creq.response()
                  .onFailure(e -> socket.close())
                  .onSuccess(
                      cres ->
                          relay(cres, () -> pipe(cres, socket, input), socket::close, socket::write));
            });
  }

  // Docker's query booleans: 1, true, True.
  static boolean wantsStdin(String value) {
    return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
  }

  private static void pipe(HttpClientResponse cres, NetSocket socket, InputRelay input) {
    // Ends (closes) the socket when the node's answer ends: the task exited (output drained) or
    // the client detached; its input is over then too.
    cres.pipeTo(socket).onComplete(done -> {
      if (input != null) {
        input.end();
      }
      if (done.failed()) {
        socket.close();
      }
    });
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
