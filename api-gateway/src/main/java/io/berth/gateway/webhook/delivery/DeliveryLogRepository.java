package io.berth.gateway.webhook.delivery;

import io.berth.common.db.DbSchema;
import io.berth.common.error.NotFoundException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads a subscription's delivery log and puts deliveries back in the queue on request. */
@ApplicationScoped
public class DeliveryLogRepository {

  private final Pool pool;
  private final String exists;
  private final String deliveries;
  private final String attempts;
  private final String redeliverOne;
  private final String redeliverRange;

  public DeliveryLogRepository(Pool pool, DbSchema schema) {
    this.pool = pool;
    String d = schema.table("webhook_delivery");
    this.exists = "select 1 from " + schema.table("webhook_subscription") + " where id = $1";
    this.deliveries = "select id, event_id, event_type, object_id, state, attempts, next_attempt_at, created_at,"
        + " finished_at from " + d + " where subscription_id = $1 order by id desc limit $2";
    this.attempts = "select delivery_id, attempted_at, http_status, latency_ms, response_snippet, error from "
        + schema.table("webhook_attempt") + " where delivery_id = any($1) order by id";
    // Back to pending and due now; its id keeps its place in the object's order.
    String requeue = "update " + d + " set state = 'pending', next_attempt_at = now(), finished_at = null"
        + " where subscription_id = $1 and state <> 'pending'";
    this.redeliverOne = requeue + " and id = $2";
    this.redeliverRange = requeue + " and created_at >= $2 and created_at < $3";
  }

  /** The newest {@code limit} deliveries, each with its attempts. */
  public Uni<List<DeliveryView>> list(UUID subscription, int limit) {
    return requireSubscription(subscription)
        .chain(() -> pool.preparedQuery(deliveries).execute(Tuple.of(subscription, limit)))
        .chain(rows -> {
          Map<Long, DeliveryView> views = new LinkedHashMap<>();
          for (Row r : rows) {
            views.put(r.getLong("id"), new DeliveryView(r.getLong("id"), r.getString("event_id"),
                r.getString("event_type"), r.getString("object_id"), r.getString("state"), r.getInteger("attempts"),
                instant(r.getOffsetDateTime("next_attempt_at")), instant(r.getOffsetDateTime("created_at")),
                instant(r.getOffsetDateTime("finished_at")), new ArrayList<>()));
          }
          if (views.isEmpty()) {
            return Uni.createFrom().item(List.<DeliveryView>of());
          }
          return pool.preparedQuery(attempts).execute(Tuple.of(views.keySet().toArray(new Long[0])))
              .map(attemptRows -> {
                for (Row r : attemptRows) {
                  views.get(r.getLong("delivery_id")).attempts().add(new Attempt(
                      instant(r.getOffsetDateTime("attempted_at")), r.getInteger("http_status"),
                      r.getInteger("latency_ms"), r.getString("response_snippet"), r.getString("error")));
                }
                return List.copyOf(views.values());
              });
        });
  }

  /** Requeues one finished delivery; false if it does not exist or is still pending. */
  public Uni<Boolean> redeliver(UUID subscription, long deliveryId) {
    return requireSubscription(subscription)
        .chain(() -> pool.preparedQuery(redeliverOne).execute(Tuple.of(subscription, deliveryId)))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Requeues every finished delivery created in [since, until); how many. */
  public Uni<Integer> redeliver(UUID subscription, Instant since, Instant until) {
    return requireSubscription(subscription)
        .chain(() -> pool.preparedQuery(redeliverRange)
            .execute(Tuple.of(subscription, since.atOffset(ZoneOffset.UTC), until.atOffset(ZoneOffset.UTC))))
        .map(rows -> rows.rowCount());
  }

  private Uni<Void> requireSubscription(UUID id) {
    return pool.preparedQuery(exists).execute(Tuple.of(id))
        .invoke(rows -> {
          if (rows.size() == 0) {
            throw new NotFoundException("No such webhook: " + id);
          }
        })
        .replaceWithVoid();
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
