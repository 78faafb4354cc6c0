package io.berth.container.container;

import io.berth.common.db.DbSchema;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes tombstones older than their time to live, on a timer. A removal used to sweep them
 * itself, one more statement in the transaction of every {@code docker rm} and {@code --rm}; late
 * waiters only need a tombstone for a while, so a periodic sweep is as good and off the path.
 */
@ApplicationScoped
public class TombstoneSweeper {
  private static final Logger LOG = Logger.getLogger(TombstoneSweeper.class);

  private final Pool pool;
  private final Vertx vertx;
  private final Duration ttl;
  private final Duration interval;
  private final String sweep;
  private long timer = -1;

  public TombstoneSweeper(
      Pool pool, Vertx vertx, DbSchema schema,
      @ConfigProperty(name = "berth.container.tombstone-ttl", defaultValue = "PT1H") Duration ttl,
      @ConfigProperty(name = "berth.container.tombstone-sweep-interval", defaultValue = "PT5M") Duration interval) {
    this.pool = pool;
    this.vertx = vertx;
    this.ttl = ttl;
    this.interval = interval;
    this.sweep = "delete from " + schema.table("tombstones") + " where removed_at < $1";
  }

  void start(@Observes StartupEvent event) {
    timer = vertx.setPeriodic(interval.toMillis(), id -> sweep().subscribe().with(
        n -> LOG.debugf("%d tombstones swept", n),
        e -> LOG.warnf("tombstone sweep failed, next try in %s: %s", interval, e.toString())));
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Deletes the tombstones older than the time to live; how many. */
  public Uni<Integer> sweep() {
    return pool.preparedQuery(sweep).execute(Tuple.of(Instant.now().minus(ttl).atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.rowCount());
  }
}
