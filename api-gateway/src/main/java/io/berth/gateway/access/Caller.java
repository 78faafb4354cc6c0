package io.berth.gateway.access;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Who made a request, as authentication established it. Authentication puts one into the routing
 * context before any endpoint runs; the audit trail reads it when the request ends. Kept here, apart
 * from both, so neither depends on the other.
 *
 * @param tokenId the token's id, or null when the caller was trusted without a token (unix socket)
 * @param name the token's name, or the transport's ("unix-socket")
 * @param role admin, operator, viewer or auditor
 * @param transport "unix", "tcp" or "tls"
 * @param peer the remote address ("127.0.0.1:53412") or the socket path
 */
public record Caller(String tokenId, String name, String role, String transport, String peer) {

  static final String CONTEXT_KEY = "berth.caller";

  public void attachTo(RoutingContext ctx) {
    ctx.put(CONTEXT_KEY, this);
  }

  public static Optional<Caller> of(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(CONTEXT_KEY));
  }
}
