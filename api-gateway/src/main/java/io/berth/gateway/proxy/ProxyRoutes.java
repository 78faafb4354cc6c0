package io.berth.gateway.proxy;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.function.Supplier;

/**
 * The Docker API paths served by container-service, image-service and network-service under the same paths and
 * JSON shapes: the gateway only forwards them (after the /vX.Y prefix was stripped).
 */
@ApplicationScoped
public class ProxyRoutes {

  /** Plain calls: a service silent this long is broken. */
  public static final long DEFAULT_IDLE_MS = 120_000;

  /** stop, restart, kill, rm -f, pulls and pushes wait for the work to happen: no deadline of ours. */
  static final long NO_TIMEOUT = 0;

  @Inject ServiceProxy proxy;
  @Inject Upstreams upstreams;

  void install(@Observes Router router) {
    Supplier<URI> containers = upstreams::containerService;
    Supplier<URI> images = upstreams::imageService;
    String cs = Upstreams.CONTAINER_SERVICE;
    String is = Upstreams.IMAGE_SERVICE;
    Supplier<URI> networks = upstreams::networkService;
    String ns = Upstreams.NETWORK_SERVICE;

    // POST /containers/create: io.berth.gateway.stream.LocationLearning (it learns where the new
    // container is while the answer goes out).
    router.get("/containers/json").handler(ctx -> to(ctx, cs, containers, DEFAULT_IDLE_MS));
    router.get("/containers/:id/json").handler(ctx -> to(ctx, cs, containers, DEFAULT_IDLE_MS));
    router.post("/containers/:id/start").handler(ctx -> to(ctx, cs, containers, DEFAULT_IDLE_MS));
    router.post("/containers/:id/rename").handler(ctx -> to(ctx, cs, containers, DEFAULT_IDLE_MS));
    for (String verb : new String[] {"pause", "unpause", "update"}) {
      router.post("/containers/:id/" + verb).handler(ctx -> to(ctx, cs, containers, DEFAULT_IDLE_MS));
    }
    for (String waiting : new String[] {"stop", "kill", "restart"}) {
      router.post("/containers/:id/" + waiting).handler(ctx -> to(ctx, cs, containers, NO_TIMEOUT));
    }
    router.delete("/containers/:id").handler(ctx -> to(ctx, cs, containers, NO_TIMEOUT));

    // Volumes are container-service's (records); their data is on the nodes.
    router.post("/volumes/create").handler(ctx -> to(ctx, cs, containers, DEFAULT_IDLE_MS));
    router.post("/volumes/prune").handler(ctx -> to(ctx, cs, containers, DEFAULT_IDLE_MS));
    router.get("/volumes").handler(ctx -> to(ctx, cs, containers, DEFAULT_IDLE_MS));
    router.get("/volumes/:name").handler(ctx -> to(ctx, cs, containers, DEFAULT_IDLE_MS));
    router.delete("/volumes/:name").handler(ctx -> to(ctx, cs, containers, DEFAULT_IDLE_MS));

    router.post("/images/create").handler(ctx -> to(ctx, is, images, NO_TIMEOUT));
    router.get("/images/json").handler(ctx -> to(ctx, is, images, DEFAULT_IDLE_MS));
    router.post("/images/prune").handler(ctx -> to(ctx, is, images, NO_TIMEOUT));
    router.get("/images/search").handler(ctx -> to(ctx, is, images, DEFAULT_IDLE_MS));
    // docker login: image-service checks the credentials against the registry.
    router.post("/auth").handler(ctx -> to(ctx, is, images, DEFAULT_IDLE_MS));
    // Image names contain '/' and ':' (localhost:5050/team/app:1.0): match the rest of the path.
    router.getWithRegex("^/images/(.+)/json$").handler(ctx -> to(ctx, is, images, DEFAULT_IDLE_MS));
    // save and load stream whole images: no deadline of ours.
    router.get("/images/get").handler(ctx -> to(ctx, is, images, NO_TIMEOUT));
    router.getWithRegex("^/images/(.+)/get$").handler(ctx -> to(ctx, is, images, NO_TIMEOUT));
    router.post("/images/load").handler(ctx -> to(ctx, is, images, NO_TIMEOUT));
    // docker commit archives a whole writable layer: no deadline of ours either.
    router.post("/commit").handler(ctx -> to(ctx, is, images, NO_TIMEOUT));
    // docker build (legacy builder): the context streams in, the steps' messages stream out for as
    // long as the build runs.
    router.post("/build").handler(ctx -> to(ctx, is, images, NO_TIMEOUT));
    router.post("/build/prune").handler(ctx -> to(ctx, is, images, NO_TIMEOUT));
    router.getWithRegex("^/images/(.+)/history$").handler(ctx -> to(ctx, is, images, DEFAULT_IDLE_MS));
    router.postWithRegex("^/images/(.+)/tag$").handler(ctx -> to(ctx, is, images, DEFAULT_IDLE_MS));
    // A push streams progress for as long as the upload takes, like a pull (/images/create).
    router.postWithRegex("^/images/(.+)/push$").handler(ctx -> to(ctx, is, images, NO_TIMEOUT));
    router.deleteWithRegex("^/images/(.+)$").handler(ctx -> to(ctx, is, images, NO_TIMEOUT));

    router.get("/networks").handler(ctx -> to(ctx, ns, networks, DEFAULT_IDLE_MS));
    router.post("/networks/create").handler(ctx -> to(ctx, ns, networks, DEFAULT_IDLE_MS));
    router.post("/networks/prune").handler(ctx -> to(ctx, ns, networks, DEFAULT_IDLE_MS));
    router.get("/networks/:id").handler(ctx -> to(ctx, ns, networks, DEFAULT_IDLE_MS));
    router.delete("/networks/:id").handler(ctx -> to(ctx, ns, networks, DEFAULT_IDLE_MS));
    router.post("/networks/:id/connect").handler(ctx -> to(ctx, ns, networks, DEFAULT_IDLE_MS));
    router.post("/networks/:id/disconnect").handler(ctx -> to(ctx, ns, networks, DEFAULT_IDLE_MS));
  }

  private void to(RoutingContext ctx, String service, Supplier<URI> base, long idleMs) {
    proxy.forward(ctx, service, base.get(), ctx.request().path(), idleMs);
  }
}
