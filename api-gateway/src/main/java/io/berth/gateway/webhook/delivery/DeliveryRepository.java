package io.berth.gateway.webhook.delivery;

import io.berth.common.db.DbSchema;
import io.berth.gateway.webhook.subscription.SubscriptionService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
  private final String retry;
  private final String failed;
  private final String insertAttempt;
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
    this.delivered = "update " + d + " set state = 'delivered', finished_at = $2 where id = $1";
    this.retry = "update " + d + " set next_attempt_at = $2 where id = $1";
    this.failed = "update " + d + " set state = 'failed', finished_at = $2 where id = $1";
    this.insertAttempt = "insert into " + schema.table("webhook_attempt")
        + " (delivery_id, attempted_at, http_status, latency_ms, response_snippet, error) values ($1, $2, $3, $4, $5, $6)";
    this.healthy = "update " + s + " set failed_attempts = 0, failing_since = null where id = $1 and failed_attempts > 0";
    this.failing = "update " + s + " set failed_attempts = failed_attempts + 1,"
        + " failing_since = coalesce(failing_since, $2) where id = $1"
        + " returning id, url, failed_attempts, failing_since, active";
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
   * Records the attempts of one round; a failed delivery is retried at {@code nextAttempt} unless
   * it is past {@code retryFor}, then it is failed. Answers the subscriptions now failing.
   */
  public Uni<List<Failing>> record(List<Delivery> deliveries, List<Attempt> attempts, RetryPolicy policy, Duration retryFor) {
    return pool.withTransaction(conn -> {
      List<Tuple> attemptRows = new ArrayList<>();
      List<Tuple> done = new ArrayList<>();
      Uni<Void> chain = Uni.createFrom().voidItem();
      List<Failing> failingSubs = new ArrayList<>();
      // Once per subscription, not per delivery: a round holds many of the same subscription.
      Set<UUID> succeeded = new LinkedHashSet<>();
      for (int i = 0; i < deliveries.size(); i++) {
        Delivery d = deliveries.get(i);
        Attempt a = attempts.get(i);
        attemptRows.add(Tuple.from(new Object[] {d.id(), a.attemptedAt().atOffset(ZoneOffset.UTC), a.httpStatus(),
            (int) a.latencyMillis(), a.responseSnippet(), a.error()}));
        if (a.succeeded()) {
          done.add(Tuple.of(d.id(), Instant.now().atOffset(ZoneOffset.UTC)));
          succeeded.add(d.subscriptionId());
        } else {
          Instant now = Instant.now();
          boolean giveUp = now.isAfter(d.createdAt().plus(retryFor));
          Tuple t = Tuple.of(d.id(), (giveUp ? now : now.plus(policy.delayAfter(d.attempt()))).atOffset(ZoneOffset.UTC));
          chain = chain
              .chain(() -> conn.preparedQuery(giveUp ? failed : retry).execute(t))
              .chain(() -> conn.preparedQuery(failing).execute(Tuple.of(d.subscriptionId(), a.attemptedAt().atOffset(ZoneOffset.UTC))))
              .invoke(rows -> rows.forEach(r -> failingSubs.add(new Failing(r.getUUID("id"), r.getString("url"),
                  r.getInteger("failed_attempts"), r.getOffsetDateTime("failing_since").toInstant(), r.getBoolean("active")))))
              .replaceWithVoid();
        }
      }
      return chain
          .chain(() -> batch(conn, healthy, succeeded.stream().map(Tuple::of).toList()))
          .chain(() -> batch(conn, insertAttempt, attemptRows))
          .chain(() -> batch(conn, delivered, done))
          .replaceWith(failingSubs);
    });
  }

  private static Uni<Void> batch(SqlConnection conn, String sql, List<Tuple> rows) {
    return rows.isEmpty() ? Uni.createFrom().voidItem() : conn.preparedQuery(sql).executeBatch(rows).replaceWithVoid();
  }
}
