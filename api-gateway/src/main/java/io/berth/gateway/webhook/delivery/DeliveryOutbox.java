package io.berth.gateway.webhook.delivery;

import io.berth.common.db.DbSchema;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Adds pending deliveries inside the caller's Hibernate Reactive transaction, so they exist if
 * and only if that transaction (the consumed fact's dedupe row, or a test request) commits. The
 * table trigger then wakes every delivery worker.
 */
@ApplicationScoped
public class DeliveryOutbox {
  private final String insert;
  private final DeliveryWakeUp wakeUp;

  public DeliveryOutbox(DbSchema schema, DeliveryWakeUp wakeUp) {
    this.wakeUp = wakeUp;
    this.insert = "insert into " + schema.table("webhook_delivery")
        + " (subscription_id, event_id, event_type, object_id, event)"
        + " values (:subscription, :eventId, :type, :object, :event)"
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

  /** Tells this process' worker to look soon (after the caller's commit). */
  public void committed() {
    wakeUp.wake();
  }
}
