package io.berth.gateway.webhook.subscription;

import io.berth.common.db.DbSchema;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The active subscriptions as the dispatcher matches facts against them, kept in memory: reading
 * them for every batch was a round trip on the path of every fact. This process drops the copy
 * after each change it commits ({@link #invalidate()}); changes made by another replica are seen
 * within {@link #MAX_AGE}. A stale copy never delivers to a deleted or disabled subscription: the
 * queueing statement checks each row against the table.
 */
@ApplicationScoped
public class ActiveSubscriptions {
  static final Duration MAX_AGE = Duration.ofSeconds(1);

  /** A subscription that takes deliveries: its filter and where and how to send. */
  public record Active(UUID id, SubscriptionFilter filter, String url, String secret, boolean binary) {}

  private record Copy(List<Active> subscriptions, long loadedAt, long generation) {}

  private final Pool pool;
  private final String select;
  private final AtomicLong generation = new AtomicLong();
  private volatile Copy copy;

  public ActiveSubscriptions(Pool pool, DbSchema schema) {
    this.pool = pool;
    this.select = "select id, event_types, labels, url, secret, binary_mode from "
        + schema.table("webhook_subscription") + " where active";
  }

  /** The active subscriptions, from memory when the copy is current. */
  public Uni<List<Active>> get() {
    Copy c = copy;
    if (c != null && c.generation() == generation.get() && System.nanoTime() - c.loadedAt() < MAX_AGE.toNanos()) {
      return Uni.createFrom().item(c.subscriptions());
    }
    // Taken before reading: a change committed during the read leaves this copy stale.
    long g = generation.get();
    long at = System.nanoTime();
    return pool.query(select).execute().map(rows -> {
      List<Active> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Active(r.getUUID("id"), SubscriptionFilter.fromJson(r.getString("event_types"), r.getString("labels")),
            r.getString("url"), r.getString("secret"), r.getBoolean("binary_mode")));
      }
      List<Active> all = List.copyOf(out);
      copy = new Copy(all, at, g);
      return all;
    });
  }

  /** A subscription changed (committed): the next {@link #get()} reads them again. */
  public void invalidate() {
    generation.incrementAndGet();
  }
}
