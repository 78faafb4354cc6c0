package io.berth.gateway.audit.capture;

import io.berth.gateway.api.ResponseGate;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The {@link ResponseGate} for Quarkus REST endpoints (the platform API under /berth/v1): the
 * answer waits until its audit record is committed, like the Docker API routes' answers.
 */
public class AuditResponseFilter {

  @Inject CurrentVertxRequest current;

  @ServerResponseFilter
  public Uni<Void> beforeAnswer(ContainerResponseContext response) {
    RoutingContext ctx = current.getCurrent();
    if (ctx == null) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom().completionStage(ResponseGate.pass(ctx, response.getStatus()).toCompletionStage());
  }
}
