package io.berth.gateway.proxy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;

/**
 * Relays a request body to the service in as few writes as the client's reads allow.
 *
 * <p>The docker CLI sends a build context as one HTTP chunk per tar header and per file, a few
 * hundred bytes each, so a plain pipe made one write to the service, and one wake-up of the
 * service's reading thread, per file. Here the pieces that arrive in one turn of the event loop
 * (one socket read batch) are joined and written once, at the end of that turn: nothing waits on a
 * timer, so a client that pauses has all it sent delivered at once.
 */
final class CoalescingPipe {

  /** A turn's pieces are written early once they reach this size, keeping memory bounded. */
  static final int MAX_WRITE = 256 * 1024;

  private final HttpServerRequest from;
  private final HttpClientRequest to;
  private final Context context;
  private final Promise<Void> done = Promise.promise();
  private Buffer pending;
  private boolean flushQueued;

  private CoalescingPipe(HttpServerRequest from, HttpClientRequest to, Context context) {
    this.from = from;
    this.to = to;
    this.context = context;
  }

  /**
   * Streams {@code from}'s body into {@code to} and ends it; fails when either side fails.
   *
   * @param context the context {@code from}'s handlers run on (its connection's event loop)
   */
  static Future<Void> pipe(HttpServerRequest from, HttpClientRequest to, Context context) {
    return new CoalescingPipe(from, to, context).start();
  }

  private Future<Void> start() {
    to.exceptionHandler(done::tryFail);
    to.drainHandler(v -> from.resume());
    from.exceptionHandler(done::tryFail);
    from.handler(this::received);
    from.endHandler(v -> {
      flush();
      to.end().onComplete(done);
    });
    from.resume();
    return done.future();
  }

  private void received(Buffer piece) {
    if (pending == null) {
      pending = Buffer.buffer(Math.max(piece.length(), 16 * 1024));
    }
    pending.appendBuffer(piece);
    if (pending.length() >= MAX_WRITE) {
      flush();
    } else if (!flushQueued) {
      // Runs after the rest of this read batch has been handed to received().
      flushQueued = true;
      context.runOnContext(v -> {
        flushQueued = false;
        flush();
      });
    }
  }

  private void flush() {
    if (pending == null || done.future().isComplete()) {
      pending = null;
      return;
    }
    Buffer out = pending;
    pending = null;
    to.write(out).onFailure(done::tryFail);
    if (to.writeQueueFull()) {
      from.pause();
    }
  }
}
