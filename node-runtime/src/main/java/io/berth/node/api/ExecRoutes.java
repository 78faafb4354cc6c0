package io.berth.node.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.node.exec.ExecConfig;
import io.berth.node.exec.ExecInstance;
import io.berth.node.exec.ExecIo;
import io.berth.node.exec.ExecService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * Docker's exec API on the node that runs the container; the gateway forwards to it. {@code start}
 * is one full-duplex HTTP exchange: the request body is the client's stdin (chunked, ended when
 * the client closes its write side), the response the process's output in Docker's framing.
 */
@ApplicationScoped
public class ExecRoutes {
  private static final Logger LOG = Logger.getLogger(ExecRoutes.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String RAW_STREAM = "application/vnd.docker.raw-stream";

  private final ExecService execs;

  public ExecRoutes(ExecService execs) {
    this.execs = execs;
  }

  void routes(@Observes Router router) {
    router.post("/containers/:id/exec").handler(BodyHandler.create()).handler(this::create);
    router.get("/exec/:id/json").handler(this::inspect);
    router.post("/exec/:id/start").handler(this::start);
    router.post("/exec/:id/resize").handler(this::resize);
  }

  private void create(RoutingContext ctx) {
    try {
      ExecConfig config = ExecConfig.parse(JSON.readTree(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes()));
      ExecInstance exec = execs.create(ctx.pathParam("id"), config);
      json(ctx, 201, new JsonObject().put("Id", exec.id()));
    } catch (ExecService.ExecException e) {
      error(ctx, e.status(), e.getMessage());
    } catch (IOException | IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
    }
  }

  private void inspect(RoutingContext ctx) {
    try {
      ExecInstance exec = execs.find(ctx.pathParam("id"));
      ExecConfig c = exec.config();
      JsonObject process = new JsonObject()
          .put("tty", c.tty())
          .put("entrypoint", c.cmd().get(0))
          .put("arguments", new JsonArray(c.cmd().subList(1, c.cmd().size())))
          .put("privileged", c.privileged());
      if (c.user() != null) {
        process.put("user", c.user());
      }
      json(ctx, 200, new JsonObject()
          .put("ID", exec.id())
          .put("Running", exec.running())
          .put("ExitCode", exec.exitCode())
          .put("ProcessConfig", process)
          .put("OpenStdin", c.attachStdin())
          .put("OpenStderr", c.attachStderr())
          .put("OpenStdout", c.attachStdout())
          .put("CanRemove", false)
          .put("ContainerID", exec.containerId())
          .put("DetachKeys", "")
          .put("Pid", execs.pid(exec)));
    } catch (ExecService.ExecException e) {
      error(ctx, e.status(), e.getMessage());
    }
  }

  /** {@code ?detach=1}: start and answer at once; otherwise stream until the process ended. */
  private void start(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    boolean detach = "1".equals(req.getParam("detach")) || "true".equals(req.getParam("detach"));
    HttpServerResponse resp = ctx.response();
    ExecInstance exec;
    ExecIo io;
    try {
      exec = execs.find(ctx.pathParam("id"));
      boolean tty = exec.config().tty();
      boolean wantOut = exec.config().attachStdout();
      boolean wantErr = exec.config().attachStderr();
      ExecIo.Sink sink = detach
          ? (stream, bytes, n) -> {}
          : (stream, bytes, n) -> {
            if (resp.closed() || (stream == ExecIo.STDOUT ? !wantOut : !wantErr)) {
              return;
            }
            resp.write(tty ? Buffer.buffer().appendBytes(bytes, 0, n) : DockerFrames.frame(stream, bytes, n));
          };
      // Headers before the process starts: its first output may come at once.
      resp.setChunked(true).putHeader("Content-Type", tty ? RAW_STREAM : DockerFrames.MEDIA_TYPE);
      io = execs.start(exec, sink);
      if (detach) {
        io.closeStdin();
        resp.setStatusCode(200).end();
        return;
      }
      resp.setStatusCode(200);
      if (!resp.headWritten()) {
        resp.writeHead();
      }
    } catch (ExecService.ExecException e) {
      error(ctx, e.status(), e.getMessage());
      return;
    } catch (IOException e) {
      LOG.warnf("exec %s: %s", ctx.pathParam("id"), e.getMessage());
      error(ctx, 500, "cannot start exec: " + e.getMessage());
      return;
    }
    ExecIo running = io;
    if (exec.config().attachStdin()) {
      req.handler(b -> running.stdin(b.getBytes()));
      req.endHandler(v -> running.closeStdin());
    } else {
      running.closeStdin();
      req.handler(b -> {});
    }
    req.resume();
    resp.closeHandler(v -> running.closeStdin());
    // The exit code is recorded first: the CLI asks for it as soon as the stream ends.
    exec.exit().whenComplete((code, e) -> {
      if (!resp.ended() && !resp.closed()) {
        resp.end();
      }
    });
  }

  /** {@code ?h=&w=}: the client's terminal changed size (docker exec -t sends it at start too). */
  private void resize(RoutingContext ctx) {
    try {
      ExecInstance exec = execs.find(ctx.pathParam("id"));
      int h = Integer.parseInt(ctx.request().getParam("h", "0"));
      int w = Integer.parseInt(ctx.request().getParam("w", "0"));
      if (exec.io() != null && h > 0 && w > 0) {
        exec.io().resize(h, w);
      }
      ctx.response().setStatusCode(200).end();
    } catch (ExecService.ExecException e) {
      error(ctx, e.status(), e.getMessage());
    } catch (NumberFormatException e) {
      error(ctx, 400, "invalid resize request: " + e.getMessage());
    }
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  private static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, new JsonObject().put("message", message));
  }
}
