package io.berth.gateway.api;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes Docker-shaped responses: the common header set, JSON bodies and {"message"} errors. */
public final class DockerResponses {

  /** Routing-context key of the {@link ApiVersion} the client asked for (or the default). */
  public static final String API_VERSION_KEY = "berth.docker.api-version";

  private DockerResponses() {}

  /** The headers dockerd puts on every API response (its version middleware). */
  public static void commonHeaders(HttpServerResponse response, String serverHeader) {
    response.headers().set("Api-Version", ApiVersion.MAX.text());
    response.headers().set("Docker-Experimental", "false");
    response.headers().set("Ostype", "linux");
    response.headers().set("Server", serverHeader);
  }

  /** The API version this request runs under: its /vX.Y prefix, or the newest one. */
  public static ApiVersion version(RoutingContext ctx) {
    ApiVersion v = ctx.get(API_VERSION_KEY);
    return v == null ? ApiVersion.MAX : v;
  }

  /** Routing-context key set while an answer waits for its {@link ResponseGate}. */
  private static final String ANSWERING_KEY = "berth.docker.answering";

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.get(ANSWERING_KEY) != null) {
      return; // a first answer is waiting for its gate; it wins
    }
    ctx.put(ANSWERING_KEY, Boolean.TRUE);
    ResponseGate.pass(ctx, status).onComplete(v -> {
      if (ctx.response().ended() || ctx.response().closed()) {
        return;
      }
      ctx.response()
          .setStatusCode(status)
          .putHeader("Content-Type", "application/json")
          .end(body.encode() + "\n");
    });
  }

  /** Docker's error body; ends the response unless it was already sent. */
  public static void error(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended() || ctx.response().closed() || ctx.get(ANSWERING_KEY) != null) {
      return;
    }
    if (ctx.response().headWritten()) {
      // Too late for a status line: the client already has one; just cut the stream.
      ctx.response().end();
      return;
    }
    json(ctx, status, new JsonObject().put("message", message));
  }
}
