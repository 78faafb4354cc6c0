package io.berth.gateway.webhook.dispatch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.db.DbSchema;
import io.berth.events.CloudEvent;
import io.berth.events.EventCodec;
import io.berth.gateway.webhook.delivery.DeliveryOutbox;
import io.berth.gateway.webhook.subscription.SubscriptionFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Matches a batch of facts against the active subscriptions and queues one delivery per match,
 * in one transaction with a fixed number of statements whatever the batch size: the facts' dedupe
 * rows (only facts seen for the first time are matched), the labels of objects whose facts carry
 * them, and the deliveries in the facts' order (their ids are the per-object order).
 */
@ApplicationScoped
public class FactDispatcher {

  /** A decoded fact and the time of its Kafka record (the CloudEvent time if it has none). */
  public record Fact(CloudEvent<?> event, Instant recordTime) {}

  private record Active(UUID id, SubscriptionFilter filter) {}

  private final Pool pool;
  private final DeliveryOutbox outbox;
  private final String dedupe;
  private final String selectActive;
  private final String upsertLabels;
  private final String selectLabels;

  public FactDispatcher(Pool pool, DeliveryOutbox outbox, DbSchema schema) {
    this.pool = pool;
    this.outbox = outbox;
    // The same dedupe rows as IdempotentConsumer's, for a whole batch at once.
    this.dedupe = "insert into " + schema.table("processed_event") + " (source, id)"
        + " select * from unnest($1::text[], $2::text[]) on conflict do nothing returning source, id";
    this.selectActive = "select id, event_types, labels from " + schema.table("webhook_subscription") + " where active";
    this.upsertLabels = "insert into " + schema.table("object_label") + " (object_id, labels)"
        + " select * from unnest($1::text[], $2::text[]) on conflict (object_id) do update set labels = excluded.labels";
    this.selectLabels = "select object_id, labels from " + schema.table("object_label") + " where object_id = any($1)";
  }

  /** Dispatches {@code facts} (in record order) in one transaction; the number of deliveries queued. */
  public Uni<Integer> dispatch(List<Fact> facts) {
    if (facts.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    return pool.withTransaction(conn -> firstSeen(conn, facts).chain(fresh -> fresh.isEmpty()
        ? Uni.createFrom().item(0)
        : active(conn).chain(active -> queue(conn, fresh, active))));
  }

  private Uni<List<Fact>> firstSeen(SqlConnection conn, List<Fact> facts) {
    String[] sources = new String[facts.size()];
    String[] ids = new String[facts.size()];
    for (int i = 0; i < facts.size(); i++) {
      sources[i] = facts.get(i).event().source();
      ids[i] = facts.get(i).event().id();
    }
    return conn.preparedQuery(dedupe).execute(Tuple.of(sources, ids)).map(rows -> {
      Set<String> inserted = new HashSet<>();
      for (Row r : rows) {
        inserted.add(key(r.getString("source"), r.getString("id")));
      }
      List<Fact> fresh = new ArrayList<>();
      for (Fact f : facts) {
        // remove: a fact that appears twice in the batch is matched once.
        if (inserted.remove(key(f.event().source(), f.event().id()))) {
          fresh.add(f);
        }
      }
      return fresh;
    });
  }

  private Uni<List<Active>> active(SqlConnection conn) {
    return conn.query(selectActive).execute().map(rows -> {
      List<Active> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Active(r.getUUID("id"), SubscriptionFilter.fromJson(r.getString("event_types"), r.getString("labels"))));
      }
      return out;
    });
  }

  private Uni<Integer> queue(SqlConnection conn, List<Fact> fresh, List<Active> active) {
    List<JsonNode> data = new ArrayList<>();
    Set<String> lookUp = new HashSet<>();
    for (Fact f : fresh) {
      JsonNode d = EventCodec.mapper().valueToTree(f.event().data());
      data.add(d);
      if (labels(d.get("labels")) == null && f.event().subject() != null
          && active.stream().anyMatch(a -> a.filter().hasLabels() && a.filter().matchesType(f.event().type()))) {
        lookUp.add(f.event().subject());
      }
    }
    return storedLabels(conn, lookUp).chain(stored -> {
      // Walk in order: a fact without labels sees those of the object's latest earlier fact.
      Map<String, String> latestJson = new LinkedHashMap<>();
      List<DeliveryOutbox.NewDelivery> deliveries = new ArrayList<>();
      for (int i = 0; i < fresh.size(); i++) {
        CloudEvent<?> event = fresh.get(i).event();
        JsonNode ownNode = data.get(i).get("labels");
        Map<String, String> own = labels(ownNode);
        if (own != null && event.subject() != null) {
          latestJson.put(event.subject(), ownNode.toString());
          stored.put(event.subject(), own);
        }
        Map<String, String> objectLabels = own != null || event.subject() == null ? own : stored.get(event.subject());
        String json = null;
        for (Active a : active) {
          if (a.filter().matchesType(event.type()) && a.filter().matchesLabels(objectLabels)) {
            if (json == null) {
              json = CloudEventJson.of(event, fresh.get(i).recordTime()).toString();
            }
            deliveries.add(new DeliveryOutbox.NewDelivery(a.id(), event.id(), event.type(), event.subject(), json));
          }
        }
      }
      Uni<Void> remember = latestJson.isEmpty() ? Uni.createFrom().voidItem()
          : conn.preparedQuery(upsertLabels).execute(Tuple.of(
              latestJson.keySet().toArray(new String[0]), latestJson.values().toArray(new String[0]))).replaceWithVoid();
      return remember.chain(() -> outbox.addAll(conn, deliveries));
    });
  }

  private Uni<Map<String, Map<String, String>>> storedLabels(SqlConnection conn, Set<String> objects) {
    if (objects.isEmpty()) {
      return Uni.createFrom().item(new HashMap<>());
    }
    return conn.preparedQuery(selectLabels).execute(Tuple.of(objects.toArray(new String[0]))).map(rows -> {
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

  private static String key(String source, String id) {
    return source + '\n' + id;
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
