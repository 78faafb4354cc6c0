package io.berth.gateway.proxy;

import io.berth.gateway.api.DockerResponses;
import io.berth.gateway.api.ResponseGate;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Streams one Docker API request to the service that owns the object and its answer back: method,
 * path, query, headers and body pass through unbuffered, so an image tar never sits in memory.
 */
@ApplicationScoped
public class ServiceProxy {

  private static final Logger LOG = Logger.getLogger(ServiceProxy.class);

  /** Per-hop headers (RFC 9110 7.6.1) plus the ones the gateway sets itself on every answer. */
  static final Set<String> NOT_FORWARDED =
      Set.of(
          "connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer",
          "upgrade", "host", "content-length", "server", "date", "api-version", "ostype",
          "docker-experimental", "x-berth-location");

  /** A service's whole answer: its status, headers and body. */
  @FunctionalInterface
  public interface Answered {
    void accept(int status, MultiMap headers, Buffer body);
  }

  @Inject Upstreams upstreams;

  /**
   * Forwards the request to {@code base} + {@code path} + the request's query.
   *
   * @param idleTimeoutMs how long the service may stay silent; 0 for calls that wait on purpose
   */
  public void forward(RoutingContext ctx, String service, URI base, String path, long idleTimeoutMs) {
    forward(ctx, service, base, path, idleTimeoutMs, null);
  }

  /**
   * As above; {@code beforeEnd} (may be null) runs once the service's answer has been relayed and
   * the client's response is ended only when it completes (e.g. logs -f waits for the state).
   */
  public void forward(RoutingContext ctx, String service, URI base, String path, long idleTimeoutMs,
      java.util.function.Supplier<io.vertx.core.Future<Void>> beforeEnd) {
    forward(ctx, service, base, path, idleTimeoutMs, beforeEnd, null);
  }

  /**
   * As {@link #forward(RoutingContext, String, URI, String, long)} for a call whose answer is
   * small: it is read whole and shown to {@code answered} as soon as it arrives, while its audit
   * record is still being written, then relayed (without the internal headers).
   */
  public void forwardWhole(RoutingContext ctx, String service, URI base, String path, long idleTimeoutMs,
      Answered answered) {
    forward(ctx, service, base, path, idleTimeoutMs, null, answered);
  }

  private void forward(RoutingContext ctx, String service, URI base, String path, long idleTimeoutMs,
      java.util.function.Supplier<io.vertx.core.Future<Void>> beforeEnd, Answered answered) {
    HttpServerRequest req = ctx.request();
    HttpServerResponse resp = ctx.response();
    Context requestContext = Vertx.currentContext();
    RequestOptions options =
        new RequestOptions()
            .setMethod(req.method())
            .setAbsoluteURI(target(base, path, req.query()))
            .setIdleTimeout(idleTimeoutMs)
            .setHeaders(MultiMap.caseInsensitiveMultiMap());
    copyHeaders(req.headers(), options.getHeaders());
    String length = req.getHeader("Content-Length");
    boolean chunked = isChunked(req.getHeader("Transfer-Encoding"));
    if (length != null) {
      options.getHeaders().set("Content-Length", length);
    }
    upstreams
        .client()
        .request(options)
        .onFailure(e -> unavailable(ctx, service, e))
        .onSuccess(
            creq -> {
              // A client that goes away (Ctrl-C on logs -f) must not leave the upstream call open.
              resp.closeHandler(v -> creq.reset());
              creq.response()
                  .onSuccess(cres -> {
                    if (answered != null) {
                      cres.body()
                          .onFailure(e -> unavailable(ctx, service, e))
                          .onSuccess(body -> {
                            answered.accept(cres.statusCode(), cres.headers(), body);
                            ResponseGate.pass(ctx, cres.statusCode())
                                .onComplete(v -> relayWhole(cres, body, resp));
                          });
                      return;
                    }
                    // The audit record of the outcome commits before the client sees the status;
                    // the answer's body waits meanwhile.
                    cres.pause();
                    ResponseGate.pass(ctx, cres.statusCode())
                        .onComplete(v -> relay(cres, req.method(), resp, creq, beforeEnd));
                  })
                  .onFailure(e -> unavailable(ctx, service, e));
              if (length != null || chunked) {
                creq.setChunked(length == null);
                CoalescingPipe.pipe(req, creq, requestContext).onFailure(e -> creq.reset(0, e));
              } else {
                creq.end();
              }
            });
  }

  /** base + path + "?query" (no "?" without a query). */
  public static String target(URI base, String path, String query) {
    String root = base.toString();
    if (root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    return query == null || query.isEmpty() ? root + path : root + path + "?" + query;
  }

  static void copyHeaders(MultiMap from, MultiMap to) {
    from.forEach(
        e -> {
          if (!NOT_FORWARDED.contains(e.getKey().toLowerCase(Locale.ROOT))) {
            to.add(e.getKey(), e.getValue());
          }
        });
  }

  private static boolean isChunked(String transferEncoding) {
    return transferEncoding != null
        && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked");
  }

  private static void relay(
      HttpClientResponse cres, HttpMethod method, HttpServerResponse resp, HttpClientRequest creq,
      java.util.function.Supplier<io.vertx.core.Future<Void>> beforeEnd) {
    if (resp.closed()) {
      creq.reset();
      return;
    }
    resp.setStatusCode(cres.statusCode());
    copyHeaders(cres.headers(), resp.headers());
    String length = cres.getHeader("Content-Length");
    int status = cres.statusCode();
    if (length != null) {
      resp.putHeader("Content-Length", length);
    } else if (method != HttpMethod.HEAD && status != 204 && status != 304) {
      resp.setChunked(true);
    }
    if (beforeEnd != null && status == 200) {
      cres.pipe().endOnComplete(false).to(resp)
          .compose(v -> beforeEnd.get().otherwiseEmpty())
          .onComplete(done -> {
            if (!resp.ended() && !resp.closed()) {
              resp.end();
            }
          });
      return;
    }
    cres.pipeTo(resp)
        .onFailure(
            e -> {
              LOG.debugf(e, "relay of %s ended early", creq.absoluteURI());
              if (!resp.closed()) {
                resp.reset();
              }
            });
  }

  private static void relayWhole(HttpClientResponse cres, Buffer body, HttpServerResponse resp) {
    if (resp.closed()) {
      return;
    }
    resp.setStatusCode(cres.statusCode());
    copyHeaders(cres.headers(), resp.headers());
    resp.end(body);
  }

  /** A service that cannot be reached (or drops the call) is Docker's 503, never a stack trace. */
  private static void unavailable(RoutingContext ctx, String service, Throwable e) {
    LOG.debugf(e, "%s unreachable for %s", service, ctx.request().uri());
    if (ctx.response().headWritten()) {
      if (!ctx.response().closed()) {
        ctx.response().reset();
      }
      return;
    }
    DockerResponses.error(ctx, 503, service + " is unavailable");
  }
}
