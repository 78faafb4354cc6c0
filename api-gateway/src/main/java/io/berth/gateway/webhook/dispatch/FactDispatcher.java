package io.berth.gateway.webhook.dispatch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.db.DbSchema;
import io.berth.common.inbox.IdempotentBatchConsumer;
import io.berth.common.inbox.IdempotentBatchConsumer.Fact;
import io.berth.events.CloudEvent;
import io.berth.events.EventCodec;
import io.berth.gateway.webhook.delivery.DeliveryOutbox;
import io.berth.gateway.webhook.subscription.ActiveSubscriptions;
import io.berth.gateway.webhook.subscription.ActiveSubscriptions.Active;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a batch of facts against the active subscriptions and queues one delivery per match in
 * one statement whatever the batch size: the facts' dedupe rows (only facts seen for the first
 * time are queued), the labels of objects whose facts carry them, and the deliveries in the facts'
 * order (their ids are the per-object order).
 */
@ApplicationScoped
public class FactDispatcher {

  private final IdempotentBatchConsumer consumer;
  private final ActiveSubscriptions subscriptions;
  private final DeliveryOutbox outbox;
  private final Pool pool;
  private final String upsertLabels;
  private final String selectLabels;

  public FactDispatcher(IdempotentBatchConsumer consumer, ActiveSubscriptions subscriptions, DeliveryOutbox outbox,
      Pool pool, DbSchema schema) {
    this.consumer = consumer;
    this.subscriptions = subscriptions;
    this.outbox = outbox;
    this.pool = pool;
    // Labels are remembered only from facts seen for the first time: a replayed old fact must not
    // put back labels a later fact replaced.
    this.upsertLabels = "labelled as (insert into " + schema.table("object_label") + " (object_id, labels)"
        + " select u.o, u.l from unnest($3::text[], $4::text[], $5::text[], $6::text[]) as u(o, l, src, e)"
        + " where exists (select 1 from fresh f where f.source = u.src and f.id = u.e)"
        + " on conflict (object_id) do update set labels = excluded.labels)";
    this.selectLabels = "select object_id, labels from " + schema.table("object_label") + " where object_id = any($1)";
  }

  /**
   * Queues the deliveries of {@code facts} (in record order; those seen before are skipped in the
   * statement) in one statement; what it queued, for
   * {@link DeliveryOutbox#committed(DeliveryOutbox.Queued)}.
   */
  public Uni<DeliveryOutbox.Queued> dispatch(List<Fact> facts) {
    return subscriptions.get().chain(active -> queue(facts, active));
  }

  private Uni<DeliveryOutbox.Queued> queue(List<Fact> facts, List<Active> active) {
    List<JsonNode> data = new ArrayList<>();
    Set<String> lookUp = new HashSet<>();
    for (Fact f : facts) {
      JsonNode d = EventCodec.mapper().valueToTree(f.event().data());
      data.add(d);
      if (labels(d.get("labels")) == null && f.event().subject() != null
          && active.stream().anyMatch(a -> a.filter().hasLabels() && a.filter().matchesType(f.event().type()))) {
        lookUp.add(f.event().subject());
      }
    }
    return storedLabels(lookUp).chain(stored -> {
      // Walk in order: a fact without labels sees those of the object's latest earlier fact.
      Map<String, Integer> latest = new LinkedHashMap<>();
      List<DeliveryOutbox.NewDelivery> deliveries = new ArrayList<>();
      for (int i = 0; i < facts.size(); i++) {
        CloudEvent<?> event = facts.get(i).event();
        JsonNode ownNode = data.get(i).get("labels");
        Map<String, String> own = labels(ownNode);
        if (own != null && event.subject() != null) {
          latest.put(event.subject(), i);
          stored.put(event.subject(), own);
        }
        Map<String, String> objectLabels = own != null || event.subject() == null ? own : stored.get(event.subject());
        String json = null;
        for (Active a : active) {
          if (a.filter().matchesType(event.type()) && a.filter().matchesLabels(objectLabels)) {
            if (json == null) {
              json = CloudEventJson.of(event, facts.get(i).recordTime()).toString();
            }
            deliveries.add(new DeliveryOutbox.NewDelivery(a.id(), event.source(), event.id(), event.type(), event.subject(), json,
                a.url(), a.secret(), a.binary()));
          }
        }
      }
      if (deliveries.isEmpty() && latest.isEmpty()) {
        // Nothing to queue or remember: no dedupe rows needed either.
        return Uni.createFrom().item(DeliveryOutbox.Queued.NONE);
      }
      List<Object> params = List.of(IdempotentBatchConsumer.sources(facts), IdempotentBatchConsumer.ids(facts),
          latest.keySet().toArray(new String[0]),
          latest.values().stream().map(i -> data.get(i).get("labels").toString()).toArray(String[]::new),
          latest.values().stream().map(i -> facts.get(i).event().source()).toArray(String[]::new),
          latest.values().stream().map(i -> facts.get(i).event().id()).toArray(String[]::new));
      return outbox.addAll(pool, deliveries, new DeliveryOutbox.Before(
          "fresh as (" + consumer.firstSeenCte() + "), " + upsertLabels, params,
          "exists (select 1 from fresh f where f.source = n.src and f.id = n.e)"));
    });
  }

  private Uni<Map<String, Map<String, String>>> storedLabels(Set<String> objects) {
    if (objects.isEmpty()) {
      return Uni.createFrom().item(new HashMap<>());
    }
    return pool.preparedQuery(selectLabels).execute(Tuple.of(objects.toArray(new String[0]))).map(rows -> {
      Map<String, Map<String, String>> out = new HashMap<>();
      for (Row r : rows) {
        Map<String, String> l = labels(parse(r.getString("labels")));
        if (l != null) {
          out.put(r.getString("object_id"), l);
        }
      }
      return out;
    });
  }

  private static JsonNode parse(String json) {
    try {
      return EventCodec.mapper().readTree(json);
    } catch (IOException e) {
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
