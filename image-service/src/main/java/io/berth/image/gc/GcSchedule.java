package io.berth.image.gc;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Runs a collection every {@code berth.registry.gc-interval} (default hourly; zero turns it off). */
@ApplicationScoped
public class GcSchedule {
  private static final Logger LOG = Logger.getLogger(GcSchedule.class);

  void start(@Observes StartupEvent start, Vertx vertx, BlobCollector collector,
      @ConfigProperty(name = "berth.registry.gc-interval", defaultValue = "PT1H") Duration interval) {
    if (interval.isZero() || interval.isNegative()) {
      return;
    }
    vertx.setPeriodic(interval.toMillis(), id -> vertx.executeBlocking(() -> collector.collect(), false)
        .onFailure(e -> LOG.warnf(e, "garbage collection failed")));
  }
}
