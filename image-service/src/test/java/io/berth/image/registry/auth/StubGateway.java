package io.berth.image.registry.auth;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A stand-in for the gateway's {@code /berth/v1/tokens/self} that knows three secrets. */
final class StubGateway {

  static final Map<String, String> ROLES = Map.of("op-secret", "operator", "view-secret", "viewer", "admin-secret", "admin");
  private static HttpServer server;

  static synchronized String url() {
    if (server == null) {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext("/berth/v1/tokens/self", exchange -> {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String role = auth == null ? null : ROLES.get(auth.replaceFirst("^Bearer ", ""));
        byte[] body = (role == null ? "{\"message\":\"unauthorized\"}"
            : "{\"id\":\"x\",\"name\":\"" + role + "-token\",\"role\":\"" + role + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(role == null ? 401 : 200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      server.start();
    }
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/berth/v1/tokens/self";
  }
}
