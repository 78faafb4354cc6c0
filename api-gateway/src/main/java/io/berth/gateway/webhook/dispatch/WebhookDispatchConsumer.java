package io.berth.gateway.webhook.dispatch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.db.DbSchema;
import io.berth.common.inbox.IdempotentConsumer;
import io.berth.events.CloudEvent;
import io.berth.events.EventCodec;
import io.berth.gateway.webhook.delivery.DeliveryOutbox;
import io.berth.gateway.webhook.subscription.SubscriptionFilter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Matches every fact on the history topics against the active subscriptions and queues one
 * delivery per match. The deliveries, the fact's dedupe row and (for facts that carry labels)
 * the object's labels are written in one transaction; the Kafka offset is committed only after
 * it: a crash in between replays the fact, and the dedupe row makes the replay a no-op.
 */
@ApplicationScoped
public class WebhookDispatchConsumer {

  /** Channel reading every fact topic (Topics.HISTORY). */
  public static final String CHANNEL = "webhook-facts";

  private record Active(UUID id, SubscriptionFilter filter) {}

  private final IdempotentConsumer idempotent;
  private final DeliveryOutbox deliveries;
  private final String selectActive;
  private final String upsertLabels;
  private final String selectLabels;

  public WebhookDispatchConsumer(IdempotentConsumer idempotent, DeliveryOutbox deliveries, DbSchema schema) {
    this.idempotent = idempotent;
    this.deliveries = deliveries;
    this.selectActive = "select id, event_types, labels from " + schema.table("webhook_subscription")
        + " where active";
    this.upsertLabels = "insert into " + schema.table("object_label") + " (object_id, labels)"
        + " values (:id, :labels) on conflict (object_id) do update set labels = excluded.labels";
    this.selectLabels = "select labels from " + schema.table("object_label") + " where object_id = :id";
  }

  @Incoming(CHANNEL)
  public Uni<Void> onFact(ConsumerRecord<String, byte[]> record) {
    Instant recordTime = Instant.ofEpochMilli(record.timestamp());
    return idempotent.consume(record, event -> dispatch(event, recordTime))
        .invoke(deliveries::committed);
  }

  private Uni<Void> dispatch(CloudEvent<?> event, Instant recordTime) {
    JsonNode data = EventCodec.mapper().valueToTree(event.data());
    Map<String, String> ownLabels = labels(data.get("labels"));
    Uni<Void> remember = ownLabels != null && event.subject() != null
        ? Panache.getSession().chain(s -> s.createNativeQuery(upsertLabels)
            .setParameter("id", event.subject())
            .setParameter("labels", data.get("labels").toString())
            .executeUpdate()).replaceWithVoid()
        : Uni.createFrom().voidItem();
    return remember.chain(() -> activeFor(event.type())).chain(matching -> {
      if (matching.isEmpty()) {
        return Uni.createFrom().voidItem();
      }
      boolean needLabels = ownLabels == null && event.subject() != null
          && matching.stream().anyMatch(a -> a.filter().hasLabels());
      Uni<Map<String, String>> labels = needLabels ? storedLabels(event.subject()) : Uni.createFrom().item(ownLabels);
      return labels.chain(objectLabels -> {
        String json = CloudEventJson.of(event, recordTime).toString();
        List<Uni<Integer>> inserts = new ArrayList<>();
        for (Active a : matching) {
          if (a.filter().matchesLabels(objectLabels)) {
            inserts.add(deliveries.add(a.id(), event.id(), event.type(), event.subject(), json));
          }
        }
        // One session: the inserts must run one after the other.
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Uni<Integer> insert : inserts) {
          chain = chain.chain(() -> insert).replaceWithVoid();
        }
        return chain;
      });
    });
  }

  private Uni<List<Active>> activeFor(String type) {
    return Panache.getSession()
        .chain(s -> s.createNativeQuery(selectActive, Object[].class).getResultList())
        .map(rows -> {
          List<Active> matching = new ArrayList<>();
          for (Object[] row : rows) {
            SubscriptionFilter filter = SubscriptionFilter.fromJson((String) row[1], (String) row[2]);
            if (filter.matchesType(type)) {
              matching.add(new Active((UUID) row[0], filter));
            }
          }
          return matching;
        });
  }

  private Uni<Map<String, String>> storedLabels(String objectId) {
    return Panache.getSession()
        .chain(s -> s.createNativeQuery(selectLabels, String.class).setParameter("id", objectId).getResultList())
        .map(rows -> rows.isEmpty() ? null : labels(parse(rows.get(0))));
  }

  private static JsonNode parse(String json) {
    try {
      return EventCodec.mapper().readTree(json);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static Map<String, String> labels(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    return EventCodec.mapper().convertValue(node, new TypeReference<Map<String, String>>() {});
  }
}
