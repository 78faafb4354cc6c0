package io.berth.gateway.auth;

import io.berth.gateway.access.Caller;
import io.berth.gateway.access.Denial;
import io.berth.gateway.api.DockerResponses;
import io.berth.gateway.auth.role.Role;
import io.berth.gateway.auth.tls.ClientCertificates;
import io.berth.gateway.auth.token.Token;
import io.berth.gateway.auth.token.TokenService;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is calling, and may they: runs before every endpoint of the Docker API and the platform API.
 *
 * <p>The unix socket is trusted by its file permissions (root and the socket's group): its callers
 * are admins. TCP callers name a token with {@code Authorization: Bearer <secret>}; on the TLS port
 * a verified client certificate whose CN is a live token's name does too. Quarkus' own endpoints
 * under /q (health, metrics, OpenAPI) stay open: the listeners bind loopback only, and the launcher
 * probes health without a token.
 */
@ApplicationScoped
public class AuthenticationRoute {

  /** After the version prefix is stripped (DockerApiRouter.VERSION_ORDER), before any endpoint. */
  static final int ORDER = -19_990;

  static final String UNIX_NAME = "unix-socket";
  static final String ANONYMOUS = "anonymous";

  private final TokenService tokens;
  private volatile boolean tcpRequiresToken;
  private final String socket;

  public AuthenticationRoute(
      TokenService tokens,
      @ConfigProperty(name = "berth.auth.enabled", defaultValue = "true") boolean tcpRequiresToken,
      @ConfigProperty(name = "quarkus.http.domain-socket") Path socket) {
    this.tokens = tokens;
    this.tcpRequiresToken = tcpRequiresToken;
    this.socket = socket.toAbsolutePath().toString();
  }

  /** Tests switch this on and off; the service's tests run with it off (berth.auth.enabled). */
  void requireTokens(boolean required) {
    this.tcpRequiresToken = required;
  }

  void install(@Observes Router router) {
    router.route().order(ORDER).handler(this::handle);
  }

  void handle(RoutingContext ctx) {
    // A reroute runs the routes again: the first pass has decided.
    if (Caller.of(ctx).isPresent() || isQuarkusPath(ctx.normalizedPath())) {
      ctx.next();
      return;
    }
    Caller caller = identify(ctx.request());
    caller.attachTo(ctx);
    if (caller.tokenId() == null && caller.name().equals(ANONYMOUS)) {
      deny(ctx, 401, unauthenticatedReason(ctx.request()));
      return;
    }
    String method = ctx.request().method().name();
    String path = ctx.normalizedPath();
    Role role = Role.parse(caller.role()).orElseThrow();
    if (!role.permits(method, path)) {
      deny(ctx, 403, "permission denied: token \"" + caller.name() + "\" has role " + role.id()
          + ", which may not " + method + " " + path);
      return;
    }
    ctx.next();
  }

  private Caller identify(HttpServerRequest request) {
    if (isUnixSocket(request)) {
      return new Caller(null, UNIX_NAME, Role.ADMIN.id(), "unix", socket);
    }
    String transport = request.isSSL() ? "tls" : "tcp";
    String peer = peer(request.remoteAddress());
    if (!tcpRequiresToken) {
      return new Caller(null, transport, Role.ADMIN.id(), transport, peer);
    }
    Optional<Token> token = bearer(request).flatMap(tokens::authenticate);
    if (token.isEmpty() && request.isSSL()) {
      token = ClientCertificates.commonName(request.sslSession()).flatMap(tokens::byName);
    }
    return token
        .map(t -> new Caller(t.id(), t.name(), t.role().id(), transport, peer))
        .orElseGet(() -> new Caller(null, ANONYMOUS, "none", transport, peer));
  }

  private String unauthenticatedReason(HttpServerRequest request) {
    if (bearer(request).isPresent()) {
      return "unauthorized: the bearer token is unknown or revoked";
    }
    if (request.isSSL() && ClientCertificates.commonName(request.sslSession()).isPresent()) {
      String cn = ClientCertificates.commonName(request.sslSession()).get();
      return "unauthorized: no live token is named \"" + cn + "\" (the client certificate's CN)";
    }
    if (request.isSSL()) {
      return "unauthorized: this TLS listener requires a client certificate signed by Berth's CA"
          + " (DOCKER_TLS_VERIFY=1, DOCKER_CERT_PATH) whose CN names a token, or a bearer token";
    }
    return "unauthorized: this listener requires \"Authorization: Bearer <token>\""
        + " (docker: set it under HttpHeaders in config.json; create one with ./berth token create)";
  }

  private static void deny(RoutingContext ctx, int status, String reason) {
    new Denial(status, reason).attachTo(ctx);
    if (status == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"berth\"");
    }
    DockerResponses.error(ctx, status, reason);
  }

  static Optional<String> bearer(HttpServerRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.of(header.substring(7).strip()).filter(s -> !s.isEmpty());
  }

  private static boolean isUnixSocket(HttpServerRequest request) {
    SocketAddress local = request.localAddress();
    return local != null && local.isDomainSocket();
  }

  private static String peer(SocketAddress remote) {
    return remote == null ? "unknown" : remote.hostAddress() + ":" + remote.port();
  }

  private static boolean isQuarkusPath(String path) {
    return path != null && (path.equals("/q") || path.startsWith("/q/"));
  }
}
