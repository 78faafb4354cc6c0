package io.berth.gateway.stream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.Http1xServerConnection;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The only place that touches Vert.x 4 internals: turning a POST into Docker's hijacked raw
 * stream (Vert.x' own toNetSocket() refuses POST) and exempting long streams from the idle timeout.
 */
public final class Hijack {

  private Hijack() {}

  /** Whether the client asked for Docker's upgrade ("Connection: Upgrade", "Upgrade: tcp"). */
  public static boolean wantsUpgrade(HttpServerRequest req) {
    // dockerd hijacks whenever an Upgrade header is present, whatever its value.
    return req.getHeader("Upgrade") != null;
  }

  /**
   * Removes the idle-timeout handler (quarkus.http.idle-timeout) from this connection: attach,
   * wait, logs -f and events may be silent for hours by design.
   */
  public static void noIdleTimeout(HttpServerRequest req) {
    Channel channel = channel(req.connection());
    if (channel == null) {
      return;
    }
    ChannelPipeline pipeline = channel.pipeline();
    List<ChannelHandler> idle = new ArrayList<>();
    for (Map.Entry<String, ChannelHandler> e : pipeline) {
      if (e.getValue() instanceof IdleStateHandler) {
        idle.add(e.getValue());
      }
    }
    idle.forEach(pipeline::remove);
  }

  /**
   * Answers {@code 101 UPGRADED} and hands over the raw connection. Half-closure is allowed first:
   * the docker CLI shuts its write side as soon as it has no stdin to send, and without it Netty
   * would close the whole channel and the container's output would be lost.
   */
  public static Future<NetSocket> upgrade(HttpServerRequest req, String contentType, MultiMap headers) {
    HttpConnection connection = req.connection();
    if (!(connection instanceof Http1xServerConnection http1)) {
      return Future.failedFuture(new IllegalStateException("attach needs an HTTP/1.1 connection"));
    }
    Channel channel = http1.channel();
    channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    noIdleTimeout(req);
    StringBuilder head =
        new StringBuilder("HTTP/1.1 101 UPGRADED\r\n")
            .append("Content-Type: ").append(contentType).append("\r\n")
            .append("Connection: Upgrade\r\n")
            .append("Upgrade: tcp\r\n");
    headers.forEach(
        h -> {
          String name = h.getKey();
          if (!name.equalsIgnoreCase("Content-Type")
              && !name.equalsIgnoreCase("Connection")
              && !name.equalsIgnoreCase("Upgrade")) {
            head.append(name).append(": ").append(h.getValue()).append("\r\n");
          }
        });
    head.append("\r\n");
    return http1
        .netSocket()
        .compose(socket -> socket.write(Buffer.buffer(head.toString())).map(v -> socket));
  }

  /**
   * Runs {@code then} once the client shut its write side (its stdin ended) on the hijacked
   * connection: with half-closure allowed Netty reports it only as a user event, which Vert.x
   * does not turn into an end of the socket.
   */
  public static void onInputShutdown(HttpServerRequest req, Runnable then) {
    Channel channel = channel(req.connection());
    if (channel == null) {
      return;
    }
    channel.pipeline().addFirst(new io.netty.channel.ChannelInboundHandlerAdapter() {
      @Override
      public void userEventTriggered(io.netty.channel.ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
          then.run();
        }
        super.userEventTriggered(ctx, evt);
      }
    });
  }

  private static Channel channel(HttpConnection connection) {
    return connection instanceof ConnectionBase base ? base.channel() : null;
  }
}
