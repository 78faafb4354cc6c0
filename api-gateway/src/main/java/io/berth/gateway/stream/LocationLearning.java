package io.berth.gateway.stream;

import io.berth.gateway.proxy.ProxyRoutes;
import io.berth.gateway.proxy.ServiceProxy;
import io.berth.gateway.proxy.Upstreams;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the calls through this gateway tell {@link LocationCache}: where a container just created
 * is (container-service's answer says so; docker run attaches to it next), and a call that may
 * start, move, rename or remove a container makes the cache forget it before the call goes on.
 */
@ApplicationScoped
public class LocationLearning {

  /** After authentication (-19 990): a denied call changes nothing. */
  static final int ORDER = -19_980;

  /** container-service's create answer carries the location in this (internal) header. */
  static final String LOCATION_HEADER = "X-Berth-Location";

  /** Calls on a container that change neither its node, nor its name, nor whether it exists. */
  private static final Set<String> KEEPING = Set.of("attach", "wait", "resize");
  private static final Pattern CONTAINER_CALL = Pattern.compile("^/containers/([^/]+)(?:/([^/]+))?/?$");

  @Inject LocationCache cache;
  @Inject ServiceProxy proxy;
  @Inject Upstreams upstreams;

  void install(@Observes Router router) {
    router.route().order(ORDER).handler(this::watch);
    router.post("/containers/create").handler(this::create);
  }

  private void watch(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      Matcher call = CONTAINER_CALL.matcher(ctx.normalizedPath());
      if (call.matches()) {
        changing(call.group(1), call.group(2));
      }
    }
    ctx.next();
  }

  private void changing(String ref, String verb) {
    if (verb == null) {
      if (ref.equals("prune")) {
        cache.forgetAll();
      } else if (!ref.equals("create")) {
        cache.forget(ref); // DELETE /containers/{ref}
      }
    } else if (!KEEPING.contains(verb)) {
      cache.forget(ref);
    }
  }

  private void create(RoutingContext ctx) {
    proxy.forwardWhole(ctx, Upstreams.CONTAINER_SERVICE, upstreams.containerService(),
        ctx.request().path(), ProxyRoutes.DEFAULT_IDLE_MS, (status, headers, body) -> {
          if (status == 201) {
            // container-service says where the container is; an older one does not: ask at once.
            String location = headers.get(LOCATION_HEADER);
            if (location == null || !cache.learned(id(body), location)) {
              cache.prefetch(id(body));
            }
          }
        });
  }

  static String id(Buffer body) {
    try {
      return body.toJsonObject().getString("Id");
    } catch (RuntimeException notJson) {
      return null;
    }
  }
}
