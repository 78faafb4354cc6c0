package io.berth.network.sandbox;

import io.berth.common.error.UnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import java.net.URI;
import java.time.Duration;

/** One request to another Berth component's internal API: its status and body, or 503 when it does not answer. */
final class InternalHttp {
  /** An answer: status and body bytes. */
  record Answer(int status, byte[] body) {}

  private InternalHttp() {}

  static Uni<Answer> send(HttpClient http, URI base, HttpMethod method, String path, byte[] json, String who) {
    RequestOptions options = new RequestOptions()
        .setMethod(method)
        .setHost(base.getHost())
        .setPort(base.getPort() > 0 ? base.getPort() : 80)
        .setURI(path)
        .setTimeout(10_000);
    if (json != null) {
      options.putHeader("Content-Type", "application/json");
    }
    return http.request(options)
        .flatMap(req -> json == null ? req.send() : req.send(Buffer.buffer(json)))
        .flatMap(resp -> resp.body().map(body -> new Answer(resp.statusCode(), body.getBytes())))
        .ifNoItem().after(Duration.ofSeconds(15)).failWith(() -> new UnavailableException(who + " did not answer"));
  }
}
