package io.berth.gateway.audit;

import io.berth.gateway.access.Caller;
import io.berth.gateway.access.Denial;
import io.berth.gateway.api.DockerResponses;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Stands in for authentication in tests: a request with {@code X-Test-Caller: name} gets that
 * Caller (role from {@code X-Test-Role}), and one that also has {@code X-Test-Deny: reason} is
 * answered 403 with that Denial, as authorization would.
 */
@ApplicationScoped
public class TestCallers {

  void install(@Observes Router router) {
    router.route().order(-19_990).handler(ctx -> {
      String name = ctx.request().getHeader("X-Test-Caller");
      if (name != null) {
        new Caller("tok-" + name, name, ctx.request().getHeader("X-Test-Role"), "tcp", "198.51.100.7:4242")
            .attachTo(ctx);
        String deny = ctx.request().getHeader("X-Test-Deny");
        if (deny != null) {
          new Denial(403, deny).attachTo(ctx);
          DockerResponses.error(ctx, 403, deny);
          return;
        }
      }
      ctx.next();
    });
  }
}
