package io.berth.gateway.audit.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.common.error.InvalidArgumentException;
import io.berth.events.EventCodec;
import io.berth.events.audit.v1.AuditRecorded;
import io.berth.gateway.api.DockerResponses;
import io.berth.gateway.audit.trail.AuditRepository;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The audit trail's read side under /berth/v1/audit: filtered pages, the JSON lines export and
 * the chain's verification. Plain Vert.x routes (documented in META-INF/openapi.yaml) because the
 * export streams with back-pressure.
 */
@ApplicationScoped
public class AuditRoutes {

  public static final String PATH = "/berth/v1/audit";
  static final int EXPORT_BATCH = 500;

  private final AuditRepository repository;
  private final ChainVerifier verifier;

  public AuditRoutes(AuditRepository repository, ChainVerifier verifier) {
    this.repository = repository;
    this.verifier = verifier;
  }

  void install(@Observes Router router) {
    router.get(PATH).handler(this::page);
    router.get(PATH + "/export").handler(this::export);
    router.get(PATH + "/verify").handler(ctx -> verifier.verify().subscribe().with(
        v -> send(ctx, 200, v), e -> ctx.fail(500, e)));
  }

  private void page(RoutingContext ctx) {
    AuditFilter filter;
    int limit;
    try {
      filter = AuditFilter.parse(ctx.request()::getParam);
      limit = AuditFilter.limit(ctx.request().getParam("limit"));
    } catch (InvalidArgumentException e) {
      DockerResponses.error(ctx, 400, e.getMessage());
      return;
    }
    // One more than asked tells whether there is a next page.
    repository.find(filter, limit + 1).subscribe().with(found -> {
      List<AuditRecorded> records = found.size() > limit ? found.subList(0, limit) : found;
      Long next = found.size() > limit ? records.get(records.size() - 1).seq() : null;
      if (next != null) {
        ctx.response().putHeader("Link", "<" + nextLink(ctx, next) + ">; rel=\"next\"");
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("records", records);
      body.put("next", next);
      send(ctx, 200, body);
    }, e -> ctx.fail(500, e));
  }

  private void export(RoutingContext ctx) {
    AuditFilter filter;
    try {
      filter = AuditFilter.parse(ctx.request()::getParam);
    } catch (InvalidArgumentException e) {
      DockerResponses.error(ctx, 400, e.getMessage());
      return;
    }
    HttpServerResponse resp = ctx.response();
    resp.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/x-ndjson");
    exportFrom(ctx, filter);
  }

  /** One batch, written line by line; the next batch is read once the client took this one. */
  private void exportFrom(RoutingContext ctx, AuditFilter filter) {
    HttpServerResponse resp = ctx.response();
    repository.find(filter, EXPORT_BATCH).subscribe().with(batch -> {
      if (resp.closed()) {
        return;
      }
      if (batch.isEmpty()) {
        resp.end();
        return;
      }
      StringBuilder lines = new StringBuilder();
      for (AuditRecorded r : batch) {
        lines.append(EventCodec.encodeToString(r)).append('\n');
      }
      resp.write(lines.toString()).onSuccess(v -> {
        if (batch.size() < EXPORT_BATCH) {
          resp.end();
        } else {
          exportFrom(ctx, filter.after(batch.get(batch.size() - 1).seq()));
        }
      });
    }, e -> resp.reset());
  }

  private static String nextLink(RoutingContext ctx, long next) {
    Map<String, String> params = new LinkedHashMap<>();
    ctx.queryParams().forEach(e -> params.put(e.getKey(), e.getValue()));
    params.put("after", Long.toString(next));
    return PATH + "?" + params.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static void send(RoutingContext ctx, int status, Object body) {
    try {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
          .end(EventCodec.mapper().writeValueAsString(body) + "\n");
    } catch (JsonProcessingException e) {
      ctx.fail(500, e);
    }
  }
}
