package io.berth.common.outbox;

import io.berth.common.db.DbSchema;
import io.berth.events.CloudEvent;
import io.berth.events.EventCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The producer side of the transactional outbox: records an event in the {@code outbox} table of
 * the caller's transaction, so the event exists if and only if the state change commits.
 * {@link OutboxRelay} publishes it after the commit (a trigger NOTIFYs the relay on commit).
 *
 * <p>Call it <b>inside</b> a Hibernate Reactive transaction ({@code @WithTransaction} or
 * {@code Panache.withTransaction}); outside one it fails rather than publish unconditionally.
 */
@ApplicationScoped
public class Outbox {
  /** The columns an event fills, in the order of {@link #columns}. */
  public static final String COLUMNS =
      " (id, topic, message_key, type, source, subject, event_time, dataschema, content_type, payload)";

  private final String table;
  private final String insert;
  private final String insertPositional;

  public Outbox(DbSchema schema) {
    this.table = schema.table("outbox");
    this.insert =
        "insert into " + schema.table("outbox") + COLUMNS
            + " values (:id, :topic, :key, :type, :source, :subject, :time, :dataschema, :contentType, :payload)";
    this.insertPositional =
        "insert into " + schema.table("outbox") + COLUMNS + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
  }

  /**
   * As {@link #add(CloudEvent)} for code that writes through the plain reactive client: the events
   * join the transaction {@code conn} is in ({@code pool.withTransaction}), each to its type's topic.
   */
  public Uni<Void> add(SqlConnection conn, List<? extends CloudEvent<?>> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = events.stream().map(e -> Tuple.from(row(e))).toList();
    return conn.preparedQuery(insertPositional).executeBatch(rows).replaceWithVoid();
  }

  /**
   * For writers that do a whole change in one statement: a multi-row insert of events, to use as a
   * data-modifying CTE ({@code with o as (<this>) ...}), taking the ten column arrays
   * {@link #columns} makes as parameters {@code $first} to {@code $first+9}. The rows get their
   * {@code sequence}, and so their publication order, in list order. The outbox trigger NOTIFYs
   * once per statement even when it inserts nothing: leave the CTE out when there is no event.
   */
  public String insertAll(int first) {
    return insertAll(first, null);
  }

  /** As {@link #insertAll(int)}, inserting only when {@code condition} (an SQL boolean) holds. */
  public String insertAll(int first, String condition) {
    String[] types = {"uuid", "text", "text", "text", "text", "text", "timestamptz", "text", "text", "text"};
    StringBuilder arrays = new StringBuilder();
    for (int i = 0; i < types.length; i++) {
      arrays.append(i == 0 ? "" : ", ").append('$').append(first + i).append("::").append(types[i]).append("[]");
    }
    return "insert into " + table + COLUMNS
        + " select id, topic, k, type, source, subject, t, ds, ct, p from unnest(" + arrays + ")"
        + " with ordinality as e(id, topic, k, type, source, subject, t, ds, ct, p, i)"
        + (condition == null ? "" : " where " + condition) + " order by i";
  }

  /** The ten column arrays of {@link #insertAll} for {@code events}, in order. */
  public static List<Object> columns(List<? extends CloudEvent<?>> events) {
    int n = events.size();
    Object[][] columns = {new UUID[n], new String[n], new String[n], new String[n], new String[n],
        new String[n], new OffsetDateTime[n], new String[n], new String[n], new String[n]};
    for (int i = 0; i < n; i++) {
      Object[] row = row(events.get(i));
      for (int c = 0; c < columns.length; c++) {
        columns[c][i] = row[c];
      }
    }
    return java.util.Arrays.<Object>asList((Object[]) columns);
  }

  // One outbox row: the CloudEvent's attributes, key = subject, and the JSON of its data.
  private static Object[] row(CloudEvent<?> e) {
    return new Object[] {
        UUID.fromString(e.id()), e.topic(), e.subject(), e.type(), e.source(), e.subject(),
        (e.time() != null ? e.time() : Instant.now()).atOffset(ZoneOffset.UTC), e.dataschema(),
        e.datacontenttype(), EventCodec.encodeToString(e.data())};
  }

  /** Adds {@code event} to the current transaction; it goes to the topic its type is registered for. */
  public Uni<Void> add(CloudEvent<?> event) {
    return add(event.topic(), event);
  }

  /** As {@link #add(CloudEvent)} to an explicit topic (e.g. a per-node command topic later). */
  public Uni<Void> add(String topic, CloudEvent<?> event) {
    String payload = EventCodec.encodeToString(event.data());
    return Panache.currentTransaction()
        .onItem()
        .ifNull()
        .failWith(() -> new IllegalStateException(
            "Outbox.add must run inside a transaction (@WithTransaction / Panache.withTransaction)"))
        .chain(tx -> Panache.getSession())
        .chain(session -> session.createNativeQuery(insert)
            .setParameter("id", UUID.fromString(event.id()))
            .setParameter("topic", topic)
            .setParameter("key", event.subject())
            .setParameter("type", event.type())
            .setParameter("source", event.source())
            .setParameter("subject", event.subject())
            .setParameter("time", event.time() != null ? event.time() : Instant.now())
            .setParameter("dataschema", event.dataschema())
            .setParameter("contentType", event.datacontenttype())
            .setParameter("payload", payload)
            .executeUpdate())
        .replaceWithVoid();
  }
}
