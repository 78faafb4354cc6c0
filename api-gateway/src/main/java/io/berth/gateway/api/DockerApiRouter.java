package io.berth.gateway.api;

import io.berth.gateway.system.BerthBuild;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The Docker API's routing frame: common headers, the /vX.Y prefix and Docker-style errors.
 *
 * <p>Endpoint routes register on the unversioned path only ("/info"); a /v1.41/info request is
 * checked here, remembered in the routing context and rerouted to "/info". Plain Vert.x routes
 * (including a later hijacking attach/exec route) and Quarkus REST resources both see the
 * rerouted path.
 */
@ApplicationScoped
public class DockerApiRouter {

  private static final Logger LOG = Logger.getLogger(DockerApiRouter.class);

  /** Runs before every other route (Quarkus' own start at larger order values). */
  static final int HEADERS_ORDER = -20_000;

  static final int VERSION_ORDER = -19_999;

  @Inject BerthBuild build;

  void install(@Observes Router router) {
    String server = build.serverHeader();
    router
        .route()
        .order(HEADERS_ORDER)
        .handler(
            ctx -> {
              if (!isQuarkusPath(ctx.normalizedPath())) {
                DockerResponses.commonHeaders(ctx.response(), server);
                ctx.addHeadersEndHandler(v -> tagMetricsWithRoute(ctx));
              }
              ctx.next();
            })
        .failureHandler(this::failure);
    router.routeWithRegex("^/v[0-9.]+(/.*)?$").order(VERSION_ORDER).handler(this::stripVersion);
    // dockerd answers unknown routes and wrong methods alike with this 404.
    router.errorHandler(404, ctx -> DockerResponses.error(ctx, 404, "page not found"));
    router.errorHandler(405, ctx -> DockerResponses.error(ctx, 404, "page not found"));
    router.errorHandler(500, this::failure);
  }

  private void stripVersion(RoutingContext ctx) {
    if (ctx.get(DockerResponses.API_VERSION_KEY) != null) {
      ctx.next(); // already stripped once: "/v1.41/v1.41/x" is not a route
      return;
    }
    ApiVersion.Prefixed prefixed = ApiVersion.parsePrefix(ctx.normalizedPath()).orElseThrow();
    var reason = prefixed.version().unsupportedReason();
    if (reason.isPresent()) {
      DockerResponses.error(ctx, 400, reason.get());
      return;
    }
    ctx.put(DockerResponses.API_VERSION_KEY, prefixed.version());
    String query = ctx.request().query();
    ctx.reroute(query == null ? prefixed.rest() : prefixed.rest() + "?" + query);
  }

  private void failure(RoutingContext ctx) {
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    if (status == 404 || status == 405) {
      DockerResponses.error(ctx, 404, "page not found");
      return;
    }
    Throwable failure = ctx.failure();
    if (status >= 500) {
      LOG.errorf(failure, "%s %s failed", ctx.request().method(), ctx.request().uri());
    }
    String message =
        failure != null && failure.getMessage() != null
            ? failure.getMessage()
            : "internal server error";
    DockerResponses.error(ctx, status, message);
  }

  /**
   * Quarkus' HTTP metrics tag a plain Vert.x route with the raw request path unless the request's
   * context holds "UrlPathTemplate" (as Quarkus REST sets it). Without this, /v1.41/containers/ID/json
   * would create one time series per container and version.
   */
  private static void tagMetricsWithRoute(RoutingContext ctx) {
    Route route = ctx.currentRoute();
    Context context = Vertx.currentContext();
    // A 404 may come from whichever route passed last; Quarkus tags untemplated 404s NOT_FOUND.
    if (ctx.response().getStatusCode() == 404) {
      return;
    }
    if (route != null && route.getPath() != null && context != null) {
      context.putLocal("UrlPathTemplate", route.getPath());
    }
  }

  private static boolean isQuarkusPath(String path) {
    return path != null && (path.equals("/q") || path.startsWith("/q/"));
  }
}
