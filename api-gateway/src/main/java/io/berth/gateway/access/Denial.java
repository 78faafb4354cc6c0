package io.berth.gateway.access;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Why a request was refused (401 or 403). Authorization records it in the routing context before it
 * answers, so the audit trail can say why without knowing the rules.
 */
public record Denial(int status, String reason) {

  static final String CONTEXT_KEY = "berth.denial";

  public void attachTo(RoutingContext ctx) {
    ctx.put(CONTEXT_KEY, this);
  }

  public static Optional<Denial> of(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(CONTEXT_KEY));
  }
}
