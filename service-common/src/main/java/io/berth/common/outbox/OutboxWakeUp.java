package io.berth.common.outbox;

import io.berth.common.db.DbSchema;
import io.berth.common.db.DirectConnections;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Decides when {@link OutboxRelay} runs: at start-up (rows left unsent by a previous run), on
 * every PostgreSQL NOTIFY from the outbox trigger (sent when an inserting transaction commits, so
 * an event typically leaves within milliseconds of its commit), and on a periodic sweep that
 * covers a lost notification or a failed publish.
 */
@ApplicationScoped
public class OutboxWakeUp {
  private static final Logger LOG = Logger.getLogger(OutboxWakeUp.class);

  private final OutboxRelay relay;
  private final Vertx vertx;
  private final String channel;
  private final boolean enabled;
  private final long sweepMillis;
  private final DirectConnections connections;
  private PgSubscriber subscriber;
  private long timer = -1;

  public OutboxWakeUp(
      OutboxRelay relay,
      Vertx vertx,
      DbSchema schema,
      @ConfigProperty(name = "berth.outbox.relay.enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "berth.outbox.sweep-interval-ms", defaultValue = "1000") long sweepMillis,
      DirectConnections connections) {
    this.relay = relay;
    this.vertx = vertx;
    this.channel = "berth_outbox_" + schema.name();
    this.enabled = enabled;
    this.sweepMillis = sweepMillis;
    this.connections = connections;
  }

  // After the messaging channels are wired (their start-up observers run first).
  void start(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 500) StartupEvent event) {
    if (!enabled) {
      LOG.info("outbox relay disabled (berth.outbox.relay.enabled=false)");
      return;
    }
    subscriber = PgSubscriber.subscriber(vertx, connections.options()).reconnectPolicy(retries -> 1000L);
    subscriber.channel(channel).handler(payload -> relay.wakeUp());
    subscriber
        .connect()
        .onComplete(ar -> {
          if (ar.failed()) {
            LOG.warnf(ar.cause(), "cannot LISTEN on %s; the outbox relies on its %d ms sweep",
                channel, sweepMillis);
          }
          relay.wakeUp();
        });
    timer = vertx.setPeriodic(sweepMillis, id -> relay.wakeUp());
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (subscriber != null) {
      subscriber.close();
    }
    relay.close();
  }
}
