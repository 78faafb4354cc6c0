package io.berth.gateway.audit.capture;

import io.berth.events.audit.v1.AuditRecorded;
import io.berth.gateway.access.Caller;
import io.berth.gateway.access.Denial;
import io.berth.gateway.api.DockerResponses;
import io.berth.gateway.api.ResponseGate;
import io.berth.gateway.audit.record.Action;
import io.berth.gateway.audit.record.AuditEntry;
import io.berth.gateway.audit.trail.AuditAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Records every state-changing call (POST, PUT, DELETE, PATCH) and every denied call, once each.
 *
 * <p>A route early in the chain (right after the /vX.Y prefix was stripped, before authentication
 * and every endpoint) watches the request: it installs a {@link ResponseGate} through which the
 * answering code passes the status before the client gets it, and the record is committed there;
 * a hijacked stream is recorded at its start without being held. Anything answered some other
 * way is recorded when its response ends, so nothing escapes, only later.
 */
@ApplicationScoped
public class AuditCapture {

  private static final Logger LOG = Logger.getLogger(AuditCapture.class);

  /** After DockerApiRouter's headers (-20 000) and /vX.Y stripping (-19 999), before the rest. */
  public static final int ORDER = -19_998;

  static final String CONTEXT_KEY = "berth.audit.watch";
  static final Set<HttpMethod> CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH);

  /**
   * Calls whose status line is the start of a stream, not an outcome: recorded at that start but
   * not held. An interactive attach's 101 goes out at once; a build's 200 comes before its steps
   * (a failed build is a 200 too, its error inside the stream): holding it would put the commit
   * into a cached rebuild.
   */
  static final Set<String> STREAM_HEADS = Set.of("container.attach", "build");

  private final AuditAppender appender;
  /** How long an answer waited for its record (the audit trail's cost per recorded call). */
  private final Timer appendTime;

  public AuditCapture(AuditAppender appender, MeterRegistry registry) {
    this.appender = appender;
    this.appendTime = Timer.builder("berth.audit.append")
        .description("Time from an audited call's outcome to its record's commit")
        .publishPercentiles(0.5, 0.99)
        .register(registry);
  }

  void install(@Observes Router router) {
    router.route().order(ORDER).handler(this::watch);
  }

  /** One per request: whether its record was taken yet. */
  private static final class Watch {
    boolean recorded;
  }

  private void watch(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    // ctx.reroute (the /vX.Y prefix) runs the routes again: the first watch stays.
    if (ctx.get(CONTEXT_KEY) != null || path == null || path.equals("/q") || path.startsWith("/q/")) {
      ctx.next();
      return;
    }
    Watch watch = new Watch();
    ctx.put(CONTEXT_KEY, watch);
    ResponseGate gate = status -> {
      if (watch.recorded || !audited(ctx)) {
        return Future.succeededFuture();
      }
      watch.recorded = true;
      AuditEntry entry = entry(ctx, status);
      if (STREAM_HEADS.contains(entry.action())) {
        // Not held: the record is hashed and sent after the stream's head has gone out.
        Context context = Vertx.currentContext();
        if (context == null) {
          settled(appender.append(entry), ctx);
        } else {
          context.runOnContext(v -> settled(appender.append(entry), ctx));
        }
        return Future.succeededFuture();
      }
      return settled(appender.append(entry), ctx);
    };
    gate.attachTo(ctx);
    ctx.addEndHandler(done -> {
      if (!watch.recorded && audited(ctx)) {
        watch.recorded = true;
        // No status reached the client when the connection went first: 0.
        int status = ctx.response().ended() ? ctx.response().getStatusCode() : 0;
        settled(appender.append(entry(ctx, status)), ctx);
      }
    });
    ctx.next();
  }

  static boolean audited(RoutingContext ctx) {
    return (CHANGING.contains(ctx.request().method()) && !readOnlyPost(ctx)) || Denial.of(ctx).isPresent();
  }

  /**
   * POSTs of the Docker API that change nothing, recorded no more than other reads are: wait
   * only watches a container, and attach without stdin only receives its output (what GET logs
   * gives). An attach with stdin can type into the container, so it is recorded. Every
   * {@code docker run} makes both calls; recording them doubled the trail's commits per run.
   */
  static boolean readOnlyPost(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (path == null || !path.startsWith("/containers/")) {
      return false;
    }
    if (path.endsWith("/wait")) {
      return true;
    }
    String stdin = ctx.request().getParam("stdin");
    return path.endsWith("/attach") && !("1".equals(stdin) || "true".equalsIgnoreCase(stdin));
  }

  /**
   * Completes on the request's context once the record is committed, or failed to be: the action
   * has happened in its service either way, so its answer is not withheld; the failure is logged.
   */
  private Future<Void> settled(CompletionStage<AuditRecorded> appended, RoutingContext ctx) {
    long start = System.nanoTime();
    appended = appended.whenComplete((r, e) -> appendTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    Context context = Vertx.currentContext();
    String what = ctx.request().method() + " " + ctx.request().path();
    Future<AuditRecorded> f = context == null
        ? Future.fromCompletionStage(appended) : Future.fromCompletionStage(appended, context);
    return f.<Void>mapEmpty().recover(e -> {
      LOG.errorf(e, "audit record of %s NOT written", what);
      return Future.succeededFuture();
    });
  }

  static AuditEntry entry(RoutingContext ctx, int status) {
    HttpServerRequest req = ctx.request();
    Caller caller = Caller.of(ctx).orElseGet(() -> ConnectionCaller.of(req));
    String path = req.path();
    var version = ctx.<Object>get(DockerResponses.API_VERSION_KEY);
    String sent = version == null ? path : "/v" + DockerResponses.version(ctx).text() + path;
    Action action = Action.of(req.method().name(), path, req::getParam);
    String reason = Denial.of(ctx).map(Denial::reason).orElse(null);
    return new AuditEntry(Instant.now(), caller.name(), caller.tokenId(), caller.role(), caller.transport(),
        caller.peer(), req.method().name(), sent, action.name(), action.objectType(), action.objectId(),
        status, reason);
  }
}
