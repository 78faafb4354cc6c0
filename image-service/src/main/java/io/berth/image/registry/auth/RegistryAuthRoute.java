package io.berth.image.registry.auth;

import io.berth.image.registry.RegistryErrorCode;
import io.berth.image.registry.RegistryErrorMapper;
import io.berth.image.registry.RegistryException;
import io.berth.image.registry.RegistryResource;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Credentials on the registry API (/v2/): writes need HTTP Basic credentials whose password is a
 * Berth token of role admin or operator; reads are anonymous when allowed (the default, which
 * node-runtime's pulls rely on), otherwise any valid token reads. {@code GET /v2/} itself always
 * asks anonymous callers for credentials, as a registry with authentication does: that is how
 * {@code docker login} checks a password and clients learn the scheme.
 */
@ApplicationScoped
public class RegistryAuthRoute {

  /** Before every registry route (Quarkus REST and the blob routes use larger orders). */
  static final int ORDER = -10_000;
  static final String CHALLENGE = "Basic realm=\"berth\"";
  private static final Set<String> PUSH_ROLES = Set.of("admin", "operator");

  private final TokenVerifier verifier;
  private volatile boolean enabled;
  private final boolean anonymousPull;

  public RegistryAuthRoute(
      TokenVerifier verifier,
      @ConfigProperty(name = "berth.registry.auth.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "berth.registry.anonymous-pull", defaultValue = "true") boolean anonymousPull) {
    this.verifier = verifier;
    this.enabled = enabled;
    this.anonymousPull = anonymousPull;
  }

  /** Tests switch checking on and off; the service's tests run with it off (no gateway there). */
  void enable(boolean on) {
    this.enabled = on;
  }

  void install(@Observes Router router) {
    router.routeWithRegex("^/v2(/.*)?$").order(ORDER).handler(this::handle);
  }

  void handle(RoutingContext ctx) {
    if (!enabled) {
      ctx.next();
      return;
    }
    HttpServerRequest request = ctx.request();
    String method = request.method().name();
    boolean read = method.equals("GET") || method.equals("HEAD");
    boolean versionCheck = ctx.normalizedPath().equals("/v2/") || ctx.normalizedPath().equals("/v2");
    Optional<BasicCredentials> credentials =
        BasicCredentials.parse(request.getHeader("Authorization")).filter(c -> !c.empty());
    if (credentials.isEmpty()) {
      if (read && anonymousPull && !versionCheck) {
        ctx.next();
      } else {
        refuse(ctx, RegistryErrorCode.UNAUTHORIZED, "credentials required: docker login with a Berth token as password");
      }
      return;
    }
    Future.fromCompletionStage(verifier.verify(credentials.get().password()), ctx.vertx().getOrCreateContext())
        .onComplete(done -> {
          Optional<TokenVerifier.Identity> who = done.succeeded() ? done.result() : Optional.empty();
          if (who.isEmpty()) {
            refuse(ctx, RegistryErrorCode.UNAUTHORIZED, "invalid credentials: the password must be a live Berth token");
          } else if (!read && !PUSH_ROLES.contains(who.get().role())) {
            refuse(ctx, RegistryErrorCode.DENIED,
                "token \"" + who.get().name() + "\" has role " + who.get().role() + "; pushing needs admin or operator");
          } else if (read && who.get().role().equals("auditor")) {
            refuse(ctx, RegistryErrorCode.DENIED, "token \"" + who.get().name() + "\" has role auditor");
          } else {
            ctx.next();
          }
        });
  }

  /** The spec's error body; the unread request body is drained so a kept-alive connection goes on. */
  private static void refuse(RoutingContext ctx, RegistryErrorCode code, String reason) {
    HttpServerRequest request = ctx.request();
    if (!request.isEnded()) {
      request.handler(b -> { }).resume();
    }
    RegistryException e = new RegistryException(code, Map.of("reason", reason));
    var response = ctx.response().setStatusCode(code.status().getStatusCode())
        .putHeader("Content-Type", "application/json")
        .putHeader(RegistryResource.API_VERSION_HEADER, RegistryResource.API_VERSION);
    if (code == RegistryErrorCode.UNAUTHORIZED) {
      response.putHeader("WWW-Authenticate", CHALLENGE);
    }
    response.end(Json.encode(RegistryErrorMapper.body(e)));
  }
}
