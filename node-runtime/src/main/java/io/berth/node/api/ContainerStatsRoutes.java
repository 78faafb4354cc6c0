package io.berth.node.api;

import io.berth.node.agent.RunRegistry;
import io.berth.node.stats.ContainerCgroups;
import io.berth.node.stats.ProcessTable;
import io.berth.node.stats.StatsSampler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * {@code top} and {@code stats} of a container on this node, proxied by the gateway. Stats
 * stream one JSON line a second, each carrying the previous sample as {@code precpu_stats} (the
 * CLI's CPU % is the delta between the two); {@code stream=false} waits for a second sample
 * unless {@code one-shot} is set, as dockerd does, so the CPU % is not 0.
 */
@ApplicationScoped
public class ContainerStatsRoutes {
  private static final Logger LOG = Logger.getLogger(ContainerStatsRoutes.class);
  static final long INTERVAL_MS = 1000;
  /** The gateway passes the container's name: Docker's stats carry "/name". */
  static final String NAME_HEADER = "X-Berth-Container-Name";

  private final RunRegistry runs;
  private final Vertx vertx;
  private final ContainerCgroups cgroups = new ContainerCgroups(Path.of("/sys/fs/cgroup"));
  private final StatsSampler sampler = new StatsSampler(cgroups, Path.of("/proc"));

  public ContainerStatsRoutes(RunRegistry runs, Vertx vertx) {
    this.runs = runs;
    this.vertx = vertx;
  }

  void routes(@Observes Router router) {
    router.get("/containers/:id/top").blockingHandler(this::top, false);
    router.get("/containers/:id/stats").handler(this::stats);
  }

  private void top(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    RunRegistry.Run run = runs.current(id);
    String ref = ctx.request().getHeader(ContainerFilesRoutes.REF_HEADER);
    if (run == null || !run.running()) {
      error(ctx, 409, "Container " + (ref != null ? ref : id) + " is not running");
      return;
    }
    try {
      ProcessTable.Top top = ProcessTable.top(ctx.queryParams().get("ps_args"), cgroups.pids(id));
      ctx.response().putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("Titles", top.titles()).put("Processes", top.processes()).encode());
    } catch (ProcessTable.PsException e) {
      error(ctx, 500, e.getMessage());
    } catch (Exception e) {
      LOG.warnf(e, "top of %s failed", id);
      error(ctx, 500, String.valueOf(e.getMessage()));
    }
  }

  private void stats(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String stream = ctx.queryParams().get("stream");
    boolean streaming = stream == null || stream.equals("1") || stream.equalsIgnoreCase("true");
    boolean oneShot = ContainerArchiveResource.flag(ctx.queryParams().get("one-shot"));
    String name = ctx.request().getHeader(NAME_HEADER);
    HttpServerResponse resp = ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json");
    if (streaming) {
      resp.setChunked(true);
    }
    new Sampling(id, name == null ? "" : "/" + name, streaming, oneShot, resp).next(null);
  }

  /** The samples of one request, taken on a timer (reading cgroup files is quick). */
  private final class Sampling {
    private final String id;
    private final String name;
    private final boolean streaming;
    private final boolean oneShot;
    private final HttpServerResponse resp;

    Sampling(String id, String name, boolean streaming, boolean oneShot, HttpServerResponse resp) {
      this.id = id;
      this.name = name;
      this.streaming = streaming;
      this.oneShot = oneShot;
      this.resp = resp;
    }

    void next(JsonObject previous) {
      if (resp.closed()) {
        return;
      }
      JsonObject sample;
      try {
        sample = sampler.sample(id).put("name", name).put("id", id);
      } catch (Exception e) {
        LOG.debugf("stats of %s: %s", id, e.getMessage());
        if (!resp.headWritten()) {
          error(resp, 500, String.valueOf(e.getMessage()));
        } else {
          resp.end();
        }
        return;
      }
      sample.put("preread", previous == null ? "0001-01-01T00:00:00Z" : previous.getString("read"));
      sample.put("precpu_stats", previous == null ? emptyCpu() : previous.getJsonObject("cpu_stats"));
      if (!streaming && previous == null && !oneShot) {
        vertx.setTimer(INTERVAL_MS, t -> next(sample)); // prime the CPU delta first, as dockerd does
        return;
      }
      if (!streaming) {
        resp.end(sample.encode() + "\n");
        return;
      }
      resp.write(sample.encode() + "\n");
      vertx.setTimer(INTERVAL_MS, t -> next(sample));
    }
  }

  private static JsonObject emptyCpu() {
    return new JsonObject().put("cpu_usage", new JsonObject().put("total_usage", 0)).put("throttling_data", new JsonObject());
  }

  private static void error(RoutingContext ctx, int status, String message) {
    error(ctx.response(), status, message);
  }

  private static void error(HttpServerResponse resp, int status, String message) {
    resp.setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("message", message).encode());
  }
}
