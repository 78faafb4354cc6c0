package io.berth.gateway.audit.capture;

import io.berth.gateway.access.Caller;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The caller of a request nobody authenticated (no {@link Caller} in its context): known only by
 * its connection. "anonymous", no token, no role.
 */
final class ConnectionCaller {

  static final String ANONYMOUS = "anonymous";

  private ConnectionCaller() {}

  static Caller of(HttpServerRequest req) {
    SocketAddress local = req.localAddress();
    if (local != null && local.isDomainSocket()) {
      return new Caller(null, ANONYMOUS, null, "unix", local.path());
    }
    SocketAddress remote = req.remoteAddress();
    String peer = remote == null ? null : remote.host() + ":" + remote.port();
    return new Caller(null, ANONYMOUS, null, "tcp", peer);
  }
}
