package io.berth.node.api;

import io.berth.node.agent.RunRegistry;
import io.berth.node.agent.TaskRunner;
import io.berth.node.linux.SeqPacketSocket;
import io.berth.node.oci.ProcessStdio;
import io.berth.node.task.LogEntry;
import io.berth.node.task.LogReader;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The node's byte streams, which the gateway proxies to Docker clients: {@code logs} (with
 * follow) and {@code attach} (the output of the current or next run, until it ends). Both answer
 * in Docker's multiplexed framing, so the gateway passes the bytes through unchanged.
 */
@ApplicationScoped
public class ContainerStreamRoutes {
  private static final Logger LOG = Logger.getLogger(ContainerStreamRoutes.class);
  private static final long POLL_MILLIS = 10;
  private static final long DRAIN_MILLIS = 5;

  private final TaskRunner tasks;
  private final RunRegistry runs;
  // Streams block on files; each gets its own thread, never an event loop.
  private final ExecutorService streams = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "berth-stream");
    t.setDaemon(true);
    return t;
  });

  public ContainerStreamRoutes(TaskRunner tasks, RunRegistry runs) {
    this.tasks = tasks;
    this.runs = runs;
  }

  void routes(@Observes Router router) {
    router.get("/containers/:id/logs").handler(this::logs);
    router.get("/containers/:id/attach").handler(this::attach);
    // POST: the request body is the client's input (docker attach with stdin).
    router.post("/containers/:id/attach").handler(this::attach);
    router.post("/containers/:id/resize").handler(this::resize);
  }

  private void logs(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    LogQuery query;
    try {
      query = LogQuery.parse(ctx.queryParams());
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    Path log = tasks.log(id);
    if (!io.berth.node.task.LogRotation.anyExists(log) && runs.current(id) == null) {
      error(ctx, 404, "No such container: " + id);
      return;
    }
    HttpServerResponse response = begin(ctx);
    streams.execute(() -> {
      try {
        streamLogs(id, log, query, response);
      } catch (Exception e) {
        LOG.debugf("logs of %s ended: %s", id, e.getMessage());
      } finally {
        end(response);
      }
    });
  }

  private void streamLogs(String id, Path log, LogQuery query, HttpServerResponse response)
      throws IOException, InterruptedException {
    if (!io.berth.node.task.LogRotation.anyExists(log)) {
      return;
    }
    try (LogReader reader = new LogReader(log)) {
      Deque<LogEntry> backlog = new ArrayDeque<>();
      Optional<LogEntry> entry;
      while ((entry = reader.poll()).isPresent()) {
        if (query.wants(entry.get())) {
          backlog.addLast(entry.get());
          if (query.tail() != LogQuery.ALL && backlog.size() > query.tail()) {
            backlog.removeFirst();
          }
        }
      }
      for (LogEntry e : backlog) {
        response.write(DockerFrames.frame(e, query.timestamps()));
      }
      if (query.follow()) {
        follow(reader, query, runs.current(id), response); // like docker logs -f: ends when the container stops
      }
    }
  }

  private void attach(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    boolean stdout = LogQuery.flag(ctx.queryParams().get("stdout"));
    boolean stderr = LogQuery.flag(ctx.queryParams().get("stderr"));
    InteractiveAttach.Streams wanted =
        new InteractiveAttach.Streams(LogQuery.flag(ctx.queryParams().get("stdin")), stdout, stderr);
    DetachKeys keys;
    try {
      keys = DetachKeys.parse(ctx.queryParams().get("detachKeys"));
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    // An interactive task connects to its monitor as soon as it exists, before it runs.
    EarlyConnection early = new EarlyConnection(id);
    runs.onCreated(id, early);
    HttpServerResponse response = begin(ctx);
    streams.execute(() -> {
      try {
        RunRegistry.Run run = runs.attach(id).get(60, TimeUnit.SECONDS);
        SeqPacketSocket socket = early.take();
        if (run.stdio().interactive()) {
          if (socket == null) {
            socket = tasks.attachPoint(id).connect(); // it already ran: its output from now on
          }
          new InteractiveAttach(socket, run.stdio(), wanted).relay(ctx.request(), response, keys);
          return;
        }
        if (ctx.request().method() == io.vertx.core.http.HttpMethod.POST) {
          InteractiveAttach.discardInput(ctx.request()); // no stdin to send to
        }
        streamRun(run, stdout, stderr, response);
      } catch (TimeoutException e) {
        LOG.debugf("attach to %s: no run began within 60 s", id);
      } catch (Exception e) {
        LOG.debugf("attach to %s ended: %s", id, e.getMessage());
      } finally {
        runs.cancelCreated(id, early);
        early.take();
        end(response);
      }
    });
  }

  /** A connection to the next run's monitor, made when its task was created (interactive only). */
  private final class EarlyConnection implements java.util.function.Consumer<ProcessStdio> {
    private final String id;
    private SeqPacketSocket socket;
    private boolean taken;

    EarlyConnection(String id) {
      this.id = id;
    }

    @Override
    public synchronized void accept(ProcessStdio stdio) {
      if (taken || !stdio.interactive()) {
        return;
      }
      try {
        socket = tasks.attachPoint(id).connect();
      } catch (IOException e) {
        LOG.warnf("cannot attach to the monitor of %s: %s", id, e.getMessage());
      }
    }

    /** The connection if one was made; later ones are not made (or closed). */
    synchronized SeqPacketSocket take() {
      taken = true;
      SeqPacketSocket s = socket;
      socket = null;
      return s;
    }
  }

  /** {@code ?h=&w=}: the client's terminal changed size (the CLI sends it after start too). */
  private void resize(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    int h;
    int w;
    try {
      h = Integer.parseInt(ctx.request().getParam("h", "0"));
      w = Integer.parseInt(ctx.request().getParam("w", "0"));
    } catch (NumberFormatException e) {
      error(ctx, 400, "invalid resize request: " + e.getMessage());
      return;
    }
    RunRegistry.Run run = runs.current(id);
    if (run == null || !run.running()) {
      error(ctx, 409, "Container " + id + " is not running");
      return;
    }
    if (run.stdio().tty() && h > 0 && w > 0) {
      try {
        tasks.attachPoint(id).resize(h, w);
      } catch (IOException e) {
        error(ctx, 500, "cannot resize the terminal of " + id + ": " + e.getMessage());
        return;
      }
    }
    ctx.response().setStatusCode(200).end();
  }

  /** Streams one run's output from its beginning until the task exited and its output is drained. */
  private static void streamRun(RunRegistry.Run run, boolean stdout, boolean stderr, HttpServerResponse response)
      throws IOException, InterruptedException {
    LogQuery query = new LogQuery(stdout, stderr, true, false, LogQuery.ALL, run.since(), null);
    while (!Files.exists(run.log())) {
      if (!run.running() || response.closed()) {
        return;
      }
      Thread.sleep(2);
    }
    try (LogReader reader = new LogReader(run.log())) {
      follow(reader, query, run, response);
    }
  }

  /**
   * Writes what {@code reader} yields until the run ended and the log is drained (or the client
   * left). Between lines it waits on the run's exit itself, so the stream ends as soon as the task
   * does, not a polling period later: `docker run` returns only when this stream ends.
   */
  private static void follow(LogReader reader, LogQuery query, RunRegistry.Run run, HttpServerResponse response)
      throws IOException, InterruptedException {
    boolean draining = false;
    while (!response.closed()) {
      Optional<LogEntry> next = reader.poll();
      if (next.isPresent()) {
        if (query.wants(next.get())) {
          response.write(DockerFrames.frame(next.get(), query.timestamps()));
        }
        continue;
      }
      if (draining) {
        return;
      }
      if (run == null || !run.running()) {
        draining = true; // the monitor flushes the task's last output before it records the exit
        Thread.sleep(DRAIN_MILLIS);
        continue;
      }
      try {
        run.exit().get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
        // no exit yet: look for new output again
      }
    }
  }

  private static HttpServerResponse begin(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    response.setChunked(true);
    response.putHeader("Content-Type", DockerFrames.MEDIA_TYPE);
    response.setStatusCode(200);
    return response;
  }

  private static void end(HttpServerResponse response) {
    if (!response.ended() && !response.closed()) {
      response.end();
    }
  }

  private static void error(RoutingContext ctx, int status, String message) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("message", message).encode());
  }
}
