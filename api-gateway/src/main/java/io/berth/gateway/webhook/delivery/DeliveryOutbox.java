package io.berth.gateway.webhook.delivery;

import io.berth.common.db.DbSchema;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Adds pending deliveries inside the caller's transaction (Hibernate Reactive for a test request,
 * a SQL connection for a batch of consumed facts and their dedupe rows), so they exist if and only
 * if that transaction commits; the caller then rings this process' worker ({@link #committed()}).
 */
@ApplicationScoped
public class DeliveryOutbox {
  /** A delivery to queue; {@code objectId} null for an event without subject. */
  public record NewDelivery(UUID subscription, String eventId, String type, String objectId, String eventJson) {}

  private final String insert;
  private final String insertMany;
  private final DeliveryWakeUp wakeUp;

  public DeliveryOutbox(DbSchema schema, DeliveryWakeUp wakeUp) {
    this.wakeUp = wakeUp;
    this.insert = "insert into " + schema.table("webhook_delivery")
        + " (subscription_id, event_id, event_type, object_id, event)"
        + " values (:subscription, :eventId, :type, :object, :event)"
        + " on conflict (subscription_id, event_id) do nothing";
    // One statement per batch; ids are drawn in array order, which is the per-object order.
    this.insertMany = "insert into " + schema.table("webhook_delivery")
        + " (subscription_id, event_id, event_type, object_id, event)"
        + " select s, e, t, o, j from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])"
        + " with ordinality as n(s, e, t, o, j, i) order by i"
        + " on conflict (subscription_id, event_id) do nothing";
  }

  /** Queues {@code eventJson} (structured CloudEvent) for {@code subscription}; 1 if new. */
  public Uni<Integer> add(UUID subscription, String eventId, String type, String objectId, String eventJson) {
    return Panache.getSession()
        .chain(session -> session.createNativeQuery(insert)
            .setParameter("subscription", subscription)
            .setParameter("eventId", eventId)
            .setParameter("type", type)
            .setParameter("object", objectId == null ? "" : objectId)
            .setParameter("event", eventJson)
            .executeUpdate());
  }

  /** Queues {@code deliveries} in order on {@code conn} (inside its transaction); how many are new. */
  public Uni<Integer> addAll(SqlConnection conn, List<NewDelivery> deliveries) {
    if (deliveries.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    int n = deliveries.size();
    UUID[] subscriptions = new UUID[n];
    String[] eventIds = new String[n];
    String[] types = new String[n];
    String[] objects = new String[n];
    String[] events = new String[n];
    for (int i = 0; i < n; i++) {
      NewDelivery d = deliveries.get(i);
      subscriptions[i] = d.subscription();
      eventIds[i] = d.eventId();
      types[i] = d.type();
      objects[i] = d.objectId() == null ? "" : d.objectId();
      events[i] = d.eventJson();
    }
    return conn.preparedQuery(insertMany)
        .execute(Tuple.of(subscriptions, eventIds, types, objects, events))
        .map(rows -> rows.rowCount());
  }

  /** Tells this process' worker to look soon (after the caller's commit). */
  public void committed() {
    wakeUp.wake();
  }
}
