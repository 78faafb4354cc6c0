package io.berth.gateway.webhook.delivery;

import io.berth.common.db.DbSchema;
import io.berth.gateway.webhook.WebhookConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Adds pending deliveries inside the caller's transaction (Hibernate Reactive for a test request,
 * one statement with a batch of consumed facts' dedupe rows), so they exist if and only if that
 * transaction commits. A batch's deliveries that are first in line for their subscription
 * and object are claimed for this process in the same statement and handed to its worker after
 * the commit ({@link #committed(Queued)}): no claim round trip between a fact and its delivery.
 */
@ApplicationScoped
public class DeliveryOutbox {
  /**
   * A delivery to queue: of the event {@code source}/{@code eventId} to the subscription at
   * {@code url}; {@code objectId} null for an event without subject.
   */
  public record NewDelivery(UUID subscription, String source, String eventId, String type, String objectId,
      String eventJson, String url, String secret, boolean binary) {}

  /**
   * Writes made in the same statement as the deliveries, before them: data-modifying CTEs (after
   * {@code with}) on the parameters {@code $1..$n}, and a condition each delivery row {@code n}
   * must meet to be queued (its columns: {@code s} subscription, {@code src} and {@code e} the
   * event's source and id), e.g. that its event was seen for the first time.
   */
  public record Before(String ctes, List<Object> params, String condition) {}

  /**
   * What a batch queued: the deliveries claimed for this process (to send after the commit), and
   * whether others wait in the outbox for the worker's claim.
   */
  public record Queued(List<Delivery> claimed, boolean othersWait) {
    public static final Queued NONE = new Queued(List.of(), false);
  }

  private final String insert;
  private final String delivery;
  private final String subscription;
  private final DeliveryWakeUp wakeUp;
  private final DeliveryWorker worker;
  private final double leaseSeconds;

  public DeliveryOutbox(DbSchema schema, DeliveryWakeUp wakeUp, DeliveryWorker worker, WebhookConfig config) {
    this.wakeUp = wakeUp;
    this.worker = worker;
    this.leaseSeconds = config.lease().toMillis() / 1000.0;
    String d = schema.table("webhook_delivery");
    this.insert = "insert into " + d
        + " (subscription_id, event_id, event_type, object_id, event)"
        + " values (:subscription, :eventId, :type, :object, :event)"
        + " on conflict (subscription_id, event_id) do nothing";
    this.delivery = d;
    this.subscription = schema.table("webhook_subscription");
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

  /**
   * Queues {@code deliveries} in order, in one statement with {@code before}'s writes, and claims
   * the first of each subscription and object for this process as far as its worker has room.
   * One statement is one transaction: no round trips for begin and commit.
   */
  public Uni<Queued> addAll(SqlClient client, List<NewDelivery> deliveries, Before before) {
    int n = deliveries.size();
    UUID[] subscriptions = new UUID[n];
    String[] sources = new String[n];
    String[] eventIds = new String[n];
    String[] types = new String[n];
    String[] objects = new String[n];
    String[] events = new String[n];
    Boolean[] offered = new Boolean[n];
    int room = worker.handOverRoom();
    Set<String> lanes = new HashSet<>();
    Map<String, NewDelivery> byKey = new HashMap<>();
    for (int i = 0; i < n; i++) {
      NewDelivery d = deliveries.get(i);
      subscriptions[i] = d.subscription();
      sources[i] = d.source();
      eventIds[i] = d.eventId();
      types[i] = d.type();
      objects[i] = d.objectId() == null ? "" : d.objectId();
      events[i] = d.eventJson();
      // Only an object's first event in the batch: the next ones wait for it to be delivered.
      offered[i] = lanes.add(d.subscription() + "\n" + objects[i]) && room-- > 0;
      byKey.put(d.subscription() + "\n" + d.eventId(), d);
    }
    List<Object> params = new ArrayList<>(before.params());
    params.addAll(List.of(subscriptions, sources, eventIds, types, objects, events, offered, leaseSeconds));
    return client.preparedQuery(insertSql(before)).execute(Tuple.tuple(params)).map(rows -> {
      List<Delivery> claimed = new ArrayList<>();
      boolean othersWait = false;
      for (Row r : rows) {
        if (r.getInteger("attempts") == 0) {
          othersWait = true;
          continue;
        }
        NewDelivery d = byKey.get(r.getUUID("subscription_id") + "\n" + r.getString("event_id"));
        claimed.add(new Delivery(r.getLong("id"), d.subscription(), d.eventId(), d.eventJson(), 1,
            r.getOffsetDateTime("created_at").toInstant(), d.url(), d.secret(), d.binary()));
      }
      claimed.sort(Comparator.comparingLong(Delivery::id));
      return new Queued(claimed, othersWait);
    });
  }

  /**
   * Ids are drawn in array order, which is the per-object order. A row offered for claiming is
   * claimed (attempt 1, leased as the worker's claim does) unless an earlier delivery of its
   * subscription and object is still pending; a subscription deleted or disabled meanwhile gets
   * nothing.
   */
  private String insertSql(Before before) {
    int p = before.params().size();
    return "with " + before.ctes()
        + " insert into " + delivery + " (subscription_id, event_id, event_type, object_id, event, attempts, next_attempt_at)"
        + " select n.s, n.e, n.t, n.o, n.j, case when c.mine then 1 else 0 end,"
        + " case when c.mine then now() + make_interval(secs => $" + (p + 8) + ") else now() end"
        + " from unnest($" + (p + 1) + "::uuid[], $" + (p + 2) + "::text[], $" + (p + 3) + "::text[], $" + (p + 4)
        + "::text[], $" + (p + 5) + "::text[], $" + (p + 6) + "::text[], $" + (p + 7) + "::boolean[])"
        + " with ordinality as n(s, src, e, t, o, j, offered, i)"
        + " cross join lateral (select n.offered and not exists (select 1 from " + delivery + " x"
        + " where x.subscription_id = n.s and x.object_id = n.o and x.state = 'pending') as mine) c"
        + " where " + before.condition()
        + " and exists (select 1 from " + subscription + " w where w.id = n.s and w.active)"
        + " order by n.i"
        + " on conflict (subscription_id, event_id) do nothing"
        + " returning id, subscription_id, event_id, attempts, created_at";
  }

  /** After the commit of {@link #addAll}: sends what it claimed and has the worker claim the rest. */
  public void committed(Queued queued) {
    worker.send(queued.claimed());
    if (queued.othersWait()) {
      wakeUp.wake();
    }
  }

  /** After the commit of {@link #add}: has this process' worker look soon. */
  public void committed() {
    wakeUp.wake();
  }
}
