package io.berth.gateway.stream;

import io.berth.gateway.proxy.ServiceProxy;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;

/**
 * Docker API calls answered by the node a container lives on, from its root filesystem or its
 * cgroups: {@code archive} (docker cp, GET/HEAD/PUT), {@code export}, {@code changes} (docker diff),
 * {@code top}, {@code stats} and {@code resize} (of the container's terminal). The gateway finds the node and streams both ways unchanged.
 */
@ApplicationScoped
public class ContainerNodeRoutes {
  /** The container as the client named it, for Docker's error wording on the node. */
  static final String REF_HEADER = "X-Berth-Container-Ref";
  /** The container's current name: Docker's stats JSON carries it. */
  static final String NAME_HEADER = "X-Berth-Container-Name";
  static final String IMAGE_REGISTRY_HEADER = "X-Berth-Image-Registry";
  static final String IMAGE_REPOSITORY_HEADER = "X-Berth-Image-Repository";
  static final String IMAGE_DIGEST_HEADER = "X-Berth-Image-Digest";

  @Inject ContainerStreamRoutes streams;
  @Inject ServiceProxy proxy;

  void install(@Observes Router router) {
    router.head("/containers/:id/archive").handler(ctx -> toNode(ctx, "archive", 120_000));
    router.get("/containers/:id/archive").handler(ctx -> toNode(ctx, "archive", 0));
    router.put("/containers/:id/archive").handler(ctx -> toNode(ctx, "archive", 0));
    router.get("/containers/:id/export").handler(ctx -> toNode(ctx, "export", 0));
    router.get("/containers/:id/changes").handler(ctx -> toNode(ctx, "changes", 120_000));
    router.get("/containers/:id/top").handler(ctx -> toNode(ctx, "top", 120_000));
    router.get("/containers/:id/stats").handler(ctx -> toNode(ctx, "stats", 0));
    router.post("/containers/:id/resize").handler(ctx -> toNode(ctx, "resize", 30_000));
  }

  /** The node makes a never-started container's root from its image (docker cp, export). */
  private static void imageHeaders(RoutingContext ctx, ContainerLocator.Location location) {
    var headers = ctx.request().headers();
    headers.remove(IMAGE_REGISTRY_HEADER).remove(IMAGE_REPOSITORY_HEADER).remove(IMAGE_DIGEST_HEADER);
    if (location.imageRegistry() != null && location.repository() != null && location.imageDigest() != null) {
      headers.set(IMAGE_REGISTRY_HEADER, location.imageRegistry())
          .set(IMAGE_REPOSITORY_HEADER, location.repository())
          .set(IMAGE_DIGEST_HEADER, location.imageDigest());
    }
  }

  // Archives and stats streams take as long as they take: no idle deadline of ours (0).
  private void toNode(RoutingContext ctx, String verb, long idleMs) {
    // Held until the container is located: a PUT's body must wait for the upstream request.
    ctx.request().pause();
    String ref = ctx.pathParam("id");
    streams.located(ctx, location -> {
      if (location.nodeAddress() == null) {
        io.berth.gateway.api.DockerResponses.error(ctx, 409, "Container " + ref + " is not on any node");
        return;
      }
      ctx.request().headers().set(REF_HEADER, ref);
      imageHeaders(ctx, location);
      if (location.name() != null) {
        ctx.request().headers().set(NAME_HEADER, location.name());
      }
      if (idleMs == 0) {
        Hijack.noIdleTimeout(ctx.request());
      }
      proxy.forward(ctx, "node " + location.nodeId(), URI.create(location.nodeAddress()),
          "/containers/" + location.id() + "/" + verb, idleMs);
    });
  }
}
