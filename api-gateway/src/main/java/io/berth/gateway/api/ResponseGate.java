package io.berth.gateway.api;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * A step that must finish before a response's status line reaches the client. The audit trail
 * installs one per request that it records, so that a client that saw an outcome can rely on its
 * record being committed. Routes that answer call {@link #pass} with the status they are about to
 * send and write only once it completes; without a gate it completes at once (synchronously).
 */
@FunctionalInterface
public interface ResponseGate {

  String CONTEXT_KEY = "berth.response-gate";

  /** Completes when the response with {@code status} may be sent; never fails. */
  Future<Void> beforeAnswer(int status);

  default void attachTo(RoutingContext ctx) {
    ctx.put(CONTEXT_KEY, this);
  }

  /** The gate of {@code ctx} for {@code status}, or a completed future when there is none. */
  static Future<Void> pass(RoutingContext ctx, int status) {
    ResponseGate gate = ctx.get(CONTEXT_KEY);
    return gate == null ? Future.succeededFuture() : gate.beforeAnswer(status);
  }

  /**
   * Reports a hijacked stream (101) that has started: recorded without holding the stream, which
   * then belongs to the client and the container.
   */
  static void streamStarted(RoutingContext ctx, int status) {
    pass(ctx, status);
  }
}
