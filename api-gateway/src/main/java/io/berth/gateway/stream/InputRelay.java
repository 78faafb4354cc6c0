package io.berth.gateway.stream;

import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client's input on a hijacked connection (docker exec -i, docker attach), relayed as the
 * chunked body of a full-duplex request to the node: the client shutting its write side ends the
 * body (the process's stdin ends), the client leaving resets the request.
 */
final class InputRelay {
  private final HttpClientRequest upstream;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean relaying;
  private int deferrals;

  private InputRelay(HttpClientRequest upstream) {
    this.upstream = upstream;
  }

  /** Call before upgrading {@code client}: its end of input may come right after the 101. */
  static InputRelay to(HttpServerRequest client, HttpClientRequest upstream) {
    InputRelay relay = new InputRelay(upstream);
    Hijack.onInputShutdown(client, relay::end);
    return relay;
  }

  /** Relays what the client sends on {@code socket} (the hijacked connection). */
  void from(NetSocket socket) {
    relaying = true;
    socket.handler(b -> {
      upstream.write(b);
      if (upstream.writeQueueFull()) { // a process that reads slowly slows the client down
        socket.pause();
        upstream.drainHandler(v -> socket.resume());
      }
    });
    socket.closeHandler(v -> upstream.reset());
  }

  /** Ends the input (once): the client has no more, or the process ended. */
  void end() {
    io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
    if (!relaying && context != null && deferrals++ < 100) { // bounded: a failed upgrade never relays
      // The end came before the socket was handed over: what the client sent before it is still
      // buffered in the socket, and goes first.
      context.runOnContext(v -> end());
      return;
    }
    if (ended.compareAndSet(false, true)) {
      upstream.end();
    }
  }
}
