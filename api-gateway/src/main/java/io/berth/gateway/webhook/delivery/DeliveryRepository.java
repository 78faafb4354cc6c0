package io.berth.gateway.webhook.delivery;

import io.berth.common.db.DbSchema;
import io.berth.gateway.webhook.subscription.SubscriptionService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The delivery outbox as the worker sees it: claims due deliveries (the oldest pending one per
 * subscription and object only, which keeps each object's events in order), and records attempts.
 */
@ApplicationScoped
public class DeliveryRepository {

  /** A subscription's failure record after an attempt was recorded. */
  public record Failing(UUID subscriptionId, String url, int failedAttempts, Instant failingSince, boolean active) {}

  private final Pool pool;
  private final String claim;
  private final String delivered;
  private final String retryOrFail;
  private final String insertAttempts;
  private final String healthy;
  private final String failing;

  public DeliveryRepository(Pool pool, DbSchema schema) {
    this.pool = pool;
    String d = schema.table("webhook_delivery");
    String s = schema.table("webhook_subscription");
    // The lease (next_attempt_at pushed ahead) keeps other replicas off a delivery being sent.
    this.claim = "with due as (select d.id from " + d + " d join " + s + " s on s.id = d.subscription_id"
        + " where d.state = 'pending' and d.next_attempt_at <= now()"
        + " and (s.active or d.event_type = '" + SubscriptionService.PING_TYPE + "')"
        + " and not exists (select 1 from " + d + " e where e.subscription_id = d.subscription_id"
        + " and e.object_id = d.object_id and e.state = 'pending' and e.id < d.id)"
        + " order by d.id limit $1 for update of d skip locked)"
        + " update " + d + " x set next_attempt_at = now() + make_interval(secs => $2), attempts = x.attempts + 1"
        + " from due, " + s + " s where x.id = due.id and s.id = x.subscription_id"
        + " returning x.id, x.subscription_id, x.event_id, x.event, x.attempts, x.created_at, s.url, s.secret, s.binary_mode";
    // One statement each per recorded round, whatever its size (arrays unnested server-side).
    this.delivered = "update " + d + " set state = 'delivered', finished_at = now() where id = any($1)";
    this.retryOrFail = "update " + d + " x set next_attempt_at = u.at,"
        + " state = case when u.give_up then 'failed' else x.state end,"
        + " finished_at = case when u.give_up then u.at else x.finished_at end"
        + " from unnest($1::bigint[], $2::timestamptz[], $3::boolean[]) as u(id, at, give_up) where x.id = u.id";
    // Joined to the deliveries: one whose subscription was deleted meanwhile (cascade) is skipped
    // instead of failing the whole round on the foreign key.
    this.insertAttempts = "insert into " + schema.table("webhook_attempt")
        + " (delivery_id, attempted_at, http_status, latency_ms, response_snippet, error)"
        + " select u.id, u.at, u.status, u.latency, u.snippet, u.error from unnest($1::bigint[], $2::timestamptz[],"
        + " $3::integer[], $4::integer[], $5::text[], $6::text[]) with ordinality as u(id, at, status, latency, snippet, error, n)"
        + " join " + d + " x on x.id = u.id order by u.n";
    this.healthy = "update " + s + " set failed_attempts = 0, failing_since = null where id = any($1) and failed_attempts > 0";
    this.failing = "update " + s + " x set failed_attempts = x.failed_attempts + u.n,"
        + " failing_since = coalesce(x.failing_since, u.since)"
        + " from unnest($1::uuid[], $2::integer[], $3::timestamptz[]) as u(id, n, since) where x.id = u.id"
        + " returning x.id, x.url, x.failed_attempts, x.failing_since, x.active";
  }

  /** Claims up to {@code limit} due deliveries for {@code lease}, oldest first. */
  public Uni<List<Delivery>> claim(int limit, Duration lease) {
    return pool.withTransaction(conn -> conn.preparedQuery(claim)
        .execute(Tuple.of(limit, lease.toMillis() / 1000.0))
        .map(rows -> {
          List<Delivery> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Delivery(r.getLong("id"), r.getUUID("subscription_id"), r.getString("event_id"),
                r.getString("event"), r.getInteger("attempts"), r.getOffsetDateTime("created_at").toInstant(),
                r.getString("url"), r.getString("secret"), r.getBoolean("binary_mode")));
          }
          out.sort((a, b) -> Long.compare(a.id(), b.id()));
          return out;
        }));
  }

  /**
   * Records the attempts of one round in one transaction of five statements at most; a failed
   * delivery is retried at its next backoff unless it is past {@code retryFor}, then it is failed.
   * Answers the subscriptions now failing (one entry per subscription with failures).
   */
  public Uni<List<Failing>> record(List<Delivery> deliveries, List<Attempt> attempts, RetryPolicy policy, Duration retryFor) {
    int n = deliveries.size();
    Long[] ids = new Long[n];
    OffsetDateTime[] attemptedAt = new OffsetDateTime[n];
    Integer[] statuses = new Integer[n];
    Integer[] latencies = new Integer[n];
    String[] snippets = new String[n];
    String[] errors = new String[n];
    List<Long> done = new ArrayList<>();
    List<Long> again = new ArrayList<>();
    List<OffsetDateTime> againAt = new ArrayList<>();
    List<Boolean> giveUp = new ArrayList<>();
    // Per subscription: failures this round and the first one's time; successes reset the count.
    Map<UUID, Integer> failures = new LinkedHashMap<>();
    Map<UUID, OffsetDateTime> firstFailure = new LinkedHashMap<>();
    Set<UUID> succeeded = new LinkedHashSet<>();
    Instant now = Instant.now();
    for (int i = 0; i < n; i++) {
      Delivery d = deliveries.get(i);
      Attempt a = attempts.get(i);
      ids[i] = d.id();
      attemptedAt[i] = a.attemptedAt().atOffset(ZoneOffset.UTC);
      statuses[i] = a.httpStatus();
      latencies[i] = (int) a.latencyMillis();
      snippets[i] = a.responseSnippet();
      errors[i] = a.error();
      if (a.succeeded()) {
        done.add(d.id());
        succeeded.add(d.subscriptionId());
      } else {
        boolean expired = now.isAfter(d.createdAt().plus(retryFor));
        again.add(d.id());
        againAt.add((expired ? now : now.plus(policy.delayAfter(d.attempt()))).atOffset(ZoneOffset.UTC));
        giveUp.add(expired);
        failures.merge(d.subscriptionId(), 1, Integer::sum);
        firstFailure.putIfAbsent(d.subscriptionId(), attemptedAt[i]);
      }
    }
    return pool.withTransaction(conn -> {
      Uni<List<Failing>> failingSubs = failures.isEmpty() ? Uni.createFrom().item(List.of())
          : conn.preparedQuery(retryOrFail).execute(Tuple.of(again.toArray(new Long[0]),
                  againAt.toArray(new OffsetDateTime[0]), giveUp.toArray(new Boolean[0])))
              .chain(() -> conn.preparedQuery(failing).execute(Tuple.of(failures.keySet().toArray(new UUID[0]),
                  failures.values().toArray(new Integer[0]), firstFailure.values().toArray(new OffsetDateTime[0]))))
              .map(rows -> {
                List<Failing> out = new ArrayList<>();
                for (Row r : rows) {
                  out.add(new Failing(r.getUUID("id"), r.getString("url"), r.getInteger("failed_attempts"),
                      r.getOffsetDateTime("failing_since").toInstant(), r.getBoolean("active")));
                }
                return out;
              });
      return failingSubs.call(() -> succeeded.isEmpty() ? Uni.createFrom().voidItem()
              : conn.preparedQuery(healthy).execute(Tuple.of(succeeded.toArray(new UUID[0]))).replaceWithVoid())
          .call(() -> n == 0 ? Uni.createFrom().voidItem()
              : conn.preparedQuery(insertAttempts).execute(Tuple.of(ids, attemptedAt, statuses, latencies, snippets, errors))
                  .replaceWithVoid())
          .call(() -> done.isEmpty() ? Uni.createFrom().voidItem()
              : conn.preparedQuery(delivered).execute(Tuple.of(done.toArray(new Long[0]))).replaceWithVoid());
    });
  }
}
