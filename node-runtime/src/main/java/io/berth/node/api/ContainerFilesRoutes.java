package io.berth.node.api;

import io.berth.node.agent.TaskManager;
import io.berth.node.bundle.BundleStore;
import io.berth.node.rootfs.ContainerFiles;
import io.berth.node.rootfs.PathStat;
import io.berth.node.rootfs.RootfsAccess;
import io.berth.node.rootfs.RootfsChanges;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * A container's files, which the gateway proxies to Docker clients: {@code GET/HEAD archive}
 * (docker cp out of the container, and the stat the CLI asks for first), {@code export} and
 * {@code changes} (docker diff). Each runs in the container's command order (see
 * {@link TaskManager#exclusive}), with its root mounted for the duration if it is stopped.
 * Extraction into a container is {@link ContainerArchiveResource}.
 */
@ApplicationScoped
public class ContainerFilesRoutes {
  private static final Logger LOG = Logger.getLogger(ContainerFilesRoutes.class);
  /** The gateway names the container the way the client did, for Docker's error wording. */
  static final String REF_HEADER = "X-Berth-Container-Ref";

  private final TaskManager tasks;
  private final RootfsAccess roots;
  private final io.berth.node.image.ImagePuller images;
  // Archives are written with blocking file I/O: never on an event loop.
  private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "berth-files");
    t.setDaemon(true);
    return t;
  });

  public ContainerFilesRoutes(TaskManager tasks, BundleStore bundles, io.berth.node.image.ImagePuller images) {
    this.tasks = tasks;
    this.roots = new RootfsAccess(bundles);
    this.images = images;
  }

  void routes(@Observes Router router) {
    router.head("/containers/:id/archive").handler(ctx -> archive(ctx, false));
    router.get("/containers/:id/archive").handler(ctx -> archive(ctx, true));
    router.get("/containers/:id/export").handler(this::export);
    router.get("/containers/:id/changes").handler(this::changes);
    router.get("/containers/:id/layer").handler(this::layer);
  }

  private void archive(RoutingContext ctx, boolean withBody) {
    String id = ctx.pathParam("id");
    String path = ctx.queryParams().get("path");
    var image = ImageHeaders.layers(ctx.request()::getHeader, images);
    workers.execute(() -> run(ctx, () -> roots.withRoot(id, image, root -> {
      PathStat stat = ContainerFiles.stat(root, path);
      HttpServerResponse resp = ctx.response().putHeader(PathStat.HEADER, stat.header());
      if (!withBody) {
        resp.putHeader("Content-Type", "application/x-tar").setStatusCode(200).end();
        return null;
      }
      stream(resp, out -> ContainerFiles.archive(root, path, out));
      return null;
    })));
  }

  private void export(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    var image = ImageHeaders.layers(ctx.request()::getHeader, images);
    workers.execute(() -> run(ctx, () -> roots.withRoot(id, image, root -> {
      stream(ctx.response(), out -> io.berth.node.rootfs.TreeArchiver.write(root, ".", false, out));
      return null;
    })));
  }

  // docker commit: the writable layer as an image layer; a never-started container has an empty one.
  private void layer(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    workers.execute(() -> run(ctx, () -> {
      stream(ctx.response(), out -> roots.writeLayer(id, out));
      return null;
    }));
  }

  private void changes(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    workers.execute(() -> run(ctx, () -> {
      List<RootfsChanges.Change> changes;
      try {
        changes = roots.changes(id);
      } catch (RootfsAccess.NoRootException e) {
        changes = List.of(); // never started: nothing changed yet
      }
      JsonArray body = new JsonArray();
      for (RootfsChanges.Change c : changes) {
        body.add(new JsonObject().put("Path", c.path()).put("Kind", c.kind().ordinal()));
      }
      ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(body.encode());
      return null;
    }));
  }

  @FunctionalInterface
  interface Writer {
    void write(java.io.OutputStream out) throws IOException;
  }

  private static void stream(HttpServerResponse resp, Writer writer) throws IOException {
    resp.setStatusCode(200).putHeader("Content-Type", "application/x-tar").setChunked(true);
    try (ResponseOutputStream out = new ResponseOutputStream(resp)) {
      writer.write(out);
    } catch (IOException | RuntimeException e) {
      LOG.debugf("archive stream ended early: %s", e.getMessage());
      if (!resp.closed()) {
        resp.reset(); // the client must not take a cut-off tar for a whole one
      }
      return;
    }
    resp.end();
  }

  /** Runs {@code work} in the container's command order and answers its errors Docker's way. */
  private void run(RoutingContext ctx, java.util.concurrent.Callable<Void> work) {
    String id = ctx.pathParam("id");
    try {
      tasks.exclusive(id, work).get();
    } catch (ExecutionException e) {
      fail(ctx, id, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(ctx, id, e);
    }
  }

  static void fail(RoutingContext ctx, String id, Throwable e) {
    if (ctx.response().headWritten()) {
      if (!ctx.response().closed()) {
        ctx.response().reset();
      }
      return;
    }
    String ref = ctx.request().getHeader(REF_HEADER) != null ? ctx.request().getHeader(REF_HEADER) : id;
    FileErrors error = FileErrors.of(e, ref, ctx.queryParams().get("path"));
    int status = error.status();
    String message = error.message();
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("message", message).encode());
  }
}
